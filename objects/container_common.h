// objects/container_common.h — helpers shared by the container and iterator types (tuple, list,
// dict, set, range, slice, iterators). Internal to those files.
//
// 1. The try-incref family of DESIGN §5 / CPython's pycore_object.h, used by the lock-free read
//    paths of list and dict: a reader loads an item pointer without the container's lock, then
//    may take a reference only if the object is provably still alive, and re-checks that the slot
//    still holds it. Memory safety of the load itself comes from QSBR (the object's memory is not
//    reused for something else before every thread passes a quiescent state).
// 2. The xxHash combination of item hashes (tuple, slice).
// 3. ObjectBuffer (a growable array of owned references in raw memory), index helpers and the
//    "plain key" test dict and set use to decide what may be compared under their lock.
#pragma once

#include <atomic>
#include <cstdint>

#include "gc/alloc.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/type.h"

namespace weft::containers {

// Succeeds for immortal objects and for objects the calling thread owns (plain local store).
inline bool try_incref_fast(Object* o) {
  uint32_t local = o->ob_ref_local.load(std::memory_order_relaxed);
  if (local == kImmortalLocal) return true;
  if (is_owned_by_current_thread(o)) {
    o->ob_ref_local.store(local + 1, std::memory_order_relaxed);
    return true;
  }
  return false;
}

// A non-owner's incref of the shared count. Fails when the shared word is exactly 0 (the owner may
// free the object without atomics once its local count drops) or exactly kMerged (dead).
inline bool try_incref_shared(Object* o) {
  int64_t shared = o->ob_ref_shared.load(std::memory_order_relaxed);
  for (;;) {
    if (shared == 0 || shared == kMerged) return false;
    if (o->ob_ref_shared.compare_exchange_weak(shared, shared + (int64_t{1} << kSharedShift),
                                               std::memory_order_relaxed))
      return true;
  }
}

// Takes a reference to `o`, which was loaded from `*slot`, only if it is alive and `*slot`
// still holds it afterwards (CPython's _Py_TryIncrefCompare).
inline bool try_incref_compare(std::atomic<Object*>* slot, Object* o) {
  if (try_incref_fast(o)) return true;
  if (!try_incref_shared(o)) return false;
  // acquire: pairs with the release store that put a different object into the slot.
  if (slot->load(std::memory_order_acquire) != o) {
    decref(o);
    return false;
  }
  return true;
}

// The reference a locked fallback path hands out: like incref, and when a foreign object's shared
// word is in state 0 it moves to kMaybeWeakref, so later lock-free reads of it succeed.
inline void incref_with_lock(Object* o) {
  if (try_incref_fast(o)) return;
  int64_t shared = o->ob_ref_shared.load(std::memory_order_relaxed);
  int64_t next;
  do {
    next = shared + (int64_t{1} << kSharedShift);
    if ((next & kSharedFlagMask) == 0) next |= kMaybeWeakref;
  } while (!o->ob_ref_shared.compare_exchange_weak(shared, next, std::memory_order_relaxed));
}
inline Ref<Object> new_ref_with_lock(Object* o) {
  incref_with_lock(o);
  return Ref<Object>::steal(o);
}

// An item slot of a container array viewed as an atomic (items are plain Object* fields in the
// layouts the headers publish; every access from these files goes through this view).
inline std::atomic<Object*>* atomic_slot(Object** slot) {
  static_assert(sizeof(std::atomic<Object*>) == sizeof(Object*));
  return reinterpret_cast<std::atomic<Object*>*>(slot);
}

// Memory safety of lock-free reads (DESIGN §4, gc/README.md): a reader may load an item pointer
// from a shared container just before a writer removes the item and drops its last reference.
// The reader then touches the item's header, so the item's memory must not be reused before a
// QSBR grace period. gc::free_object_memory delays the free of every object whose shared word
// left Init; this moves an item's word from Init to kMaybeWeakref. Call it, under the container's
// critical section, for every item that enters a shared container (and for every item when a
// container becomes shared). The container holds a reference, so the owner cannot be freeing the
// item concurrently (which is what makes the CAS from Init safe, as in CPython's
// _PyObject_SetMaybeWeakref).
inline void mark_maybe_weakref(Object* o) {
  if (is_immortal(o)) return;
  int64_t shared = o->ob_ref_shared.load(std::memory_order_relaxed);
  while ((shared & kSharedFlagMask) == kSharedInit) {
    if (o->ob_ref_shared.compare_exchange_weak(shared, shared | kMaybeWeakref,
                                               std::memory_order_relaxed))
      return;
  }
}

// Marks a container as seen by another thread: from then on its replaced storage is freed
// through QSBR (gc::free_delayed). Called under the container's critical section.
inline void mark_shared_locked(Object* o) {
  uint8_t bits = o->ob_gc_bits.load(std::memory_order_relaxed);
  if (!(bits & kGcShared)) o->ob_gc_bits.store(bits | kGcShared, std::memory_order_relaxed);
}
inline bool is_shared(const Object* o) {
  return o->ob_gc_bits.load(std::memory_order_relaxed) & kGcShared;
}

}  // namespace weft::containers

