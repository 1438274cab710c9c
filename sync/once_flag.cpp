// sync/once_flag.cpp — the contended part of OnceFlag (sync/once_flag.h): claiming the right to
// run the initializer, and publishing its outcome.
#include "sync/once_flag.h"

namespace weft::sync {

bool OnceFlag::begin() {
  // acquire: pairs with the release exchange in finish().
  uint8_t v = v_.load(std::memory_order_acquire);
  for (;;) {
    if (v == kInitialized) return false;
    if (v == kUnlocked) {
      // acquire: pairs with the release exchange in finish() of a failed earlier attempt.
      if (v_.compare_exchange_weak(v, kLocked, std::memory_order_acquire,
                                   std::memory_order_acquire))
        return true;
      continue;
    }
    // An initializer is running: mark that we are parked, then wait for its outcome.
    uint8_t parked = v | kHasParked;
    // acquire (failure): pairs with the release exchange in finish().
    if (v != parked && !v_.compare_exchange_weak(v, parked, std::memory_order_acquire,
                                                 std::memory_order_acquire))
      continue;
    park(&v_, parked, kNoDeadline);
    v = v_.load(std::memory_order_acquire);
  }
}

void OnceFlag::finish(bool success) {
  // release: pairs with the acquire loads in is_initialized()/begin().
  uint8_t old = v_.exchange(success ? kInitialized : kUnlocked, std::memory_order_release);
  if (old & kHasParked) unpark_all(&v_);
}

}  // namespace weft::sync
