// objects/set_methods.cpp — set and frozenset: the public API of objects/set.h, slots, methods,
// operators and the set iterator.
//
// Every table access goes through set.cpp's primitives (locked, Python code never run under a
// lock). Operations between two sets work on a snapshot of the other operand's keys and cached
// hashes, so no code path holds two set locks at once and nothing is re-hashed. Result types
// follow CPython: operators and methods return the base type of the left operand (set or
// frozenset), never a subclass. Where CPython iterates a particular operand (intersection walks
// the smaller set; difference builds or copies depending on sizes), this file does the same so
// the resulting iteration order (and repr) matches.
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/container_common.h"
#include "objects/generic_alias.h"
#include "objects/repr_guard.h"
#include "objects/dict.h"
#include "objects/int.h"
#include "objects/set.h"
#include "objects/set_internal.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"
#include "sync/critical_section.h"

namespace weft {

Type SetType;
Type FrozenSetType;
Type SetIterType;

using namespace set_detail;

namespace {

// The hash of a key for membership tests: an unhashable set is looked up as a frozenset, as
// CPython's set_contains does. *alt receives the frozenset when that happened.
Result<int64_t> lookup_hash(Object* key, Ref<Object>* alt) {
  if (!is_set(key)) return element_hash(key);
  Result<int64_t> h = object_hash(key);
  if (!h.is_error()) return h;
  if (!error_matches(exc::TypeError)) return Error{};
  clear_error();
  *alt = TRY(frozenset_new(key));
  return element_hash(alt->get());
}

Type* base_type_of(Object* s) { return is_frozenset(s) ? &FrozenSetType : &SetType; }

Status add_all(Object* dst, Snapshot& snap) {
  for (int64_t i = 0; i < snap.size(); ++i) TRY(add(dst, snap.keys[i], snap.hashes[i]));
  return ok();
}

Status update_internal(Object* s, Object* iterable) {
  Snapshot snap;
  TRY(snapshot_iterable(iterable, &snap));
  return add_all(s, snap);
}

Result<Ref<Object>> copy_as(Type* type, Object* s) {
  Ref<Object> out = TRY(set_detail::alloc(type));
  TRY(update_internal(out.get(), s));
  return out;
}

Result<Ref<Object>> copy_base(Object* s) { return copy_as(base_type_of(s), s); }

// Swaps the tables of two sets (intersection_update's result replaces the original).
void swap_bodies(Object* a, Object* b) {
  sync::CriticalSection2 cs{a->ob_mutex, b->ob_mutex};
  SetObject* x = as_set(a);
  SetObject* y = as_set(b);
  std::swap(x->fill, y->fill);
  std::swap(x->mask, y->mask);
  std::swap(x->table, y->table);
  std::swap(x->finger, y->finger);
  int64_t used = x->used.load(std::memory_order_relaxed);
  x->used.store(y->used.load(std::memory_order_relaxed), std::memory_order_relaxed);
  y->used.store(used, std::memory_order_relaxed);
  x->version.fetch_add(1, std::memory_order_relaxed);
  y->version.fetch_add(1, std::memory_order_relaxed);
}

Result<Ref<Object>> intersection2(Object* s, Object* other) {
  Ref<Object> result = TRY(set_detail::alloc(base_type_of(s)));
  Object* probe_in = s;
  Object* walk = other;
  if (is_anyset(other) && set_size(other) > set_size(s)) {
    probe_in = other;
    walk = s;
  }
  Snapshot snap;
  TRY(snapshot_iterable(walk, &snap, /*plain_unhashable=*/true));
  for (int64_t i = 0; i < snap.size(); ++i)
    if (TRY(contains(probe_in, snap.keys[i], snap.hashes[i])))
      TRY(add(result.get(), snap.keys[i], snap.hashes[i]));
  return result;
}

Status difference_update_internal(Object* s, Object* other) {
  if (s == other) {
    set_detail::clear(s);
    return ok();
  }
  Snapshot snap;
  TRY(snapshot_iterable(other, &snap));
  for (int64_t i = 0; i < snap.size(); ++i) TRY(discard(s, snap.keys[i], snap.hashes[i]));
  return ok();
}

Result<Ref<Object>> difference2(Object* s, Object* other) {
  bool other_is_table = is_anyset(other) || is_dict(other);
  int64_t other_size = other_is_table ? (is_dict(other) ? dict_size(other) : set_size(other)) : 0;
  if (!other_is_table || (set_size(s) >> 2) > other_size) {
    Ref<Object> result = TRY(copy_base(s));
    TRY(difference_update_internal(result.get(), other));
    return result;
  }
  Ref<Object> result = TRY(set_detail::alloc(base_type_of(s)));
  Snapshot snap;
  TRY(snapshot(s, &snap));
  for (int64_t i = 0; i < snap.size(); ++i) {
    bool in_other = is_dict(other) ? TRY(dict_contains(other, snap.keys[i]))
                                   : TRY(contains(other, snap.keys[i], snap.hashes[i]));
    if (!in_other) TRY(add(result.get(), snap.keys[i], snap.hashes[i]));
  }
  return result;
}

Status symmetric_difference_update_internal(Object* s, Object* other) {
  if (s == other) {
    set_detail::clear(s);
    return ok();
  }
  Ref<Object> other_set;
  if (!is_anyset(other)) {  // duplicates in `other` must toggle once
    other_set = TRY(set_new(other));
    other = other_set.get();
  }
  Snapshot snap;
  TRY(snapshot(other, &snap));
  for (int64_t i = 0; i < snap.size(); ++i)
    if (!TRY(discard(s, snap.keys[i], snap.hashes[i]))) TRY(add(s, snap.keys[i], snap.hashes[i]));
  return ok();
}

Result<bool> is_subset(Object* s, Object* other) {
  if (!is_anyset(other)) {  // as CPython: s <= other  <=>  len(s & other) == len(s)
    Ref<Object> common = TRY(intersection2(s, other));
    return set_size(common.get()) == set_size(s);
  }
  if (set_size(s) > set_size(other)) return false;
  Snapshot snap;
  TRY(snapshot(s, &snap));
  for (int64_t i = 0; i < snap.size(); ++i)
    if (!TRY(contains(other, snap.keys[i], snap.hashes[i]))) return false;
  return true;
}

Result<bool> is_superset(Object* s, Object* other) {
  if (is_anyset(other)) return is_subset(other, s);
  Snapshot snap;
  TRY(snapshot_iterable(other, &snap));
  for (int64_t i = 0; i < snap.size(); ++i)
    if (!TRY(contains(s, snap.keys[i], snap.hashes[i]))) return false;
  return true;
}

Result<bool> is_disjoint(Object* s, Object* other) {
  Object* probe_in = s;
  Object* walk = other;
  if (is_anyset(other) && set_size(other) > set_size(s)) {
    probe_in = other;
    walk = s;
  }
  Snapshot snap;
  TRY(snapshot_iterable(walk, &snap));
  for (int64_t i = 0; i < snap.size(); ++i)
    if (TRY(contains(probe_in, snap.keys[i], snap.hashes[i]))) return false;
  return true;
}

// --- slots ---------------------------------------------------------------------------------------

void set_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  SetObject* so = as_set(self);
  if (so->table) {
    for (int64_t i = 0; i <= so->mask; ++i)
      if (so->table[i].key && so->table[i].key != dummy()) decref(so->table[i].key);
    gc::raw_free(so->table);
  }
  free_object(self);
}

void set_traverse(Object* self, VisitFn visit, void* arg) {
  SetObject* so = as_set(self);
  if (!so->table) return;
  for (int64_t i = 0; i <= so->mask; ++i)
    if (so->table[i].key && so->table[i].key != dummy()) visit(so->table[i].key, arg);
}

Result<Ref<Object>> set_repr(Object* self) {
  bool exact = is_instance_exact(self, &SetType);
  const char* tname = type_name_of(self);
  StrBuilder out;
  if (set_size(self) == 0) {
    out.append_ascii(tname);
    out.append_ascii("()");
    return out.finish();
  }
  ReprGuard guard(self);
  if (guard.is_recursive()) {
    out.append_ascii(tname);
    out.append_ascii("(...)");
    return out.finish();
  }
  if (!exact) {
    out.append_ascii(tname);
    out.append_ascii("(");
  }
  out.append_ascii("{");
  Snapshot snap;
  TRY(snapshot(self, &snap));
  for (int64_t i = 0; i < snap.size(); ++i) {
    if (i) out.append_ascii(", ");
    Ref<Object> r = TRY(object_repr(snap.keys[i]));
    out.append_str(r.get());
  }
  out.append_ascii(exact ? "}" : "})");
  return out.finish();
}

// CPython's frozenset hash: xor of shuffled entry hashes, then mixed with the size.
Result<int64_t> frozenset_hash(Object* self) {
  SetObject* so = as_set(self);
  {
    sync::CriticalSection cs{self->ob_mutex};
    if (so->frozen_hash != -1) return so->frozen_hash;
  }
  Snapshot snap;
  TRY(snapshot(self, &snap));
  auto shuffle = [](uint64_t h) { return ((h ^ 89869747ull) ^ (h << 16)) * 3644798167ull; };
  uint64_t hash = 0;
  for (int64_t i = 0; i < snap.size(); ++i) hash ^= shuffle(static_cast<uint64_t>(snap.hashes[i]));
  hash ^= (static_cast<uint64_t>(snap.size()) + 1) * 1927868237ull;
  hash ^= (hash >> 11) ^ (hash >> 25);
  hash = hash * 69069u + 907133923ull;
  if (hash == static_cast<uint64_t>(-1)) hash = 590923713ull;
  sync::CriticalSection cs{self->ob_mutex};
  so->frozen_hash = static_cast<int64_t>(hash);
  return so->frozen_hash;
}

Result<int64_t> set_length(Object* self) { return set_size(self); }

Result<bool> set_contains_slot(Object* self, Object* key) { return set_contains(self, key); }

Result<Ref<Object>> set_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_anyset(b)) return new_ref(not_implemented());
  int64_t na = set_size(a), nb = set_size(b);
  bool r = false;
  switch (op) {
    case CompareOp::Eq: r = na == nb && TRY(is_subset(a, b)); break;
    case CompareOp::Ne: r = !(na == nb && TRY(is_subset(a, b))); break;
    case CompareOp::Le: r = TRY(is_subset(a, b)); break;
    case CompareOp::Ge: r = TRY(is_subset(b, a)); break;
    case CompareOp::Lt: r = na < nb && TRY(is_subset(a, b)); break;
    case CompareOp::Gt: r = na > nb && TRY(is_subset(b, a)); break;
  }
  return new_bool(r);
}

