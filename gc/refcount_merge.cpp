// gc/refcount_merge.cpp — the biased-refcount merge queues (CPython's Python/brc.c, with an
// intrusive queue instead of brc's allocated object stacks; DESIGN §4).
//
// Owner table: 257 buckets keyed by thread id (ob_tid % 257), each a Mutex and a list of the
// registered threads in that bucket. A thread registers when its ThreadState is created and
// unregisters at exit (core/thread_hooks.h). The node is thread_local, so registering never
// allocates and cannot fail.
//
// Queueing (a non-owner's decref found the shared count at zero, decref_shared in refcount.cpp):
// under the bucket lock, look the owner up by ob_tid. Found: push the object on the owner's
// `merge_queue` and set kMergeRefcounts in its eval breaker. Not found (the owner has exited):
// merge here and free if the total is zero. ob_tid == 0 (merged meanwhile): an ordinary decref.
//
// Where the link lives: in the object's ob_tid. A queued object needs one link, and every header
// word is taken; but once the shared state is Queued, nothing needs ob_tid to name the owner
// any more: the owner's fast paths then see "not mine" and fall back to the shared count, which
// is always correct, and every later non-owner decref just subtracts (an object is queued at most
// once, since the state never returns below Queued). The link is stored as `next | 1`: odd, so
// never 0 ("merged"), never an owner id (those are TLS addresses, and the odd address `next+1`
// lies inside a live object) and never a valid object pointer. The owner only changes ob_tid by
// CAS from its own id (refcount.cpp), so it cannot overwrite a link. Cost: one CAS per push, one
// exchange for the owner to take the whole list, no allocation, and no extra memory per object.
//
// Locking: pushes happen under the bucket lock, and unregistering takes the same lock after a
// final drain, so no object can be pushed to a thread that is gone. Objects are freed (dealloc
// runs arbitrary code) only with no bucket lock held. Bucket locks never detach: a decref must
// not release the caller's critical sections.
#include <atomic>

#include "core/thread_hooks.h"
#include "gc/refcount.h"
#include "sync/mutex.h"

namespace weft::gc {
namespace {

constexpr size_t kNumBuckets = 257;

struct OwnerNode {
  uintptr_t tid = 0;
  core::ThreadState* ts = nullptr;
  OwnerNode* next = nullptr;  // guarded by the bucket's lock
};

struct alignas(64) OwnerBucket {
  sync::Mutex lock;
  OwnerNode* head WEFT_GUARDED_BY(lock) = nullptr;
};

OwnerBucket g_owners[kNumBuckets];
thread_local OwnerNode t_owner_node;

OwnerBucket& bucket_for(uintptr_t tid) { return g_owners[tid % kNumBuckets]; }

uintptr_t link_value(Object* next) { return reinterpret_cast<uintptr_t>(next) | 1; }
Object* link_target(uintptr_t link) { return reinterpret_cast<Object*>(link & ~uintptr_t{1}); }

core::ThreadState* find_owner_locked(OwnerBucket& b, uintptr_t tid) WEFT_REQUIRES(b.lock) {
  for (OwnerNode* n = b.head; n; n = n->next)
    if (n->tid == tid) return n->ts;
  return nullptr;
}

void register_owner(core::ThreadState* ts) {
  OwnerNode& node = t_owner_node;
  node.tid = ts->tid;
  node.ts = ts;
  OwnerBucket& b = bucket_for(ts->tid);
  b.lock.lock_without_detaching();
  node.next = b.head;
  b.head = &node;
  b.lock.unlock();
}

void unregister_owner(core::ThreadState* ts) {
  OwnerBucket& b = bucket_for(ts->tid);
  for (;;) {
    merge_queued_objects(ts);
    b.lock.lock_without_detaching();
    // acquire: pairs with the release CAS of a pusher that got in after our drain.
    if (ts->merge_queue.load(std::memory_order_acquire) == nullptr) {
      for (OwnerNode** p = &b.head; *p; p = &(*p)->next) {
        if (*p == &t_owner_node) {
          *p = t_owner_node.next;
          break;
        }
      }
      b.lock.unlock();
      t_owner_node = OwnerNode{};
      return;
    }
    b.lock.unlock();
  }
}

[[maybe_unused]] const bool g_hooks_registered = core::register_thread_lifecycle_hooks(
    {.created = &register_owner, .exiting = &unregister_owner});

}  // namespace

void queue_object_to_owner(Object* o) {
  uintptr_t tid = o->ob_tid.load(std::memory_order_relaxed);
  if (tid == 0) {
    // The owner merged concurrently; the reference the queue would have held is an ordinary
    // shared reference now.
    decref(o);
    return;
  }
  OwnerBucket& b = bucket_for(tid);
  b.lock.lock_without_detaching();
  core::ThreadState* owner = find_owner_locked(b, tid);
  if (owner) {
    Object* head = owner->merge_queue.load(std::memory_order_relaxed);
    do {
      o->ob_tid.store(link_value(head), std::memory_order_relaxed);
      // release: pairs with the acquire exchange in merge_queued_objects(), publishing the link.
    } while (!owner->merge_queue.compare_exchange_weak(head, o, std::memory_order_release,
                                                      std::memory_order_relaxed));
    // release: pairs with the acquire load of the eval breaker in the owner's check.
    owner->eval_breaker.fetch_or(core::kMergeRefcounts, std::memory_order_release);
    b.lock.unlock();
    return;
  }
  b.lock.unlock();
  // Abandoned: the owner thread has exited (its last writes to the local count happened before
  // it unregistered under this bucket's lock), so merge here, dropping the queue's reference.
  if (explicit_merge_refcount(o, -1) == 0) dealloc_object(o);
}

void merge_queued_objects(core::ThreadState* ts) {
  // Clear the bit before taking the list: a push after the exchange sets it again.
  ts->eval_breaker.fetch_and(~uint64_t{core::kMergeRefcounts}, std::memory_order_relaxed);
  // acquire: pairs with the release CAS in queue_object_to_owner().
  Object* o = ts->merge_queue.exchange(nullptr, std::memory_order_acquire);
  while (o) {
    Object* next = link_target(o->ob_tid.load(std::memory_order_relaxed));
    // The -1 is the reference the queue held (decref_shared did not subtract it).
    if (explicit_merge_refcount(o, -1) == 0) dealloc_object(o);
    o = next;
  }
}

}  // namespace weft::gc
