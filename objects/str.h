// objects/str.h — str with PEP 393 storage: each string stores its code points in 1, 2 or 4
// bytes per code point (the narrowest that fits its largest code point), so indexing is O(1).
// The UTF-8 form is cached on demand. Hash: SipHash-1-3 keyed like CPython (objects/hash.h),
// cached in the object.
//
// Interned strings are immortal and unique per content: use them for identifiers and attribute
// names (`str_intern("__init__")`), and compare interned strings by address.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "objects/type.h"

namespace weft {

extern Type StrType;

struct StrObject;  // layout in str.cpp's header section (objects/str_layout.h)

inline bool is_str(const Object* o) { return type_has_flag(o->ob_type, kTypeUnicodeSubclass); }
inline bool is_str_exact(const Object* o) { return o->ob_type == &StrType; }

// Decodes UTF-8 (strict: UnicodeDecodeError on invalid input).
Result<Ref<Object>> str_from_utf8(std::string_view utf8);
Result<Ref<Object>> str_from_ascii(std::string_view ascii);  // the caller guarantees ASCII
// From code points (any width).
Result<Ref<Object>> str_from_code_points(const uint32_t* cps, size_t n);
Result<Ref<Object>> str_from_code_point(uint32_t cp);
// The interned, immortal string for a NUL-terminated ASCII/UTF-8 literal. Never fails (aborts
// on out-of-memory at start-up only). Cached: cheap to call repeatedly with the same literal.
Object* str_intern(const char* s);
// Interns an existing str (returns a new reference to the canonical instance).
Result<Ref<Object>> str_intern_object(Ref<Object> s);

int64_t str_length(const Object* s);                 // number of code points
uint32_t str_char_at(const Object* s, int64_t i);    // the code point at i (0 <= i < length)
int str_kind(const Object* s);                       // 1, 2 or 4 bytes per code point
const void* str_data(const Object* s);               // the code-point array of str_kind width
bool str_is_ascii(const Object* s);
// UTF-8 view, cached in the object; fails (UnicodeEncodeError) on lone surrogates.
Result<std::string_view> str_utf8(Object* s);
// UTF-8 with lone surrogates escaped as \udXXX (for messages and diagnostics); never fails.
std::string str_to_std_string(Object* s);
int64_t str_hash(Object* s);                          // SipHash-1-3, cached
bool str_equal(const Object* a, const Object* b);     // content equality of two strs
bool str_equal_ascii(const Object* s, std::string_view ascii);
int str_compare(const Object* a, const Object* b);    // -1, 0, 1 by code point
Result<Ref<Object>> str_concat(Object* a, Object* b);
// repr(s) with CPython's quoting rules.
Result<Ref<Object>> str_repr(Object* s);

// Builds a str incrementally without quadratic copying; widens storage as needed.
// The buffer starts 1 byte per code point and widens to 2 or 4 only when a wider code point is
// appended, so building ASCII text costs what a std::string would. An allocation failure is
// remembered and reported by finish() as MemoryError (the append calls cannot fail).
class StrBuilder {
 public:
  StrBuilder();
  ~StrBuilder();
  StrBuilder(const StrBuilder&) = delete;
  StrBuilder& operator=(const StrBuilder&) = delete;
  void append_ascii(std::string_view s);
  Status append_utf8(std::string_view s);
  void append_code_point(uint32_t cp);
  void append_str(Object* s);
  // Appends s[start:end) of a str (0 <= start <= end <= len(s)).
  void append_substr(Object* s, int64_t start, int64_t end);
  // Appends `count` copies of `cp`.
  void append_repeated(uint32_t cp, int64_t count);
  // Makes room for `extra` more code points of width `maxchar` (an optimisation only).
  void reserve(size_t extra, uint32_t maxchar = 0x7f);
  Result<Ref<Object>> finish();
  size_t length() const;

 private:
  bool ensure(size_t extra, uint32_t maxchar);  // room and width; false on allocation failure
  uint8_t* buf_ = nullptr;  // length_ code points of kind_ bytes each
  size_t length_ = 0;
  size_t capacity_ = 0;     // in code points
  uint32_t maxchar_ = 0;
  uint8_t kind_ = 1;
  bool failed_ = false;
  uint8_t inline_[64];      // small builds need no heap allocation
};

}  // namespace weft
