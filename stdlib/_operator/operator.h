// stdlib/_operator/operator.h — the callable types of `_operator` (operator_getters.cpp), which
// the module (operator_functions.cpp) publishes.
#pragma once

#include "objects/type.h"

namespace weft::operator_module {

extern Type ItemGetterType;    // operator.itemgetter
extern Type AttrGetterType;    // operator.attrgetter
extern Type MethodCallerType;  // operator.methodcaller

}  // namespace weft::operator_module