Result<Ref<Object>> set_or(Object* a, Object* b) {
  if (!is_anyset(a) || !is_anyset(b)) return new_ref(not_implemented());
  Ref<Object> result = TRY(copy_base(a));
  if (a != b) TRY(update_internal(result.get(), b));
  return result;
}
Result<Ref<Object>> set_and(Object* a, Object* b) {
  if (!is_anyset(a) || !is_anyset(b)) return new_ref(not_implemented());
  return intersection2(a, b);
}
Result<Ref<Object>> set_sub(Object* a, Object* b) {
  if (!is_anyset(a) || !is_anyset(b)) return new_ref(not_implemented());
  return difference2(a, b);
}
Result<Ref<Object>> set_xor(Object* a, Object* b) {
  if (!is_anyset(a) || !is_anyset(b)) return new_ref(not_implemented());
  Ref<Object> result = TRY(copy_base(a));
  TRY(symmetric_difference_update_internal(result.get(), b));
  return result;
}
Result<Ref<Object>> set_ior(Object* a, Object* b) {
  if (!is_anyset(b)) return new_ref(not_implemented());
  TRY(update_internal(a, b));
  return new_ref(a);
}
Result<Ref<Object>> set_iand(Object* a, Object* b) {
  if (!is_anyset(b)) return new_ref(not_implemented());
  Ref<Object> tmp = TRY(intersection2(a, b));
  swap_bodies(a, tmp.get());
  return new_ref(a);
}
Result<Ref<Object>> set_isub(Object* a, Object* b) {
  if (!is_anyset(b)) return new_ref(not_implemented());
  TRY(difference_update_internal(a, b));
  return new_ref(a);
}
Result<Ref<Object>> set_ixor(Object* a, Object* b) {
  if (!is_anyset(b)) return new_ref(not_implemented());
  TRY(symmetric_difference_update_internal(a, b));
  return new_ref(a);
}

