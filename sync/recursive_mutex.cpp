// sync/recursive_mutex.cpp — RecursiveMutex (sync/recursive_mutex.h). All the blocking is
// the inner Mutex's; this file only counts levels for the owner.
#include "sync/recursive_mutex.h"

namespace weft::sync {

bool RecursiveMutex::lock_timed(int64_t timeout_ns, ParkDetach detach)
    WEFT_NO_THREAD_SAFETY_ANALYSIS {
  uintptr_t me = this_thread_token();
  if (owner_.load(std::memory_order_relaxed) == me) {
    ++level_;
    return true;
  }
  if (!mutex_.lock_timed(timeout_ns, detach)) return false;
  owner_.store(me, std::memory_order_relaxed);
  return true;
}

bool RecursiveMutex::unlock() WEFT_NO_THREAD_SAFETY_ANALYSIS {
  if (!is_owned_by_current_thread()) return false;
  if (level_ > 0) {
    --level_;
    return true;
  }
  owner_.store(0, std::memory_order_relaxed);
  mutex_.unlock();
  return true;
}

}  // namespace weft::sync
