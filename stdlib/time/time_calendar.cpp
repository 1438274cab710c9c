// stdlib/time/time_calendar.cpp — the calendar half of `time`: struct_time, gmtime, localtime,
// mktime, strftime, strptime (through Lib/_strptime.py), asctime, ctime, and the timezone
// constants timezone/altzone/daylight/tzname (CPython's Modules/timemodule.c).
//
// The C library does the calendar work (gmtime_r, localtime_r, mktime, strftime), as CPython
// does on Linux, so results match CPython's for the same TZ. Tuples passing into the C library
// are validated with CPython's rules and messages (gettmarg / checktm). Stateless: the functions
// used are the reentrant ones; the timezone constants are computed once at module creation.
#include <cmath>
#include <cstring>
#include <ctime>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/structseq.h"
#include "objects/tuple.h"
#include "objects/unicode_codecs.h"
#include "stdlib/time/time_internal.h"
#include "vm/import.h"

namespace weft::time_module {
namespace {

const StructSeqField kStructTimeFields[] = {
    {"tm_year", "year, for example, 1993"},
    {"tm_mon", "month of year, range [1, 12]"},
    {"tm_mday", "day of month, range [1, 31]"},
    {"tm_hour", "hours, range [0, 23]"},
    {"tm_min", "minutes, range [0, 59]"},
    {"tm_sec", "seconds, range [0, 61])"},
    {"tm_wday", "day of week, range [0, 6], Monday is 0"},
    {"tm_yday", "day of year, range [1, 366]"},
    {"tm_isdst", "1 if summer time is in effect, 0 if not, and -1 if unknown"},
    {"tm_zone", "abbreviation of timezone name"},
    {"tm_gmtoff", "offset from UTC in seconds"},
    {nullptr, nullptr},
};
const StructSeqDesc kStructTimeDesc = {
    "time.struct_time",
    "The time value as returned by gmtime(), localtime(), and strptime(), and\n accepted by "
    "asctime(), mktime() and strftime().  May be considered as a\n sequence of 9 integers.\n\n "
    "Note that several fields' values are not the same as those defined by\n the C language "
    "standard for struct tm.  For example, the value of the\n field tm_year is the actual year, "
    "not year - 1900.  See individual\n fields' descriptions for details.",
    kStructTimeFields, 9};
StructSeqType StructTimeType;
WEFT_REGISTER_STRUCTSEQ(StructTimeType, kStructTimeDesc);

Error timestamp_out_of_range() {
  return raise(exc::OverflowError, "timestamp out of range for platform time_t");
}

// A timestamp argument as time_t, rounding floats toward -inf (CPython's _PyTime_ROUND_FLOOR).
Result<time_t> to_time_t(Object* secs) {
  if (is_float(secs)) {
    double d = float_value(secs);
    if (std::isnan(d)) return raise(exc::ValueError, "Invalid value NaN (not a number)");
    d = std::floor(d);
    if (!(d >= -9.2233720368547758e18 && d < 9.2233720368547758e18))
      return timestamp_out_of_range();
    return static_cast<time_t>(d);
  }
  Result<int64_t> v = index_as_i64(secs);
  if (v.is_error()) {
    if (error_matches(exc::OverflowError)) {
      clear_error();
      return timestamp_out_of_range();
    }
    return Error{};
  }
  return static_cast<time_t>(v.value());
}

// secs=None means now.
Result<time_t> optional_time(Object* const* args, size_t nargs) {
  if (nargs == 0 || is_none(args[0])) return std::time(nullptr);
  return to_time_t(args[0]);
}

Result<Ref<Object>> struct_time_from(const struct tm& tm) {
  const int values[9] = {tm.tm_year + 1900, tm.tm_mon + 1,         tm.tm_mday,
                         tm.tm_hour,        tm.tm_min,             tm.tm_sec,
                         (tm.tm_wday + 6) % 7, tm.tm_yday + 1,     tm.tm_isdst};
  Ref<Object> items[11];
  for (int i = 0; i < 9; ++i) items[i] = TRY(int_from_i64(values[i]));
  items[9] = tm.tm_zone ? TRY(decode_utf8(tm.tm_zone, "surrogateescape")) : new_none();
  items[10] = TRY(int_from_i64(tm.tm_gmtoff));
  return structseq_from_items(&StructTimeType, items);
}

template <struct tm* (*kConvert)(const time_t*, struct tm*)>
Result<Ref<Object>> broken_down(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only(kConvert == &gmtime_r ? "gmtime" : "localtime", nargs, kwnames, 0, 1));
  time_t t = TRY(optional_time(args, nargs));
  struct tm tm;
  errno = 0;
  if (!kConvert(&t, &tm)) {
    if (errno == EOVERFLOW || errno == 0) return timestamp_out_of_range();
    return raise_os_error(errno);
  }
  return struct_time_from(tm);
}

// A time tuple (tuple or struct_time of 9 ints) as a struct tm, CPython's gettmarg. A
// struct_time's hidden tm_zone/tm_gmtoff travel along (strftime's %Z and %z read them); the zone
// text lives in `*zone`, which must outlive the struct tm. `fname` names the function in
// "illegal time tuple argument".
Status tuple_to_tm(const char* fname, Object* arg, struct tm* out, std::string* zone) {
  if (!is_tuple(arg))
    return raise(exc::TypeError, "Tuple or struct_time argument required");
  if (tuple_size(arg) != 9)
    return raise(exc::TypeError, "{}(): illegal time tuple argument", fname);
  int v[9];
  for (int i = 0; i < 9; ++i) {
    Object* item = tuple_item(arg, i);
    if (is_float(item))
      return raise(exc::TypeError, "'float' object cannot be interpreted as an integer");
    int64_t x = TRY(index_as_i64(item));
    if (x > INT32_MAX || x < INT32_MIN)
      return raise(exc::OverflowError, "Python int too large to convert to C int");
    v[i] = static_cast<int>(x);
  }
  std::memset(out, 0, sizeof *out);
  if (static_cast<int64_t>(v[0]) - 1900 < INT32_MIN)
    return raise(exc::OverflowError, "year out of range");
  out->tm_year = v[0] - 1900;
  out->tm_mon = v[1] - 1;
  out->tm_mday = v[2];
  out->tm_hour = v[3];
  out->tm_min = v[4];
  out->tm_sec = v[5];
  out->tm_wday = (v[6] + 1) % 7;
  if (out->tm_wday < 0) out->tm_wday += 7;
  out->tm_yday = v[7] - 1;
  out->tm_isdst = v[8];
  if (arg->ob_type == &StructTimeType) {
    Object* zone_obj = tuple_items(arg)[9];
    Object* gmtoff = tuple_items(arg)[10];
    if (!is_none(zone_obj)) {
      if (!is_str(zone_obj))
        return raise(exc::TypeError, "tm_zone must be str, not {}", type_name_of(zone_obj));
      zone->assign(TRY(str_utf8(zone_obj)));
      out->tm_zone = zone->c_str();
    }
    if (!is_none(gmtoff)) out->tm_gmtoff = TRY(index_as_i64(gmtoff));
  }
  return ok();
}

// CPython's checktm (after gettmarg), with the zero-means-default adjustments strftime allows.
Status check_tm(struct tm* tm) {
  if (tm->tm_mon == -1) tm->tm_mon = 0;
  else if (tm->tm_mon < 0 || tm->tm_mon > 11) return raise(exc::ValueError, "month out of range");
  if (tm->tm_mday == 0) tm->tm_mday = 1;
  else if (tm->tm_mday < 0 || tm->tm_mday > 31)
    return raise(exc::ValueError, "day of month out of range");
  if (tm->tm_hour < 0 || tm->tm_hour > 23) return raise(exc::ValueError, "hour out of range");
  if (tm->tm_min < 0 || tm->tm_min > 59) return raise(exc::ValueError, "minute out of range");
  if (tm->tm_sec < 0 || tm->tm_sec > 61) return raise(exc::ValueError, "seconds out of range");
  if (tm->tm_wday < 0) return raise(exc::ValueError, "day of week out of range");
  if (tm->tm_yday == -1) tm->tm_yday = 0;
  else if (tm->tm_yday < 0 || tm->tm_yday > 365)
    return raise(exc::ValueError, "day of year out of range");
  if (tm->tm_isdst < -1) tm->tm_isdst = -1;
  else if (tm->tm_isdst > 1) tm->tm_isdst = 1;
  return ok();
}

// The time tuple argument (args[index]) or the local time now.
Status tm_argument(const char* fname, Object* const* args, size_t nargs, size_t index,
                   struct tm* tm, std::string* zone) {
  if (nargs > index) {
    TRY(tuple_to_tm(fname, args[index], tm, zone));
    return check_tm(tm);
  }
  time_t now = std::time(nullptr);
  if (!localtime_r(&now, tm)) return timestamp_out_of_range();
  return ok();
}

Result<Ref<Object>> time_strftime(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("strftime", nargs, kwnames, 1, 2));
  if (!is_str(args[0]))
    return raise(exc::TypeError, "strftime() argument 1 must be str, not {}",
                 type_name_of(args[0]));
  struct tm tm;
  std::string zone;
  TRY(tm_argument("strftime", args, nargs, 1, &tm, &zone));
  Ref<Object> fmt_bytes = TRY(encode_utf8(args[0], "surrogateescape"));
  std::string fmt(bytes_view(fmt_bytes.get()));
  if (fmt.empty()) return str_from_ascii("");
  // strftime returns 0 both for "buffer too small" and for an empty expansion (e.g. "%p" in
  // some locales): grow up to CPython's bound, then accept the empty result.
  std::string out;
  for (size_t size = 1024; size <= 256 * fmt.size() + 1024; size *= 2) {
    out.resize(size);
    size_t n = std::strftime(out.data(), size, fmt.c_str(), &tm);
    if (n > 0) {
      out.resize(n);
      return decode_utf8(out, "surrogateescape");
    }
  }
  return str_from_ascii("");
}

