// stdlib/_collections/deque.cpp — collections.deque: ring-buffer storage and every deque method
// (CPython's Modules/_collectionsmodule.c, 3.14 behaviour and messages).
//
// Storage: one power-of-two ring of owned references (`DequeObject::ring`); item i lives at
// (head + i) & (capacity - 1). Appends and pops at either end are O(1) amortised, indexing is
// O(1) (CPython's block list makes it O(n/64)), the ring doubles when full and halves when a
// quarter full.
//
// Thread safety (DESIGN §5): every read or write of the ring, head, maxlen and state happens
// inside the deque's critical section; `size` is stored there too but len() reads it relaxed.
// Python code never runs while the section is held by this file: comparisons (count, index,
// remove, `in`), repr, extend's iteration and the release of removed items all happen outside
// it. A search takes one item at a time under the lock and checks `state`, so a comparison that
// mutates the deque is reported ("deque mutated during iteration") instead of reading a stale
// slot. Removed references are dropped after the section ends, because a __del__ may use the
// deque again (re-locking it from inside would not exclude this very thread).
#include "stdlib/_collections/deque.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/container_common.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/generic_alias.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/repr_guard.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"
#include "sync/critical_section.h"

namespace weft::collections {

Type DequeType;

namespace {

constexpr int64_t kMinCapacity = 8;
constexpr int64_t kMaxDequeSize = (int64_t{1} << 60) / static_cast<int64_t>(sizeof(Object*));

DequeObject* as_deque(Object* o) { return static_cast<DequeObject*>(o); }

int64_t size_of(DequeObject* d) { return d->size.load(std::memory_order_relaxed); }
void set_size(DequeObject* d, int64_t n) { d->size.store(n, std::memory_order_relaxed); }

// The slot of item i (0 <= i < size); lock held.
Object*& slot_locked(DequeObject* d, int64_t i) { return d->ring[(d->head + i) & (d->capacity - 1)]; }

// Moves the items into a new ring of `capacity` slots (>= size, a power of two); lock held.
Status resize_locked(DequeObject* d, int64_t capacity) {
  auto* ring = static_cast<Object**>(gc::raw_alloc(static_cast<size_t>(capacity) * sizeof(Object*)));
  if (!ring) return raise_no_memory();
  int64_t n = size_of(d);
  for (int64_t i = 0; i < n; ++i) ring[i] = slot_locked(d, i);
  gc::raw_free(d->ring);
  d->ring = ring;
  d->capacity = capacity;
  d->head = 0;
  return ok();
}

// Makes room for `extra` more items; lock held.
Status reserve_locked(DequeObject* d, int64_t extra) {
  int64_t needed = size_of(d) + extra;
  if (needed <= d->capacity) return ok();
  if (needed > kMaxDequeSize) return raise_no_memory();
  int64_t capacity = std::max(d->capacity, kMinCapacity);
  while (capacity < needed) capacity *= 2;
  return resize_locked(d, capacity);
}

// Gives memory back after many pops; lock held. Failure only keeps the larger ring.
void maybe_shrink_locked(DequeObject* d) {
  int64_t n = size_of(d);
  if (d->capacity > 4 * kMinCapacity && n < d->capacity / 4) {
    if (resize_locked(d, d->capacity / 2).is_error()) clear_error();
  }
}

// Room for one item must have been reserved.
void push_right_locked(DequeObject* d, Object* owned) {
  int64_t n = size_of(d);
  d->ring[(d->head + n) & (d->capacity - 1)] = owned;
  set_size(d, n + 1);
  ++d->state;
}
void push_left_locked(DequeObject* d, Object* owned) {
  d->head = (d->head - 1) & (d->capacity - 1);
  d->ring[d->head] = owned;
  set_size(d, size_of(d) + 1);
  ++d->state;
}
// The deque must not be empty. Returns the owned reference.
Object* pop_right_locked(DequeObject* d) {
  int64_t n = size_of(d) - 1;
  Object*& s = slot_locked(d, n);
  Object* item = s;
  s = nullptr;
  set_size(d, n);
  ++d->state;
  return item;
}
Object* pop_left_locked(DequeObject* d) {
  Object* item = d->ring[d->head];
  d->ring[d->head] = nullptr;
  d->head = (d->head + 1) & (d->capacity - 1);
  set_size(d, size_of(d) - 1);
  ++d->state;
  return item;
}

// Adds `item` at one end, evicting from the other end when the deque is at maxlen. The evicted
// reference (if any) is stored in *evicted for the caller to drop after the lock.
Status append_locked(DequeObject* d, Object* item, bool left, Ref<Object>* evicted) {
  if (d->maxlen == 0) return ok();
  TRY(reserve_locked(d, 1));
  incref(item);
  if (left) push_left_locked(d, item); else push_right_locked(d, item);
  if (d->maxlen >= 0 && size_of(d) > d->maxlen)
    *evicted = Ref<Object>::steal(left ? pop_right_locked(d) : pop_left_locked(d));
  return ok();
}

Status append_one(Object* self, Object* item, bool left) {
  Ref<Object> evicted;
  sync::CriticalSection cs{self->ob_mutex};
  return append_locked(as_deque(self), item, left, &evicted);
}

// Detaches the whole ring (the deque becomes empty) so the items can be released unlocked.
struct DetachedRing {
  Object** ring = nullptr;
  int64_t capacity = 0, head = 0, size = 0;
  DetachedRing() = default;
  DetachedRing(const DetachedRing&) = delete;
  DetachedRing& operator=(const DetachedRing&) = delete;
  ~DetachedRing() {
    for (int64_t i = 0; i < size; ++i) decref(ring[(head + i) & (capacity - 1)]);
    gc::raw_free(ring);
  }
};
void detach_locked(DequeObject* d, DetachedRing* out) {
  out->ring = d->ring;
  out->capacity = d->capacity;
  out->head = d->head;
  out->size = size_of(d);
  d->ring = nullptr;
  d->capacity = d->head = 0;
  set_size(d, 0);
  ++d->state;
}

void deque_clear_all(Object* self) {
  DetachedRing garbage;
  sync::CriticalSection cs{self->ob_mutex};
  detach_locked(as_deque(self), &garbage);
}

// A tuple of the items, taken under the lock (for repr, comparisons, copies, multiplication).
Result<Ref<Object>> snapshot(Object* self) {
  DequeObject* d = as_deque(self);
  sync::CriticalSection cs{self->ob_mutex};
  int64_t n = size_of(d);
  Ref<Object> t = TRY(tuple_new(n));
  for (int64_t i = 0; i < n; ++i) tuple_init_item(t.get(), i, new_ref(slot_locked(d, i)));
  return t;
}

// Rotates right by n (left when negative); lock held.
void rotate_locked(DequeObject* d, int64_t n) {
  int64_t size = size_of(d);
  if (size <= 1) return;
  n %= size;
  if (n < 0) n += size;
  if (n == 0) return;
  ++d->state;
  if (size == d->capacity) {
    // A full ring rotates by moving the head alone.
    d->head = (d->head - n) & (d->capacity - 1);
    return;
  }
  // Move min(n, size - n) items from one end to the other, one slot at a time.
  if (n <= size - n) {
    for (int64_t i = 0; i < n; ++i) {
      Object* item = pop_right_locked(d);
      push_left_locked(d, item);
    }
  } else {
    for (int64_t i = 0; i < size - n; ++i) {
      Object* item = pop_left_locked(d);
      push_right_locked(d, item);
    }
  }
}

// ---- searching (runs comparisons outside the lock) ------------------------------------------

enum class SearchMode { kFirst, kCount };
constexpr int64_t kMutated = -2;

struct SearchResult {
  int64_t value;   // kFirst: the first equal index or -1; kCount: the count; or kMutated
  uint64_t state;  // the deque's mutation counter the whole search ran against
};

// Compares `value` with items [start, stop). Plain items (exact str, int, float, bool, None,
// whose comparisons run no Python code) are compared while the lock is held, so a search over
// them is atomic; any other item is compared outside the lock, after which the mutation counter
// must be unchanged, else the result is kMutated.
Result<SearchResult> search(Object* self, Object* value, int64_t start, int64_t stop,
                            SearchMode mode) {
  DequeObject* d = as_deque(self);
  const bool value_plain = containers::is_plain_key(value);
  bool have_state = false;
  uint64_t state = 0;
  int64_t count = 0;
  int64_t i = start;
  for (;;) {
    Ref<Object> pending;  // a non-plain item, compared outside the lock
    {
      sync::CriticalSection cs{self->ob_mutex};
      if (!have_state) {
        state = d->state;
        have_state = true;
      } else if (d->state != state) {
        return SearchResult{kMutated, state};
      }
      for (; i < stop && i < size_of(d); ++i) {
        Object* item = slot_locked(d, i);
        if (!value_plain || !containers::is_plain_key(item)) {
          pending = new_ref(item);
          break;
        }
        if (item == value || TRY(objects_equal(item, value))) {
          if (mode == SearchMode::kFirst) return SearchResult{i, state};
          ++count;
        }
      }
      if (!pending) return SearchResult{mode == SearchMode::kFirst ? int64_t{-1} : count, state};
    }
    bool equal = pending.get() == value || TRY(objects_equal(pending.get(), value));
    if (deque_state(self) != state) return SearchResult{kMutated, state};
    if (equal) {
      if (mode == SearchMode::kFirst) return SearchResult{i, state};
      ++count;
    }
    ++i;
  }
}

Error raise_mutated(Type* type) { return raise(type, "deque mutated during iteration"); }
Error raise_index_range() { return raise(exc::IndexError, "deque index out of range"); }

// A start/stop argument of index(): an int or __index__ object (None is not accepted).
Result<int64_t> search_bound(Object* v, int64_t size) {
  if (is_none(v))
    return raise(exc::TypeError, "slice indices must be integers or have an __index__ method");
  int64_t i = 0;
  TRY(slice_index_from_object(v, &i));
  return containers::clamp_search_bound(i, size);
}

// ---- construction -------------------------------------------------------------------------

Result<Ref<Object>> deque_vnew(Type* type, Object* const*, size_t, Object*) {
  Ref<DequeObject> d = TRY(new_object<DequeObject>(type, static_cast<size_t>(type->basicsize)));
  d->maxlen = -1;
  return Ref<Object>(std::move(d));
}

Result<int64_t> parse_maxlen(Object* o) {
  if (!o || is_none(o)) return int64_t{-1};
  if (!is_int(o)) return raise(exc::TypeError, "an integer is required");
  int64_t n = TRY(int_as_i64(o));
  if (n < 0) return raise(exc::ValueError, "maxlen must be non-negative");
  return n;
}

Status deque_extend_impl(Object* self, Object* iterable, bool left);

Status deque_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  size_t total = nargs + kwnames_count(kwnames);
  if (total > 2) return raise(exc::TypeError, "deque() takes at most 2 arguments ({} given)", total);
  static const ArgParser kDeque("deque", "| iterable maxlen");
  Object* a[2];
  TRY(kDeque.parse(args, nargs, kwnames, a));
  int64_t maxlen = TRY(parse_maxlen(a[1]));
  {
    DetachedRing garbage;
    sync::CriticalSection cs{self->ob_mutex};
    DequeObject* d = as_deque(self);
    if (size_of(d) > 0) detach_locked(d, &garbage);
    d->maxlen = maxlen;
  }
  if (a[0]) TRY(deque_extend_impl(self, a[0], false));
  return ok();
}

void deque_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  DequeObject* d = as_deque(self);
  int64_t n = size_of(d);
  for (int64_t i = 0; i < n; ++i) decref(slot_locked(d, i));
  gc::raw_free(d->ring);
  free_object(self);
}

