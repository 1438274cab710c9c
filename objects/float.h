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
// float(x) for a str or bytes `x` (the caller checked the type): Unicode whitespace and digits
// as CPython; ValueError "could not convert string to float: 'x'".
Result<Ref<Object>> float_from_text_object(Object* x);
// repr(float) text: "1.0", "1e+16", "inf", "nan", "-0.0".
std::string float_repr_string(double v);
int64_t float_hash(double v);  // CPython's numeric hash; 0 for NaN (the slot hashes NaN by identity)

// The float number slots, also used by int for mixed operations (int ** negative int).
// They accept float and int operands and return NotImplemented for anything else.
Result<Ref<Object>> float_power(Object* a, Object* b, Object* mod /*None or nullptr*/);
// Exact comparison of a double with an int (no precision loss for big ints): -1, 0, 1;
// `v` must not be NaN.
int float_compare_with_int(double v, Object* i);
// float.__format__ / format(float, spec).
Result<Ref<Object>> float_format(Object* o, Object* spec);
// The value of a float or int operand as a double (OverflowError for huge ints), or false
// without an exception when `o` is neither.
Result<bool> float_operand(Object* o, double* out);
// CPython's PyFloat_AsDouble: a float's value, else __float__, else __index__; TypeError
// "must be real number, not X" for anything else.
Result<double> float_as_double(Object* o);

}  // namespace weft