Result<Ref<Object>> set_vnew(Type* type, Object* const*, size_t, Object* kwnames) {
  if (type == &SetType) TRY(args_no_keywords("set", kwnames));
  return set_detail::alloc(type);
}

Status set_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("set", nargs, kwnames, 0, 1));
  set_detail::clear(self);
  if (nargs) TRY(update_internal(self, args[0]));
  return ok();
}

Result<Ref<Object>> frozenset_vnew(Type* type, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  TRY(args_positional_only("frozenset", nargs, kwnames, 0, 1));
  if (type == &FrozenSetType && nargs && is_instance_exact(args[0], &FrozenSetType))
    return new_ref(args[0]);
  Ref<Object> s = TRY(set_detail::alloc(type));
  if (nargs) TRY(update_internal(s.get(), args[0]));
  return s;
}

// --- methods -------------------------------------------------------------------------------------

Result<Ref<Object>> m_add(Object* self, Object* const* args, size_t, Object*) {
  TRY(set_add(self, args[0]));
  return new_none();
}
Result<Ref<Object>> m_discard(Object* self, Object* const* args, size_t, Object*) {
  TRY(set_discard(self, args[0]));
  return new_none();
}
Result<Ref<Object>> m_remove(Object* self, Object* const* args, size_t, Object*) {
  if (!TRY(set_discard(self, args[0]))) return raise_with_value(exc::KeyError, args[0]);
  return new_none();
}
Result<Ref<Object>> m_pop(Object* self, Object* const*, size_t, Object*) {
  return set_detail::pop(self);
}
Result<Ref<Object>> m_clear(Object* self, Object* const*, size_t, Object*) {
  set_detail::clear(self);
  return new_none();
}
Result<Ref<Object>> m_copy(Object* self, Object* const*, size_t, Object*) {
  if (is_instance_exact(self, &FrozenSetType)) return new_ref(self);
  return copy_base(self);
}
Result<Ref<Object>> m_contains(Object* self, Object* const* args, size_t, Object*) {
  return new_bool(TRY(set_contains(self, args[0])));
}