void deque_traverse(Object* self, VisitFn visit, void* arg) {
  DequeObject* d = as_deque(self);
  int64_t n = size_of(d);
  for (int64_t i = 0; i < n; ++i) visit(slot_locked(d, i), arg);
}

// A new deque of self's type holding `items` (a tuple) with self's maxlen. Exact deques are
// built directly; subclasses are called as type(self)(items[, maxlen]) like CPython does.
Result<Ref<Object>> new_like(Object* self, Object* items) {
  int64_t maxlen;
  {
    sync::CriticalSection cs{self->ob_mutex};
    maxlen = as_deque(self)->maxlen;
  }
  Type* type = self->ob_type;
  if (type != &DequeType) {
    Ref<Object> maxlen_obj = maxlen < 0 ? new_none() : TRY(int_from_i64(maxlen));
    Object* call_args[2] = {items, maxlen_obj.get()};
    return call(reinterpret_cast<Object*>(type), call_args, maxlen < 0 ? 1 : 2);
  }
  Ref<Object> out = TRY(deque_vnew(&DequeType, nullptr, 0, nullptr));
  as_deque(out.get())->maxlen = maxlen;
  TRY(deque_extend_impl(out.get(), items, false));
  return out;
}

// ---- extend -------------------------------------------------------------------------------

