// objects/complex.h — complex: a pair of IEEE doubles. The compiler emits complex constants for
// imaginary literals (`2j`) through complex_from_doubles.
#pragma once

#include "objects/type.h"

namespace weft {

extern Type ComplexType;

struct ComplexObject : Object {
  double real;
  double imag;
};

inline bool is_complex(const Object* o) {
  return o->ob_type == &ComplexType || type_is_subtype(o->ob_type, &ComplexType);
}
inline bool is_complex_exact(const Object* o) { return o->ob_type == &ComplexType; }

Result<Ref<Object>> complex_from_doubles(double real, double imag);

}  // namespace weft
