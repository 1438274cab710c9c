// objects/exceptions_internal.h — shared between exceptions.cpp and exception_group.cpp only.
#pragma once

#include "objects/type.h"

namespace weft {
// Fills the two exception-group types (slots, methods, layout) during kPhaseFill.
void fill_exception_group_types(Type* base_group, Type* group);
}  // namespace weft
