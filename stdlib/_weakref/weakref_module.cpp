// stdlib/_weakref/weakref_module.cpp — the `_weakref` module (CPython's Modules/_weakref.c), on
// which Lib/weakref.py and Lib/_weakrefset.py build.
//
//   ref, ReferenceType        objects/weakref.cpp (subclassable)
//   proxy(o[, callback])      a ProxyType, or CallableProxyType when o is callable
//   ProxyType, CallableProxyType
//   getweakrefcount(o)        the number of weak references and proxies to o
//   getweakrefs(o)            a list of them
//   _remove_dead_weakref(d, key)  deletes d[key] if it is a dead weakref (WeakValueDictionary)
//
// Locking: _remove_dead_weakref checks and deletes inside the dict's critical section, so a value
// stored concurrently under the same key is never removed by mistake.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/weakref.h"
#include "sync/critical_section.h"
#include "vm/module_table.h"

namespace weft::weakref_module {
namespace {

bool is_any_weakref(Object* o) {
  return is_instance_of(o, &WeakrefType) || type_of(o) == &WeakProxyType ||
         type_of(o) == &WeakCallableProxyType;
}

Result<Ref<Object>> proxy(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("proxy", nargs, kwnames, 1, 2));
  return weakref_new_proxy(args[0], nargs == 2 ? args[1] : nullptr);
}

Result<Ref<Object>> getweakrefcount(Object*, Object* const* args, size_t, Object*) {
  return int_from_i64(weakref_count(args[0]));
}

Result<Ref<Object>> getweakrefs(Object*, Object* const* args, size_t, Object*) {
  return weakref_list(args[0]);
}

Result<Ref<Object>> remove_dead_weakref(Object*, Object* const* args, size_t nargs,
                                        Object* kwnames) {
  TRY(args_positional_only("_remove_dead_weakref", nargs, kwnames, 2, 2));
  Object* d = args[0];
  Object* key = args[1];
  if (!is_dict(d)) {
    return raise(exc::TypeError, "_remove_dead_weakref() argument 1 must be dict, not {}",
                 type_name_of(d));
  }
  sync::CriticalSection cs{d->ob_mutex};
  Ref<Object> value;
  bool found = TRY(dict_get_item(d, key, &value));
  if (!found) return new_none();  // already gone: not an error
  if (!is_any_weakref(value.get())) return raise(exc::TypeError, "not a weakref");
  if (weakref_get_referent(value.get())) return new_none();  // alive again under this key
  Status deleted = dict_del_item(d, key);
  if (deleted.is_error()) {
    if (!error_matches(exc::KeyError)) return Error{};
    clear_error();
  }
  return new_none();
}

const MethodDef kWeakrefFunctions[] = {
    {"getweakrefcount", getweakrefcount, kMethOneArg,
     "Return the number of weak references to 'object'."},
    {"getweakrefs", getweakrefs, kMethOneArg,
     "Return a list of all weak reference objects pointing to 'object'."},
    {"proxy", proxy, kMethFastcall,
     "Create a proxy object that weakly references 'object'.\n\n'callback', if given, is called "
     "with a reference to the proxy when 'object' is about to be finalized."},
    {"_remove_dead_weakref", remove_dead_weakref, kMethFastcall,
     "Atomically remove key from dict if it points to a dead weakref."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_weakref_module() {
  Ref<Object> m = TRY(module_new("_weakref"));
  Object* dict = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("_weakref"));
  TRY(dict_set_item_str(dict, "__doc__", TRY(str_from_ascii("Weak-reference support module.")).get()));
  TRY(add_functions_to_dict(dict, kWeakrefFunctions, m.get(), name.get()));
  TRY(dict_set_item_str(dict, "ref", &WeakrefType));
  TRY(dict_set_item_str(dict, "ReferenceType", &WeakrefType));
  TRY(dict_set_item_str(dict, "ProxyType", &WeakProxyType));
  TRY(dict_set_item_str(dict, "CallableProxyType", &WeakCallableProxyType));
  return m;
}

WEFT_NATIVE_MODULE("_weakref", create_weakref_module);

}  // namespace
}  // namespace weft::weakref_module
