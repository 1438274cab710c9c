// sync/clock.h — the monotonic clock, deadlines and small thread helpers shared by sync/.
//
// Every timed wait in sync/ takes an absolute deadline on CLOCK_MONOTONIC in nanoseconds, so a
// wait that is woken early and retries does not stretch its timeout. kNoDeadline waits forever.
#pragma once

#include <cstdint>
#include <ctime>

namespace weft::sync {

inline constexpr int64_t kNoDeadline = -1;

// Nanoseconds on CLOCK_MONOTONIC (never goes backwards, unaffected by wall-clock changes).
inline int64_t monotonic_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

// Absolute deadline for a relative timeout: negative means forever, 0 means "do not wait".
inline int64_t deadline_after(int64_t timeout_ns) {
  return timeout_ns < 0 ? kNoDeadline : monotonic_ns() + timeout_ns;
}

// A non-zero token for the calling OS thread, unique among live threads. sync/ cannot see
// core::current_thread_id() (DESIGN §2), so it uses the address of a thread-local byte.
inline uintptr_t this_thread_token() {
  static thread_local char marker;
  return reinterpret_cast<uintptr_t>(&marker);
}

// Gives up the CPU to another runnable thread (the spin phase of Mutex).
void yield_thread();
// Sleeps for `ns` nanoseconds (EINTR restarts with the remaining time).
void sleep_ns(int64_t ns);

}  // namespace weft::sync
