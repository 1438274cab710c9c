// vm/eval_names.cpp — name lookups of the eval loop: globals, builtins, class/module namespaces,
// cells, and the errors CPython 3.14 raises for missing names.
//
// Globals and builtins are dicts; exact dicts use dict_get_item_str (lock-free reads of str keys,
// objects/dict.h). A class body's namespace may be any mapping (from __prepare__): it goes
// through the mapping protocol, where a KeyError means "not here".
#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/cell.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/eval_ops.h"
#include "vm/opcodes.h"

namespace weft::vm {
namespace {

// mapping[name] for any mapping: true and *out when present, false when missing (KeyError
// swallowed), error otherwise.
Result<bool> mapping_lookup(Object* mapping, Object* name, Ref<Object>* out) {
  if (is_dict_exact(mapping)) return dict_get_item_str(mapping, name, out);
  Result<Ref<Object>> v = get_item(mapping, name);
  if (v.is_error()) {
    if (!error_matches(exc::KeyError)) return Error{};
    clear_error();
    return false;
  }
  *out = v.release_value();
  return true;
}

// Globals that are a dict subclass go through __getitem__ (a __missing__ counts), as CPython's
// slow path does; annotationlib's fake globals rely on it.
Result<Ref<Object>> globals_then_builtins(Frame* f, Object* name) {
  Ref<Object> v;
  if (TRY(mapping_lookup(f->globals, name, &v))) return v;
  if (TRY(mapping_lookup(f->builtins, name, &v))) return v;
  return name_error(name);
}

}  // namespace

Error name_error(Object* name) {
  return raise(exc::NameError, "name '{}' is not defined", name);
}

Error unbound_local_error(Object* name) {
  return raise(exc::UnboundLocalError,
               "cannot access local variable '{}' where it is not associated with a value", name);
}

Error unbound_deref_error(const CodeObject* code, int index) {
  Object* name = tuple_item(code->localsplusnames, index);
  uint8_t kind = static_cast<uint8_t>(bytes_view(code->localspluskinds)[index]);
  if (kind & kFastFree) {
    return raise(exc::NameError,
                 "cannot access free variable '{}' where it is not associated with a value in "
                 "enclosing scope",
                 name);
  }
  return unbound_local_error(name);
}

Result<Ref<Object>> load_global(Frame* f, Object* name) { return globals_then_builtins(f, name); }

Result<Ref<Object>> load_name(Frame* f, Object* name) {
  Ref<Object> v;
  if (!f->locals) return raise(exc::SystemError, "no locals when loading '{}'", fmt_repr(name));
  if (TRY(mapping_lookup(f->locals, name, &v))) return v;
  return globals_then_builtins(f, name);
}

Status store_name(Frame* f, Object* name, Object* value) {
  if (!f->locals) return raise(exc::SystemError, "no locals found when storing '{}'", fmt_repr(name));
  if (is_dict_exact(f->locals)) return dict_set_item(f->locals, name, value);
  return set_item(f->locals, name, value);
}

Status delete_name(Frame* f, Object* name) {
  if (!f->locals) return raise(exc::SystemError, "no locals when deleting '{}'", fmt_repr(name));
  Status st = del_item(f->locals, name);
  if (st.is_error() && error_matches(exc::KeyError)) {
    clear_error();
    return name_error(name);
  }
  return st;
}

Status delete_global(Frame* f, Object* name) {
  if (!TRY(dict_pop(f->globals, name, nullptr))) return name_error(name);
  return ok();
}

Result<Ref<Object>> load_from_dict_or_globals(Frame* f, Object* mapping, Object* name) {
  Ref<Object> v;
  if (TRY(mapping_lookup(mapping, name, &v))) return v;
  return globals_then_builtins(f, name);
}

Result<Ref<Object>> load_from_dict_or_deref(Frame* f, Object* mapping, int index) {
  Object* name = tuple_item(f->code->localsplusnames, index);
  Ref<Object> v;
  if (TRY(mapping_lookup(mapping, name, &v))) return v;
  v = cell_get(f->localsplus()[index]);
  if (!v) return unbound_deref_error(f->code, index);
  return v;
}

Result<Ref<Object>> load_common_constant(Frame* f, int which) {
  switch (which) {
    case CONSTANT_ASSERTIONERROR: return new_ref(reinterpret_cast<Object*>(exc::AssertionError));
    case CONSTANT_NOTIMPLEMENTEDERROR:
      return new_ref(reinterpret_cast<Object*>(exc::NotImplementedError));
    case CONSTANT_BUILTIN_TUPLE: return new_ref(reinterpret_cast<Object*>(&TupleType));
    case CONSTANT_BUILTIN_ALL: return globals_then_builtins(f, str_intern("all"));
    case CONSTANT_BUILTIN_ANY: return globals_then_builtins(f, str_intern("any"));
    default: return raise(exc::SystemError, "bad LOAD_COMMON_CONSTANT oparg {}", which);
  }
}

Result<Ref<Object>> load_build_class(Frame* f) {
  Ref<Object> v;
  if (TRY(mapping_lookup(f->builtins, str_intern("__build_class__"), &v))) return v;
  return raise(exc::NameError, "__build_class__ not found");
}

Status setup_annotations(Frame* f) {
  if (!f->locals) return raise(exc::SystemError, "no locals found when setting up annotations");
  Object* key = str_intern("__annotations__");
  Ref<Object> existing;
  if (TRY(mapping_lookup(f->locals, key, &existing))) return ok();
  Ref<Object> d = TRY(dict_new());
  return store_name(f, key, d.get());
}

}  // namespace weft::vm
