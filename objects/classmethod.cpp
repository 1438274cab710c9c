// objects/classmethod.cpp — the staticmethod and classmethod decorators.
//
// Both wrap one callable. staticmethod's __get__ returns the callable itself; classmethod's
// binds it to the class (the instance's type when looked up on an instance). As in CPython 3.10+
// both copy __module__, __name__, __qualname__ and __doc__ of the callable into their own
// __dict__ (functools.wraps-style) and expose it as __func__ and __wrapped__; staticmethod
// objects are callable.
//
// The wrapped callable is set once by __init__ before the object is shared, and the instance
// __dict__ is a dict with its own locking, so no extra locking is needed here.
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/method.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/type_registry.h"


namespace weft {

Type ClassMethodType, StaticMethodType;

namespace {

// staticmethod and classmethod share their layout: { callable, dict }.
static_assert(offsetof(StaticMethodObject, callable) == offsetof(ClassMethodObject, callable));
static_assert(offsetof(StaticMethodObject, dict) == offsetof(ClassMethodObject, dict));
StaticMethodObject* as_wrapper(Object* o) { return static_cast<StaticMethodObject*>(o); }

void wrapper_dealloc(Object* self) {
  StaticMethodObject* w = as_wrapper(self);
  xdecref(std::exchange(w->callable, nullptr));
  xdecref(std::exchange(w->dict, nullptr));
  free_object(self);
}

// The collector's view: the wrapped callable and the __dict__ (a class's staticmethod __new__
// wraps a function whose __class__ cell holds the class: a cycle through this wrapper).
void wrapper_traverse(Object* self, VisitFn visit, void* arg) {
  StaticMethodObject* w = as_wrapper(self);
  if (w->callable) visit(w->callable, arg);
  if (w->dict) visit(w->dict, arg);
}

// Only the collector calls this, on an unreachable wrapper.
void wrapper_clear(Object* self) {
  StaticMethodObject* w = as_wrapper(self);
  xdecref(std::exchange(w->callable, nullptr));
  xdecref(std::exchange(w->dict, nullptr));
}

Result<Ref<Object>> wrapper_alloc(Type* type, Object* const*, size_t, Object*) {
  return object_generic_alloc(type);
}

// functools.wraps for the decorator: copies the callable's metadata into the instance dict.
Status copy_wraps(Object* self, Object* callable) {
  static const char* const kNames[] = {"__module__", "__name__", "__qualname__", "__doc__"};
  StaticMethodObject* w = as_wrapper(self);
  if (!w->dict) w->dict = TRY(dict_new()).release();
  for (const char* n : kNames) {
    Ref<Object> v;
    bool found = TRY(lookup_attr(callable, str_intern(n), &v));
    if (found) TRY(dict_set_item(w->dict, str_intern(n), v.get()));
  }
  return ok();
}

Status wrapper_init_common(const char* name, Object* self, Object* const* args, size_t nargs,
                           Object* kwnames) {
  TRY(args_no_keywords(name, kwnames));
  TRY(args_check_positional(name, nargs, 1, 1));
  StaticMethodObject* w = as_wrapper(self);
  xdecref(std::exchange(w->callable, new_ref(args[0]).release()));
  return copy_wraps(self, args[0]);
}

Status staticmethod_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  return wrapper_init_common("staticmethod", self, args, nargs, kwnames);
}

Status classmethod_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  return wrapper_init_common("classmethod", self, args, nargs, kwnames);
}

Error uninitialized(Object* self) {
  return raise(exc::RuntimeError, "uninitialized {} object", type_name_of(self));
}

Result<Ref<Object>> staticmethod_get(Object* self, Object*, Object*) {
  Object* c = as_wrapper(self)->callable;
  if (!c) return uninitialized(self);
  return new_ref(c);
}

Result<Ref<Object>> staticmethod_call(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  Object* c = as_wrapper(self)->callable;
  if (!c) return uninitialized(self);
  return call(c, args, nargs, kwnames);
}

Result<Ref<Object>> classmethod_get(Object* self, Object* obj, Object* type) {
  Object* c = as_wrapper(self)->callable;
  if (!c) return uninitialized(self);
  if (!type) type = reinterpret_cast<Object*>(type_of(obj));
  return method_new(c, type);
}

Result<Ref<Object>> wrapper_repr(Object* self) {
  Object* c = as_wrapper(self)->callable;
  Ref<Object> inner = c ? TRY(object_repr(c)) : TRY(str_from_ascii("NULL"));
  return str_from_utf8(std::string("<") + type_name_of(self) + "(" +
                       str_to_std_string(inner.get()) + ")>");
}

Result<Ref<Object>> wrapper_get_isabstract(Object* self) {
  Object* c = as_wrapper(self)->callable;
  if (!c) return new_bool(false);
  Ref<Object> v;
  bool found = TRY(lookup_attr(c, str_intern("__isabstractmethod__"), &v));
  if (!found) return new_bool(false);
  bool truth = TRY(object_is_true(v.get()));
  return new_bool(truth);
}

Result<Ref<Object>> wrapper_get_dict(Object* self) {
  StaticMethodObject* w = as_wrapper(self);
  if (!w->dict) w->dict = TRY(dict_new()).release();
  return new_ref(w->dict);
}

const MemberDef kWrapperMembers[] = {
    {"__func__", MemberKind::ObjectOrNone, offsetof(StaticMethodObject, callable), true, nullptr},
    {"__wrapped__", MemberKind::ObjectOrNone, offsetof(StaticMethodObject, callable), true,
     nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};
const GetSetDef kWrapperGetSets[] = {
    {"__isabstractmethod__", wrapper_get_isabstract, nullptr, nullptr},
    {"__dict__", wrapper_get_dict, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

const MethodDef kWrapperMethods[] = {
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

void fill_common(Type* t, const char* name, const char* doc) {
  init_static_object(t, &TypeType);
  t->name = name;
  t->doc = doc;
  t->basicsize = sizeof(StaticMethodObject);
  t->flags = kTypeBaseType | kTypeImmutable | kTypeHaveGc;
  t->dealloc = wrapper_dealloc;
  t->traverse = wrapper_traverse;
  t->clear = wrapper_clear;
  t->repr = wrapper_repr;
  t->new_ = wrapper_alloc;
  t->dictoffset = offsetof(StaticMethodObject, dict);
  t->members = kWrapperMembers;
  t->getsets = kWrapperGetSets;
  t->methods = kWrapperMethods;
}

Status fill_classmethod_types() {
  fill_common(&StaticMethodType, "staticmethod",
              "Convert a function to be a static method.");
  StaticMethodType.init = staticmethod_init;
  StaticMethodType.descr_get = staticmethod_get;
  StaticMethodType.call = staticmethod_call;
  fill_common(&ClassMethodType, "classmethod", "Convert a function to be a class method.");
  ClassMethodType.init = classmethod_init;
  ClassMethodType.descr_get = classmethod_get;
  return ok();
}

Status ready_classmethod_types() {
  TRY(type_ready(&StaticMethodType));
  TRY(type_ready(&ClassMethodType));
  return ok();
}

Result<Ref<Object>> make(Type* type, Object* callable) {
  Ref<Object> w = TRY(object_generic_alloc(type));
  as_wrapper(w.get())->callable = new_ref(callable).release();
  TRY(copy_wraps(w.get(), callable));
  return w;
}

}  // namespace

Result<Ref<Object>> staticmethod_new(Object* callable) { return make(&StaticMethodType, callable); }
Result<Ref<Object>> classmethod_new(Object* callable) { return make(&ClassMethodType, callable); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_classmethod_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_classmethod_types);

}  // namespace weft