// Appends the items of a tuple under one critical section (no Python code runs).
Status extend_from_tuple(Object* self, Object* tuple, bool left) {
  int64_t n = tuple_size(tuple);
  DequeObject* d = as_deque(self);
  {
    sync::CriticalSection cs{self->ob_mutex};
    if (d->maxlen < 0) {
      TRY(reserve_locked(d, n));
      for (int64_t i = 0; i < n; ++i) {
        Object* item = tuple_item(tuple, i);
        incref(item);
        if (left) push_left_locked(d, item); else push_right_locked(d, item);
      }
      return ok();
    }
  }
  // Bounded: item by item, so each eviction is released outside the lock.
  for (int64_t i = 0; i < n; ++i) TRY(append_one(self, tuple_item(tuple, i), left));
  return ok();
}

Status deque_extend_impl(Object* self, Object* iterable, bool left) {
  // Lists, tuples and deques (self included: d.extend(d)) are snapshotted first.
  if (is_tuple_exact(iterable)) return extend_from_tuple(self, iterable, left);
  if (is_list_exact(iterable)) {
    Ref<Object> items = TRY(list_as_tuple(iterable));
    return extend_from_tuple(self, items.get(), left);
  }
  if (is_deque(iterable)) {
    Ref<Object> items = TRY(snapshot(iterable));
    return extend_from_tuple(self, items.get(), left);
  }
  Ref<Object> it = TRY(get_iter(iterable));
  for (;;) {
    Next n = iter_next(it.get());
    if (n.is_error()) return Error{};
    if (n.is_done()) return ok();
    Ref<Object> item = n.release_value();
    TRY(append_one(self, item.get(), left));
  }
}

