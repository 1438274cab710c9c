// objects/str_layout.h — the StrObject layout and helpers shared by the str*.cpp files (helper T).
// Not for use outside the str/bytes/unicode files: other code goes through objects/str.h.
//
// Layout (64 bytes of header, then the code points):
//   length       number of code points
//   hash         cached hash; -1 = not computed yet. Computed racily: every thread computes the
//                same value, so a relaxed store/load is enough.
//   utf8         cached UTF-8 form (Utf8Cache*), published once with a CAS (release); nullptr
//                until first asked for. ASCII strings never use it: their data is the UTF-8.
//   data_offset  offset from the object's start to the code points (sizeof(StrObject) for exact
//                str; type->basicsize for instances of str subclasses, whose extra fields such as
//                __dict__ sit between the header and the data)
//   kind         1, 2 or 4 bytes per code point, always the narrowest that fits (canonical form:
//                equal strings have equal kinds and equal bytes, so equality is memcmp and hash is
//                SipHash of the bytes, exactly as CPython)
//   ascii        every code point < 128
//   interned     1 once the string is the canonical interned instance (it is then immortal)
// The data is followed by one zero code point, so kind-1 data is also a C string.
// A str is immutable after creation: nothing but the two caches is ever written, so reads need no
// locks.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"

namespace weft {

struct Utf8Cache {
  int64_t length;
  char data[1];  // length bytes + NUL
};

struct StrObject : Object {
  int64_t length;
  std::atomic<int64_t> hash;
  std::atomic<Utf8Cache*> utf8;
  uint32_t data_offset;
  uint8_t kind;
  uint8_t ascii;
  std::atomic<uint8_t> interned;
  uint8_t reserved;
};
static_assert(sizeof(StrObject) == 64);

namespace strimpl {

inline StrObject* as_str(Object* o) { return static_cast<StrObject*>(o); }
inline const StrObject* as_str(const Object* o) { return static_cast<const StrObject*>(o); }
inline const uint8_t* data1(const Object* s) {
  return reinterpret_cast<const uint8_t*>(s) + as_str(s)->data_offset;
}
inline uint8_t* mutable_data(Object* s) {
  return reinterpret_cast<uint8_t*>(s) + as_str(s)->data_offset;
}
inline uint32_t read_cp(const void* data, int kind, int64_t i) {
  switch (kind) {
    case 1: return static_cast<const uint8_t*>(data)[i];
    case 2: return static_cast<const uint16_t*>(data)[i];
    default: return static_cast<const uint32_t*>(data)[i];
  }
}
inline void write_cp(void* data, int kind, int64_t i, uint32_t cp) {
  switch (kind) {
    case 1: static_cast<uint8_t*>(data)[i] = uint8_t(cp); break;
    case 2: static_cast<uint16_t*>(data)[i] = uint16_t(cp); break;
    default: static_cast<uint32_t*>(data)[i] = cp; break;
  }
}
inline int kind_for_max(uint32_t maxchar) { return maxchar < 256 ? 1 : maxchar < 65536 ? 2 : 4; }
inline uint32_t max_for_kind(int kind) { return kind == 1 ? 0xff : kind == 2 ? 0xffff : 0x10ffff; }

// The largest code point of s[start:end) (scans; use for slices that may narrow).
uint32_t max_char_in(const void* data, int kind, int64_t start, int64_t end);

// A fresh, uninitialised exact str of `length` code points wide enough for `maxchar` (its data
// must be filled completely by the caller before it is published; ascii is maxchar < 128).
Result<Ref<Object>> str_alloc(int64_t length, uint32_t maxchar);
// The same for a str subclass `type` (data after type->basicsize).
Result<Ref<Object>> str_alloc_subtype(Type* type, int64_t length, uint32_t maxchar);

// A str of s[start:end) (0 <= start <= end <= len); returns `s` itself for the whole of an exact
// str, and the shared singletons for "" and Latin-1 single characters.
Result<Ref<Object>> str_substr(Object* s, int64_t start, int64_t end);
// From code points of any kind; narrows to the canonical kind.
Result<Ref<Object>> str_from_kind_data(const void* data, int kind, int64_t n);
// The empty string and the 256 single-character Latin-1 strings (immortal singletons).
Object* str_empty();
Result<Ref<Object>> str_latin1_char(uint32_t cp);

// Finds `needle` in hay[start:end) — the first (direction > 0) or last occurrence — returning
// the index or -1. Both are strs.
int64_t find_sub(Object* hay, Object* needle, int64_t start, int64_t end, int direction);
// Non-overlapping occurrences of needle in hay[start:end), at most `maxcount`.
int64_t count_sub(Object* hay, Object* needle, int64_t start, int64_t end, int64_t maxcount);

// Raises TypeError for a non-str argument: "<what> must be str, not int".
Error raise_need_str(const char* what, Object* got);
// CPython's message for methods taking a str: "must be str, not int".
Error raise_expected_str(Object* got);

// Converts Python slice-style (start, end) arguments (None/absent = defaults) and clamps them
// like CPython's ADJUST_INDICES.
Status parse_start_end(Object* start_obj, Object* end_obj, int64_t len, int64_t* start,
                       int64_t* end);
inline void adjust_indices(int64_t len, int64_t* start, int64_t* end) {
  if (*end > len) *end = len;
  else if (*end < 0) { *end += len; if (*end < 0) *end = 0; }
  if (*start < 0) { *start += len; if (*start < 0) *start = 0; }
}

// The str methods, defined across str_methods_*.cpp and collected in str_type.cpp's table.
#define WEFT_STR_METHODS(X)                                                                   \
  X(find) X(rfind) X(index) X(rindex) X(count) X(startswith) X(endswith) X(replace)         \
  X(partition) X(rpartition) X(removeprefix) X(removesuffix) X(split) X(rsplit)              \
  X(splitlines) X(join) X(strip) X(lstrip) X(rstrip) X(expandtabs) X(upper) X(lower)         \
  X(capitalize) X(title) X(swapcase) X(casefold) X(center) X(ljust) X(rjust) X(zfill)        \
  X(isdigit) X(isalpha) X(isalnum) X(isspace) X(isupper) X(islower) X(isidentifier)          \
  X(isnumeric) X(isdecimal) X(isprintable) X(isascii) X(istitle) X(encode) X(format)         \
  X(format_map) X(__format__) X(translate) X(maketrans) X(__getnewargs__) X(__sizeof__)
#define WEFT_DECLARE_STR_METHOD(name)                                                         \
  Result<Ref<Object>> str_method_##name(Object* self, Object* const* args, size_t nargs,     \
                                        Object* kwnames);
WEFT_STR_METHODS(WEFT_DECLARE_STR_METHOD)
#undef WEFT_DECLARE_STR_METHOD

// str % args (str_percent.cpp)
Result<Ref<Object>> str_percent_format(Object* format, Object* args);
// format(*args, **kwargs) with an explicit mapping (str_format.cpp)
Result<Ref<Object>> str_format_impl(Object* format, Object* const* args, size_t nargs,
                                    Object* kwargs_mapping);

}  // namespace strimpl
}  // namespace weft
