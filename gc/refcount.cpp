// gc/refcount.cpp — biased reference counting slow paths (gc/refcount.h; CPython's
// _Py_MergeZeroLocalRefcount, _Py_DecRefSharedIsDead, _Py_ExplicitMergeRefcount).
//
// Memory ordering: every RMW on ob_ref_shared that can lead to a free is acq_rel, so the thread
// that frees sees every other thread's writes made before their decrefs (each decref releases,
// the freeing RMW acquires). The owner's zero-local check loads the shared word with acquire for
// the same reason.
#include "gc/refcount.h"

#include <atomic>

#include "gc/alloc.h"

namespace weft {
namespace {
// The reported count of immortal objects (CPython's _Py_IMMORTAL_INITIAL_REFCNT, 3 << 30).
constexpr int64_t kImmortalRefcount = int64_t{3} << 30;
}  // namespace
}  // namespace weft

namespace weft::gc {
namespace {

int64_t pack_shared(int64_t count, int64_t state) { return (count << kSharedShift) | state; }

}  // namespace

void merge_zero_local_refcount(Object* o) {
  // acquire: pairs with the acq_rel CAS of other threads' decref_shared().
  int64_t shared = o->ob_ref_shared.load(std::memory_order_acquire);
  if (shared == 0) {
    // Nobody else ever held a reference, nobody can try-incref (state Init): free without atomics.
    dealloc_object(o);
    return;
  }
  // Unown first: a zero ob_tid must imply "merged" to anyone who sees it. CAS, not a store: a
  // non-owner may have queued the object already and put the queue link in ob_tid.
  uintptr_t me = core::current_thread_id();
  o->ob_tid.compare_exchange_strong(me, 0, std::memory_order_relaxed, std::memory_order_relaxed);
  int64_t merged;
  do {
    merged = shared | kMerged;
    // acq_rel: pairs with the acq_rel CAS in decref_shared() / try-increfs of other threads.
  } while (!o->ob_ref_shared.compare_exchange_weak(shared, merged, std::memory_order_acq_rel,
                                                   std::memory_order_acquire));
  if (merged == kMerged) dealloc_object(o);
}

void decref_shared(Object* o) {
  int64_t shared = o->ob_ref_shared.load(std::memory_order_relaxed);
  int64_t next;
  bool queue;
  do {
    // Count zero and neither queued nor merged: the owner's local count holds the references.
    // Do not subtract (that would need the owner's cooperation); the queue keeps this reference
    // and the owner merges it.
    queue = shared == kSharedInit || shared == kMaybeWeakref;
    next = queue ? kQueued : shared - (int64_t{1} << kSharedShift);  // may go negative
    // acq_rel: the release publishes our writes to whoever frees; the acquire gives us theirs
    // if we are the one who frees.
  } while (!o->ob_ref_shared.compare_exchange_weak(shared, next, std::memory_order_acq_rel,
                                                   std::memory_order_relaxed));
  if (queue) {
    queue_object_to_owner(o);
  } else if (next == kMerged) {
    dealloc_object(o);  // merged and the last reference is gone
  }
}

int64_t explicit_merge_refcount(Object* o, int64_t extra) {
  uint32_t local = o->ob_ref_local.load(std::memory_order_relaxed);
  o->ob_ref_local.store(0, std::memory_order_relaxed);
  o->ob_tid.store(0, std::memory_order_relaxed);
  int64_t shared = o->ob_ref_shared.load(std::memory_order_relaxed);
  int64_t merged;
  do {
    int64_t total = (shared >> kSharedShift) + int64_t{local} + extra;
    merged = pack_shared(total, kMerged);
    // acq_rel: as in decref_shared(); the caller frees when the total is zero.
  } while (!o->ob_ref_shared.compare_exchange_weak(shared, merged, std::memory_order_acq_rel,
                                                   std::memory_order_relaxed));
  return merged >> kSharedShift;
}

void free_object_memory(Object* o) { free_object_memory(o, o); }

void free_object_memory(Object* o, void* block) {
  if ((o->ob_ref_shared.load(std::memory_order_relaxed) & kSharedFlagMask) != kSharedInit)
    free_delayed(block);
  else
    raw_free(block);
}

void set_immortal(Object* o) {
  o->ob_ref_local.store(kImmortalLocal, std::memory_order_relaxed);
  o->ob_ref_shared.store(0, std::memory_order_relaxed);
  o->ob_tid.store(0, std::memory_order_relaxed);
  o->ob_gc_bits.store(o->ob_gc_bits.load(std::memory_order_relaxed) | kGcDeferred,
                      std::memory_order_relaxed);
}

}  // namespace weft::gc

namespace weft {

int64_t refcount(const Object* o) {
  uint32_t local = o->ob_ref_local.load(std::memory_order_relaxed);
  if (local == kImmortalLocal) return kImmortalRefcount;
  return int64_t{local} + (o->ob_ref_shared.load(std::memory_order_relaxed) >> kSharedShift);
}

}  // namespace weft
