// sync/mutex.h — the 1-byte Mutex (CPython's PyMutex, after WebKit's WTF::Lock).
//
// State of `bits_` (only these four are legal):
//   0b00  unlocked, no parked waiters
//   0b01  locked (kLocked), no parked waiters
//   0b10  unlocked, parked waiters (kHasParked)
//   0b11  locked, parked waiters
// Zero-initialised means unlocked, so a Mutex inside a zeroed object needs no constructor call.
//
// Fast paths are inline (one CAS); contention goes to lock_slow()/unlock_slow() in mutex.cpp:
// spin briefly while nobody is parked, then park in the global parking lot keyed by this address
// (sync/parking_lot.h). An unlocker hands the lock directly to a waiter that has waited over
// 1 ms (fairness); otherwise waiters may be barged. A thread that parks detaches its thread state
// first (through the hook in sync/detach_hook.h), releasing its critical sections; runtime locks
// that must not do that (they are taken while attaching or detaching) use lock_without_detaching().
//
// Under the tsan preset (WEFT_TSAN) every operation is announced with the __tsan_mutex_*
// annotations, so ThreadSanitizer treats a Mutex as a lock (reports name it, and its internal
// atomics are not mistaken for the program's synchronisation).
#pragma once

#include <atomic>
#include <cstdint>

#include "sync/annotations.h"
#include "sync/clock.h"
#include "sync/parking_lot.h"

#if defined(WEFT_TSAN)
#include <sanitizer/tsan_interface.h>
#define WEFT_TSAN_MUTEX(call) call
#else
#define WEFT_TSAN_MUTEX(call) ((void)0)
#endif

namespace weft::sync {

// How a timed or interruptible lock attempt ended.
enum class LockResult : uint8_t { kAcquired, kTimedOut, kInterrupted };

class WEFT_CAPABILITY("mutex") Mutex {
 public:
  static constexpr uint8_t kUnlocked = 0;
  static constexpr uint8_t kLocked = 1;
  static constexpr uint8_t kHasParked = 2;

  constexpr Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() WEFT_ACQUIRE() {
    WEFT_TSAN_MUTEX(__tsan_mutex_pre_lock(this, 0));
    lock_unannotated(ParkDetach::kDetach, kTsanAnnotated);
    WEFT_TSAN_MUTEX(__tsan_mutex_post_lock(this, 0, 0));
  }
  // lock() for runtime-internal locks taken while attaching/detaching (thread lists,
  // stop-the-world): a blocked caller parks without detaching its thread state.
  void lock_without_detaching() WEFT_ACQUIRE() {
    WEFT_TSAN_MUTEX(__tsan_mutex_pre_lock(this, 0));
    lock_unannotated(ParkDetach::kDontDetach, kTsanAnnotated);
    WEFT_TSAN_MUTEX(__tsan_mutex_post_lock(this, 0, 0));
  }
  bool try_lock() WEFT_TRY_ACQUIRE(true) {
    WEFT_TSAN_MUTEX(__tsan_mutex_pre_lock(this, __tsan_mutex_try_lock));
    bool locked = try_lock_unannotated();
    WEFT_TSAN_MUTEX(__tsan_mutex_post_lock(
        this, __tsan_mutex_try_lock | (locked ? 0 : __tsan_mutex_try_lock_failed), 0));
    return locked;
  }
  // Waits at most `timeout_ns` (negative: forever; 0: one attempt). Returns whether the lock was
  // taken. `detach` says whether a parked caller detaches its thread state (see lock()).
  bool lock_timed(int64_t timeout_ns, ParkDetach detach = ParkDetach::kDetach)
      WEFT_TRY_ACQUIRE(true);
  void unlock() WEFT_RELEASE() {
    WEFT_TSAN_MUTEX(__tsan_mutex_pre_unlock(this, 0));
    unlock_unannotated(kTsanAnnotated);
    WEFT_TSAN_MUTEX(__tsan_mutex_post_unlock(this, 0));
  }

