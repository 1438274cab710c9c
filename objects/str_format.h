// objects/str_format.h — the replacement-field scanner behind str.format, shared with the
// `_string` module (string.Formatter). One scanner, so both agree with CPython's
// Objects/stringlib/unicode_format.h on every split and every error message.
//
// All positions are code-point indexes into the str being scanned, which the caller keeps alive.
// Scanners hold no references and no locks; an object wrapping one guards it itself.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "objects/object.h"

namespace weft::strfmt {

// One step of a format string: literal text s[literal_start, literal_end), then, when
// field_present, the field "{name!conversion:spec}" split into its parts (conversion 0 = none).
struct MarkupChunk {
  int64_t literal_start = 0, literal_end = 0;
  bool field_present = false;
  int64_t name_start = 0, name_end = 0;
  int64_t spec_start = 0, spec_end = 0;
  uint32_t conversion = 0;
  bool spec_needs_expanding = false;  // the spec holds nested "{...}" fields
};

// Walks s[start, end) chunk by chunk. An escaped "{{" or "}}" ends a chunk whose literal keeps
// one brace (so no copy is ever needed).
class MarkupScanner {
 public:
  MarkupScanner(Object* s, int64_t start, int64_t end) : s_(s), pos_(start), end_(end) {}
  // true: *chunk is filled; false: the string is exhausted; error: ValueError raised.
  Result<bool> next(MarkupChunk* chunk);
  bool at_end() const { return pos_ >= end_; }

 private:
  Status parse_field(MarkupChunk* chunk);
  Object* s_;
  int64_t pos_, end_;
};

// s[start, end) as a non-negative decimal, or -1 when empty or not all decimal digits;
// ValueError "Too many decimal digits in format string" on overflow.
Result<int64_t> parse_field_index(Object* s, int64_t start, int64_t end);

// The end of a field name's first part (before the first '.' or '[').
int64_t field_first_end(Object* s, int64_t start, int64_t end);

// The accessors after a field name's first part: ".attr" and "[key]".
struct FieldAccessor {
  bool is_attribute = false;
  int64_t index = -1;  // [key] with an all-digit key: its value; else -1
  int64_t name_start = 0, name_end = 0;
};

class FieldNameScanner {
 public:
  FieldNameScanner(Object* s, int64_t start, int64_t end) : s_(s), pos_(start), end_(end) {}
  Result<bool> next(FieldAccessor* accessor);

 private:
  Object* s_;
  int64_t pos_, end_;
};

}  // namespace weft::strfmt
