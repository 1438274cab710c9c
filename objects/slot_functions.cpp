// objects/slot_functions.cpp — the slot functions of classes: each fills a Type slot and calls
// the Python dunder that the class (or a base) defines, so `a + b`, `len(x)`, `x[i]`, `for`,
// `repr()`... reach Python code (CPython's slot_* functions in Objects/typeobject.c).
//
// Dunders are looked up on the type, never the instance. A function found there is called
// unbound with self prepended (no bound-method allocation, CPython's vectorcall_method); other
// descriptors are bound first. Argument arrays are built on the C++ stack; only calls with more
// than kInlineArgs arguments (__call__, __init__, __new__) allocate.
//
// The binary number slots implement CPython's SLOT1BINFULL: the slot runs for `a op b` whenever
// a or b has it, so it first works out which operand it is acting for, gives a subclass that
// overrides the reflected method priority, and returns NotImplemented to let the abstract layer
// try the other operand's native slot.
//
// Nothing here locks: the dunders do whatever locking they need.
#include <cstring>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/object_impl.h"
#include "objects/slot_defs.h"
#include "objects/str.h"


namespace weft {

namespace {

constexpr size_t kInlineArgs = 6;

// A dunder found on a type: either an unbound callable expecting self first, or a bound one.
struct Dunder {
  Ref<Object> fn;
  bool unbound = false;
};

// Looks `name` up on type(self); false (no exception) when the type has no such attribute.
Result<bool> find_dunder(Object* self, Object* name, Dunder* out) {
  Object* d = type_lookup(type_of(self), name);
  if (!d) return false;
  Ref<Object> keep = new_ref(d);
  Type* dt = type_of(d);
  if (type_has_flag(dt, kTypeMethodDescriptor)) {
    out->fn = std::move(keep);
    out->unbound = true;
  } else if (dt->descr_get) {
    out->fn = TRY(dt->descr_get(d, self, reinterpret_cast<Object*>(type_of(self))));
    out->unbound = false;
  } else {
    out->fn = std::move(keep);
    out->unbound = false;
  }
  return true;
}

// Calls a found dunder with `self` and args[0..nargs) (+ keyword values named by kwnames).
Result<Ref<Object>> call_dunder(const Dunder& d, Object* self, Object* const* args, size_t nargs,
                                Object* kwnames = nullptr) {
  if (!d.unbound) return call(d.fn.get(), args, nargs, kwnames);
  size_t total = nargs + kwnames_count(kwnames);
  Object* inline_stack[kInlineArgs + 1];
  std::vector<Object*> heap_stack;
  Object** stack = inline_stack;
  if (total > kInlineArgs) {
    heap_stack.resize(total + 1);
    stack = heap_stack.data();
  }
  stack[0] = self;
  if (total) std::memcpy(stack + 1, args, total * sizeof(Object*));
  return call(d.fn.get(), stack, nargs + 1, kwnames);
}

// type(self).name(self, args...); AttributeError when the type lacks it (the slot is only
// installed when the type has the dunder, so that means it was deleted meanwhile).
Result<Ref<Object>> call_special(Object* self, Object* name, Object* const* args, size_t nargs) {
  Dunder d;
  bool found = TRY(find_dunder(self, name, &d));
  if (!found) return raise_attribute_error(self, name, str_to_std_string(name));
  return call_dunder(d, self, args, nargs);
}

// Like call_special but a missing dunder yields NotImplemented (CPython's vectorcall_maybe).
Result<Ref<Object>> call_maybe(Object* self, Object* name, Object* const* args, size_t nargs) {
  Dunder d;
  bool found = TRY(find_dunder(self, name, &d));
  if (!found) return new_ref(not_implemented());
  return call_dunder(d, self, args, nargs);
}

// True when type(right) overrides `name` relative to type(left) (CPython's method_is_overloaded).
Result<bool> method_is_overloaded(Object* left, Object* right, Object* name) {
  Object* b = type_lookup(type_of(right), name);
  if (!b) return false;
  Object* a = type_lookup(type_of(left), name);
  return a != b;
}

Result<Ref<Object>> binary_full(Object* self, Object* other, size_t offset, AnySlotFn me,
                                Object* name, Object* rname) {
  bool do_other = type_of(self) != type_of(other) && slot_at(type_of(other), offset) == me;
  if (slot_at(type_of(self), offset) == me) {
    if (do_other && type_is_subtype(type_of(other), type_of(self))) {
      bool overloaded = TRY(method_is_overloaded(self, other, rname));
      if (overloaded) {
        Ref<Object> r = TRY(call_maybe(other, rname, &self, 1));
        if (r.get() != not_implemented()) return r;
        do_other = false;
      }
    }
    Ref<Object> r = TRY(call_maybe(self, name, &other, 1));
    if (r.get() != not_implemented() || type_of(other) == type_of(self)) return r;
  }
  if (do_other) return call_maybe(other, rname, &self, 1);
  return new_ref(not_implemented());
}

Result<int64_t> length_result(Object* r) {
  Ref<Object> res = new_ref(r);
  if (!is_int(r)) {
    return raise(exc::TypeError, "'{}' object cannot be interpreted as an integer",
                 type_name_of(r));
  }
  int64_t n;
  if (!int_to_i64(r, &n)) return raise(exc::OverflowError, "cannot fit 'int' into an index-sized integer");
  if (n < 0) return raise(exc::ValueError, "__len__() should return >= 0");
  return n;
}

}  // namespace

namespace slotfn {

#define WEFT_DEFINE_BINARY(field, lname, rname, op)                                            \
  Result<Ref<Object>> field(Object* self, Object* other) {                                     \
    static Object* const name = str_intern(lname);                                            \
    static Object* const reflected = str_intern(rname);                                       \
    return binary_full(self, other, offsetof(Type, number.field),                             \
                       reinterpret_cast<AnySlotFn>(&field), name, reflected);                 \
  }
WEFT_BINARY_NUMBER_SLOTS(WEFT_DEFINE_BINARY)
#undef WEFT_DEFINE_BINARY

#define WEFT_DEFINE_INPLACE(field, dname, op)                 \
  Result<Ref<Object>> field(Object* self, Object* other) {    \
    static Object* const name = str_intern(dname);           \
    return call_maybe(self, name, &other, 1);                \
  }
WEFT_INPLACE_NUMBER_SLOTS(WEFT_DEFINE_INPLACE)
#undef WEFT_DEFINE_INPLACE

#define WEFT_DEFINE_UNARY(field, dname, doc)          \
  Result<Ref<Object>> field(Object* self) {           \
    static Object* const name = str_intern(dname);   \
    return call_special(self, name, nullptr, 0);     \
  }
WEFT_UNARY_NUMBER_SLOTS(WEFT_DEFINE_UNARY)
#undef WEFT_DEFINE_UNARY

Result<Ref<Object>> power(Object* self, Object* other, Object* mod) {
  static Object* const name = str_intern("__pow__");
  static Object* const rname = str_intern("__rpow__");
  if (!mod || is_none(mod)) {
    return binary_full(self, other, offsetof(Type, number.power),
                       reinterpret_cast<AnySlotFn>(&power), name, rname);
  }
  // Three-argument pow() never tries the reflected method (CPython does the same).
  if (type_of(self)->number.power != &power) return new_ref(not_implemented());
  Object* args[2] = {other, mod};
  return call_maybe(self, name, args, 2);
}

Result<Ref<Object>> inplace_power(Object* self, Object* other, Object*) {
  static Object* const name = str_intern("__ipow__");
  return call_maybe(self, name, &other, 1);
}

Result<bool> boolean(Object* self) {
  static Object* const bool_name = str_intern("__bool__");
  static Object* const len_name = str_intern("__len__");
  Dunder d;
  bool found = TRY(find_dunder(self, bool_name, &d));
  if (found) {
    Ref<Object> r = TRY(call_dunder(d, self, nullptr, 0));
    if (!is_bool(r.get())) {
      return raise(exc::TypeError, "__bool__ should return bool, returned {}",
                   type_name_of(r.get()));
    }
    return r.get() == py_true();
  }
  found = TRY(find_dunder(self, len_name, &d));
  if (!found) return true;
  Ref<Object> r = TRY(call_dunder(d, self, nullptr, 0));
  int64_t n = TRY(length_result(r.get()));
  return n != 0;
}

Result<Ref<Object>> repr(Object* self) {
  static Object* const name = str_intern("__repr__");
  return call_special(self, name, nullptr, 0);
}

Result<Ref<Object>> str(Object* self) {
  static Object* const name = str_intern("__str__");
  return call_special(self, name, nullptr, 0);
}

Result<int64_t> hash(Object* self) {
  static Object* const name = str_intern("__hash__");
  Dunder d;
  bool found = TRY(find_dunder(self, name, &d));
  if (!found || is_none(d.fn.get())) return hash_not_implemented(self);
  Ref<Object> r = TRY(call_dunder(d, self, nullptr, 0));
  if (!is_int(r.get())) return raise(exc::TypeError, "__hash__ method should return an integer");
  int64_t h;
  // A value outside the hash range is reduced the way int's own hash reduces it.
  if (!int_to_i64(r.get(), &h)) {
    Ref<Object> exact = TRY(number_long(r.get()));
    return object_hash(exact.get());
  }
  return h == -1 ? -2 : h;
}

Result<Ref<Object>> richcompare(Object* self, Object* other, CompareOp op) {
  static Object* const names[6] = {str_intern("__lt__"), str_intern("__le__"),
                                   str_intern("__eq__"), str_intern("__ne__"),
                                   str_intern("__gt__"), str_intern("__ge__")};
  return call_maybe(self, names[static_cast<int>(op)], &other, 1);
}

Status setattro(Object* self, Object* name, Object* value) {
  static Object* const set_name = str_intern("__setattr__");
  static Object* const del_name = str_intern("__delattr__");
  if (value) {
    Object* args[2] = {name, value};
    TRY(call_special(self, set_name, args, 2));
  } else {
    TRY(call_special(self, del_name, &name, 1));
  }
  return ok();
}

Result<Ref<Object>> call(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static Object* const name = str_intern("__call__");
  Dunder d;
  bool found = TRY(find_dunder(self, name, &d));
  if (!found) return raise(exc::TypeError, "'{}' object is not callable", type_name_of(self));
  return call_dunder(d, self, args, nargs, kwnames);
}

Result<Ref<Object>> iter(Object* self) {
  static Object* const name = str_intern("__iter__");
  Dunder d;
  bool found = TRY(find_dunder(self, name, &d));
  if (!found || is_none(d.fn.get())) {
    return raise(exc::TypeError, "'{}' object is not iterable", type_name_of(self));
  }
  return call_dunder(d, self, nullptr, 0);
}

Next iternext(Object* self) {
  static Object* const name = str_intern("__next__");
  Result<Ref<Object>> r = call_special(self, name, nullptr, 0);
  if (!r.is_error()) return Next(r.release_value());
  if (error_matches(exc::StopIteration)) {
    clear_error();
    return Next::done();
  }
  return Next(Error{});
}

Result<Ref<Object>> descr_get(Object* self, Object* obj, Object* type) {
  static Object* const name = str_intern("__get__");
  Dunder d;
  bool found = TRY(find_dunder(self, name, &d));
  if (!found) return new_ref(self);
  Object* args[2] = {obj ? obj : none(), type ? type : none()};
  return call_dunder(d, self, args, 2);
}

Status descr_set(Object* self, Object* obj, Object* value) {
  static Object* const set_name = str_intern("__set__");
  static Object* const del_name = str_intern("__delete__");
  if (value) {
    Object* args[2] = {obj, value};
    TRY(call_special(self, set_name, args, 2));
  } else {
    TRY(call_special(self, del_name, &obj, 1));
  }
  return ok();
}

Result<int64_t> length(Object* self) {
  static Object* const name = str_intern("__len__");
  Ref<Object> r = TRY(call_special(self, name, nullptr, 0));
  return length_result(r.get());
}

Result<Ref<Object>> subscript(Object* self, Object* key) {
  static Object* const name = str_intern("__getitem__");
  return call_special(self, name, &key, 1);
}

Status ass_subscript(Object* self, Object* key, Object* value) {
  static Object* const set_name = str_intern("__setitem__");
  static Object* const del_name = str_intern("__delitem__");
  if (value) {
    Object* args[2] = {key, value};
    TRY(call_special(self, set_name, args, 2));
  } else {
    TRY(call_special(self, del_name, &key, 1));
  }
  return ok();
}

Result<Ref<Object>> sq_item(Object* self, int64_t i) {
  Ref<Object> key = TRY(int_from_i64(i));
  return subscript(self, key.get());
}

Status sq_ass_item(Object* self, int64_t i, Object* value) {
  Ref<Object> key = TRY(int_from_i64(i));
  return ass_subscript(self, key.get(), value);
}

Result<bool> contains(Object* self, Object* item) {
  static Object* const name = str_intern("__contains__");
  Dunder d;
  bool found = TRY(find_dunder(self, name, &d));
  if (!found || is_none(d.fn.get())) {
    if (found) return raise(exc::TypeError, "'{}' object is not a container", type_name_of(self));
    // No __contains__ along the MRO: membership by iteration, as the abstract layer does.
    Ref<Object> it = TRY(get_iter(self));
    for (;;) {
      Next n = iter_next(it.get());
      if (n.is_error()) return Error{};
      if (n.is_done()) return false;
      Ref<Object> x = n.release_value();
      bool eq = TRY(rich_compare_bool(x.get(), item, CompareOp::Eq));
      if (eq) return true;
    }
  }
  Ref<Object> r = TRY(call_dunder(d, self, &item, 1));
  return object_is_true(r.get());
}

}  // namespace slotfn

Result<Ref<Object>> slot_tp_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static Object* const name = str_intern("__new__");
  Object* t = reinterpret_cast<Object*>(type);
  Ref<Object> fn = TRY(get_attr(t, name));
  // __new__ is a staticmethod: the class goes first, explicitly.
  size_t total = nargs + kwnames_count(kwnames);
  std::vector<Object*> stack(total + 1);
  stack[0] = t;
  if (total) std::memcpy(stack.data() + 1, args, total * sizeof(Object*));
  return weft::call(fn.get(), stack.data(), nargs + 1, kwnames);
}

