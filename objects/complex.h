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

// complex(str): parses `text` (a str) into its parts, raising CPython's ValueError when it is
// malformed (complex_text.cpp).
Status complex_parse_text(Object* text, double* re, double* im);
// complex.__format__: `self` is the complex (for messages), `spec` a str (complex_text.cpp).
Result<Ref<Object>> complex_format(Object* self, double re, double im, Object* spec);

}  // namespace weft