// ---- slots --------------------------------------------------------------------------------

Result<int64_t> deque_length(Object* self) { return size_of(as_deque(self)); }

Result<Ref<Object>> deque_item(Object* self, int64_t i) {
  DequeObject* d = as_deque(self);
  sync::CriticalSection cs{self->ob_mutex};
  if (i < 0 || i >= size_of(d)) return raise_index_range();
  return new_ref(slot_locked(d, i));
}

// Removes item i (0 <= i < size) and returns it; lock held. Shifts the shorter side.
Object* delete_at_locked(DequeObject* d, int64_t i) {
  int64_t n = size_of(d);
  Object* item = slot_locked(d, i);
  if (i < n / 2) {
    for (int64_t k = i; k > 0; --k) slot_locked(d, k) = slot_locked(d, k - 1);
    slot_locked(d, 0) = item;
    return pop_left_locked(d);
  }
  for (int64_t k = i; k < n - 1; ++k) slot_locked(d, k) = slot_locked(d, k + 1);
  slot_locked(d, n - 1) = item;
  return pop_right_locked(d);
}

Status deque_ass_item(Object* self, int64_t i, Object* value) {
  DequeObject* d = as_deque(self);
  Ref<Object> old;
  sync::CriticalSection cs{self->ob_mutex};
  if (i < 0 || i >= size_of(d)) return raise_index_range();
  if (!value) {
    old = Ref<Object>::steal(delete_at_locked(d, i));
    maybe_shrink_locked(d);
    return ok();
  }
  incref(value);
  old = Ref<Object>::steal(slot_locked(d, i));
  slot_locked(d, i) = value;
  return ok();
}

Result<bool> deque_contains(Object* self, Object* value) {
  SearchResult r = TRY(search(self, value, 0, kMaxDequeSize, SearchMode::kFirst));
  if (r.value == kMutated) return raise_mutated(exc::RuntimeError);
  return r.value >= 0;
}

Result<Ref<Object>> deque_repr(Object* self) {
  ReprGuard guard(self);
  if (guard.is_recursive()) return str_from_ascii("[...]");
  Ref<Object> items = TRY(snapshot(self));
  int64_t maxlen;
  {
    sync::CriticalSection cs{self->ob_mutex};
    maxlen = as_deque(self)->maxlen;
  }
  StrBuilder out;
  TRY(out.append_utf8(type_short_name(self->ob_type)));
  out.append_ascii("([");
  for (int64_t i = 0; i < tuple_size(items.get()); ++i) {
    if (i) out.append_ascii(", ");
    Ref<Object> r = TRY(object_repr(tuple_item(items.get(), i)));
    out.append_str(r.get());
  }
  out.append_ascii("]");
  if (maxlen >= 0) {
    out.append_ascii(", maxlen=");
    out.append_ascii(std::to_string(maxlen));
  }
  out.append_ascii(")");
  return out.finish();
}