Result<Ref<Object>> m_union(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("set.union", kwnames));
  Ref<Object> result = TRY(copy_base(self));
  for (size_t i = 0; i < nargs; ++i) TRY(update_internal(result.get(), args[i]));
  return result;
}
Result<Ref<Object>> m_update(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("set.update", kwnames));
  for (size_t i = 0; i < nargs; ++i) TRY(update_internal(self, args[i]));
  return new_none();
}
Result<Ref<Object>> m_intersection(Object* self, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  TRY(args_no_keywords("set.intersection", kwnames));
  if (nargs == 0) return copy_base(self);
  Ref<Object> result = TRY(intersection2(self, args[0]));
  for (size_t i = 1; i < nargs; ++i) result = TRY(intersection2(result.get(), args[i]));
  return result;
}
Result<Ref<Object>> m_intersection_update(Object* self, Object* const* args, size_t nargs,
                                          Object* kwnames) {
  TRY(args_no_keywords("set.intersection_update", kwnames));
  if (nargs == 0) return new_none();
  Ref<Object> tmp = TRY(m_intersection(self, args, nargs, nullptr));
  swap_bodies(self, tmp.get());
  return new_none();
}
Result<Ref<Object>> m_difference(Object* self, Object* const* args, size_t nargs,
                                 Object* kwnames) {
  TRY(args_no_keywords("set.difference", kwnames));
  if (nargs == 0) return copy_base(self);
  Ref<Object> result = TRY(difference2(self, args[0]));
  for (size_t i = 1; i < nargs; ++i) TRY(difference_update_internal(result.get(), args[i]));
  return result;
}
Result<Ref<Object>> m_difference_update(Object* self, Object* const* args, size_t nargs,
                                        Object* kwnames) {
  TRY(args_no_keywords("set.difference_update", kwnames));
  for (size_t i = 0; i < nargs; ++i) TRY(difference_update_internal(self, args[i]));
  return new_none();
}
Result<Ref<Object>> m_symmetric_difference(Object* self, Object* const* args, size_t,
                                           Object*) {
  Ref<Object> result = TRY(copy_base(self));
  TRY(symmetric_difference_update_internal(result.get(), args[0]));
  return result;
}
Result<Ref<Object>> m_symmetric_difference_update(Object* self, Object* const* args, size_t,
                                                  Object*) {
  TRY(symmetric_difference_update_internal(self, args[0]));
  return new_none();
}
Result<Ref<Object>> m_issubset(Object* self, Object* const* args, size_t, Object*) {
  return new_bool(TRY(is_subset(self, args[0])));
}
Result<Ref<Object>> m_issuperset(Object* self, Object* const* args, size_t, Object*) {
  return new_bool(TRY(is_superset(self, args[0])));
}
Result<Ref<Object>> m_isdisjoint(Object* self, Object* const* args, size_t, Object*) {
  return new_bool(TRY(is_disjoint(self, args[0])));
}

