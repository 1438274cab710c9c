// sync/event.cpp — Event::notify/wait (sync/event.h): a byte plus the parking lot.
// A waiter moves kUnset -> kHasParked before parking so that notify() knows to wake someone;
// the park re-checks the byte under the bucket lock, so a notify() between the CAS and the park
// returns kAgain instead of being lost.
#include "sync/event.h"

namespace weft::sync {

void Event::notify() {
  // release: pairs with the acquire loads in is_set()/wait().
  uint8_t old = v_.exchange(kSet, std::memory_order_release);
  if (old == kHasParked) unpark_all(&v_);
}

bool Event::wait(int64_t timeout_ns, ParkDetach detach) {
  if (timeout_ns == 0) {
    // One look, no parking (the loop below would register as a waiter first).
    return is_set();
  }
  return wait_step(deadline_after(timeout_ns), detach, ParkInterrupt::kAbsorb) == WaitResult::kSet;
}

Event::WaitResult Event::wait_until_interruptible(int64_t deadline_ns) {
  return wait_step(deadline_ns, ParkDetach::kDetach, ParkInterrupt::kReturn);
}

Event::WaitResult Event::wait_step(int64_t deadline, ParkDetach detach, ParkInterrupt interrupt) {
  for (;;) {
    // acquire: pairs with the release exchange in notify().
    uint8_t v = v_.load(std::memory_order_acquire);
    if (v == kSet) return WaitResult::kSet;
    if (v == kUnset) {
      if (!v_.compare_exchange_weak(v, kHasParked, std::memory_order_relaxed,
                                    std::memory_order_relaxed))
        continue;
    }
    switch (park(&v_, kHasParked, deadline, nullptr, detach, interrupt)) {
      case ParkResult::kTimeout: return is_set() ? WaitResult::kSet : WaitResult::kTimedOut;
      case ParkResult::kInterrupted: return WaitResult::kInterrupted;
      case ParkResult::kOk:
      case ParkResult::kAgain: break;
    }
  }
}

}  // namespace weft::sync
