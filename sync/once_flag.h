// sync/once_flag.h — run an initializer exactly once, retrying after a failed attempt
// (CPython's _PyOnceFlag).
//
// State of `v_` (1 byte):
//   0      kUnlocked     not initialised; the next caller runs the initializer
//   1      kLocked       an initializer is running
//   1|2    kHasParked    ... and other callers are parked waiting for it
//   4      kInitialized  done (terminal)
// A failed initializer returns the flag to kUnlocked and wakes the waiters, one of which runs it
// again. The fast path is one acquire load.
#pragma once

#include <atomic>
#include <cstdint>

#include "sync/parking_lot.h"

namespace weft::sync {

class OnceFlag {
 public:
  static constexpr uint8_t kUnlocked = 0;
  static constexpr uint8_t kLocked = 1;
  static constexpr uint8_t kHasParked = 2;
  static constexpr uint8_t kInitialized = 4;

  constexpr OnceFlag() = default;
  OnceFlag(const OnceFlag&) = delete;
  OnceFlag& operator=(const OnceFlag&) = delete;

  bool is_initialized() const {
    // acquire: pairs with the release exchange in finish().
    return v_.load(std::memory_order_acquire) == kInitialized;
  }

  // Runs `init()` (which returns true on success) unless the flag is already initialised.
  // Returns true if the flag is initialised on return, false if this caller's `init` failed.
  template <class F>
  bool call_once(F&& init) {
    if (is_initialized()) [[likely]] return true;
    if (!begin()) return true;
    bool ok = init();
    finish(ok);
    return ok;
  }

 private:
  // Returns true if the caller must run the initializer, false once it is initialised.
  bool begin();
  void finish(bool success);
  std::atomic<uint8_t> v_{kUnlocked};
};
static_assert(sizeof(OnceFlag) == 1);
static_assert((OnceFlag::kInitialized & (OnceFlag::kLocked | OnceFlag::kHasParked)) == 0);

}  // namespace weft::sync
