// stdlib/time/time_module.cpp — the `time` module: clocks and sleep (CPython's Modules/timemodule.c).
//
// Every clock is a clock_gettime() clock, as CPython uses on Linux:
//   time        CLOCK_REALTIME              monotonic, perf_counter  CLOCK_MONOTONIC
//   process_time CLOCK_PROCESS_CPUTIME_ID   thread_time              CLOCK_THREAD_CPUTIME_ID
// The *_ns variants return int nanoseconds; the others float seconds. sleep() detaches the
// thread state while it waits (DESIGN §5), so other threads and stop-the-world proceed, and
// wakes for signals (EINTR) to run their Python handlers.
// The calendar functions (struct_time, localtime, strftime...) are time_calendar.cpp's.
// get_clock_info describes them as CPython does on Linux. Not here yet: tzset.
// Stateless: nothing here needs locking.
#include <cerrno>
#include <climits>
#include <ctime>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/float.h"
#include "objects/module.h"
#include "objects/namespace.h"
#include "objects/str.h"
#include "stdlib/time/pytime.h"
#include "stdlib/time/time_internal.h"
#include "vm/module_table.h"
#include "vm/signals.h"

namespace weft::time_module {
namespace {

Result<int64_t> clock_ns(clockid_t clock) {
  timespec ts;
  if (clock_gettime(clock, &ts) != 0) return raise(exc::OSError, "clock_gettime failed");
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

template <clockid_t kClock>
Result<Ref<Object>> seconds_of(Object*, Object* const*, size_t, Object*) {
  return pytime::ns_to_seconds_float(TRY(clock_ns(kClock)));
}

template <clockid_t kClock>
Result<Ref<Object>> nanoseconds_of(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(TRY(clock_ns(kClock)));
}

// time.sleep(secs): ValueError for negative lengths; waits detached until an absolute monotonic
// deadline. A signal interrupts the wait (EINTR): the thread re-attaches and runs the Python
// handlers (main thread); an exception they raise ends the sleep, else it resumes (PEP 475).
Result<Ref<Object>> time_sleep(Object*, Object* const* args, size_t, Object*) {
  int64_t ns = TRY(pytime::seconds_to_ns(args[0]));
  if (ns < 0) return raise(exc::ValueError, "sleep length must be non-negative");
  if (ns == 0) return new_none();
  int64_t now = TRY(clock_ns(CLOCK_MONOTONIC));
  int64_t deadline = ns > INT64_MAX - now ? INT64_MAX : now + ns;
  timespec until{static_cast<time_t>(deadline / 1'000'000'000),
                 static_cast<long>(deadline % 1'000'000'000)};
  for (;;) {
    int rc;
    {
      core::DetachGuard detached;
      rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr);
    }
    if (rc != EINTR) break;
    TRY(vm::signals::check_signals());
  }
  return new_none();
}

constexpr clockid_t kRealtime = CLOCK_REALTIME;
constexpr clockid_t kMonotonic = CLOCK_MONOTONIC;
constexpr clockid_t kProcess = CLOCK_PROCESS_CPUTIME_ID;
constexpr clockid_t kThread = CLOCK_THREAD_CPUTIME_ID;

// get_clock_info(name) -> SimpleNamespace(implementation, monotonic, adjustable, resolution)
Result<Ref<Object>> time_get_clock_info(Object*, Object* const* args, size_t, Object*) {
  struct ClockInfo {
    const char* name;
    clockid_t clock;
    const char* implementation;
  };
  static const ClockInfo kClocks[] = {
      {"time", kRealtime, "clock_gettime(CLOCK_REALTIME)"},
      {"monotonic", kMonotonic, "clock_gettime(CLOCK_MONOTONIC)"},
      {"perf_counter", kMonotonic, "clock_gettime(CLOCK_MONOTONIC)"},
      {"process_time", kProcess, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)"},
      {"thread_time", kThread, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)"},
  };
  if (!is_str(args[0]))
    return raise(exc::TypeError, "get_clock_info() argument must be str, not {}",
                 type_name_of(args[0]));
  std::string_view name = TRY(str_utf8(args[0]));
  for (const ClockInfo& c : kClocks) {
    if (name != c.name) continue;
    timespec res;
    if (clock_getres(c.clock, &res) != 0) return raise_os_error(errno);
    Ref<Object> attrs = TRY(dict_new());
    Ref<Object> implementation = TRY(str_from_ascii(c.implementation));
    Ref<Object> resolution = TRY(float_from_double(static_cast<double>(res.tv_sec) + res.tv_nsec * 1e-9));
    bool realtime = c.clock == kRealtime;
    TRY(dict_set_item_str(attrs.get(), "implementation", implementation.get()));
    TRY(dict_set_item_str(attrs.get(), "monotonic", py_bool(!realtime)));
    TRY(dict_set_item_str(attrs.get(), "adjustable", py_bool(realtime)));
    TRY(dict_set_item_str(attrs.get(), "resolution", resolution.get()));
    return namespace_new(attrs.get());
  }
  return raise(exc::ValueError, "unknown clock");
}

const MethodDef kTimeFunctions[] = {
    {"get_clock_info", time_get_clock_info, kMethOneArg,
     "Get information of the specified clock."},
    {"time", seconds_of<kRealtime>, kMethNoArgs,
     "Return the current time in seconds since the Epoch."},
    {"time_ns", nanoseconds_of<kRealtime>, kMethNoArgs,
     "Return the current time in nanoseconds since the Epoch."},
    {"monotonic", seconds_of<kMonotonic>, kMethNoArgs, "Monotonic clock, cannot go backward."},
    {"monotonic_ns", nanoseconds_of<kMonotonic>, kMethNoArgs,
     "Monotonic clock, cannot go backward, as nanoseconds."},
    {"perf_counter", seconds_of<kMonotonic>, kMethNoArgs, "Performance counter for benchmarking."},
    {"perf_counter_ns", nanoseconds_of<kMonotonic>, kMethNoArgs,
     "Performance counter for benchmarking as nanoseconds."},
    {"process_time", seconds_of<kProcess>, kMethNoArgs,
     "Process time for profiling: sum of the kernel and user-space CPU time."},
    {"process_time_ns", nanoseconds_of<kProcess>, kMethNoArgs,
     "Process time for profiling as nanoseconds:\nsum of the kernel and user-space CPU time."},
    {"thread_time", seconds_of<kThread>, kMethNoArgs,
     "Thread time for profiling: sum of the kernel and user-space CPU time."},
    {"thread_time_ns", nanoseconds_of<kThread>, kMethNoArgs,
     "Thread time for profiling as nanoseconds:\nsum of the kernel and user-space CPU time."},
    {"sleep", time_sleep, kMethOneArg,
     "Delay execution for a given number of seconds.  The argument may be\na floating-point "
     "number for subsecond precision."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_time_module() {
  Ref<Object> m = TRY(module_new("time"));
  Ref<Object> name = TRY(str_from_ascii("time"));
  TRY(add_functions_to_dict(module_dict(m.get()), kTimeFunctions, m.get(), name.get()));
  TRY(add_functions_to_dict(module_dict(m.get()), kCalendarFunctions, m.get(), name.get()));
  TRY(add_calendar_objects(m.get()));
  return m;
}

WEFT_NATIVE_MODULE("time", create_time_module);

}  // namespace
}  // namespace weft::time_module