namespace weft::containers {

// CPython's xxHash-based combination of item hashes (tuple, slice). Unsigned arithmetic wraps.
class XxHashAccumulator {
 public:
  static constexpr uint64_t kPrime1 = 11400714785074694791ull;
  static constexpr uint64_t kPrime2 = 14029467366897019727ull;
  static constexpr uint64_t kPrime5 = 2870177450012600261ull;

  void add(int64_t item_hash) {
    acc_ += static_cast<uint64_t>(item_hash) * kPrime2;
    acc_ = (acc_ << 31) | (acc_ >> 33);
    acc_ *= kPrime1;
  }
  // tuple: mixes in the length; slice: does not.
  int64_t finish_with_length(int64_t n) {
    acc_ += static_cast<uint64_t>(n) ^ (kPrime5 ^ 3527539ull);
    return finish();
  }
  int64_t finish() const {
    if (acc_ == static_cast<uint64_t>(-1)) return 1546275796;
    return static_cast<int64_t>(acc_);
  }

 private:
  uint64_t acc_ = kPrime5;
};

}  // namespace weft::containers

namespace weft::containers {

// A growable array of owned references in raw memory: building blocks for tuple(iterable),
// sorting and snapshots. Allocation failure raises MemoryError (no C++ exceptions). Not shared
// between threads.
class ObjectBuffer {
 public:
  ObjectBuffer() = default;
  ObjectBuffer(const ObjectBuffer&) = delete;
  ObjectBuffer& operator=(const ObjectBuffer&) = delete;
  ~ObjectBuffer() {
    for (int64_t i = 0; i < size_; ++i) xdecref(data_[i]);
    gc::raw_free(data_);
  }

  Status reserve(int64_t n) {
    if (n <= capacity_) return ok();
    if (n > (int64_t{1} << 60) / static_cast<int64_t>(sizeof(Object*))) return raise_no_memory();
    void* p = gc::raw_realloc(data_, static_cast<size_t>(n) * sizeof(Object*));
    if (!p) return raise_no_memory();
    data_ = static_cast<Object**>(p);
    capacity_ = n;
    return ok();
  }
  Status push(Ref<Object> o) {
    if (size_ == capacity_) TRY(reserve(capacity_ < 8 ? 8 : capacity_ + capacity_ / 2));
    data_[size_++] = o.release();
    return ok();
  }
  // Appends a new reference to a borrowed object; room must have been reserved.
  void push_borrowed_reserved(Object* o) {
    incref(o);
    data_[size_++] = o;
  }
  // Adopts an owned reference; room must have been reserved.
  void push_owned_reserved(Object* o) { data_[size_++] = o; }
  int64_t size() const { return size_; }
  Object** data() { return data_; }
  Object* operator[](int64_t i) const { return data_[i]; }
  // Forgets the references (the caller moved them elsewhere).
  void forget_all() { size_ = 0; }

 private:
  Object** data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
};

// Converts a subscript to a C index for sequence indexing: ints and __index__ objects, with
// IndexError "cannot fit 'int' into an index-sized integer" on overflow. Returns false (no
// exception) when `key` is neither an int nor has __index__, so the caller can try slices and
// raise its own "{type} indices must be integers or slices, not {key type}".
Result<bool> subscript_index(Object* key, int64_t* out);

// Keys whose equality test with another such key runs no Python code (exact str, int, float,
// bool, None): dict and set compare them while holding their lock.
bool is_plain_key(const Object* o);

// CPython 3.14 re-raises a plain TypeError from hashing a dict key or set element as
// "cannot use 'list' as a dict key (unhashable type: 'list')"; `what` is "dict key" or
// "set element". Other exceptions (TypeError subclasses included) pass through unchanged.
Error rewrap_unhashable(Object* key, const char* what);

// Normalises a possibly negative index against `size`; false if out of range.
inline bool normalize_index(int64_t* i, int64_t size) {
  if (*i < 0) *i += size;
  return *i >= 0 && *i < size;
}

// Clamps a start/stop argument of index()/count() the way CPython's _PyEval_SliceIndexNotNone
// then list.index do: negatives count from the end, then clamp to [0, size].
inline int64_t clamp_search_bound(int64_t v, int64_t size) {
  if (v < 0) {
    v += size;
    if (v < 0) v = 0;
  }
  return v > size ? size : v;
}

}  // namespace weft::containers
