// stdlib/math/math_support.h — what the `math` module's files share: argument conversion with
// CPython's rules and messages, and the function tables each file contributes.
#pragma once

#include "core/result.h"
#include "objects/ref.h"
#include "objects/type.h"

namespace weft::math_module {

// PyFloat_AsDouble: a float's value, else __float__, else __index__; TypeError
// "must be real number, not X" for anything else.
Result<double> to_double(Object* o);

// A float result, with CPython's checks for a libm result r computed from finite-or-not inputs.
Result<Ref<Object>> float_result(double r);

// ValueError "math domain error" / OverflowError "math range error".
Error domain_error();
Error range_error();

// Tables ending in a null entry, assembled by math_module.cpp.
extern const MethodDef kMathFloatFunctions[];    // math_float.cpp
extern const MethodDef kMathIntegerFunctions[];  // math_integer.cpp
extern const MethodDef kMathSumFunctions[];      // math_sum.cpp

}  // namespace weft::math_module
