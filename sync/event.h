// sync/event.h — a one-shot event (CPython's PyEvent): threads wait until it is set, once.
//
// State of `v_` (1 byte):
//   0  kUnset      not set, nobody parked
//   1  kSet        set (terminal until reset())
//   2  kHasParked  not set, at least one thread parked on the byte
// notify() exchanges in kSet and wakes every parked thread if the old value was kHasParked.
#pragma once

#include <atomic>
#include <cstdint>

#include "sync/parking_lot.h"

namespace weft::sync {

class Event {
 public:
  static constexpr uint8_t kUnset = 0;
  static constexpr uint8_t kSet = 1;
  static constexpr uint8_t kHasParked = 2;

  constexpr Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  // Sets the event and wakes all waiters. Idempotent.
  void notify();
  bool is_set() const {
    // acquire: pairs with the release exchange in notify().
    return v_.load(std::memory_order_acquire) == kSet;
  }
  // Waits until set or `timeout_ns` elapses (negative: forever). Returns is_set().
  bool wait(int64_t timeout_ns = -1, ParkDetach detach = ParkDetach::kDetach);
  // wait() (detached) until the absolute monotonic `deadline_ns` (or kNoDeadline) that also
  // returns when a signal interrupts the park, so the caller can run Python signal handlers
  // and wait again (Thread.join() under Ctrl-C).
  enum class WaitResult : uint8_t { kSet, kTimedOut, kInterrupted };
  WaitResult wait_until_interruptible(int64_t deadline_ns);
  // Returns the event to kUnset. Only legal while no thread can be waiting on or notifying it
  // (e.g. under the lock that serialises its users, before they are told to use it).
  void reset() { v_.store(kUnset, std::memory_order_relaxed); }

 private:
  // Waits until set, the deadline, or (interrupt == kReturn) a signal.
  WaitResult wait_step(int64_t deadline, ParkDetach detach, ParkInterrupt interrupt);
  std::atomic<uint8_t> v_{kUnset};
};
static_assert(sizeof(Event) == 1);

}  // namespace weft::sync
