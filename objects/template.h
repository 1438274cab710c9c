// objects/template.h — PEP 750 template strings: string.templatelib.Template (what t"..."
// evaluates to) and string.templatelib.Interpolation (one `{expr!c:spec}` of it).
#pragma once

#include "objects/type.h"

namespace weft {

extern Type TemplateType;       // string.templatelib.Template
extern Type InterpolationType;  // string.templatelib.Interpolation

// BUILD_TEMPLATE: `strings` (a tuple of str, one more than the interpolations) and
// `interpolations` (a tuple of Interpolation), used as they are.
Result<Ref<Object>> template_from_parts(Object* strings, Object* interpolations);

// BUILD_INTERPOLATION: `conversion` is 0 (none), 's', 'r' or 'a'; `format_spec` may be null
// (the empty string).
Result<Ref<Object>> interpolation_new(Object* value, Object* expression, int conversion,
                                      Object* format_spec);

}  // namespace weft