  // The same operations without the TSan mutex annotations, for per-object critical sections
  // only (sync/critical_section.cpp). Critical sections nest in any order and stay deadlock-free
  // because a blocked thread suspends its outer sections; TSan's lock-order detector cannot
  // know that and would report every such nesting. Without the annotations TSan still sees the
  // acquire/release atomics, so races on the data the sections protect are still reported.
  void lock_unannotated(ParkDetach detach = ParkDetach::kDetach, bool tsan_annotated = false)
      WEFT_ACQUIRE() {
    uint8_t expected = kUnlocked;
    // acquire: pairs with the release in unlock_unannotated()/unlock_slow().
    if (!bits_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire,
                                       std::memory_order_relaxed)) [[unlikely]]
      lock_slow(kNoDeadline, detach, tsan_annotated);
  }
  bool try_lock_unannotated() WEFT_TRY_ACQUIRE(true) {
    uint8_t v = bits_.load(std::memory_order_relaxed);
    while (!(v & kLocked)) {
      // acquire: pairs with the release in unlock_unannotated()/unlock_slow().
      if (bits_.compare_exchange_weak(v, v | kLocked, std::memory_order_acquire,
                                      std::memory_order_relaxed))
        return true;
    }
    return false;
  }
  void unlock_unannotated(bool tsan_annotated = false) WEFT_RELEASE() {
    uint8_t expected = kLocked;
    // release: pairs with the acquire in lock_unannotated()/try_lock_unannotated()/lock_slow().
    if (!bits_.compare_exchange_strong(expected, kUnlocked, std::memory_order_release,
                                       std::memory_order_relaxed)) [[unlikely]]
      unlock_slow(tsan_annotated);
  }
  // lock_timed() without the TSan annotations, for locks one thread may take and another
  // release (Python's _thread.lock): TSan would report such a release as "unlock by a wrong
  // thread". The acquire/release atomics still give TSan the happens-before edges.
  bool lock_timed_unannotated(int64_t timeout_ns, ParkDetach detach = ParkDetach::kDetach)
      WEFT_TRY_ACQUIRE(true) {
    if (try_lock_unannotated()) return true;
    if (timeout_ns == 0) return false;
    return lock_slow(deadline_after(timeout_ns), detach, /*tsan_annotated=*/false) ==
           LockResult::kAcquired;
  }
  // lock_timed_unannotated() for a waiter that must notice signals (the main thread in
  // _thread.lock.acquire(), PEP 475): a signal delivered while parked returns kInterrupted so
  // the caller can run the Python handlers and call again with the remaining timeout.
  // `deadline_ns` is absolute monotonic time or kNoDeadline; the caller is detached while parked.
  LockResult lock_until_interruptible_unannotated(int64_t deadline_ns)
      WEFT_NO_THREAD_SAFETY_ANALYSIS {
    if (try_lock_unannotated()) return LockResult::kAcquired;
    if (deadline_ns != kNoDeadline && monotonic_ns() >= deadline_ns) return LockResult::kTimedOut;
    return lock_slow(deadline_ns, ParkDetach::kDetach, /*tsan_annotated=*/false,
                     ParkInterrupt::kReturn);
  }
  // Unlocks if locked and returns true; returns false (changing nothing) if it was not locked.
  // For locks whose release may legitimately be attempted on an unlocked lock (Python's
  // _thread.lock raises RuntimeError then). Not TSan-annotated, like lock_timed_unannotated().
  bool try_unlock_unannotated();
  bool is_locked() const { return bits_.load(std::memory_order_relaxed) & kLocked; }

  std::atomic<uint8_t>& raw_bits() { return bits_; }

 private:
#if defined(WEFT_TSAN)
  static constexpr bool kTsanAnnotated = true;
#else
  static constexpr bool kTsanAnnotated = false;
#endif
  // Contended paths (mutex.cpp). lock_slow returns kTimedOut only when `deadline_ns` passed and
  // kInterrupted only when `interrupt` is kReturn and a signal arrived while parked.
  // `tsan_annotated`: the caller is inside __tsan_mutex_pre/post_*, so calls out to the parking
  // lot are bracketed with __tsan_mutex_pre/post_divert.
  LockResult lock_slow(int64_t deadline_ns, ParkDetach detach, bool tsan_annotated,
                       ParkInterrupt interrupt = ParkInterrupt::kAbsorb)
      WEFT_NO_THREAD_SAFETY_ANALYSIS;
  void unlock_slow(bool tsan_annotated) WEFT_NO_THREAD_SAFETY_ANALYSIS;
  std::atomic<uint8_t> bits_{kUnlocked};
};
static_assert(sizeof(Mutex) == 1, "the object header reserves exactly one byte for the mutex");

// RAII lock for sync::Mutex (std::lock_guard works too; this one is annotated).
class WEFT_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& m) WEFT_ACQUIRE(m) : m_(m) { m_.lock(); }
  ~MutexLock() WEFT_RELEASE() { m_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& m_;
};

}  // namespace weft::sync
