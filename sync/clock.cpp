// sync/clock.cpp — out-of-line thread helpers of sync/clock.h (yield and sleep).
#include "sync/clock.h"

#include <sched.h>

#include <cerrno>

namespace weft::sync {

void yield_thread() { sched_yield(); }

void sleep_ns(int64_t ns) {
  if (ns <= 0) return;
  timespec req{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
  timespec rem;
  while (nanosleep(&req, &rem) != 0 && errno == EINTR) req = rem;
}

}  // namespace weft::sync