Result<Ref<Object>> deque_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_deque(a) || !is_deque(b)) return new_ref(not_implemented());
  Ref<Object> ta = TRY(snapshot(a));
  Ref<Object> tb = TRY(snapshot(b));
  return rich_compare(ta.get(), tb.get(), op);
}

Result<Ref<Object>> deque_inplace_concat(Object* self, Object* other) {
  TRY(deque_extend_impl(self, other, false));
  return new_ref(self);
}

Result<Ref<Object>> deque_concat(Object* self, Object* other) {
  if (!is_deque(other))
    return raise(exc::TypeError, "can only concatenate deque (not \"{}\") to deque",
                 type_name_of(other));
  Ref<Object> items = TRY(snapshot(self));
  Ref<Object> out = TRY(new_like(self, items.get()));
  TRY(deque_extend_impl(out.get(), other, false));
  return out;
}

// self *= n: the result is the last min(size * n, maxlen) items of the repetition.
Result<Ref<Object>> deque_inplace_repeat(Object* self, int64_t n) {
  if (n <= 0) {
    deque_clear_all(self);
    return new_ref(self);
  }
  Ref<Object> items = TRY(snapshot(self));
  int64_t size = tuple_size(items.get());
  if (n == 1 || size == 0) return new_ref(self);
  if (size > kMaxDequeSize / n) return raise_no_memory();
  DequeObject* d = as_deque(self);
  DetachedRing garbage;
  sync::CriticalSection cs{self->ob_mutex};
  int64_t total = size * n;
  int64_t keep = d->maxlen >= 0 ? std::min(total, d->maxlen) : total;
  int64_t capacity = kMinCapacity;
  while (capacity < keep) capacity *= 2;
  auto* ring = static_cast<Object**>(gc::raw_alloc(static_cast<size_t>(capacity) * sizeof(Object*)));
  if (!ring) return raise_no_memory();
  for (int64_t j = 0; j < keep; ++j) {
    Object* item = tuple_item(items.get(), (total - keep + j) % size);
    incref(item);
    ring[j] = item;
  }
  detach_locked(d, &garbage);
  d->ring = ring;
  d->capacity = capacity;
  d->head = 0;
  set_size(d, keep);
  return new_ref(self);
}

Result<Ref<Object>> deque_repeat(Object* self, int64_t n) {
  Ref<Object> items = TRY(snapshot(self));
  Ref<Object> out = TRY(new_like(self, items.get()));
  return deque_inplace_repeat(out.get(), n);
}

// ---- methods ------------------------------------------------------------------------------

Result<Ref<Object>> m_append(Object* self, Object* const* args, size_t, Object*) {
  TRY(append_one(self, args[0], false));
  return new_none();
}

Result<Ref<Object>> m_appendleft(Object* self, Object* const* args, size_t, Object*) {
  TRY(append_one(self, args[0], true));
  return new_none();
}

Result<Ref<Object>> pop_end(Object* self, bool left) {
  DequeObject* d = as_deque(self);
  sync::CriticalSection cs{self->ob_mutex};
  if (size_of(d) == 0) return raise(exc::IndexError, "pop from an empty deque");
  Ref<Object> item = Ref<Object>::steal(left ? pop_left_locked(d) : pop_right_locked(d));
  maybe_shrink_locked(d);
  return item;
}

Result<Ref<Object>> m_pop(Object* self, Object* const*, size_t, Object*) { return pop_end(self, false); }
Result<Ref<Object>> m_popleft(Object* self, Object* const*, size_t, Object*) { return pop_end(self, true); }

Result<Ref<Object>> m_extend(Object* self, Object* const* args, size_t, Object*) {
  TRY(deque_extend_impl(self, args[0], false));
  return new_none();
}

Result<Ref<Object>> m_extendleft(Object* self, Object* const* args, size_t, Object*) {
  TRY(deque_extend_impl(self, args[0], true));
  return new_none();
}

Result<Ref<Object>> m_clear(Object* self, Object* const*, size_t, Object*) {
  deque_clear_all(self);
  return new_none();
}

Result<Ref<Object>> m_copy(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> items = TRY(snapshot(self));
  return new_like(self, items.get());
}