// --- iterator ------------------------------------------------------------------------------------

struct SetIterObject : Object {
  Object* set;                         // owned
  std::atomic<int64_t> pos;            // next table slot to look at
  std::atomic<int64_t> expected_used;  // size at creation; -1 once a change was seen
  std::atomic<int64_t> remaining;
};

Result<Ref<Object>> set_iter(Object* self) {
  Ref<SetIterObject> it = TRY(new_object<SetIterObject>(&SetIterType));
  it->set = new_ref(self).release();
  int64_t used = set_size(self);
  it->expected_used.store(used, std::memory_order_relaxed);
  it->remaining.store(used, std::memory_order_relaxed);
  return Ref<Object>(std::move(it));
}

Next set_iter_next(Object* self) {
  auto* it = static_cast<SetIterObject*>(self);
  int64_t pos = it->pos.load(std::memory_order_relaxed);
  for (;;) {
    if (it->expected_used.load(std::memory_order_relaxed) != set_size(it->set)) {
      it->expected_used.store(-1, std::memory_order_relaxed);
      return raise(exc::RuntimeError, "Set changed size during iteration");
    }
    int64_t next_pos = pos;
    Ref<Object> key;
    bool found = next_key(it->set, &next_pos, &key);
    if (!it->pos.compare_exchange_weak(pos, next_pos, std::memory_order_relaxed)) continue;
    if (!found) return Next::done();
    it->remaining.fetch_sub(1, std::memory_order_relaxed);
    return Next(std::move(key));
  }
}

void set_iter_dealloc(Object* self) {
  xdecref(static_cast<SetIterObject*>(self)->set);
  free_object(self);
}
void set_iter_traverse(Object* self, VisitFn visit, void* arg) {
  visit(static_cast<SetIterObject*>(self)->set, arg);
}
Result<Ref<Object>> iter_self(Object* self) { return new_ref(self); }
Result<Ref<Object>> set_iter_length_hint(Object* self, Object* const*, size_t, Object*) {
  auto* it = static_cast<SetIterObject*>(self);
  int64_t left = it->remaining.load(std::memory_order_relaxed);
  if (it->expected_used.load(std::memory_order_relaxed) != set_size(it->set)) left = 0;
  return int_from_i64(left > 0 ? left : 0);
}

