// objects/method.h — bound methods (`obj.method` for Python functions: __self__ + __func__).
//
// Immutable once created, so no locking. Calling one prepends __self__ to the arguments; the VM
// avoids creating them at all for `obj.m(...)` through LOAD_ATTR's method form.
#pragma once

#include "objects/type.h"

namespace weft {

extern Type MethodType;

struct MethodObject : Object {
  Object* func;  // owned: the callable (usually a function)
  Object* self;  // owned: the bound instance
  Object* weaklist;  // weak references to this object (objects/weakref.h)
};

inline bool is_method(const Object* o) { return o->ob_type == &MethodType; }

Result<Ref<Object>> method_new(Object* func, Object* self);

}  // namespace weft