Status slot_tp_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static Object* const name = str_intern("__init__");
  Dunder d;
  bool found = TRY(find_dunder(self, name, &d));
  if (!found) return raise_attribute_error(self, name, "__init__");
  Ref<Object> r = TRY(call_dunder(d, self, args, nargs, kwnames));
  if (!is_none(r.get())) {
    return raise(exc::TypeError, "__init__() should return None, not '{}'", type_name_of(r.get()));
  }
  return ok();
}

Result<Ref<Object>> slot_tp_getattr_hook(Object* self, Object* name) {
  static Object* const getattribute_name = str_intern("__getattribute__");
  static Object* const getattr_name = str_intern("__getattr__");
  Type* t = type_of(self);
  Object* getattribute = type_lookup(t, getattribute_name);
  Ref<Object> keep = Ref<Object>::borrow(getattribute);
  Result<Ref<Object>> r = Error{};
  bool generic = !getattribute || (type_of(getattribute) == &WrapperDescriptorType &&
                                   static_cast<WrapperDescrObject*>(getattribute)->wrapped ==
                                       reinterpret_cast<void*>(&generic_getattr));
  if (generic) {
    r = generic_getattr(self, name);
  } else {
    r = call_special(self, getattribute_name, &name, 1);
  }
  if (!r.is_error()) return r;
  if (!error_matches(exc::AttributeError)) return Error{};
  Dunder d;
  Result<bool> found = find_dunder(self, getattr_name, &d);
  if (found.is_error()) return Error{};
  if (!found.value()) return Error{};  // keep the AttributeError
  clear_error();
  return call_dunder(d, self, &name, 1);
}

}  // namespace weft