const MethodDef kSetIterMethods[] = {
    {"__length_hint__", set_iter_length_hint, kMethNoArgs,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

#define WEFT_SET_READ_METHODS                                                                  \
  {"__contains__", m_contains, kMethOneArg, "x.__contains__(y) <==> y in x."},                \
      {"copy", m_copy, kMethNoArgs, "Return a shallow copy of a set."},                        \
      {"difference", m_difference, kMethFastcall,                                              \
       "Return a new set with elements in the set that are not in the others."},               \
      {"intersection", m_intersection, kMethFastcall,                                          \
       "Return a new set with elements common to the set and all others."},                    \
      {"isdisjoint", m_isdisjoint, kMethOneArg, "Return True if two sets have a null intersection."}, \
      {"issubset", m_issubset, kMethOneArg, "Report whether another set contains this set."}, \
      {"issuperset", m_issuperset, kMethOneArg, "Report whether this set contains another set."}, \
      {"symmetric_difference", m_symmetric_difference, kMethOneArg,                            \
       "Return a new set with elements in either the set or other but not both."},             \
      {"union", m_union, kMethFastcall,                                                        \
       "Return a new set with elements from the set and all others."}

const MethodDef kSetMethods[] = {
    WEFT_SET_READ_METHODS,
    {"add", m_add, kMethOneArg, "Add an element to a set.\n\nThis has no effect if the element is already present."},
    {"clear", m_clear, kMethNoArgs, "Remove all elements from this set."},
    {"discard", m_discard, kMethOneArg,
     "Remove an element from a set if it is a member.\n\nUnlike set.remove(), the discard() method does not raise\nan exception when an element is missing from the set."},
    {"remove", m_remove, kMethOneArg,
     "Remove an element from a set; it must be a member.\n\nIf the element is not a member, raise a KeyError."},
    {"pop", m_pop, kMethNoArgs, "Remove and return an arbitrary set element.\n\nRaises KeyError if the set is empty."},
    {"update", m_update, kMethFastcall, "Update the set, adding elements from all others."},
    {"difference_update", m_difference_update, kMethFastcall, "Update the set, removing elements found in others."},
    {"intersection_update", m_intersection_update, kMethFastcall,
     "Update the set, keeping only elements found in it and all others."},
    {"symmetric_difference_update", m_symmetric_difference_update, kMethOneArg,
     "Update the set, keeping only elements found in either set, but not in both."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

const MethodDef kFrozenSetMethods[] = {
    WEFT_SET_READ_METHODS,
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};
#undef WEFT_SET_READ_METHODS

void fill_common(Type& t) {
  t.basicsize = sizeof(SetObject);
  t.weaklistoffset = offsetof(SetObject, weaklist);
  t.dealloc = set_dealloc;
  t.traverse = set_traverse;
  t.clear = set_detail::clear;  // the collector breaks cycles by emptying sets
  t.repr = set_repr;
  t.richcompare = set_richcompare;
  t.iter = set_iter;
  t.sequence.length = set_length;
  t.sequence.contains = set_contains_slot;
  t.number.subtract = set_sub;
  t.number.and_ = set_and;
  t.number.xor_ = set_xor;
  t.number.or_ = set_or;
}

Status fill_set_types() {
  Type& s = SetType;
  s.name = "set";
  s.doc = "Build an unordered collection of unique elements.";
  fill_common(s);
  s.flags = kTypeBaseType | kTypeHaveGc;
  s.hash = hash_not_implemented;
  s.new_ = set_vnew;
  s.init = set_init;
  s.number.inplace_subtract = set_isub;
  s.number.inplace_and = set_iand;
  s.number.inplace_xor = set_ixor;
  s.number.inplace_or = set_ior;
  s.methods = kSetMethods;

  Type& f = FrozenSetType;
  f.name = "frozenset";
  f.doc = "Build an immutable unordered collection of unique elements.";
  fill_common(f);
  f.flags = kTypeBaseType | kTypeHaveGc | kTypeImmutable;
  f.hash = frozenset_hash;
  f.new_ = frozenset_vnew;
  f.methods = kFrozenSetMethods;

  Type& it = SetIterType;
  it.name = "set_iterator";
  it.basicsize = sizeof(SetIterObject);
  it.flags = kTypeImmutable | kTypeHaveGc | kTypeDisallowInstantiation;
  it.dealloc = set_iter_dealloc;
  it.traverse = set_iter_traverse;
  it.iter = iter_self;
  it.iternext = set_iter_next;
  it.methods = kSetIterMethods;
  return ok();
}

Status ready_set_types() {
  TRY(type_ready(&SetType));
  TRY(type_ready(&FrozenSetType));
  return type_ready(&SetIterType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_set_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_set_types);

}  // namespace

// --- public API (objects/set.h) -------------------------------------------------------------------

Result<Ref<Object>> set_new(Object* iterable) {
  Ref<Object> s = TRY(set_detail::alloc(&SetType));
  if (iterable) TRY(update_internal(s.get(), iterable));
  return s;
}

Result<Ref<Object>> frozenset_new(Object* iterable) {
  Ref<Object> s = TRY(set_detail::alloc(&FrozenSetType));
  if (iterable) TRY(update_internal(s.get(), iterable));
  return s;
}

Status set_add(Object* s, Object* key) {
  int64_t hash = TRY(element_hash(key));
  TRY(add(s, key, hash));
  return ok();
}

Result<bool> set_contains(Object* s, Object* key) {
  Ref<Object> alt;
  int64_t hash = TRY(lookup_hash(key, &alt));
  return contains(s, alt ? alt.get() : key, hash);
}

Result<bool> set_discard(Object* s, Object* key) {
  Ref<Object> alt;
  int64_t hash = TRY(lookup_hash(key, &alt));
  return discard(s, alt ? alt.get() : key, hash);
}

int64_t set_size(Object* s) { return as_set(s)->used.load(std::memory_order_relaxed); }

Status set_update(Object* s, Object* iterable) { return update_internal(s, iterable); }

}  // namespace weft
