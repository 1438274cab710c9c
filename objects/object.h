// objects/object.h — the 32-byte free-threaded object header and reference counting.
//
// Layout (CPython's free-threaded build, DESIGN §3; offsets on 64-bit):
//   0  ob_tid         owning thread id (core::current_thread_id()), 0 = unowned (immortal/merged)
//   8  ob_flags       16 bits, see ObjectFlag
//  10  ob_mutex       1-byte sync::Mutex; locked only through critical sections
//  11  ob_gc_bits     see GcBit; set with relaxed load+store under the object's lock
//  12  ob_ref_local   owner-thread count; only the owner writes it (relaxed load/store, no RMW)
//  16  ob_ref_shared  other threads' count << 2 | SharedState in the low 2 bits; atomic RMW
//  24  ob_type        the object's type
//
// True refcount = ob_ref_local + (ob_ref_shared >> 2) (+ deferred stack refs and per-thread
// counts, which only the collector adds up). Immortal: ob_ref_local == kImmortalLocal; increfs
// and decrefs of immortal objects do nothing.
//
// Shared-count states (low 2 bits of ob_ref_shared; they only move to higher values):
//   kSharedInit (0)   the owner may free without atomics when its local count hits 0
//   kMaybeWeakref (1) another thread may try-incref (weakref / lock-free container read);
//                     the owner must CAS to kMerged before freeing
//   kQueued (2)       queued to the owner's merge queue after going negative
//   kMerged (3)       local count folded into the shared count; ob_tid == 0
//
// Slow paths (count reaching zero, non-owner decref, merge queues) live in gc/refcount.h.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "core/thread_state.h"
#include "sync/mutex.h"

namespace weft {

struct Type;

enum ObjectFlag : uint16_t {
  kStaticallyAllocated = 1u << 2,  // lives in static storage; never freed
  kHasGcHeader = 1u << 3,          // a gc::GcHeader precedes the object (gc/collector.h)
};

enum GcBit : uint8_t {
  kGcTracked = 1,
  kGcFinalized = 2,
  kGcUnreachable = 4,
  kGcFrozen = 8,
  kGcShared = 16,     // a list/dict seen by another thread: free its storage through QSBR
  kGcAlive = 32,
  kGcDeferred = 64,   // deferred refcount: VM stack references are not counted (DESIGN §4)
};

enum SharedState : int64_t {
  kSharedInit = 0,
  kMaybeWeakref = 1,
  kQueued = 2,
  kMerged = 3,
};
inline constexpr int kSharedShift = 2;
inline constexpr int64_t kSharedFlagMask = 3;
inline constexpr uint32_t kImmortalLocal = UINT32_MAX;
// Added to the shared count of an object with deferred refcounting (kGcDeferred; CPython's
// _Py_REF_DEFERRED): large enough that no sequence of ordinary decrefs reaches zero. The cycle
// collector subtracts it to get the true count.
inline constexpr int64_t kDeferredRefcountBias = INT64_MAX / 8;

struct Object {
  std::atomic<uintptr_t> ob_tid;
  uint16_t ob_flags;
  sync::Mutex ob_mutex;
  std::atomic<uint8_t> ob_gc_bits;
  std::atomic<uint32_t> ob_ref_local;
  std::atomic<int64_t> ob_ref_shared;
  Type* ob_type;
};
static_assert(sizeof(Object) == 32, "DESIGN §3: the free-threaded header is 32 bytes");
static_assert(offsetof(Object, ob_mutex) == 10 && offsetof(Object, ob_ref_local) == 12 &&
              offsetof(Object, ob_ref_shared) == 16 && offsetof(Object, ob_type) == 24);

// Objects with a length (tuple, int digits, ...). ob_size is read without a lock (len()).
struct VarObject : Object {
  std::atomic<int64_t> ob_size;
};

inline Type* type_of(const Object* o) { return o->ob_type; }

inline bool is_immortal(const Object* o) {
  return o->ob_ref_local.load(std::memory_order_relaxed) == kImmortalLocal;
}
inline bool is_owned_by_current_thread(const Object* o) {
  return o->ob_tid.load(std::memory_order_relaxed) == core::current_thread_id();
}

namespace gc {
// Out-of-line slow paths, gc/refcount.cpp.
void merge_zero_local_refcount(Object* o);  // owner's local count just reached 0
void decref_shared(Object* o);              // non-owner decref
void set_immortal(Object* o);               // makes `o` immortal (interned strings, constants)
}  // namespace gc

inline void incref(Object* o) {
  uint32_t local = o->ob_ref_local.load(std::memory_order_relaxed);
  uint32_t next = local + 1;
  if (next == 0) return;  // immortal (kImmortalLocal wraps to 0)
  if (is_owned_by_current_thread(o)) [[likely]] {
    // An owner count that would reach kImmortalLocal makes the object immortal instead of
    // wrapping; that store is exactly next == kImmortalLocal.
    o->ob_ref_local.store(next, std::memory_order_relaxed);
  } else {
    o->ob_ref_shared.fetch_add(int64_t{1} << kSharedShift, std::memory_order_relaxed);
  }
}

inline void decref(Object* o) {
  uint32_t local = o->ob_ref_local.load(std::memory_order_relaxed);
  if (local == kImmortalLocal) return;
  if (is_owned_by_current_thread(o)) [[likely]] {
    --local;
    o->ob_ref_local.store(local, std::memory_order_relaxed);
    if (local == 0) [[unlikely]] gc::merge_zero_local_refcount(o);
  } else {
    gc::decref_shared(o);
  }
}

inline void xincref(Object* o) { if (o) incref(o); }
inline void xdecref(Object* o) { if (o) decref(o); }

// The refcount as CPython's sys.getrefcount would see it (approximate for deferred objects).
int64_t refcount(const Object* o);

}  // namespace weft
