// stdlib/math/math_module.cpp — assembles the `math` module (CPython's Modules/mathmodule.c):
// the constants and the function tables of math_float.cpp, math_integer.cpp and math_sum.cpp.
// Immutable after creation: no locking.
#include <cmath>
#include <limits>

#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/module.h"
#include "objects/str.h"
#include "stdlib/math/math_support.h"
#include "vm/module_table.h"

namespace weft::math_module {
namespace {

Status add_constant(Object* dict, const char* name, double value) {
  Ref<Object> f = TRY(float_from_double(value));
  return dict_set_item_str(dict, name, f.get());
}

Result<Ref<Object>> create_math_module() {
  Ref<Object> m = TRY(module_new("math"));
  Object* dict = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("math"));
  Ref<Object> doc = TRY(str_from_ascii(
      "This module provides access to the mathematical functions\n"
      "defined by the C standard."));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  for (const MethodDef* table : {kMathFloatFunctions, kMathIntegerFunctions, kMathSumFunctions})
    TRY(add_functions_to_dict(dict, table, m.get(), name.get()));
  TRY(add_constant(dict, "pi", M_PI));
  TRY(add_constant(dict, "e", M_E));
  TRY(add_constant(dict, "tau", 2.0 * M_PI));
  TRY(add_constant(dict, "inf", std::numeric_limits<double>::infinity()));
  TRY(add_constant(dict, "nan", std::numeric_limits<double>::quiet_NaN()));
  return m;
}

WEFT_NATIVE_MODULE("math", create_math_module);

}  // namespace
}  // namespace weft::math_module
