// sync/recursive_mutex.h — a Mutex the owning thread may lock again (CPython's
// _PyRecursiveMutex; backs threading.RLock).
//
// Fields:
//   mutex_   the underlying 1-byte Mutex; held while any level is held
//   owner_   this_thread_token() of the holder, or 0. Written only by the holder (set after
//            taking mutex_, cleared before releasing it); read relaxed by anyone: a thread can
//            only ever see its own token there if it really is the holder.
//   level_   extra recursion levels beyond the first; touched only by the holder
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "sync/clock.h"
#include "sync/mutex.h"

namespace weft::sync {

class RecursiveMutex {
 public:
  constexpr RecursiveMutex() = default;
  RecursiveMutex(const RecursiveMutex&) = delete;
  RecursiveMutex& operator=(const RecursiveMutex&) = delete;

  void lock() { lock_timed(-1); }
  bool try_lock() { return lock_timed(0); }
  // Waits at most `timeout_ns` (negative: forever). Returns whether the lock is now held.
  bool lock_timed(int64_t timeout_ns, ParkDetach detach = ParkDetach::kDetach);
  // Releases one level. Returns false (and changes nothing) if the caller does not hold it.
  bool unlock();
  bool is_owned_by_current_thread() const {
    return owner_.load(std::memory_order_relaxed) == this_thread_token();
  }
  // Recursion depth held by the calling thread (0 if it does not hold the lock).
  size_t level() const { return is_owned_by_current_thread() ? level_ + 1 : 0; }

 private:
  Mutex mutex_;
  std::atomic<uintptr_t> owner_{0};
  size_t level_ = 0;
};

}  // namespace weft::sync
