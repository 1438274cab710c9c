// objects/annotations_descr.cpp — `__annotations__` and `__annotate__` of classes and modules
// (PEP 649/749), with CPython 3.14's rules and messages.
//
// The compiler stores a class body's annotate function as `__annotate_func__` and a module's as
// `__annotate__` (vm/compiler/codegen_annotations.cpp). Reading `__annotations__` calls it with
// format 1 (VALUE) the first time and caches the dict: a class in `__annotations_cache__` (so a
// subclass never sees its base's cache through the MRO: each class reads its own dict only), a
// module in `__annotations__` (unless the module is still initialising, spec._initializing).
// An explicit `__annotations__` in a class dict (old code, `from __future__ import annotations`)
// wins. Setting `__annotate__` to a callable drops the cache; setting `__annotations__` drops the
// annotate function. Static types have neither attribute.
// Locking: every read and write goes through the dict's own critical section (dict_* calls);
// two threads computing the dict at once both call __annotate__ and the last store wins, as in
// CPython. Type dict writes are followed by type_modified() for the attribute cache.
#include "objects/annotations_descr.h"

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/type.h"

namespace weft {

namespace {

Type* as_type(Object* o) { return reinterpret_cast<Type*>(o); }

// Calls `annotate(1)` when it is callable (else an empty dict) and checks the result's type.
Result<Ref<Object>> call_annotate(Object* annotate) {
  if (!annotate || !is_callable(annotate)) return dict_new();
  Ref<Object> one = TRY(int_from_i64(1));
  Ref<Object> result = TRY(call_one(annotate, one.get()));
  if (!is_dict(result.get())) {
    return raise(exc::TypeError, "__annotate__ returned non-dict of type '{}'",
                 type_name_of(result.get()));
  }
  return result;
}

// A value found in a class dict, bound like CPython's tp_descr_get(value, NULL, type).
Result<Ref<Object>> bind_to_class(Ref<Object> value, Object* cls) {
  DescrGetFn get = type_of(value.get())->descr_get;
  if (get) return get(value.get(), nullptr, cls);
  return value;
}

Status check_static(Type* t, const char* attr) {
  if (type_has_flag(t, kTypeHeap)) return ok();
  return raise(exc::AttributeError, "type object '{}' has no attribute '{}'", t->name, attr);
}

Status check_mutable(Type* t, const char* attr) {
  if (!type_has_flag(t, kTypeImmutable)) return ok();
  return raise(exc::TypeError, "cannot set '{}' attribute of immutable type '{}'", attr, t->name);
}

Status check_annotate_value(Object* value) {
  if (!value) return raise(exc::TypeError, "cannot delete __annotate__ attribute");
  if (!is_none(value) && !is_callable(value))
    return raise(exc::TypeError, "__annotate__ must be callable or None");
  return ok();
}

}  // namespace

Result<Ref<Object>> type_get_annotate(Object* self) {
  Type* t = as_type(self);
  TRY(check_static(t, "__annotate__"));
  Ref<Object> annotate;
  bool found = TRY(dict_get_item_str(t->dict, str_intern("__annotate__"), &annotate));
  if (!found) found = TRY(dict_get_item_str(t->dict, str_intern("__annotate_func__"), &annotate));
  if (found) return bind_to_class(std::move(annotate), self);
  TRY(dict_set_item(t->dict, str_intern("__annotate_func__"), none()));
  type_modified(t);
  return new_none();
}

Status type_set_annotate(Object* self, Object* value) {
  Type* t = as_type(self);
  TRY(check_annotate_value(value));
  TRY(check_mutable(t, "__annotate__"));
  TRY(dict_set_item(t->dict, str_intern("__annotate_func__"), value));
  if (!is_none(value)) TRY(dict_pop(t->dict, str_intern("__annotations_cache__"), nullptr));
  type_modified(t);
  return ok();
}

Result<Ref<Object>> type_get_annotations(Object* self) {
  Type* t = as_type(self);
  TRY(check_static(t, "__annotations__"));
  Ref<Object> annotations;
  bool found = TRY(dict_get_item_str(t->dict, str_intern("__annotations__"), &annotations));
  if (!found)
    found = TRY(dict_get_item_str(t->dict, str_intern("__annotations_cache__"), &annotations));
  if (found) return bind_to_class(std::move(annotations), self);
  // Through the attribute, so a metaclass or an explicit class-level __annotate__ is honoured.
  Ref<Object> annotate = TRY(get_attr(self, "__annotate__"));
  annotations = TRY(call_annotate(annotate.get()));
  TRY(dict_set_item(t->dict, str_intern("__annotations_cache__"), annotations.get()));
  type_modified(t);
  return annotations;
}

Status type_set_annotations(Object* self, Object* value) {
  Type* t = as_type(self);
  TRY(check_mutable(t, "__annotations__"));
  if (value) {
    TRY(dict_set_item(t->dict, str_intern("__annotations_cache__"), value));
  } else {
    bool removed = TRY(dict_pop(t->dict, str_intern("__annotations_cache__"), nullptr));
    if (!removed) return raise(exc::AttributeError, "__annotations__");
  }
  TRY(dict_pop(t->dict, str_intern("__annotate_func__"), nullptr));
  TRY(dict_pop(t->dict, str_intern("__annotate__"), nullptr));
  type_modified(t);
  return ok();
}

namespace {
// importlib sets spec._initializing while the module body runs: annotations read then are not
// cached (the body may still add some).
Result<bool> module_is_initializing(Object* dict) {
  Ref<Object> spec;
  if (!TRY(dict_get_item_str(dict, str_intern("__spec__"), &spec))) return false;
  Ref<Object> flag;
  if (!TRY(lookup_attr(spec.get(), str_intern("_initializing"), &flag))) return false;
  return object_is_true(flag.get());
}
}  // namespace

Result<Ref<Object>> module_get_annotations(Object* self) {
  Object* dict = module_dict(self);
  Ref<Object> annotations;
  if (TRY(dict_get_item_str(dict, str_intern("__annotations__"), &annotations))) return annotations;
  bool initializing = TRY(module_is_initializing(dict));
  Ref<Object> annotate;
  TRY(dict_get_item_str(dict, str_intern("__annotate__"), &annotate));
  annotations = TRY(call_annotate(annotate.get()));
  if (!initializing) TRY(dict_set_item(dict, str_intern("__annotations__"), annotations.get()));
  return annotations;
}

Status module_set_annotations(Object* self, Object* value) {
  Object* dict = module_dict(self);
  if (value) {
    TRY(dict_set_item(dict, str_intern("__annotations__"), value));
  } else {
    bool removed = TRY(dict_pop(dict, str_intern("__annotations__"), nullptr));
    if (!removed) return raise(exc::AttributeError, "__annotations__");
  }
  TRY(dict_pop(dict, str_intern("__annotate__"), nullptr));
  return ok();
}

Result<Ref<Object>> module_get_annotate(Object* self) {
  Object* dict = module_dict(self);
  Ref<Object> annotate;
  if (TRY(dict_get_item_str(dict, str_intern("__annotate__"), &annotate))) return annotate;
  TRY(dict_set_item(dict, str_intern("__annotate__"), none()));
  return new_none();
}

Status module_set_annotate(Object* self, Object* value) {
  TRY(check_annotate_value(value));
  Object* dict = module_dict(self);
  TRY(dict_set_item(dict, str_intern("__annotate__"), value));
  if (!is_none(value)) TRY(dict_pop(dict, str_intern("__annotations__"), nullptr));
  return ok();
}

}  // namespace weft
