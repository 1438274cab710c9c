// sync/parking_lot.cpp — the address-keyed wait queues behind every blocking primitive in sync/.
//
// Design (see parking_lot.h for the contract):
//   - 257 buckets, each a pthread mutex plus an intrusive doubly linked FIFO of WaitEntry.
//   - A WaitEntry lives on the parked thread's stack. It leaves the list either by its own
//     timeout path (under the bucket lock) or by an unparker, which marks it `unparking` under
//     the bucket lock and posts `wake` after unlocking. A timed-out waiter that finds
//     `unparking` set must wait for that post before returning, or the unparker would write to a
//     dead stack frame.
//   - Waiters sleep on the `wake` futex word with an absolute CLOCK_MONOTONIC deadline.
//
// Memory ordering: the bucket mutex orders the compare-and-enqueue against unparkers; the wake
// word is stored with release by the unparker and loaded with acquire by the waiter, so whatever
// the unparker (or its callback) wrote before waking is visible to the woken thread.
#include "sync/parking_lot.h"

#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sync/detach_hook.h"

namespace weft::sync {
namespace {

constexpr size_t kNumBuckets = 257;

struct WaitEntry {
  const void* addr;
  void* park_arg;
  WaitEntry* prev = nullptr;
  WaitEntry* next = nullptr;
  bool unparking = false;            // guarded by the bucket lock
  std::atomic<uint32_t> wake{0};     // 1 once woken; the futex word
};

struct alignas(64) Bucket {
  pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  WaitEntry* head = nullptr;  // guarded by lock
  WaitEntry* tail = nullptr;  // guarded by lock
};

Bucket g_buckets[kNumBuckets];

Bucket& bucket_for(const void* addr) {
  return g_buckets[reinterpret_cast<uintptr_t>(addr) % kNumBuckets];
}

class BucketLock {
 public:
  explicit BucketLock(Bucket& b) : b_(b) { pthread_mutex_lock(&b_.lock); }
  ~BucketLock() { pthread_mutex_unlock(&b_.lock); }
  BucketLock(const BucketLock&) = delete;
  BucketLock& operator=(const BucketLock&) = delete;

 private:
  Bucket& b_;
};

void enqueue_locked(Bucket& b, WaitEntry* e) {
  e->prev = b.tail;
  e->next = nullptr;
  if (b.tail) b.tail->next = e; else b.head = e;
  b.tail = e;
}

void remove_locked(Bucket& b, WaitEntry* e) {
  if (e->prev) e->prev->next = e->next; else b.head = e->next;
  if (e->next) e->next->prev = e->prev; else b.tail = e->prev;
  e->prev = e->next = nullptr;
}

WaitEntry* find_locked(Bucket& b, const void* addr, WaitEntry* after = nullptr) {
  for (WaitEntry* e = after ? after->next : b.head; e; e = e->next)
    if (e->addr == addr) return e;
  return nullptr;
}

bool value_matches(const void* addr, const void* expected, size_t size) {
  // The words are std::atomic<T> in the callers; the bytes are read atomically with the
  // matching width. Relaxed suffices: the bucket lock orders this check against unparkers.
  switch (size) {
    case 1: return __atomic_load_n(static_cast<const uint8_t*>(addr), __ATOMIC_RELAXED) ==
                   *static_cast<const uint8_t*>(expected);
    case 2: return __atomic_load_n(static_cast<const uint16_t*>(addr), __ATOMIC_RELAXED) ==
                   *static_cast<const uint16_t*>(expected);
    case 4: return __atomic_load_n(static_cast<const uint32_t*>(addr), __ATOMIC_RELAXED) ==
                   *static_cast<const uint32_t*>(expected);
    case 8: return __atomic_load_n(static_cast<const uint64_t*>(addr), __ATOMIC_RELAXED) ==
                   *static_cast<const uint64_t*>(expected);
  }
  return false;
}

void futex_wake_one(std::atomic<uint32_t>* word) {
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1,
          nullptr, nullptr, 0);
}

enum class WaitOutcome : uint8_t { kWoken, kDeadline, kSignal };

// Sleeps until `e.wake` becomes 1 or the deadline passes; with `interrupt == kReturn` also
// returns when a signal interrupts the futex wait (our handlers are installed without
// SA_RESTART, so the wait fails with EINTR).
WaitOutcome wait_for_wake(WaitEntry& e, int64_t deadline_ns, ParkInterrupt interrupt) {
  // acquire: pairs with the release store in wake_entry().
  while (e.wake.load(std::memory_order_acquire) == 0) {
    timespec ts;
    timespec* tsp = nullptr;
    if (deadline_ns != kNoDeadline) {
      if (monotonic_ns() >= deadline_ns) return WaitOutcome::kDeadline;
      ts.tv_sec = deadline_ns / 1'000'000'000;
      ts.tv_nsec = deadline_ns % 1'000'000'000;
      tsp = &ts;
    }
    // FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline. EAGAIN (the word changed)
    // and ETIMEDOUT loop back to the checks above; so does EINTR unless the caller wants it.
    long rc = syscall(SYS_futex, reinterpret_cast<uint32_t*>(&e.wake),
                      FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, tsp, nullptr,
                      FUTEX_BITSET_MATCH_ANY);
    if (rc != 0 && errno == EINTR && interrupt == ParkInterrupt::kReturn &&
        e.wake.load(std::memory_order_acquire) == 0)
      return WaitOutcome::kSignal;
  }
  return WaitOutcome::kWoken;
}

void wake_entry(WaitEntry* e) {
  // release: pairs with the acquire load in wait_for_wake(). After this store the waiter may
  // return and its stack frame may die; futex_wake on a stale address is harmless (at worst a
  // spurious wake-up of an unrelated futex, which every futex user tolerates).
  std::atomic<uint32_t>* word = &e->wake;
  word->store(1, std::memory_order_release);
  futex_wake_one(word);
}

}  // namespace