Result<Ref<Object>> time_mktime(Object*, Object* const* args, size_t, Object*) {
  struct tm tm;
  std::string zone;
  TRY(tuple_to_tm("mktime", args[0], &tm, &zone));
  tm.tm_wday = -1;  // sentinel: mktime() leaves it untouched on failure
  time_t t = std::mktime(&tm);
  if (t == static_cast<time_t>(-1) && tm.tm_wday == -1)
    return raise(exc::OverflowError, "mktime argument out of range");
  return float_from_double(static_cast<double>(t));
}

// "Thu Jan  1 00:00:00 1970", CPython's _asctime (not the C library's, which differs for
// years beyond 9999).
Result<Ref<Object>> format_asctime(const struct tm& tm) {
  static const char kDays[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char kMonths[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %s%3d %.2d:%.2d:%.2d %d", kDays[tm.tm_wday],
                kMonths[tm.tm_mon], tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                1900 + tm.tm_year);
  return str_from_ascii(buf);
}

Result<Ref<Object>> time_asctime(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("asctime", nargs, kwnames, 0, 1));
  struct tm tm;
  std::string zone;
  TRY(tm_argument("asctime", args, nargs, 0, &tm, &zone));
  return format_asctime(tm);
}

Result<Ref<Object>> time_ctime(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("ctime", nargs, kwnames, 0, 1));
  time_t t = TRY(optional_time(args, nargs));
  struct tm tm;
  if (!localtime_r(&t, &tm)) return timestamp_out_of_range();
  return format_asctime(tm);
}

