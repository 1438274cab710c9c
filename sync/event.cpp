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
  int64_t deadline = deadline_after(timeout_ns);
  for (;;) {
    // acquire: pairs with the release exchange in notify().
    uint8_t v = v_.load(std::memory_order_acquire);
    if (v == kSet) return true;
    if (v == kUnset) {
      if (!v_.compare_exchange_weak(v, kHasParked, std::memory_order_relaxed,
                                    std::memory_order_relaxed))
        continue;
    }
    if (timeout_ns == 0) return false;
    if (park(&v_, kHasParked, deadline, nullptr, detach) == ParkResult::kTimeout) return is_set();
  }
}

}  // namespace weft::sync
