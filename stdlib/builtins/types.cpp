// stdlib/builtins/types.cpp — the built-in types defined outside objects/'s core headers that the
// builtins module exposes by their short names (see builtins.h).
#include "objects/bytearray.h"
#include "objects/iterators.h"
#include "objects/complex.h"
#include "objects/memoryview.h"
#include "objects/range.h"
#include "objects/super.h"
#include "stdlib/builtins/builtins.h"

namespace weft::builtins {

std::initializer_list<Type*> extra_builtin_types() {
  static const std::initializer_list<Type*> types = {
      &RangeType, &EnumerateType, &ZipType, &MapType, &FilterType, &ReversedType, &SuperType,
      &ComplexType, &ByteArrayType, &MemoryViewType,
  };
  return types;
}

}  // namespace weft::builtins