// strptime(string, format="%a %b %d %H:%M:%S %Y"): Lib/_strptime.py does the parsing.
Result<Ref<Object>> time_strptime(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  Ref<Object> name = TRY(str_from_ascii("_strptime"));
  Ref<Object> module = TRY(vm::import_module(name.get()));
  Ref<Object> fn = TRY(get_attr(module.get(), "_strptime_time"));
  return call(fn.get(), args, nargs, kwnames);
}

}  // namespace

const MethodDef kCalendarFunctions[] = {
    {"gmtime", broken_down<gmtime_r>, kMethFastcall,
     "gmtime([seconds]) -> (tm_year, tm_mon, tm_mday, tm_hour, tm_min,\n                       "
     "tm_sec, tm_wday, tm_yday, tm_isdst)\n\nConvert seconds since the Epoch to a time tuple "
     "expressing UTC (a.k.a.\nGMT).  When 'seconds' is not passed in, convert the current time "
     "instead.\n\nIf the platform supports the tm_gmtoff and tm_zone, they are available as\n"
     "attributes only."},
    {"localtime", broken_down<localtime_r>, kMethFastcall,
     "localtime([seconds]) -> (tm_year,tm_mon,tm_mday,tm_hour,tm_min,\n                          "
     "tm_sec,tm_wday,tm_yday,tm_isdst)\n\nConvert seconds since the Epoch to a time tuple "
     "expressing local time.\nWhen 'seconds' is not passed in, convert the current time "
     "instead."},
    {"mktime", time_mktime, kMethOneArg,
     "mktime(tuple) -> floating-point number\n\nConvert a time tuple in local time to seconds "
     "since the Epoch.\nNote that mktime(gmtime(0)) will not generally return zero for most\n"
     "time zones; instead the returned value will either be equal to that\nof the timezone or "
     "altzone attributes on the time module."},
    {"strftime", time_strftime, kMethFastcall,
     "strftime(format[, tuple]) -> string\n\nConvert a time tuple to a string according to a "
     "format specification.\nSee the library reference manual for formatting codes. When the "
     "time tuple\nis not present, current time as returned by localtime() is used."},
    {"strptime", time_strptime, kMethFastcall,
     "strptime(string, format) -> struct_time\n\nParse a string to a time tuple according to a "
     "format specification.\nSee the library reference manual for formatting codes (same as\n"
     "strftime())."},
    {"asctime", time_asctime, kMethFastcall,
     "asctime([tuple]) -> string\n\nConvert a time tuple to a string, e.g. 'Sat Jun 06 16:26:11 "
     "1998'.\nWhen the time tuple is not present, current time as returned by localtime()\nis "
     "used."},
    {"ctime", time_ctime, kMethFastcall,
     "ctime(seconds) -> string\n\nConvert a time in seconds since the Epoch to a string in local "
     "time.\nThis is equivalent to asctime(localtime(seconds)). When the time tuple is\nnot "
     "present, current time as returned by localtime() is used."},
    {nullptr, nullptr, 0, nullptr},
};

