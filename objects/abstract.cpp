// objects/abstract.cpp — the object protocol of objects/abstract.h (all but the number protocol,
// which lives in abstract_number.cpp): text, hashing, truth, comparison, attributes, calls,
// containers, iteration and isinstance/issubclass.
//
// Each function dispatches on the operand's type slots with CPython's rules (Objects/object.c,
// abstract.c): reflected comparisons with subclass priority, identity shortcut for ==/!= in
// rich_compare_bool, the __len__ fallback of truth, the __getitem__ iteration fallback
// (seq_iterator, owned by helper C), __instancecheck__/__subclasscheck__ hooks.
//
// Nothing here holds locks: slots do their own locking. Recursion in repr() and comparisons is
// bounded by the thread's recursion budget (ThreadState::recursion_remaining), which raises
// RecursionError instead of overflowing the C stack.
#include "objects/abstract.h"

#include <array>
#include <cstdio>
#include <vector>

#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/object_impl.h"
#include "objects/repr_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/union.h"

namespace weft {

// The iterator over objects that only define __getitem__ (helper C's iterators.cpp).
Result<Ref<Object>> seq_iter_new(Object* seq);

namespace {

// Guard for C-level recursion (repr of nested containers, comparisons, calls): like CPython
// 3.12+, it checks the remaining machine stack rather than the Python recursion limit, which
// counts Python frames only (vm/run.cpp). The soft limit leaves enough headroom below it for
// the RecursionError itself to be created and propagated.
class RecursionScope {
 public:
  explicit RecursionScope(const char* where) {
    core::ThreadState* ts = core::current_thread_state();
    char probe;
    if (ts && reinterpret_cast<uintptr_t>(&probe) < ts->stack_soft_limit) [[unlikely]] {
      failed_ = true;
      (void)raise(exc::RecursionError, "maximum recursion depth exceeded{}", where);
    }
  }
  bool failed() const { return failed_; }

