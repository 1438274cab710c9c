// objects/float_internal.h — helpers shared by float.cpp, float_format.cpp, float_methods.cpp
// and complex.cpp. Not for use outside the numbers code.
#pragma once

#include <string>
#include <string_view>

#include "objects/float.h"

namespace weft {

// A new instance of `type` (float or a subclass) holding `v`.
Result<Ref<Object>> float_new_of_type(Type* type, double v);
// str `s` as ASCII for the number parsers (float(), complex()): Unicode white space becomes ' ',
// Unicode decimal digits their ASCII digit, any other non-ASCII character '?' (never valid).
std::string numeric_text_ascii(Object* s);
// Parses ASCII text with float()'s rules; false when it is not a float literal.
bool parse_float_ascii(std::string_view s, double* out);
// Shortest round-trip decimal digits of finite v >= 0 (no trailing zeros) and the position of
// the decimal point: v == 0.d1d2d3... * 10**decpt.
void shortest_digits(double v, std::string* digits, int* decpt);
// A negative float raised to a non-integer power: the complex result (complex.cpp).
Result<Ref<Object>> complex_power_from_floats(double base, double exp);

extern const MethodDef kFloatMethods[];
extern const GetSetDef kFloatGetSets[];

}  // namespace weft
