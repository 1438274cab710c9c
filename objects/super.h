// objects/super.h — super(): attribute lookup that starts after a given class in the MRO of
// an instance's (or class's) type (objects/super.cpp).
#pragma once

#include "objects/type.h"

namespace weft {

extern Type SuperType;

struct SuperObject : Object {
  Type* type;      // owned: the class whose successors are searched (nullptr before __init__)
  Object* obj;     // owned: the instance or class, or nullptr (unbound super)
  Type* obj_type;  // owned: type(obj), or obj itself when obj is a subclass of `type`
};

// super(start_after, self_or_type).name without creating the super object (LOAD_SUPER_ATTR):
// searches the MRO of self_or_type's type (or of self_or_type itself when it is a class that is
// a subclass of start_after) after start_after, binding descriptors as super does. TypeError as
// super() when self_or_type is neither an instance nor a subclass of start_after.
Result<Ref<Object>> super_getattr(Type* start_after, Object* self_or_type, Object* name);

// Zero-argument super(): the VM installs a hook that finds, in the calling Python frame, the
// __class__ cell and the first argument. It sets *type and *obj (new references) or raises
// RuntimeError with CPython's messages ("super(): no arguments", "super(): __class__ cell not
// found", "super(): empty __class__ cell"...). Installed once at start-up.
using ZeroArgSuperHook = Status (*)(Ref<Object>* type, Ref<Object>* obj);
void set_zero_arg_super_hook(ZeroArgSuperHook hook);

}  // namespace weft