Status add_calendar_objects(Object* module) {
  TRY(module_add_object(module, "struct_time", &StructTimeType));
  // timezone/altzone/daylight/tzname from the local zone's offsets in January and July of this
  // year (CPython's init_timezone); the southern hemisphere has its summer in January.
  tzset();
  constexpr time_t kYear = (365 * 24 + 6) * 3600;
  time_t t = (std::time(nullptr) / kYear) * kYear;
  struct tm jan, jul;
  if (!localtime_r(&t, &jan)) return timestamp_out_of_range();
  time_t t2 = t + kYear / 2;
  if (!localtime_r(&t2, &jul)) return timestamp_out_of_range();
  long jan_zone = -jan.tm_gmtoff, jul_zone = -jul.tm_gmtoff;
  const char* jan_name = jan.tm_zone ? jan.tm_zone : "";
  const char* jul_name = jul.tm_zone ? jul.tm_zone : "";
  bool reversed = jan_zone < jul_zone;
  Ref<Object> timezone = TRY(int_from_i64(reversed ? jul_zone : jan_zone));
  Ref<Object> altzone = TRY(int_from_i64(reversed ? jan_zone : jul_zone));
  Ref<Object> daylight = TRY(int_from_i64(jan_zone != jul_zone));
  Ref<Object> std_name = TRY(decode_utf8(reversed ? jul_name : jan_name, "surrogateescape"));
  Ref<Object> dst_name = TRY(decode_utf8(reversed ? jan_name : jul_name, "surrogateescape"));
  Ref<Object> tzname = TRY(tuple_pack({std_name.get(), dst_name.get()}));
  TRY(module_add_object(module, "timezone", timezone.get()));
  TRY(module_add_object(module, "altzone", altzone.get()));
  TRY(module_add_object(module, "daylight", daylight.get()));
  return module_add_object(module, "tzname", tzname.get());
}

}  // namespace weft::time_module