Result<Ref<Object>> m_count(Object* self, Object* const* args, size_t, Object*) {
  SearchResult r = TRY(search(self, args[0], 0, kMaxDequeSize, SearchMode::kCount));
  if (r.value == kMutated) return raise_mutated(exc::RuntimeError);
  return int_from_i64(r.value);
}

Result<Ref<Object>> m_index(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("index", nargs, kwnames, 1, 3));
  int64_t size = size_of(as_deque(self));
  int64_t start = nargs > 1 ? TRY(search_bound(args[1], size)) : 0;
  int64_t stop = nargs > 2 ? TRY(search_bound(args[2], size)) : size;
  SearchResult r = TRY(search(self, args[0], start, stop, SearchMode::kFirst));
  if (r.value == kMutated) return raise_mutated(exc::RuntimeError);
  if (r.value < 0) return raise(exc::ValueError, "deque.index(x): x not in deque");
  return int_from_i64(r.value);
}

Result<Ref<Object>> m_insert(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("insert", nargs, kwnames, 2, 2));
  int64_t i = TRY(index_as_i64(args[0]));
  DequeObject* d = as_deque(self);
  sync::CriticalSection cs{self->ob_mutex};
  int64_t n = size_of(d);
  if (d->maxlen >= 0 && n >= d->maxlen)
    return raise(exc::IndexError, "deque already at its maximum size");
  i = containers::clamp_search_bound(i, n);
  TRY(reserve_locked(d, 1));
  Object* item = args[1];
  incref(item);
  if (i < n / 2) {
    push_left_locked(d, item);
    for (int64_t k = 0; k < i; ++k) std::swap(slot_locked(d, k), slot_locked(d, k + 1));
  } else {
    push_right_locked(d, item);
    for (int64_t k = n; k > i; --k) std::swap(slot_locked(d, k), slot_locked(d, k - 1));
  }
  return new_none();
}

// A comparison that mutates the deque is an IndexError here (CPython's choice); a concurrent
// change by another thread between the search and the removal just restarts the search.
Result<Ref<Object>> m_remove(Object* self, Object* const* args, size_t, Object*) {
  DequeObject* d = as_deque(self);
  for (;;) {
    SearchResult r = TRY(search(self, args[0], 0, kMaxDequeSize, SearchMode::kFirst));
    if (r.value == kMutated) return raise_mutated(exc::IndexError);
    if (r.value < 0) return raise(exc::ValueError, "deque.remove(x): x not in deque");
    Ref<Object> removed;
    sync::CriticalSection cs{self->ob_mutex};
    if (d->state != r.state) continue;
    removed = Ref<Object>::steal(delete_at_locked(d, r.value));
    maybe_shrink_locked(d);
    return new_none();
  }
}

Result<Ref<Object>> m_reverse(Object* self, Object* const*, size_t, Object*) {
  DequeObject* d = as_deque(self);
  sync::CriticalSection cs{self->ob_mutex};
  int64_t n = size_of(d);
  for (int64_t i = 0, j = n - 1; i < j; ++i, --j) std::swap(slot_locked(d, i), slot_locked(d, j));
  ++d->state;
  return new_none();
}

Result<Ref<Object>> m_rotate(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("rotate", nargs, kwnames, 0, 1));
  int64_t n = nargs ? TRY(index_as_i64(args[0])) : 1;
  sync::CriticalSection cs{self->ob_mutex};
  rotate_locked(as_deque(self), n);
  return new_none();
}

Result<Ref<Object>> m_reduce(Object* self, Object* const*, size_t, Object*) {
  int64_t maxlen;
  {
    sync::CriticalSection cs{self->ob_mutex};
    maxlen = as_deque(self)->maxlen;
  }
  Ref<Object> state = new_none();
  Ref<Object> dict;
  if (self->ob_type->dictoffset && TRY(lookup_attr(self, str_intern("__dict__"), &dict)) &&
      is_dict(dict.get()) && dict_size(dict.get()) > 0)
    state = std::move(dict);
  Ref<Object> it = TRY(get_iter(self));
  Ref<Object> empty = TRY(tuple_new(0));
  Ref<Object> ctor_args;
  if (maxlen < 0) {
    ctor_args = std::move(empty);
  } else {
    Ref<Object> m = TRY(int_from_i64(maxlen));
    ctor_args = TRY(tuple_pack({empty.get(), m.get()}));
  }
  return tuple_pack({reinterpret_cast<Object*>(self->ob_type), ctor_args.get(), state.get(),
                     it.get()});
}

