// objects/property.cpp — property(fget=None, fset=None, fdel=None, doc=None).
//
// A data descriptor calling fget/fset/fdel. getter()/setter()/deleter() return a copy made by
// calling type(self)(fget, fset, fdel, doc), so subclasses of property keep their type; the copy
// keeps the __set_name__ name. When no doc is given, fget.__doc__ is used and the copy refreshes
// it from the new getter (CPython's getter_doc rule).
//
// Messages (CPython 3.14): "property 'x' of 'C' object has no setter" with the name and the
// owner's __qualname__ as reprs, or "property of 'C' object has no setter" when unnamed.
//
// Fields are written by __init__ and __set_name__ before the property is shared in practice;
// __set_name__ and __doc__ assignment swap one pointer inside the object's critical section.
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"


namespace weft {

Type PropertyType;

namespace {

PropertyObject* as_prop(Object* o) { return static_cast<PropertyObject*>(o); }

// Replaces an owned field under the object's lock; the old value is released afterwards.
void swap_field(Object* self, Object** field, Object* value) {
  Object* old;
  {
    sync::CriticalSection cs(self->ob_mutex);
    old = std::exchange(*field, value ? new_ref(value).release() : nullptr);
  }
  xdecref(old);
}

Ref<Object> read_field(Object* self, Object* const* field) {
  sync::CriticalSection cs(self->ob_mutex);
  return Ref<Object>::borrow(*field);
}

void property_dealloc(Object* self) {
  PropertyObject* p = as_prop(self);
  for (Object** f : {&p->fget, &p->fset, &p->fdel, &p->doc, &p->name})
    xdecref(std::exchange(*f, nullptr));
  free_object(self);
}

// The collector's view of a property: its accessors, doc and name.
void property_traverse(Object* self, VisitFn visit, void* arg) {
  PropertyObject* p = as_prop(self);
  for (Object* f : {p->fget, p->fset, p->fdel, p->doc, p->name})
    if (f) visit(f, arg);
}

// Only the collector calls this, on an unreachable property.
void property_clear(Object* self) {
  PropertyObject* p = as_prop(self);
  for (Object** f : {&p->fget, &p->fset, &p->fdel, &p->doc, &p->name})
    xdecref(std::exchange(*f, nullptr));
}

Result<Ref<Object>> property_alloc(Type* type, Object* const*, size_t, Object*) {
  return object_generic_alloc(type);
}

Status property_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("property", "| fget fset fdel doc");
  Object* a[4];
  TRY(parser.parse(args, nargs, kwnames, a));
  for (Object*& v : a)
    if (v && is_none(v)) v = nullptr;
  PropertyObject* p = as_prop(self);
  swap_field(self, &p->fget, a[0]);
  swap_field(self, &p->fset, a[1]);
  swap_field(self, &p->fdel, a[2]);
  p->getter_doc = false;
  Ref<Object> doc = Ref<Object>::borrow(a[3]);
  if (!doc && a[0]) {
    Ref<Object> from_getter;
    Result<bool> found = lookup_attr(a[0], str_intern("__doc__"), &from_getter);
    if (found.is_error()) return Error{};
    if (found.value() && !is_none(from_getter.get())) {
      doc = std::move(from_getter);
      p->getter_doc = true;
    }
  }
  swap_field(self, &p->doc, doc.get());
  return ok();
}

// "property 'x' of 'C' object has no setter" / "property of 'C' object has no setter"
Error missing_accessor(Object* self, Object* obj, const char* what) {
  Ref<Object> name = read_field(self, &as_prop(self)->name);
  Result<Ref<Object>> qual = type_qualname(type_of(obj));
  if (qual.is_error()) return Error{};
  if (name) {
    return raise(exc::AttributeError, "property {} of {} object has no {}", fmt_repr(name.get()),
                 fmt_repr(qual.value().get()), what);
  }
  return raise(exc::AttributeError, "property of {} object has no {}",
               fmt_repr(qual.value().get()), what);
}

Result<Ref<Object>> property_get(Object* self, Object* obj, Object*) {
  if (!obj) return new_ref(self);
  Ref<Object> fget = read_field(self, &as_prop(self)->fget);
  if (!fget) return missing_accessor(self, obj, "getter");
  return call_one(fget.get(), obj);
}

Status property_set(Object* self, Object* obj, Object* value) {
  PropertyObject* p = as_prop(self);
  Ref<Object> fn = read_field(self, value ? &p->fset : &p->fdel);
  if (!fn) return missing_accessor(self, obj, value ? "setter" : "deleter");
  if (value) {
    Object* args[2] = {obj, value};
    TRY(call(fn.get(), args, 2, nullptr));
  } else {
    TRY(call_one(fn.get(), obj));
  }
  return ok();
}

// type(self)(fget, fset, fdel, doc), keeping the name; `which` 0/1/2 replaces fget/fset/fdel.
Result<Ref<Object>> property_copy(Object* self, int which, Object* fn) {
  PropertyObject* p = as_prop(self);
  Ref<Object> parts[3] = {read_field(self, &p->fget), read_field(self, &p->fset),
                          read_field(self, &p->fdel)};
  parts[which] = Ref<Object>::borrow(fn && !is_none(fn) ? fn : nullptr);
  Ref<Object> doc = read_field(self, &p->doc);
  // A doc taken from the old getter is re-derived from the new one.
  if (p->getter_doc && which == 0) doc.reset();
  Object* args[4];
  for (int i = 0; i < 3; ++i) args[i] = parts[i] ? parts[i].get() : none();
  args[3] = doc ? doc.get() : none();
  Ref<Object> copy = TRY(call(reinterpret_cast<Object*>(type_of(self)), args, 4, nullptr));
  if (is_instance_of(copy.get(), &PropertyType)) {
    Ref<Object> name = read_field(self, &p->name);
    if (name) swap_field(copy.get(), &as_prop(copy.get())->name, name.get());
  }
  return copy;
}

Result<Ref<Object>> property_getter(Object* self, Object* const* args, size_t, Object*) {
  return property_copy(self, 0, args[0]);
}
Result<Ref<Object>> property_setter(Object* self, Object* const* args, size_t, Object*) {
  return property_copy(self, 1, args[0]);
}
Result<Ref<Object>> property_deleter(Object* self, Object* const* args, size_t, Object*) {
  return property_copy(self, 2, args[0]);
}

Result<Ref<Object>> property_set_name(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  TRY(args_positional_only("__set_name__", nargs, kwnames, 2, 2));
  swap_field(self, &as_prop(self)->name, args[1]);
  return new_none();
}

Result<Ref<Object>> property_get_isabstract(Object* self) {
  PropertyObject* p = as_prop(self);
  for (Object** f : {&p->fget, &p->fset, &p->fdel}) {
    Ref<Object> fn = read_field(self, f);
    if (!fn) continue;
    Ref<Object> v;
    bool found = TRY(lookup_attr(fn.get(), str_intern("__isabstractmethod__"), &v));
    if (!found) continue;
    bool truth = TRY(object_is_true(v.get()));
    if (truth) return new_bool(true);
  }
  return new_bool(false);
}

Result<Ref<Object>> property_get_doc(Object* self) {
  Ref<Object> doc = read_field(self, &as_prop(self)->doc);
  return doc ? std::move(doc) : new_none();
}
Status property_set_doc(Object* self, Object* value) {
  swap_field(self, &as_prop(self)->doc, value);
  return ok();
}

Result<Ref<Object>> property_get_name(Object* self) {
  PropertyObject* p = as_prop(self);
  Ref<Object> name = read_field(self, &p->name);
  if (name) return name;
  Ref<Object> fget = read_field(self, &p->fget);
  if (fget) return get_attr(fget.get(), "__name__");
  return raise(exc::AttributeError, "'property' object has no attribute '__name__'");
}
Status property_set_name_attr(Object* self, Object* value) {
  swap_field(self, &as_prop(self)->name, value);
  return ok();
}

const MethodDef kPropertyMethods[] = {
    {"getter", property_getter, kMethOneArg, "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", property_setter, kMethOneArg, "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", property_deleter, kMethOneArg, "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", property_set_name, kMethFastcall, "Method to set name of a property."},
    {nullptr, nullptr, 0, nullptr},
};
const MemberDef kPropertyMembers[] = {
    {"fget", MemberKind::ObjectOrNone, offsetof(PropertyObject, fget), true, nullptr},
    {"fset", MemberKind::ObjectOrNone, offsetof(PropertyObject, fset), true, nullptr},
    {"fdel", MemberKind::ObjectOrNone, offsetof(PropertyObject, fdel), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};
const GetSetDef kPropertyGetSets[] = {
    {"__isabstractmethod__", property_get_isabstract, nullptr, nullptr},
    {"__doc__", property_get_doc, property_set_doc, nullptr},
    {"__name__", property_get_name, property_set_name_attr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_property_type() {
  Type* t = &PropertyType;
  init_static_object(t, &TypeType);
  t->name = "property";
  t->basicsize = sizeof(PropertyObject);
  t->flags = kTypeBaseType | kTypeImmutable | kTypeHaveGc;
  t->dealloc = property_dealloc;
  t->traverse = property_traverse;
  t->clear = property_clear;
  t->new_ = property_alloc;
  t->init = property_init;
  t->descr_get = property_get;
  t->descr_set = property_set;
  t->methods = kPropertyMethods;
  t->members = kPropertyMembers;
  t->getsets = kPropertyGetSets;
  return ok();
}

Status ready_property_type() { return type_ready(&PropertyType); }

}  // namespace

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_property_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_property_type);

}  // namespace weft
