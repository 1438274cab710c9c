// objects/slot_wrappers.cpp — wrapper_descriptor and method-wrapper: a built-in type's native
// slots seen from Python (`int.__add__`, `object.__init__`, `(1).__add__`), plus the wrap_*
// functions that turn Python arguments into one slot call (CPython's descrobject.c wrappers and
// typeobject.c wrap_* functions).
//
// A wrapper_descriptor is one row of the slot table (slot_defs.h) bound to one native function
// pointer; type_ready() creates them for the slots a static type fills itself. Both objects are
// immutable after creation: no locking.
//
// Messages follow CPython 3.14: "expected 1 argument, got 0", "wrapper __add__() takes no
// keyword arguments", "descriptor '__add__' requires a 'int' object but received a 'str'".
#include <cstdio>
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/slot_defs.h"
#include "objects/str.h"
#include "objects/text_signature.h"
#include "objects/type_registry.h"

namespace weft {

Type WrapperDescriptorType, MethodWrapperType;

namespace {

// --- argument checks ----------------------------------------------------------------------------

Status check_num_args(size_t nargs, size_t expected) {
  if (nargs == expected) return ok();
  return raise(exc::TypeError, "expected {} argument{}, got {}", expected,
               expected == 1 ? "" : "s", nargs);
}

template <class F>
F as(AnySlotFn fn) {
  return reinterpret_cast<F>(fn);
}

Result<Ref<Object>> none_if_ok(Status s) {
  if (s.is_error()) return Error{};
  return new_none();
}

Status check_ternary_args(size_t nargs) {
  if (nargs < 1) return raise(exc::TypeError, "expected at least 1 argument, got {}", nargs);
  if (nargs > 2) return raise(exc::TypeError, "expected at most 2 arguments, got {}", nargs);
  return ok();
}

// A sequence index: negative values count from the end when the type knows its length.
Result<int64_t> sequence_index(Object* self, Object* key) {
  int64_t i = TRY(index_as_i64(key, exc::OverflowError));
  if (i < 0) {
    LenFn len = type_of(self)->sequence.length;
    if (len) i += TRY(len(self));
  }
  return i;
}

}  // namespace

// --- the wrap_* functions (one per slot signature) -------------------------------------------------

namespace slotwrap {

Result<Ref<Object>> wrap_unary(const SlotDef&, AnySlotFn fn, Object* self, Object* const*,
                               size_t nargs, Object*) {
  TRY(check_num_args(nargs, 0));
  return as<UnaryFn>(fn)(self);
}

Result<Ref<Object>> wrap_binary(const SlotDef&, AnySlotFn fn, Object* self, Object* const* args,
                                size_t nargs, Object*) {
  TRY(check_num_args(nargs, 1));
  return as<BinaryFn>(fn)(self, args[0]);
}

// The left form of a number operator. Identical in behaviour to wrap_binary, but a distinct
// function: slot rows are matched by their wrapper, and `list.__add__` (sequence concat) must not
// be mistaken for a number slot.
Result<Ref<Object>> wrap_binary_l(const SlotDef&, AnySlotFn fn, Object* self,
                                  Object* const* args, size_t nargs, Object*) {
  TRY(check_num_args(nargs, 1));
  return as<BinaryFn>(fn)(self, args[0]);
}

Result<Ref<Object>> wrap_binary_r(const SlotDef&, AnySlotFn fn, Object* self,
                                  Object* const* args, size_t nargs, Object*) {
  TRY(check_num_args(nargs, 1));
  return as<BinaryFn>(fn)(args[0], self);
}

Result<Ref<Object>> wrap_ternary(const SlotDef&, AnySlotFn fn, Object* self, Object* const* args,
                                 size_t nargs, Object*) {
  TRY(check_ternary_args(nargs));
  return as<TernaryFn>(fn)(self, args[0], nargs == 2 ? args[1] : none());
}

Result<Ref<Object>> wrap_ternary_r(const SlotDef&, AnySlotFn fn, Object* self,
                                   Object* const* args, size_t nargs, Object*) {
  TRY(check_ternary_args(nargs));
  return as<TernaryFn>(fn)(args[0], self, nargs == 2 ? args[1] : none());
}

Result<Ref<Object>> wrap_inquiry(const SlotDef&, AnySlotFn fn, Object* self, Object* const*,
                                 size_t nargs, Object*) {
  TRY(check_num_args(nargs, 0));
  bool b = TRY(as<InquiryFn>(fn)(self));
  return new_bool(b);
}

Result<Ref<Object>> wrap_len(const SlotDef&, AnySlotFn fn, Object* self, Object* const*,
                             size_t nargs, Object*) {
  TRY(check_num_args(nargs, 0));
  int64_t n = TRY(as<LenFn>(fn)(self));
  return int_from_i64(n);
}

Result<Ref<Object>> wrap_hash(const SlotDef&, AnySlotFn fn, Object* self, Object* const*,
                              size_t nargs, Object*) {
  TRY(check_num_args(nargs, 0));
  int64_t h = TRY(as<HashFn>(fn)(self));
  return int_from_i64(h);
}

Result<Ref<Object>> wrap_richcompare(const SlotDef& def, AnySlotFn fn, Object* self,
                                     Object* const* args, size_t nargs, Object*) {
  TRY(check_num_args(nargs, 1));
  return as<RichCompareFn>(fn)(self, args[0], static_cast<CompareOp>(def.op));
}

Result<Ref<Object>> wrap_next(const SlotDef&, AnySlotFn fn, Object* self, Object* const*,
                              size_t nargs, Object*) {
  TRY(check_num_args(nargs, 0));
  Next n = as<IterNextFn>(fn)(self);
  if (n.is_error()) return Error{};
  if (n.is_done()) return raise_stop_iteration(nullptr);
  return n.release_value();
}

Result<Ref<Object>> wrap_descr_get(const SlotDef&, AnySlotFn fn, Object* self,
                                   Object* const* args, size_t nargs, Object*) {
  TRY(check_ternary_args(nargs));
  Object* obj = is_none(args[0]) ? nullptr : args[0];
  Object* type = nargs == 2 && !is_none(args[1]) ? args[1] : nullptr;
  if (!obj && !type) return raise(exc::TypeError, "__get__(None, None) is invalid");
  return as<DescrGetFn>(fn)(self, obj, type);
}

Result<Ref<Object>> wrap_descr_set(const SlotDef&, AnySlotFn fn, Object* self,
                                   Object* const* args, size_t nargs, Object*) {
  TRY(check_num_args(nargs, 2));
  return none_if_ok(as<DescrSetFn>(fn)(self, args[0], args[1]));
}

Result<Ref<Object>> wrap_descr_delete(const SlotDef&, AnySlotFn fn, Object* self,
                                      Object* const* args, size_t nargs, Object*) {
  TRY(check_num_args(nargs, 1));
  return none_if_ok(as<DescrSetFn>(fn)(self, args[0], nullptr));
}

Result<Ref<Object>> wrap_setattr(const SlotDef&, AnySlotFn fn, Object* self, Object* const* args,
                                 size_t nargs, Object*) {
  TRY(check_num_args(nargs, 2));
  return none_if_ok(as<SetAttrFn>(fn)(self, args[0], args[1]));
}

Result<Ref<Object>> wrap_delattr(const SlotDef&, AnySlotFn fn, Object* self, Object* const* args,
                                 size_t nargs, Object*) {
  TRY(check_num_args(nargs, 1));
  return none_if_ok(as<SetAttrFn>(fn)(self, args[0], nullptr));
}

Result<Ref<Object>> wrap_objobjarg(const SlotDef&, AnySlotFn fn, Object* self,
                                   Object* const* args, size_t nargs, Object*) {
  TRY(check_num_args(nargs, 2));
  return none_if_ok(as<ObjObjArgFn>(fn)(self, args[0], args[1]));
}

Result<Ref<Object>> wrap_delitem(const SlotDef&, AnySlotFn fn, Object* self, Object* const* args,
                                 size_t nargs, Object*) {
  TRY(check_num_args(nargs, 1));
  return none_if_ok(as<ObjObjArgFn>(fn)(self, args[0], nullptr));
}

Result<Ref<Object>> wrap_sq_item(const SlotDef&, AnySlotFn fn, Object* self, Object* const* args,
                                 size_t nargs, Object*) {
  TRY(check_num_args(nargs, 1));
  int64_t i = TRY(sequence_index(self, args[0]));
  return as<SsizeArgFn>(fn)(self, i);
}

Result<Ref<Object>> wrap_sq_setitem(const SlotDef&, AnySlotFn fn, Object* self,
                                    Object* const* args, size_t nargs, Object*) {
  TRY(check_num_args(nargs, 2));
  int64_t i = TRY(sequence_index(self, args[0]));
  return none_if_ok(as<SsizeObjArgFn>(fn)(self, i, args[1]));
}

Result<Ref<Object>> wrap_sq_delitem(const SlotDef&, AnySlotFn fn, Object* self,
                                    Object* const* args, size_t nargs, Object*) {
  TRY(check_num_args(nargs, 1));
  int64_t i = TRY(sequence_index(self, args[0]));
  return none_if_ok(as<SsizeObjArgFn>(fn)(self, i, nullptr));
}

Result<Ref<Object>> wrap_index_arg(const SlotDef&, AnySlotFn fn, Object* self,
                                   Object* const* args, size_t nargs, Object*) {
  TRY(check_num_args(nargs, 1));
  int64_t n = TRY(index_as_i64(args[0], exc::OverflowError));
  return as<SsizeArgFn>(fn)(self, n);
}

Result<Ref<Object>> wrap_contains(const SlotDef&, AnySlotFn fn, Object* self,
                                  Object* const* args, size_t nargs, Object*) {
  TRY(check_num_args(nargs, 1));
  bool b = TRY(as<ContainsFn>(fn)(self, args[0]));
  return new_bool(b);
}

Result<Ref<Object>> wrap_call(const SlotDef&, AnySlotFn fn, Object* self, Object* const* args,
                              size_t nargs, Object* kwnames) {
  return as<VectorcallFn>(fn)(self, args, nargs, kwnames);
}

Result<Ref<Object>> wrap_init(const SlotDef&, AnySlotFn fn, Object* self, Object* const* args,
                              size_t nargs, Object* kwnames) {
  return none_if_ok(as<InitFn>(fn)(self, args, nargs, kwnames));
}

}  // namespace slotwrap

// --- wrapper_descriptor ----------------------------------------------------------------------------

namespace {

WrapperDescrObject* as_wrapper(Object* o) { return static_cast<WrapperDescrObject*>(o); }

Result<Ref<Object>> call_wrapped(WrapperDescrObject* d, Object* self, Object* const* args,
                                 size_t nargs, Object* kwnames) {
  if (!d->slot->keywords && kwnames_count(kwnames) != 0) {
    return raise(exc::TypeError, "wrapper {}() takes no keyword arguments", d->slot->name);
  }
  return d->slot->wrapper(*d->slot, reinterpret_cast<AnySlotFn>(d->wrapped), self, args, nargs,
                          d->slot->keywords ? kwnames : nullptr);
}

Result<Ref<Object>> wrapper_descr_call(Object* callable, Object* const* args, size_t nargs,
                                       Object* kwnames) {
  WrapperDescrObject* d = as_wrapper(callable);
  if (nargs < 1) {
    return raise(exc::TypeError, "descriptor '{}' of '{}' object needs an argument", d->name,
                 d->owner->name);
  }
  if (!is_instance_of(args[0], d->owner)) {
    return raise(exc::TypeError, "descriptor '{}' requires a '{}' object but received a '{}'",
                 d->name, d->owner->name, type_name_of(args[0]));
  }
  return call_wrapped(d, args[0], args + 1, nargs - 1, kwnames);
}

Result<Ref<Object>> wrapper_descr_get(Object* self, Object* obj, Object*) {
  WrapperDescrObject* d = as_wrapper(self);
  if (!obj) return new_ref(self);
  if (!is_instance_of(obj, d->owner)) {
    return raise(exc::TypeError, "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                 d->name, d->owner->name, type_name_of(obj));
  }
  return method_wrapper_new(self, obj);
}

Result<Ref<Object>> wrapper_descr_repr(Object* self) {
  WrapperDescrObject* d = as_wrapper(self);
  return str_from_utf8(std::string("<slot wrapper '") + d->slot->name + "' of '" + d->owner->name +
                       "' objects>");
}

Result<Ref<Object>> wrapper_get_name(Object* self) { return new_ref(as_wrapper(self)->name); }
Result<Ref<Object>> wrapper_get_qualname(Object* self) {
  WrapperDescrObject* d = as_wrapper(self);
  return str_from_utf8(std::string(type_short_name(d->owner)) + "." + d->slot->name);
}
Result<Ref<Object>> wrapper_get_objclass(Object* self) {
  return new_ref(reinterpret_cast<Object*>(as_wrapper(self)->owner));
}
Result<Ref<Object>> wrapper_get_doc(Object* self) {
  const char* doc = as_wrapper(self)->slot->doc;
  if (!doc) return new_none();
  return str_from_utf8(doc);
}

Result<Ref<Object>> wrapper_get_text_signature(Object* self) {
  return text_signature_object(slot_text_signature(as_wrapper(self)->slot->name));
}

const GetSetDef kWrapperDescrGetSets[] = {
    {"__name__", wrapper_get_name, nullptr, nullptr},
    {"__qualname__", wrapper_get_qualname, nullptr, nullptr},
    {"__objclass__", wrapper_get_objclass, nullptr, nullptr},
    {"__doc__", wrapper_get_doc, nullptr, nullptr},
    {"__text_signature__", wrapper_get_text_signature, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

void wrapper_descr_dealloc(Object* self) { free_object(self); }

// --- method-wrapper --------------------------------------------------------------------------------

MethodWrapperObject* as_method_wrapper(Object* o) { return static_cast<MethodWrapperObject*>(o); }

void method_wrapper_dealloc(Object* self) {
  MethodWrapperObject* m = as_method_wrapper(self);
  decref(m->descr);
  decref(m->self);
  free_object(self);
}

Result<Ref<Object>> method_wrapper_call(Object* callable, Object* const* args, size_t nargs,
                                        Object* kwnames) {
  MethodWrapperObject* m = as_method_wrapper(callable);
  return call_wrapped(as_wrapper(m->descr), m->self, args, nargs, kwnames);
}

Result<Ref<Object>> method_wrapper_repr(Object* self) {
  MethodWrapperObject* m = as_method_wrapper(self);
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(m->self));
  return str_from_utf8(std::string("<method-wrapper '") + as_wrapper(m->descr)->slot->name +
                       "' of " + type_name_of(m->self) + " object at " + addr + ">");
}

Result<Ref<Object>> method_wrapper_richcompare(Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::Eq && op != CompareOp::Ne) || type_of(b) != &MethodWrapperType)
    return new_ref(not_implemented());
  MethodWrapperObject* x = as_method_wrapper(a);
  MethodWrapperObject* y = as_method_wrapper(b);
  bool eq = x->descr == y->descr && x->self == y->self;
  return new_bool(op == CompareOp::Eq ? eq : !eq);
}

Result<int64_t> method_wrapper_hash(Object* self) {
  MethodWrapperObject* m = as_method_wrapper(self);
  int64_t h = TRY(object_hash(m->self));
  uintptr_t d = reinterpret_cast<uintptr_t>(m->descr) >> 4;
  int64_t r = h ^ static_cast<int64_t>(d);
  return r == -1 ? -2 : r;
}

Result<Ref<Object>> method_wrapper_get_self(Object* self) {
  return new_ref(as_method_wrapper(self)->self);
}
Result<Ref<Object>> method_wrapper_get_name(Object* self) {
  return wrapper_get_name(as_method_wrapper(self)->descr);
}
Result<Ref<Object>> method_wrapper_get_qualname(Object* self) {
  return wrapper_get_qualname(as_method_wrapper(self)->descr);
}
Result<Ref<Object>> method_wrapper_get_objclass(Object* self) {
  return wrapper_get_objclass(as_method_wrapper(self)->descr);
}
Result<Ref<Object>> method_wrapper_get_doc(Object* self) {
  return wrapper_get_doc(as_method_wrapper(self)->descr);
}

Result<Ref<Object>> method_wrapper_get_text_signature(Object* self) {
  return wrapper_get_text_signature(as_method_wrapper(self)->descr);
}

const GetSetDef kMethodWrapperGetSets[] = {
    {"__self__", method_wrapper_get_self, nullptr, nullptr},
    {"__name__", method_wrapper_get_name, nullptr, nullptr},
    {"__qualname__", method_wrapper_get_qualname, nullptr, nullptr},
    {"__objclass__", method_wrapper_get_objclass, nullptr, nullptr},
    {"__doc__", method_wrapper_get_doc, nullptr, nullptr},
    {"__text_signature__", method_wrapper_get_text_signature, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_wrapper_types() {
  Type* w = &WrapperDescriptorType;
  init_static_object(w, &TypeType);
  w->name = "wrapper_descriptor";
  w->basicsize = sizeof(WrapperDescrObject);
  w->flags = kTypeImmutable | kTypeMethodDescriptor;
  w->dealloc = wrapper_descr_dealloc;
  w->call = wrapper_descr_call;
  w->descr_get = wrapper_descr_get;
  w->repr = wrapper_descr_repr;
  w->getsets = kWrapperDescrGetSets;

  Type* m = &MethodWrapperType;
  init_static_object(m, &TypeType);
  m->name = "method-wrapper";
  m->basicsize = sizeof(MethodWrapperObject);
  m->flags = kTypeImmutable;
  m->dealloc = method_wrapper_dealloc;
  m->call = method_wrapper_call;
  m->repr = method_wrapper_repr;
  m->richcompare = method_wrapper_richcompare;
  m->hash = method_wrapper_hash;
  m->getsets = kMethodWrapperGetSets;
  return ok();
}

Status ready_wrapper_types() {
  TRY(type_ready(&WrapperDescriptorType));
  TRY(type_ready(&MethodWrapperType));
  return ok();
}

}  // namespace

Result<Ref<Object>> wrapper_descriptor_new(Type* owner, const SlotDef* slot, void* wrapped) {
  Ref<WrapperDescrObject> d = TRY(new_object<WrapperDescrObject>(&WrapperDescriptorType));
  d->owner = owner;
  d->name = str_intern(slot->name);
  d->slot = slot;
  d->wrapped = wrapped;
  return Ref<Object>(std::move(d));
}

Result<Ref<Object>> method_wrapper_new(Object* descr, Object* self) {
  Ref<MethodWrapperObject> m = TRY(new_object<MethodWrapperObject>(&MethodWrapperType));
  m->descr = new_ref(descr).release();
  m->self = new_ref(self).release();
  return Ref<Object>(std::move(m));
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_wrapper_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_wrapper_types);

}  // namespace weft
