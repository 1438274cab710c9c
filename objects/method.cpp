// objects/method.cpp — bound methods (see objects/method.h).
//
// Immutable after creation: no locking. Calling prepends __self__ to the arguments in a small
// on-stack buffer (heap only for calls with many arguments), since the vector-call convention
// has no reserved slot in front of `args`.
#include "objects/method.h"

#include <cstring>
#include <string>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"

namespace weft {

Type MethodType;

namespace {

MethodObject* as_method(Object* o) { return static_cast<MethodObject*>(o); }

void method_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  xdecref(as_method(self)->func);
  xdecref(as_method(self)->self);
  free_object(self);
}

void method_traverse(Object* self, VisitFn visit, void* arg) {
  visit(as_method(self)->func, arg);
  visit(as_method(self)->self, arg);
}

Result<Ref<Object>> method_vectorcall(Object* callable, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  MethodObject* m = as_method(callable);
  size_t total = nargs + (kwnames ? static_cast<size_t>(tuple_size(kwnames)) : 0);
  constexpr size_t kSmall = 8;
  Object* small[kSmall + 1];
  Object** buf = small;
  if (total + 1 > kSmall + 1) {
    buf = static_cast<Object**>(gc::raw_alloc((total + 1) * sizeof(Object*)));
    if (!buf) return raise_no_memory();
  }
  buf[0] = m->self;
  if (total) std::memcpy(buf + 1, args, total * sizeof(Object*));
  Result<Ref<Object>> r = call(m->func, buf, nargs + 1, kwnames);
  if (buf != small) gc::raw_free(buf);
  return r;
}

// "<bound method A.f of <A object at 0x...>>": the function's __qualname__ (else __name__, else
// "?") and repr(self).
Result<Ref<Object>> method_repr(Object* self) {
  MethodObject* m = as_method(self);
  Ref<Object> name;
  if (!TRY(lookup_attr(m->func, str_intern("__qualname__"), &name))) {
    if (!TRY(lookup_attr(m->func, str_intern("__name__"), &name))) name = TRY(str_from_ascii("?"));
  }
  if (!is_str(name.get())) name = TRY(str_from_ascii("?"));
  Ref<Object> self_repr = TRY(object_repr(m->self));
  return str_from_utf8("<bound method " + str_to_std_string(name.get()) + " of " +
                       str_to_std_string(self_repr.get()) + ">");
}

// Equal when bound to the same object (identity) and the functions compare equal.
Result<Ref<Object>> method_richcompare(Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::Eq && op != CompareOp::Ne) || !is_method(a) || !is_method(b)) {
    return new_ref(not_implemented());
  }
  bool eq = as_method(a)->self == as_method(b)->self &&
            TRY(objects_equal(as_method(a)->func, as_method(b)->func));
  return new_bool(op == CompareOp::Eq ? eq : !eq);
}

Result<int64_t> method_hash(Object* self) {
  // CPython: the identity hash of __self__ xor hash(__func__).
  uintptr_t p = reinterpret_cast<uintptr_t>(as_method(self)->self);
  int64_t self_hash = static_cast<int64_t>((p >> 4) | (p << (8 * sizeof(p) - 4)));
  int64_t h = self_hash ^ TRY(object_hash(as_method(self)->func));
  return h == -1 ? -2 : h;
}

// Attributes the method type does not define come from the function (m.__name__, m.__doc__).
Result<Ref<Object>> method_getattro(Object* self, Object* name) {
  Object* descr = type_lookup(type_of(self), name);
  if (descr) {
    DescrGetFn get = type_of(descr)->descr_get;
    if (get) return get(descr, self, reinterpret_cast<Object*>(type_of(self)));
    return new_ref(descr);
  }
  return get_attr(as_method(self)->func, name);
}

Result<Ref<Object>> method_descr_get(Object* self, Object*, Object*) { return new_ref(self); }

Result<Ref<Object>> get_func(Object* self) { return new_ref(as_method(self)->func); }
Result<Ref<Object>> get_self(Object* self) { return new_ref(as_method(self)->self); }
Result<Ref<Object>> get_doc(Object* self) { return get_attr(as_method(self)->func, "__doc__"); }

// types.MethodType(function, instance)
Result<Ref<Object>> method_vnew(Type*, Object* const* args, size_t nargs, Object* kwnames) {
  if (kwnames && tuple_size(kwnames) > 0) return raise(exc::TypeError, "method() takes no keyword arguments");
  if (nargs != 2) return raise(exc::TypeError, "method expected 2 arguments, got {}", nargs);
  if (!is_callable(args[0])) return raise(exc::TypeError, "first argument must be callable");
  if (is_none(args[1])) return raise(exc::TypeError, "instance must not be None");
  return method_new(args[0], args[1]);
}

const GetSetDef kMethodGetSets[] = {
    {"__func__", get_func, nullptr, "the function (or other callable) implementing a method"},
    {"__self__", get_self, nullptr, "the instance to which a method is bound"},
    {"__doc__", get_doc, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_method_type() {
  Type& t = MethodType;
  t.name = "method";
  t.doc = "Create a bound instance method object.";
  t.basicsize = sizeof(MethodObject);
  t.weaklistoffset = offsetof(MethodObject, weaklist);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = method_dealloc;
  t.traverse = method_traverse;
  t.repr = method_repr;
  t.richcompare = method_richcompare;
  t.hash = method_hash;
  t.getattro = method_getattro;
  t.descr_get = method_descr_get;
  t.call = method_vectorcall;
  t.new_ = method_vnew;
  t.getsets = kMethodGetSets;
  return ok();
}
Status ready_method_type() { return type_ready(&MethodType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_method_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_method_type);

}  // namespace

Result<Ref<Object>> method_new(Object* func, Object* self) {
  Ref<MethodObject> m = TRY(new_object<MethodObject>(&MethodType));
  m->func = new_ref(func).release();
  m->self = new_ref(self).release();
  return Ref<Object>(std::move(m));
}

}  // namespace weft
