// stdlib/time/pytime.cpp — seconds <-> nanoseconds conversions (see pytime.h).
//
// Timeouts round away from zero so that a wait never ends before the requested time; a float is
// scaled in double precision first and range-checked against int64 nanoseconds, as CPython does.
#include "stdlib/time/pytime.h"

#include <cmath>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"

namespace weft::pytime {

Result<int64_t> seconds_to_ns(Object* seconds) {
  constexpr int64_t kNsPerSecond = 1'000'000'000;
  if (is_float(seconds)) {
    double d = float_value(seconds);
    if (std::isnan(d)) return raise(exc::ValueError, "Invalid value NaN (not a number)");
    d *= static_cast<double>(kNsPerSecond);
    d = d >= 0 ? std::ceil(d) : std::floor(d);
    // [-2**63, 2**63): the doubles that convert to int64 without overflow.
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
      return raise(exc::OverflowError, "timestamp out of range for platform time_t");
    return static_cast<int64_t>(d);
  }
  if (!seconds->ob_type->number.index)
    return raise(exc::TypeError, "'{}' object cannot be interpreted as an integer or float",
                 type_name_of(seconds));
  Ref<Object> index = TRY(number_index(seconds));
  int64_t secs = 0;
  int64_t ns = 0;
  if (!int_to_i64(index.get(), &secs) || __builtin_mul_overflow(secs, kNsPerSecond, &ns))
    return raise(exc::OverflowError, "timestamp too large to convert to C PyTime_t");
  return ns;
}

Result<Ref<Object>> ns_to_seconds_float(int64_t ns) {
  constexpr int64_t kNsPerSecond = 1'000'000'000;
  if (ns % kNsPerSecond == 0) return float_from_double(static_cast<double>(ns / kNsPerSecond));
  return float_from_double(static_cast<double>(ns) / 1e9);
}

}  // namespace weft::pytime