ParkResult park_bytes(const void* addr, const void* expected, size_t size, int64_t deadline_ns,
                      void* park_arg, ParkDetach detach, ParkInterrupt interrupt) {
  Bucket& b = bucket_for(addr);
  WaitEntry entry;
  entry.addr = addr;
  entry.park_arg = park_arg;
  {
    BucketLock guard(b);
    if (!value_matches(addr, expected, size)) return ParkResult::kAgain;
    enqueue_locked(b, &entry);
  }
  DetachedScope detached(detach == ParkDetach::kDetach);
  WaitOutcome outcome = wait_for_wake(entry, deadline_ns, interrupt);
  if (outcome == WaitOutcome::kWoken) return ParkResult::kOk;
  {
    BucketLock guard(b);
    if (!entry.unparking) {
      remove_locked(b, &entry);
      return outcome == WaitOutcome::kSignal ? ParkResult::kInterrupted : ParkResult::kTimeout;
    }
  }
  // An unparker dequeued us just as the deadline passed or the signal came: its callback already
  // ran for us (it may have handed us a lock), so this counts as a wake-up. Wait for its post so
  // it never touches a dead frame.
  wait_for_wake(entry, kNoDeadline, ParkInterrupt::kAbsorb);
  return ParkResult::kOk;
}

bool unpark_one(const void* addr, UnparkCallback fn, void* ctx) {
  Bucket& b = bucket_for(addr);
  WaitEntry* woken;
  {
    BucketLock guard(b);
    woken = find_locked(b, addr);
    if (woken) {
      remove_locked(b, woken);
      woken->unparking = true;
      fn(ctx, woken->park_arg, find_locked(b, addr) != nullptr);
    } else {
      fn(ctx, nullptr, false);
    }
  }
  if (woken) wake_entry(woken);
  return woken != nullptr;
}

void unpark_all(const void* addr) {
  Bucket& b = bucket_for(addr);
  WaitEntry* list = nullptr;  // singly linked through `next`, built under the lock
  {
    BucketLock guard(b);
    WaitEntry* e = find_locked(b, addr);
    while (e) {
      WaitEntry* following = find_locked(b, addr, e);
      remove_locked(b, e);
      e->unparking = true;
      e->next = list;
      list = e;
      e = following;
    }
  }
  while (list) {
    WaitEntry* next = list->next;  // read before the wake: the entry may die right after it
    wake_entry(list);
    list = next;
  }
}

void parking_lot_after_fork() {
  for (Bucket& b : g_buckets) {
    pthread_mutex_init(&b.lock, nullptr);
    b.head = b.tail = nullptr;
  }
}

}  // namespace weft::sync
