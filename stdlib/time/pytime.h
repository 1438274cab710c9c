// stdlib/time/pytime.h — converting Python timeout/duration objects to nanoseconds and back, with
// CPython's rules and messages (Python/pytime.c), shared by `time` and `_thread`.
#pragma once

#include <cstdint>

#include "objects/ref.h"

namespace weft::pytime {

// seconds (int, float or an object with __index__) -> nanoseconds, rounded away from zero
// (CPython's _PyTime_FromSecondsObject with _PyTime_ROUND_TIMEOUT). Errors, as CPython:
//   ValueError "Invalid value NaN (not a number)"
//   OverflowError "timestamp out of range for platform time_t" (float too large)
//   OverflowError "timestamp too large to convert to C PyTime_t" (int too large)
//   TypeError "'str' object cannot be interpreted as an integer or float"
Result<int64_t> seconds_to_ns(Object* seconds);

// nanoseconds -> float seconds (CPython's PyTime_AsSecondsDouble).
Result<Ref<Object>> ns_to_seconds_float(int64_t ns);

}  // namespace weft::pytime
