// sync/rw_mutex.cpp — RWMutex (sync/rw_mutex.h) on the parking lot.
//
// Write preference: a reader that sees kHasParked parks instead of joining, because the parked
// thread may be a writer that the current readers would otherwise starve. The last reader out
// wakes everyone when kHasParked is set; the woken writer finds only kHasParked and takes the
// lock, woken readers see it and park again. A writer's unlock clears the word and wakes all.
// Parked threads detach their thread state.
#include "sync/rw_mutex.h"

#include "sync/parking_lot.h"

namespace weft::sync {

uintptr_t RWMutex::set_parked_and_wait(uintptr_t bits) {
  if (!(bits & kHasParked)) {
    uintptr_t parked = bits | kHasParked;
    if (!bits_.compare_exchange_strong(bits, parked, std::memory_order_relaxed,
                                       std::memory_order_relaxed))
      return bits;
    bits = parked;
  }
  park(&bits_, bits, kNoDeadline);
  return bits_.load(std::memory_order_relaxed);
}

void RWMutex::lock_shared() {
  uintptr_t bits = bits_.load(std::memory_order_relaxed);
  for (;;) {
    if (bits & (kWriteLocked | kHasParked)) {
      bits = set_parked_and_wait(bits);
      continue;
    }
    // acquire: pairs with the release exchange in unlock().
    if (bits_.compare_exchange_weak(bits, bits + kReaderIncrement, std::memory_order_acquire,
                                    std::memory_order_relaxed))
      return;
  }
}

void RWMutex::unlock_shared() {
  // release: pairs with the acquire CAS in lock() of the next writer.
  uintptr_t bits = bits_.fetch_sub(kReaderIncrement, std::memory_order_release) - kReaderIncrement;
  if ((bits >> kReaderShift) == 0 && (bits & kHasParked)) unpark_all(&bits_);
}

void RWMutex::lock() {
  uintptr_t bits = bits_.load(std::memory_order_relaxed);
  for (;;) {
    if ((bits & ~kHasParked) == 0) {
      // acquire: pairs with the release in unlock()/unlock_shared().
      if (bits_.compare_exchange_weak(bits, bits | kWriteLocked, std::memory_order_acquire,
                                      std::memory_order_relaxed))
        return;
      continue;
    }
    bits = set_parked_and_wait(bits);
  }
}

void RWMutex::unlock() {
  // release: pairs with the acquire CAS in lock()/lock_shared().
  uintptr_t old = bits_.exchange(0, std::memory_order_release);
  if (old & kHasParked) unpark_all(&bits_);
}

}  // namespace weft::sync
