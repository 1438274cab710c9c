// objects/format_spec.h — the format-specification mini-language (format(x, spec), f"{x:spec}").
//
//   [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." [precision][grouping]][type]
//
// parse_format_spec() parses a spec string once into a FormatSpec, with CPython 3.14's rules and
// error messages (Python/formatter_unicode.c: "Invalid format specifier '...' for object of type
// 'int'", "Cannot specify ',' with 's'.", "Format specifier missing precision", ...). The
// formatters then lay out their text with the shared helpers below, so padding, alignment, sign
// placement and digit grouping behave identically for int, float, complex and str.
//
// Users:
//   str.__format__    -> format_str_with_spec(s, spec_str)  (does everything: parse, check, pad)
//   int.__format__    -> int.cpp, via parse_format_spec + format_number_parts
//   float.__format__  -> float_format.cpp, likewise
// Locale ('n'): Weft formats with the C locale (no grouping, '.' as decimal point), which is what
// CPython does unless the program calls locale.setlocale(LC_NUMERIC, ...).
#pragma once

#include <cstdint>
#include <string_view>

#include "objects/type.h"

namespace weft {

struct FormatSpec {
  uint32_t fill = ' ';       // fill code point
  uint32_t align = '>';      // '<', '>', '=', '^' (the caller's default when not given)
  uint32_t sign = 0;         // '+', '-', ' ', or 0 when not given
  bool no_neg_zero = false;  // 'z': coerce negative zero to positive (floats only)
  bool alternate = false;    // '#'
  int64_t width = -1;        // -1: not given
  char thousands = 0;        // integer-part grouping: ',' or '_' or 0
  bool group_by_four = false;  // '_' with b/o/x/X: groups of four digits
  char frac_thousands = 0;   // fractional-part grouping (3.14): ',' or '_' or 0
  int64_t precision = -1;    // -1: not given
  uint32_t type = 0;         // presentation type code point; the caller's default when not given
};

// Parses `spec` (a str) as CPython's parse_internal_render_format_spec does. `obj` is the object
// being formatted (its type name appears in "Invalid format specifier" messages). default_type is
// 's' for str, 'd' for int, 0 for float/complex; default_align is '<' for str, '>' for numbers.
Result<FormatSpec> parse_format_spec(Object* spec, Object* obj, uint32_t default_type,
                                     uint32_t default_align);

// ValueError "Unknown format code 'q' for object of type 'int'" (or '\x80' for non-printables).
Error raise_unknown_format_code(uint32_t type, const char* type_name);

// A number laid out as: sign, prefix ("0x"), integer digits (grouped), then decimal point,
// fraction digits (grouped with frac_thousands), then the remainder (exponent, '%', ...).
// All views are ASCII. `special_char` (for int 'c') replaces digits/fraction/remainder with one
// code point.
struct NumberParts {
  bool negative = false;
  std::string_view prefix;      // "0x", "0o", "0b", "0X" when '#' applies, else empty
  std::string_view digits;      // integer-part digits (no sign)
  bool has_point = false;       // write a '.' after the digits
  std::string_view fraction;    // digits after the point
  std::string_view remainder;   // exponent ("e+05"), '%', "inf"/"nan" are passed as digits
  int64_t special_char = -1;    // >= 0: the single character of int's 'c' presentation
};

// Applies sign, width, fill, alignment ('=' pads between sign/prefix and digits; '0' padding
// grows the grouped digits with leading zeros) and grouping; returns the formatted str.
Result<Ref<Object>> format_number_parts(const NumberParts& parts, const FormatSpec& spec);

// The whole of str.__format__(spec): parse with str's defaults, reject sign/'#'/'z'/'='/grouping
// with CPython's messages, truncate to the precision and pad. `s` is a str; `spec` a str.
Result<Ref<Object>> format_str_with_spec(Object* s, Object* spec);

// Pads `s` (a str) to spec.width with spec.fill according to spec.align ('<', '>', '^').
Result<Ref<Object>> format_pad_str(Object* s, int64_t length_to_use, const FormatSpec& spec);

}  // namespace weft
