// stdlib/_struct/struct_layout.h — a compiled struct format: the byte order, the size and the
// list of fields with their offsets and codecs (struct_layout.cpp), shared by the Struct type
// and the module functions (struct_module.cpp).
//
// A Layout is immutable once compiled, so one Struct is used by any number of threads at once.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "objects/type.h"

namespace weft::struct_module {

// struct.error, created at start-up; immutable afterwards.
extern Type* g_struct_error;

enum class ByteOrder : uint8_t { Native, Little, Big };

struct Codec;

// A run of `repeat` values of `codec`, the first at `offset`, each `length` bytes long (for 's'
// and 'p' one value of `length` bytes; otherwise the codec's size). Pad bytes ('x') produce no
// fields. A format like '1000i' is one Field, not a thousand.
struct Field {
  const Codec* codec;
  int64_t offset;
  int64_t length;
  int64_t repeat;
};

struct Layout {
  std::vector<Field> fields;   // in order
  int64_t size = 0;            // calcsize()
  int64_t nvalues = 0;         // the number of values pack() takes and unpack() returns
  bool little_endian = false;  // the byte order of the fields
};

// Compiles `format` (ASCII bytes). struct.error "bad char in struct format", "repeat count given
// without format specifier", "total struct size too long", "embedded null character".
Status compile_layout(std::string_view format, Layout* out);

// Writes the values of `args` (exactly layout.nvalues of them) into `buffer`, which holds
// layout.size bytes the caller zeroed. struct.error/OverflowError with CPython's messages.
Status pack_values(const Layout& layout, Object* const* args, char* buffer);

// A tuple of the values in `data` (layout.size bytes).
Result<Ref<Object>> unpack_values(const Layout& layout, const char* data);

}  // namespace weft::struct_module
