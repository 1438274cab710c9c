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
// first (through the hook in sync/detach_hook.h), releasing its critical sections.
#pragma once

#include <atomic>
#include <cstdint>

#include "sync/annotations.h"

namespace weft::sync {

class WEFT_CAPABILITY("mutex") Mutex {
 public:
  static constexpr uint8_t kUnlocked = 0;
  static constexpr uint8_t kLocked = 1;
  static constexpr uint8_t kHasParked = 2;

  constexpr Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() WEFT_ACQUIRE() {
    uint8_t expected = kUnlocked;
    // acquire: pairs with the release in unlock()/unlock_slow().
    if (bits_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire,
                                      std::memory_order_relaxed)) [[likely]]
      return;
    lock_slow();
  }
  bool try_lock() WEFT_TRY_ACQUIRE(true) {
    uint8_t v = bits_.load(std::memory_order_relaxed);
    while (!(v & kLocked)) {
      // acquire: pairs with the release in unlock()/unlock_slow().
      if (bits_.compare_exchange_weak(v, v | kLocked, std::memory_order_acquire,
                                      std::memory_order_relaxed))
        return true;
    }
    return false;
  }
  // Waits at most `timeout_ns` (negative: forever). Returns whether the lock was taken.
  bool lock_timed(int64_t timeout_ns) WEFT_TRY_ACQUIRE(true);
  void unlock() WEFT_RELEASE() {
    uint8_t expected = kLocked;
    // release: pairs with the acquire in lock()/try_lock()/lock_slow().
    if (bits_.compare_exchange_strong(expected, kUnlocked, std::memory_order_release,
                                      std::memory_order_relaxed)) [[likely]]
      return;
    unlock_slow();
  }
  bool is_locked() const { return bits_.load(std::memory_order_relaxed) & kLocked; }

  std::atomic<uint8_t>& raw_bits() { return bits_; }

 private:
  void lock_slow();
  void unlock_slow();
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
