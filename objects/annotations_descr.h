// objects/annotations_descr.h — PEP 649/749 `__annotations__` / `__annotate__` of classes and
// modules (the getset descriptors of `type` and `module`); see annotations_descr.cpp.
#pragma once

#include "core/result.h"
#include "objects/ref.h"

namespace weft {

Result<Ref<Object>> type_get_annotations(Object* self);
Status type_set_annotations(Object* self, Object* value);  // value null: delete
Result<Ref<Object>> type_get_annotate(Object* self);
Status type_set_annotate(Object* self, Object* value);
Result<Ref<Object>> module_get_annotations(Object* self);
Status module_set_annotations(Object* self, Object* value);
Result<Ref<Object>> module_get_annotate(Object* self);
Status module_set_annotate(Object* self, Object* value);

}  // namespace weft
