// objects/float.h — float: an IEEE double. repr is the shortest round-trip form
// (std::to_chars), formatted as CPython's float_repr_style 'short' does.
#pragma once

#include <string>

#include "objects/type.h"

namespace weft {

extern Type FloatType;

struct FloatObject : Object {
  double value;
};

inline bool is_float(const Object* o) { return o->ob_type == &FloatType || type_is_subtype(o->ob_type, &FloatType); }
inline bool is_float_exact(const Object* o) { return o->ob_type == &FloatType; }
inline double float_value(const Object* o) { return static_cast<const FloatObject*>(o)->value; }

Result<Ref<Object>> float_from_double(double v);
// float(s): strips whitespace, accepts underscores as CPython, "inf", "nan"...
Result<Ref<Object>> float_from_string(std::string_view s);
// repr(float) text: "1.0", "1e+16", "inf", "nan", "-0.0".
std::string float_repr_string(double v);
int64_t float_hash(double v);  // CPython's numeric hash

}  // namespace weft
