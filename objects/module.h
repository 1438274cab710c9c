// objects/module.h — module objects (types.ModuleType).
//
// A module is a namespace dict with a name. Every thread that imports a module shares it, so
// modules use deferred reference counting (DESIGN §4): frames referencing a module never touch
// its count. The dict is created with the module and never replaced (__dict__ is read-only), so
// `module_dict` needs no lock; the dict itself does its own locking.
//
// Attribute lookup (module.__getattribute__): data descriptors of the type, the module dict,
// other descriptors of the type, then the module-level `__getattr__(name)` hook (PEP 562), else
// AttributeError "module 'x' has no attribute 'y'" (with CPython's circular-import variants).
#pragma once

#include "objects/type.h"

namespace weft {

extern Type ModuleType;

struct ModuleObject : Object {
  Object* dict;  // owned; never null, never replaced
  Object* weaklist;  // weak references to this object (objects/weakref.h)
};

inline bool is_module(const Object* o) {
  return o->ob_type == &ModuleType || type_is_subtype(o->ob_type, &ModuleType);
}
// The module's namespace (borrowed; lives as long as the module).
inline Object* module_dict(Object* m) { return static_cast<ModuleObject*>(m)->dict; }

// A new module named `name` (a str), its dict holding __name__, __doc__, __package__, __loader__
// and __spec__ (the last four None), as types.ModuleType(name) makes it.
Result<Ref<Object>> module_new(Object* name);
Result<Ref<Object>> module_new(const char* name);
// module.__name__ (new reference); SystemError "nameless module" if it is missing or not a str.
Result<Ref<Object>> module_get_name(Object* m);
// Sets module.<name> = value in the module's dict.
Status module_add_object(Object* m, const char* name, Object* value);

}  // namespace weft