 private:
  bool failed_ = false;
};

}  // namespace

// --- text -------------------------------------------------------------------------------------

Result<Ref<Object>> object_repr(Object* o) {
  UnaryFn repr = type_of(o)->repr;
  if (!repr) return object_default_repr(o);
  RecursionScope scope(" while getting the repr of an object");
  if (scope.failed()) return Error{};
  Ref<Object> r = TRY(repr(o));
  if (!is_str(r.get())) {
    return raise(exc::TypeError, "__repr__ returned non-string (type {})", type_name_of(r.get()));
  }
  return r;
}

Result<Ref<Object>> object_str(Object* o) {
  if (is_str_exact(o)) return new_ref(o);
  UnaryFn str = type_of(o)->str;
  if (!str) return object_repr(o);
  RecursionScope scope(" while getting the str of an object");
  if (scope.failed()) return Error{};
  Ref<Object> r = TRY(str(o));
  if (!is_str(r.get())) {
    return raise(exc::TypeError, "__str__ returned non-string (type {})", type_name_of(r.get()));
  }
  return r;
}

Result<Ref<Object>> object_ascii(Object* o) {
  Ref<Object> r = TRY(object_repr(o));
  if (str_is_ascii(r.get())) return r;
  StrBuilder b;
  int64_t n = str_length(r.get());
  for (int64_t i = 0; i < n; ++i) {
    uint32_t cp = str_char_at(r.get(), i);
    char buf[16];
    if (cp < 128) {
      b.append_code_point(cp);
      continue;
    }
    if (cp <= 0xff) std::snprintf(buf, sizeof buf, "\\x%02x", cp);
    else if (cp <= 0xffff) std::snprintf(buf, sizeof buf, "\\u%04x", cp);
    else std::snprintf(buf, sizeof buf, "\\U%08x", cp);
    b.append_ascii(buf);
  }
  return b.finish();
}

Result<Ref<Object>> object_format(Object* o, Object* spec) {
  Object* empty = str_intern("");
  if (!spec) spec = empty;
  if (str_length(spec) == 0) {
    if (is_str_exact(o)) return new_ref(o);
    if (is_int_exact(o)) return object_str(o);
  }
  Ref<Object> meth;
  bool found = TRY(lookup_special(o, str_intern("__format__"), &meth));
  if (!found) {
    return raise(exc::TypeError, "Type {} doesn't define __format__", type_name_of(o));
  }
  Ref<Object> r = TRY(call_one(meth.get(), spec));
  if (!is_str(r.get())) {
    return raise(exc::TypeError, "__format__ must return a str, not {}", type_name_of(r.get()));
  }
  return r;
}

// --- hashing, truth, comparison ------------------------------------------------------------------

Result<int64_t> hash_not_implemented(Object* o) {
  return raise(exc::TypeError, "unhashable type: '{}'", type_name_of(o));
}

Result<int64_t> object_hash(Object* o) {
  HashFn h = type_of(o)->hash;
  if (!h) return hash_not_implemented(o);
  return h(o);
}

Result<bool> object_is_true(Object* o) {
  if (o == py_true()) return true;
  if (o == py_false() || is_none(o)) return false;
  Type* t = type_of(o);
  if (t->number.boolean) return t->number.boolean(o);
  if (t->mapping.length) return TRY(t->mapping.length(o)) != 0;
  if (t->sequence.length) return TRY(t->sequence.length(o)) != 0;
  return true;
}

namespace {
const char* const kOpSymbols[] = {"<", "<=", "==", "!=", ">", ">="};
CompareOp swapped(CompareOp op) {
  static const CompareOp kSwapped[] = {CompareOp::Gt, CompareOp::Ge, CompareOp::Eq,
                                       CompareOp::Ne, CompareOp::Lt, CompareOp::Le};
  return kSwapped[static_cast<int>(op)];
}
}  // namespace

Result<Ref<Object>> rich_compare(Object* a, Object* b, CompareOp op) {
  RecursionScope scope(" in comparison");
  if (scope.failed()) return Error{};
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  bool checked_reverse = false;
  if (ta != tb && type_is_subtype(tb, ta) && tb->richcompare) {
    checked_reverse = true;
    Ref<Object> r = TRY(tb->richcompare(b, a, swapped(op)));
    if (r.get() != not_implemented()) return r;
  }
  if (ta->richcompare) {
    Ref<Object> r = TRY(ta->richcompare(a, b, op));
    if (r.get() != not_implemented()) return r;
  }
  if (!checked_reverse && tb->richcompare) {
    Ref<Object> r = TRY(tb->richcompare(b, a, swapped(op)));
    if (r.get() != not_implemented()) return r;
  }
  switch (op) {
    case CompareOp::Eq: return new_bool(a == b);
    case CompareOp::Ne: return new_bool(a != b);
    default:
      return raise(exc::TypeError, "'{}' not supported between instances of '{}' and '{}'",
                   kOpSymbols[static_cast<int>(op)], ta->name, tb->name);
  }
}

Result<bool> rich_compare_bool(Object* a, Object* b, CompareOp op) {
  if (a == b) {
    if (op == CompareOp::Eq) return true;
    if (op == CompareOp::Ne) return false;
  }
  Ref<Object> r = TRY(rich_compare(a, b, op));
  if (is_bool(r.get())) return r.get() == py_true();
  return object_is_true(r.get());
}

Result<bool> objects_equal(Object* a, Object* b) { return rich_compare_bool(a, b, CompareOp::Eq); }

// --- attributes ---------------------------------------------------------------------------------

namespace {
Error attribute_name_error(Object* name) {
  return raise(exc::TypeError, "attribute name must be string, not '{}'", type_name_of(name));
}
}  // namespace

Result<Ref<Object>> get_attr(Object* o, Object* name) {
  if (!is_str(name)) return attribute_name_error(name);
  GetAttrFn g = type_of(o)->getattro;
  if (!g) {
    return raise(exc::AttributeError, "'{}' object has no attribute '{}'", type_name_of(o), name);
  }
  return g(o, name);
}

Result<Ref<Object>> get_attr(Object* o, const char* name) { return get_attr(o, str_intern(name)); }

Result<bool> lookup_attr(Object* o, Object* name, Ref<Object>* out) {
  Result<Ref<Object>> r = get_attr(o, name);
  if (!r.is_error()) {
    *out = r.release_value();
    return true;
  }
  if (!error_matches(exc::AttributeError)) return Error{};
  clear_error();
  return false;
}

Status set_attr(Object* o, Object* name, Object* value) {
  if (!is_str(name)) return attribute_name_error(name);
  SetAttrFn s = type_of(o)->setattro;
  if (!s) {
    if (type_of(o)->getattro) {
      return raise(exc::AttributeError, "'{}' object has no attribute '{}' and no __dict__ for "
                   "setting new attributes", type_name_of(o), name);
    }
    return raise(exc::TypeError, "'{}' object has no attributes ({} .{})", type_name_of(o),
                 value ? "assign to" : "del", name);
  }
  return s(o, name, value);
}

Status del_attr(Object* o, Object* name) { return set_attr(o, name, nullptr); }

Result<bool> has_attr(Object* o, Object* name) {
  Ref<Object> v;
  return lookup_attr(o, name, &v);
}

Object** instance_dict_slot(Object* o) {
  Type* t = type_of(o);
  int64_t off = t->dictoffset;
  if (off == 0) return nullptr;
  if (off < 0) {
    // Counted from the end of a variable-size instance.
    int64_t n = static_cast<VarObject*>(o)->ob_size.load(std::memory_order_relaxed);
    if (n < 0) n = -n;
    int64_t size = t->basicsize + n * t->itemsize;
    size = (size + 7) & ~int64_t{7};
    off += size;
  }
  return reinterpret_cast<Object**>(reinterpret_cast<char*>(o) + off);
}

namespace {
// The instance dict (borrowed), creating it on first use if `create`. nullptr without error
// when the type has no dict slot.
Result<Object*> instance_dict(Object* o, bool create) {
  Object** slot = instance_dict_slot(o);
  if (!slot) return static_cast<Object*>(nullptr);
  Object* d = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
  if (d || !create) return d;
  Ref<Object> fresh = TRY(dict_new());
  Object* expected = nullptr;
  if (__atomic_compare_exchange_n(slot, &expected, fresh.get(), false, __ATOMIC_ACQ_REL,
                                  __ATOMIC_ACQUIRE)) {
    return fresh.release();
  }
  return expected;  // another thread installed one first
}
}  // namespace

Result<Ref<Object>> generic_getattr(Object* o, Object* name) {
  return generic_getattr_with_dict(o, name, nullptr);
}

Result<Ref<Object>> generic_getattr_with_dict(Object* o, Object* name, Object* dict) {
  if (!is_str(name)) return attribute_name_error(name);
  Type* t = type_of(o);
  Object* descr = type_lookup(t, name);
  Ref<Object> descr_ref = Ref<Object>::borrow(descr);  // keep it alive across calls
  DescrGetFn get = descr ? type_of(descr)->descr_get : nullptr;
  if (get && type_of(descr)->descr_set) return get(descr, o, reinterpret_cast<Object*>(t));
  Object* d = dict ? dict : TRY(instance_dict(o, false));
  if (d) {
    Ref<Object> v;
    bool found = TRY(dict_get_item(d, name, &v));
    if (found) return v;
  }
  if (get) return get(descr, o, reinterpret_cast<Object*>(t));
  if (descr) return descr_ref;
  std::string msg = format_message("'{}' object has no attribute '{}'",
                                   std::array<FmtArg, 2>{FmtArg(t->name), FmtArg(name)}.data(), 2);
  return raise_attribute_error(o, name, msg);
}

Status generic_setattr(Object* o, Object* name, Object* value) {
  return generic_setattr_with_dict(o, name, value, nullptr);
}

Status generic_setattr_with_dict(Object* o, Object* name, Object* value, Object* dict) {
  if (!is_str(name)) return attribute_name_error(name);
  Type* t = type_of(o);
  Object* descr = type_lookup(t, name);
  Ref<Object> descr_ref = Ref<Object>::borrow(descr);
  if (descr && type_of(descr)->descr_set) return type_of(descr)->descr_set(descr, o, value);
  Object* d = dict ? dict : TRY(instance_dict(o, value != nullptr));
  if (!d) {
    if (!instance_dict_slot(o)) {
      if (descr) {
        return raise_attribute_error(o, name, format_message(
            "'{}' object attribute '{}' is read-only",
            std::array<FmtArg, 2>{FmtArg(t->name), FmtArg(name)}.data(), 2));
      }
      return raise_attribute_error(o, name, format_message(
          "'{}' object has no attribute '{}' and no __dict__ for setting new attributes",
          std::array<FmtArg, 2>{FmtArg(t->name), FmtArg(name)}.data(), 2));
    }
    // Deleting from an instance that never had a dict.
    return raise_attribute_error(o, name, format_message(
        "'{}' object has no attribute '{}'",
        std::array<FmtArg, 2>{FmtArg(t->name), FmtArg(name)}.data(), 2));
  }
  if (value) return dict_set_item(d, name, value);
  bool removed = TRY(dict_pop(d, name, nullptr));
  if (!removed) {
    return raise_attribute_error(o, name, format_message(
        "'{}' object has no attribute '{}'",
        std::array<FmtArg, 2>{FmtArg(t->name), FmtArg(name)}.data(), 2));
  }
  return ok();
}

Result<bool> lookup_special(Object* o, Object* name, Ref<Object>* bound) {
  Object* descr = type_lookup(type_of(o), name);
  if (!descr) return false;
  Ref<Object> keep = Ref<Object>::borrow(descr);
  DescrGetFn get = type_of(descr)->descr_get;
  if (get) {
    *bound = TRY(get(descr, o, reinterpret_cast<Object*>(type_of(o))));
  } else {
    *bound = std::move(keep);
  }
  return true;
}

// --- calls --------------------------------------------------------------------------------------

Result<Ref<Object>> call(Object* callable, Object* const* args, size_t nargs, Object* kwnames) {
  VectorcallFn c = type_of(callable)->call;
  if (!c) return raise(exc::TypeError, "'{}' object is not callable", type_name_of(callable));
  RecursionScope scope(" while calling a Python object");
  if (scope.failed()) return Error{};
  Result<Ref<Object>> r = c(callable, args, nargs, kwnames);
  if (r.is_error() && !error_occurred()) return bad_internal_call("call");
  return r;
}

Result<Ref<Object>> call_noargs(Object* callable) { return call(callable, nullptr, 0, nullptr); }

Result<Ref<Object>> call_one(Object* callable, Object* arg) {
  return call(callable, &arg, 1, nullptr);
}

Result<Ref<Object>> call_tuple_dict(Object* callable, Object* args, Object* kwargs) {
  int64_t n = tuple_size(args);
  if (!kwargs || dict_size(kwargs) == 0) {
    return call(callable, tuple_items(args), static_cast<size_t>(n), nullptr);
  }
  Ref<Object> items = TRY(dict_items_list(kwargs));
  int64_t nk = dict_size(kwargs);
  std::vector<Object*> stack(static_cast<size_t>(n + nk));
  for (int64_t i = 0; i < n; ++i) stack[static_cast<size_t>(i)] = tuple_item(args, i);
  Ref<Object> names = TRY(tuple_new(nk));
  Ref<Object> items_list = std::move(items);
  for (int64_t i = 0; i < nk; ++i) {
    Ref<Object> pair = TRY(get_item(items_list.get(), TRY(int_from_i64(i)).get()));
    Object* key = tuple_item(pair.get(), 0);
    if (!is_str(key)) return raise(exc::TypeError, "keywords must be strings");
    tuple_init_item(names.get(), i, new_ref(key));
    stack[static_cast<size_t>(n + i)] = tuple_item(pair.get(), 1);
  }
  // The pairs live in items_list, which outlives the call.
  return call(callable, stack.data(), static_cast<size_t>(n), names.get());
}

Result<Ref<Object>> call_method(Object* obj, Object* name, Object* const* args, size_t nargs) {
  Object* descr = type_lookup(type_of(obj), name);
  if (descr && type_has_flag(type_of(descr), kTypeMethodDescriptor)) {
    // Unbound method fast path: call descr(obj, *args) without creating a bound method.
    Ref<Object> keep = Ref<Object>::borrow(descr);
    std::vector<Object*> stack(nargs + 1);
    stack[0] = obj;
    for (size_t i = 0; i < nargs; ++i) stack[i + 1] = args[i];
    return call(descr, stack.data(), nargs + 1, nullptr);
  }
  Ref<Object> meth = TRY(get_attr(obj, name));
  return call(meth.get(), args, nargs, nullptr);
}

Result<Ref<Object>> call_method(Object* obj, const char* name, Object* const* args, size_t nargs) {
  return call_method(obj, str_intern(name), args, nargs);
}

bool is_callable(Object* o) { return type_of(o)->call != nullptr; }

// --- containers -------------------------------------------------------------------------------

Result<int64_t> object_length(Object* o) {
  Type* t = type_of(o);
  if (t->sequence.length) return t->sequence.length(o);
  if (t->mapping.length) return t->mapping.length(o);
  return raise(exc::TypeError, "object of type '{}' has no len()", t->name);
}

Result<int64_t> length_hint(Object* o, int64_t dflt) {
  Type* t = type_of(o);
  if (t->sequence.length || t->mapping.length) {
    Result<int64_t> n = object_length(o);
    if (!n.is_error()) return n;
    if (!error_matches(exc::TypeError)) return Error{};
    clear_error();
  }
  Ref<Object> hint;
  bool found = TRY(lookup_special(o, str_intern("__length_hint__"), &hint));
  if (!found) return dflt;
  Result<Ref<Object>> r = call_noargs(hint.get());
  if (r.is_error()) {
    if (!error_matches(exc::TypeError)) return Error{};
    clear_error();
    return dflt;
  }
  if (r.value().get() == not_implemented()) return dflt;
  if (!is_int(r.value().get())) {
    return raise(exc::TypeError, "__length_hint__ must be an integer, not {}",
                 type_name_of(r.value().get()));
  }
  int64_t n = TRY(int_as_i64(r.value().get()));
  if (n < 0) return raise(exc::ValueError, "__length_hint__() should return >= 0");
  return n;
}

Result<Ref<Object>> get_item(Object* o, Object* key) {
  Type* t = type_of(o);
  if (t->mapping.subscript) return t->mapping.subscript(o, key);
  if (t->sequence.item) {
    if (type_of(key)->number.index) {
      int64_t i = TRY(index_as_i64(key, exc::IndexError));
      if (i < 0 && t->sequence.length) i += TRY(t->sequence.length(o));
      return t->sequence.item(o, i);
    }
    return raise(exc::TypeError, "sequence index must be integer, not '{}'", type_name_of(key));
  }
  if (is_instance_of(o, &TypeType)) {
    // type[int]: CPython special-cases `type` itself, which has no __class_getitem__.
    if (o == reinterpret_cast<Object*>(&TypeType)) return generic_alias_new(o, key);
    Ref<Object> meth;
    Object* cg = type_lookup(reinterpret_cast<Type*>(o), str_intern("__class_getitem__"));
    if (cg) {
      Ref<Object> keep = Ref<Object>::borrow(cg);
      DescrGetFn g = type_of(cg)->descr_get;
      meth = g ? TRY(g(cg, nullptr, o)) : std::move(keep);
      return call_one(meth.get(), key);
    }
    return raise(exc::TypeError, "type '{}' is not subscriptable", reinterpret_cast<Type*>(o)->name);
  }
  return raise(exc::TypeError, "'{}' object is not subscriptable", t->name);
}

Status set_item(Object* o, Object* key, Object* value) {
  Type* t = type_of(o);
  if (t->mapping.ass_subscript) return t->mapping.ass_subscript(o, key, value);
  if (t->sequence.ass_item) {
    if (type_of(key)->number.index) {
      int64_t i = TRY(index_as_i64(key, exc::IndexError));
      if (i < 0 && t->sequence.length) i += TRY(t->sequence.length(o));
      return t->sequence.ass_item(o, i, value);
    }
    return raise(exc::TypeError, "sequence index must be integer, not '{}'", type_name_of(key));
  }
  if (value) return raise(exc::TypeError, "'{}' object does not support item assignment", t->name);
  return raise(exc::TypeError, "'{}' object does not support item deletion", t->name);
}

Status del_item(Object* o, Object* key) { return set_item(o, key, nullptr); }

Result<bool> contains(Object* container, Object* item) {
  Type* t = type_of(container);
  if (t->sequence.contains) return t->sequence.contains(container, item);
  // Fall back to iteration.
  Ref<Object> it = TRY(get_iter(container));
  for (;;) {
    Next n = iter_next(it.get());
    if (n.is_error()) return Error{};
    if (n.is_done()) return false;
    Ref<Object> x = n.release_value();
    bool eq = TRY(rich_compare_bool(x.get(), item, CompareOp::Eq));
    if (eq) return true;
  }
}

// --- iteration ----------------------------------------------------------------------------------

Result<Ref<Object>> get_iter(Object* o) {
  Type* t = type_of(o);
  if (t->iter) {
    Ref<Object> it = TRY(t->iter(o));
    if (!is_iterator(it.get())) {
      return raise(exc::TypeError, "iter() returned non-iterator of type '{}'",
                   type_name_of(it.get()));
    }
    return it;
  }
  if (t->sequence.item && !type_has_flag(t, kTypeDictSubclass)) return seq_iter_new(o);
  return raise(exc::TypeError, "'{}' object is not iterable", t->name);
}

Next iter_next(Object* iterator) {
  IterNextFn n = type_of(iterator)->iternext;
  if (!n) {
    return raise(exc::TypeError, "'{}' object is not an iterator", type_name_of(iterator));
  }
  Next result = n(iterator);
  // An iternext slot may end iteration by raising StopIteration (a generator returning a value
  // does); every consumer but next() treats that as the end, as CPython's callers do.
  if (result.is_error() && error_matches(exc::StopIteration)) [[unlikely]] {
    clear_error();
    return Next::done();
  }
  return result;
}

bool is_iterator(Object* o) { return type_of(o)->iternext != nullptr; }

// --- isinstance / issubclass ----------------------------------------------------------------------

Result<bool> real_isinstance(Object* o, Object* cls) {
  if (is_instance_of(cls, &TypeType)) {
    if (is_instance_of(o, reinterpret_cast<Type*>(cls))) return true;
    // __class__ may differ from type(o) (proxies).
    Ref<Object> c;
    bool has = TRY(lookup_attr(o, str_intern("__class__"), &c));
    if (has && c.get() != reinterpret_cast<Object*>(type_of(o)) && is_instance_of(c.get(), &TypeType))
      return type_is_subtype(reinterpret_cast<Type*>(c.get()), reinterpret_cast<Type*>(cls));
    return false;
  }
  Ref<Object> bases;
  bool has_bases = TRY(lookup_attr(cls, str_intern("__bases__"), &bases));
  if (!has_bases || !is_tuple(bases.get())) {
    return raise(exc::TypeError,
                 "isinstance() arg 2 must be a type, a tuple of types, or a union");
  }
  Ref<Object> c;
  bool has = TRY(lookup_attr(o, str_intern("__class__"), &c));
  if (!has) return false;
  return is_subclass(c.get(), cls);
}

namespace {

Result<bool> abstract_issubclass(Object* derived, Object* cls) {
  // Walks __bases__ for objects that are not types (CPython's abstract_issubclass).
  if (derived == cls) return true;
  Ref<Object> bases;
  bool has = TRY(lookup_attr(derived, str_intern("__bases__"), &bases));
  if (!has || !is_tuple(bases.get())) return false;
  for (int64_t i = 0; i < tuple_size(bases.get()); ++i) {
    bool r = TRY(abstract_issubclass(tuple_item(bases.get(), i), cls));
    if (r) return true;
  }
  return false;
}

// cls's own __instancecheck__/__subclasscheck__ bound to it, unless it is type's (which is
// real_isinstance/real_issubclass: calling them directly skips a bound-method call).
Result<bool> custom_check(Object* cls, Object* name, Ref<Object>* bound) {
  Object* found = type_lookup(type_of(cls), name);
  if (!found || found == type_lookup(&TypeType, name)) return false;
  return lookup_special(cls, name, bound);
}

}  // namespace

Result<bool> is_instance(Object* o, Object* cls) {
  if (is_instance_exact(cls, &TypeType)) {
    if (is_instance_of(o, reinterpret_cast<Type*>(cls))) return true;
  }
  if (is_union(cls)) cls = union_args(cls);  // isinstance(x, int | str) checks each member
  if (is_tuple(cls)) {
    RecursionScope scope(" in __instancecheck__");
    if (scope.failed()) return Error{};
    for (int64_t i = 0; i < tuple_size(cls); ++i) {
      bool r = TRY(is_instance(o, tuple_item(cls, i)));
      if (r) return true;
    }
    return false;
  }
  Ref<Object> checker;
  if (TRY(custom_check(cls, str_intern("__instancecheck__"), &checker))) {
    Ref<Object> r = TRY(call_one(checker.get(), o));
    return object_is_true(r.get());
  }
  return real_isinstance(o, cls);
}

Result<bool> is_subclass(Object* derived, Object* cls) {
  if (is_instance_exact(cls, &TypeType) && is_instance_of(derived, &TypeType)) {
    if (type_is_subtype(reinterpret_cast<Type*>(derived), reinterpret_cast<Type*>(cls))) return true;
  }
  if (is_union(cls)) cls = union_args(cls);
  if (is_tuple(cls)) {
    for (int64_t i = 0; i < tuple_size(cls); ++i) {
      bool r = TRY(is_subclass(derived, tuple_item(cls, i)));
      if (r) return true;
    }
    return false;
  }
  Ref<Object> checker;
  if (TRY(custom_check(cls, str_intern("__subclasscheck__"), &checker))) {
    Ref<Object> r = TRY(call_one(checker.get(), derived));
    return object_is_true(r.get());
  }
  return real_issubclass(derived, cls);
}

Result<bool> real_issubclass(Object* derived, Object* cls) {
  if (is_instance_of(derived, &TypeType) && is_instance_of(cls, &TypeType))
    return type_is_subtype(reinterpret_cast<Type*>(derived), reinterpret_cast<Type*>(cls));
  if (!is_instance_of(derived, &TypeType)) {
    Ref<Object> bases;
    bool has = TRY(lookup_attr(derived, str_intern("__bases__"), &bases));
    if (!has || !is_tuple(bases.get()))
      return raise(exc::TypeError, "issubclass() arg 1 must be a class");
  }
  if (!is_instance_of(cls, &TypeType)) {
    Ref<Object> bases;
    bool has = TRY(lookup_attr(cls, str_intern("__bases__"), &bases));
    if (!has || !is_tuple(bases.get()))
      return raise(exc::TypeError,
                   "issubclass() arg 2 must be a class, a tuple of classes, or a union");
  }
  return abstract_issubclass(derived, cls);
}

}  // namespace weft