Result<Ref<Object>> m_sizeof(Object* self, Object* const*, size_t, Object*) {
  int64_t capacity;
  {
    sync::CriticalSection cs{self->ob_mutex};
    capacity = as_deque(self)->capacity;
  }
  return int_from_i64(self->ob_type->basicsize + capacity * static_cast<int64_t>(sizeof(Object*)));
}

Result<Ref<Object>> get_maxlen(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  int64_t maxlen = as_deque(self)->maxlen;
  if (maxlen < 0) return new_none();
  return int_from_i64(maxlen);
}

const char kCopyDoc[] = "Return a shallow copy of a deque.";

const MethodDef kDequeMethods[] = {
    {"append", m_append, kMethOneArg, "Add an element to the right side of the deque."},
    {"appendleft", m_appendleft, kMethOneArg, "Add an element to the left side of the deque."},
    {"clear", m_clear, kMethNoArgs, "Remove all elements from the deque."},
    {"__copy__", m_copy, kMethNoArgs, kCopyDoc},
    {"copy", m_copy, kMethNoArgs, kCopyDoc},
    {"count", m_count, kMethOneArg, "Return number of occurrences of value."},
    {"extend", m_extend, kMethOneArg,
     "Extend the right side of the deque with elements from the iterable."},
    {"extendleft", m_extendleft, kMethOneArg,
     "Extend the left side of the deque with elements from the iterable."},
    {"index", m_index, kMethFastcall,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"insert", m_insert, kMethFastcall, "Insert value before index."},
    {"pop", m_pop, kMethNoArgs, "Remove and return the rightmost element."},
    {"popleft", m_popleft, kMethNoArgs, "Remove and return the leftmost element."},
    {"__reduce__", m_reduce, kMethNoArgs, "Return state information for pickling."},
    {"remove", m_remove, kMethOneArg, "Remove first occurrence of value."},
    {"__reversed__", deque_reversed_method, kMethNoArgs, "Return a reverse iterator over the deque."},
    {"reverse", m_reverse, kMethNoArgs, "Reverse *IN PLACE*."},
    {"rotate", m_rotate, kMethFastcall,
     "Rotate the deque n steps to the right.  If n is negative, rotates left."},
    {"__sizeof__", m_sizeof, kMethNoArgs, "Return the size of the deque in memory, in bytes."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kDequeGetSets[] = {
    {"maxlen", get_maxlen, nullptr, "maximum size of a deque or None if unbounded"},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_deque_type() {
  Type& t = DequeType;
  t.name = "collections.deque";
  t.doc = "A list-like sequence optimized for data accesses near its endpoints.";
  t.basicsize = sizeof(DequeObject);
  t.flags = kTypeBaseType | kTypeHaveGc | kTypeSequence;
  t.dealloc = deque_dealloc;
  t.traverse = deque_traverse;
  t.repr = deque_repr;
  t.hash = hash_not_implemented;
  t.richcompare = deque_richcompare;
  t.iter = deque_iter;
  t.new_ = deque_vnew;
  t.init = deque_init;
  t.sequence.length = deque_length;
  t.sequence.concat = deque_concat;
  t.sequence.repeat = deque_repeat;
  t.sequence.item = deque_item;
  t.sequence.ass_item = deque_ass_item;
  t.sequence.contains = deque_contains;
  t.sequence.inplace_concat = deque_inplace_concat;
  t.sequence.inplace_repeat = deque_inplace_repeat;
  t.methods = kDequeMethods;
  t.getsets = kDequeGetSets;
  t.weaklistoffset = offsetof(DequeObject, weaklist);
  return ok();
}

Status ready_deque_type() { return type_ready(&DequeType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_deque_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_deque_type);

}  // namespace

Ref<Object> deque_item_if_unchanged(Object* deque, int64_t index, uint64_t expected_state) {
  DequeObject* d = as_deque(deque);
  sync::CriticalSection cs{deque->ob_mutex};
  if (d->state != expected_state || index < 0 || index >= size_of(d)) return Ref<Object>();
  return new_ref(slot_locked(d, index));
}

uint64_t deque_state(Object* deque) {
  sync::CriticalSection cs{deque->ob_mutex};
  return as_deque(deque)->state;
}

void deque_size_and_state(Object* deque, int64_t* size, uint64_t* state) {
  sync::CriticalSection cs{deque->ob_mutex};
  *size = size_of(as_deque(deque));
  *state = as_deque(deque)->state;
}

}  // namespace weft::collections
