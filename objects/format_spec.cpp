// objects/format_spec.cpp — parsing the format-spec mini-language and laying out formatted text.
//
// Why one file: int, float, complex and str all accept the same mini-language, and CPython's
// behaviour (error messages, '0' padding interacting with grouping, '=' alignment) must be the
// same for all of them; so the parse and the layout live here once (formatter_unicode.c's role).
//
// Output is built as code points in a local buffer and turned into a str once: ASCII-only output
// (the usual case) goes through str_from_ascii, anything else through str_from_code_points.
// No shared state: every function here is reentrant and thread-safe.
#include "objects/format_spec.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/unicode_props.h"

namespace weft {
namespace {

bool is_alignment_token(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
bool is_sign_element(uint32_t c) { return c == ' ' || c == '+' || c == '-'; }

// Reads decimal digits at *pos into *value; returns how many were read, or an error
// ("Too many decimal digits in format string") on int64 overflow.
Result<int64_t> read_integer(Object* spec, int64_t* pos, int64_t end, int64_t* value) {
  int64_t acc = 0;
  int64_t count = 0;
  for (; *pos < end; ++*pos, ++count) {
    int d = unicode::decimal_value(str_char_at(spec, *pos));  // any Nd digit, as CPython
    if (d < 0) break;
    if (acc > (INT64_MAX - d) / 10) {
      return raise(exc::ValueError, "Too many decimal digits in format string");
    }
    acc = acc * 10 + d;
  }
  *value = acc;
  return count;
}

Error raise_both_separators() {
  return raise(exc::ValueError, "Cannot specify both ',' and '_'.");
}

Error raise_invalid_separator_type(char separator, uint32_t type) {
  if (type > 32 && type < 128) {
    return raise(exc::ValueError, "Cannot specify '{}' with '{}'.", std::string(1, separator),
                 std::string(1, static_cast<char>(type)));
  }
  char hex[16];
  snprintf(hex, sizeof hex, "\\x%x", type);
  return raise(exc::ValueError, "Cannot specify '{}' with '{}'.", std::string(1, separator), hex);
}

// Appends `n` digits from `digits` (ASCII) grouped in groups of `group` from the right with
// `sep`, left-padded with zeros to at least `min_width` characters (CPython's
// InsertThousandsGrouping with a constant group size). sep == 0: no grouping at all.
void append_grouped(std::u32string& out, std::string_view digits, int64_t min_width, char sep,
                    int group) {
  int64_t n = static_cast<int64_t>(digits.size());
  if (sep == 0) {
    for (int64_t i = n; i < min_width; ++i) out.push_back('0');
    for (char c : digits) out.push_back(static_cast<unsigned char>(c));
    return;
  }
  // Build right to left into a scratch buffer, then append reversed.
  std::u32string rev;
  int64_t remaining = n;
  int64_t pos = n;  // digits consumed from the right
  min_width = std::max<int64_t>(0, min_width);
  bool first = true;
  while (true) {
    int64_t len = std::min<int64_t>(group, std::max<int64_t>(std::max(remaining, min_width), 1));
    int64_t n_zeros = std::max<int64_t>(0, len - remaining);
    int64_t n_chars = std::max<int64_t>(0, std::min(remaining, len));
    if (!first) rev.push_back(static_cast<unsigned char>(sep));
    first = false;
    for (int64_t i = 0; i < n_chars; ++i) rev.push_back(static_cast<unsigned char>(digits[--pos]));
    for (int64_t i = 0; i < n_zeros; ++i) rev.push_back('0');
    remaining -= n_chars;
    min_width -= len;
    if (remaining <= 0 && min_width <= 0) break;
    min_width -= 1;  // the separator's width
  }
  out.append(rev.rbegin(), rev.rend());
}

// Width of `n` digits once grouped and zero-padded to min_width (matches append_grouped).
int64_t grouped_width(int64_t n, int64_t min_width, char sep, int group) {
  if (sep == 0) return std::max(n, min_width);
  int64_t count = 0;
  int64_t remaining = n;
  min_width = std::max<int64_t>(0, min_width);
  bool first = true;
  while (true) {
    int64_t len = std::min<int64_t>(group, std::max<int64_t>(std::max(remaining, min_width), 1));
    int64_t n_zeros = std::max<int64_t>(0, len - remaining);
    int64_t n_chars = std::max<int64_t>(0, std::min(remaining, len));
    count += (first ? 0 : 1) + n_zeros + n_chars;
    first = false;
    remaining -= n_chars;
    min_width -= len;
    if (remaining <= 0 && min_width <= 0) break;
    min_width -= 1;
  }
  return count;
}

// Fractional digits grouped from the left: "567890" -> "567,890".
void append_fraction_grouped(std::u32string& out, std::string_view frac, char sep) {
  for (size_t i = 0; i < frac.size(); ++i) {
    if (sep != 0 && i > 0 && i % 3 == 0) out.push_back(static_cast<unsigned char>(sep));
    out.push_back(static_cast<unsigned char>(frac[i]));
  }
}

int64_t fraction_grouped_width(int64_t n, char sep) {
  if (sep == 0 || n == 0) return n;
  return n + (n - 1) / 3;
}

Result<Ref<Object>> finish(const std::u32string& out) {
  bool ascii = std::all_of(out.begin(), out.end(), [](char32_t c) { return c < 128; });
  if (ascii) {
    std::string bytes(out.begin(), out.end());
    return str_from_ascii(bytes);
  }
  return str_from_code_points(reinterpret_cast<const uint32_t*>(out.data()), out.size());
}

void append_fill(std::u32string& out, uint32_t fill, int64_t n) {
  out.append(static_cast<size_t>(std::max<int64_t>(0, n)), static_cast<char32_t>(fill));
}

}  // namespace

Error raise_unknown_format_code(uint32_t type, const char* type_name) {
  if (type > 32 && type < 128) {
    return raise(exc::ValueError, "Unknown format code '{}' for object of type '{}'",
                 std::string(1, static_cast<char>(type)), type_name);
  }
  char hex[16];
  snprintf(hex, sizeof hex, "\\x%x", type);
  return raise(exc::ValueError, "Unknown format code '{}' for object of type '{}'", hex, type_name);
}

Result<FormatSpec> parse_format_spec(Object* spec_str, Object* obj, uint32_t default_type,
                                     uint32_t default_align) {
  FormatSpec spec;
  spec.align = default_align;
  spec.type = default_type;
  const int64_t end = str_length(spec_str);
  int64_t pos = 0;
  auto at = [&](int64_t i) { return str_char_at(spec_str, i); };
  bool align_given = false;
  bool fill_given = false;

  if (end - pos >= 2 && is_alignment_token(at(pos + 1))) {
    spec.fill = at(pos);
    spec.align = at(pos + 1);
    fill_given = align_given = true;
    pos += 2;
  } else if (end - pos >= 1 && is_alignment_token(at(pos))) {
    spec.align = at(pos);
    align_given = true;
    ++pos;
  }
  if (end - pos >= 1 && is_sign_element(at(pos))) spec.sign = at(pos++);
  if (end - pos >= 1 && at(pos) == 'z') { spec.no_neg_zero = true; ++pos; }
  if (end - pos >= 1 && at(pos) == '#') { spec.alternate = true; ++pos; }
  if (!fill_given && end - pos >= 1 && at(pos) == '0') {
    spec.fill = '0';
    if (!align_given && default_align == '>') spec.align = '=';
    ++pos;
  }
  int64_t width = 0;
  if (TRY(read_integer(spec_str, &pos, end, &width)) > 0) spec.width = width;

  if (end - pos >= 1 && at(pos) == ',') { spec.thousands = ','; ++pos; }
  if (end - pos >= 1 && at(pos) == '_') {
    if (spec.thousands) return raise_both_separators();
    spec.thousands = '_';
    ++pos;
  }
  if (end - pos >= 1 && at(pos) == ',' && spec.thousands == '_') return raise_both_separators();

  if (end - pos >= 1 && at(pos) == '.') {
    ++pos;
    int64_t precision = 0;
    int64_t consumed = TRY(read_integer(spec_str, &pos, end, &precision));
    if (consumed > 0) spec.precision = precision;
    if (end - pos >= 1 && at(pos) == ',') { spec.frac_thousands = ','; ++pos; ++consumed; }
    if (end - pos >= 1 && at(pos) == '_') {
      if (spec.frac_thousands) return raise_both_separators();
      spec.frac_thousands = '_';
      ++pos;
      ++consumed;
    }
    if (end - pos >= 1 && at(pos) == ',' && spec.frac_thousands == '_') {
      return raise_both_separators();
    }
    if (consumed == 0) return raise(exc::ValueError, "Format specifier missing precision");
  }

  if (end - pos > 1) {
    return raise(exc::ValueError, "Invalid format specifier '{}' for object of type '{}'",
                 spec_str, type_name_of(obj));
  }
  if (end - pos == 1) spec.type = at(pos);

  if (spec.thousands) {
    switch (spec.type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
        break;
      case 'b': case 'o': case 'x': case 'X':
        if (spec.thousands == '_') {
          spec.group_by_four = true;
          break;
        }
        return raise_invalid_separator_type(spec.thousands, spec.type);
      default:
        return raise_invalid_separator_type(spec.thousands, spec.type);
    }
  }
  if (spec.type == 'n' && spec.frac_thousands) {
    return raise_invalid_separator_type(spec.frac_thousands, spec.type);
  }
  return spec;
}

Result<Ref<Object>> format_number_parts(const NumberParts& parts, const FormatSpec& spec) {
  // Layout: <lpad><sign><prefix><spad><grouped digits><.><grouped fraction><remainder><rpad>
  char sign = 0;
  if (parts.negative) {
    sign = '-';
  } else if (spec.sign == '+') {
    sign = '+';
  } else if (spec.sign == ' ') {
    sign = ' ';
  }
  const bool is_char = parts.special_char >= 0;
  const int group = spec.group_by_four ? 4 : 3;
  const int64_t n_sign = sign ? 1 : 0;
  const int64_t n_prefix = static_cast<int64_t>(parts.prefix.size());
  const int64_t n_point = parts.has_point ? 1 : 0;
  const int64_t n_frac = fraction_grouped_width(static_cast<int64_t>(parts.fraction.size()),
                                                spec.frac_thousands);
  const int64_t n_remainder = is_char ? 1 : static_cast<int64_t>(parts.remainder.size());
  const int64_t n_fixed = n_sign + n_prefix + n_point + n_frac + n_remainder;
  const int64_t n_raw_digits = is_char ? 0 : static_cast<int64_t>(parts.digits.size());

  int64_t min_width = 0;
  if (spec.fill == '0' && spec.align == '=') min_width = spec.width - n_fixed;
  int64_t n_digits = n_raw_digits == 0
                         ? 0
                         : grouped_width(n_raw_digits, min_width, spec.thousands, group);

  int64_t lpad = 0, spad = 0, rpad = 0;
  int64_t padding = spec.width - (n_fixed + n_digits);
  if (padding > 0) {
    switch (spec.align) {
      case '<': rpad = padding; break;
      case '^': lpad = padding / 2; rpad = padding - lpad; break;
      case '=': spad = padding; break;
      default: lpad = padding; break;
    }
  }
  std::u32string out;
  out.reserve(static_cast<size_t>(lpad + spad + rpad + n_fixed + n_digits));
  append_fill(out, spec.fill, lpad);
  if (sign) out.push_back(static_cast<unsigned char>(sign));
  for (char c : parts.prefix) out.push_back(static_cast<unsigned char>(c));
  append_fill(out, spec.fill, spad);
  if (n_raw_digits) append_grouped(out, parts.digits, min_width, spec.thousands, group);
  if (is_char) {
    out.push_back(static_cast<char32_t>(parts.special_char));
  } else {
    if (parts.has_point) out.push_back('.');
    append_fraction_grouped(out, parts.fraction, spec.frac_thousands);
    for (char c : parts.remainder) out.push_back(static_cast<unsigned char>(c));
  }
  append_fill(out, spec.fill, rpad);
  return finish(out);
}

Result<Ref<Object>> format_pad_str(Object* s, int64_t length_to_use, const FormatSpec& spec) {
  int64_t total = std::max(spec.width, length_to_use);
  int64_t lpad = 0;
  if (spec.align == '>') {
    lpad = total - length_to_use;
  } else if (spec.align == '^') {
    lpad = (total - length_to_use) / 2;
  }
  int64_t rpad = total - length_to_use - lpad;
  std::u32string out;
  out.reserve(static_cast<size_t>(total));
  append_fill(out, spec.fill, lpad);
  for (int64_t i = 0; i < length_to_use; ++i) out.push_back(str_char_at(s, i));
  append_fill(out, spec.fill, rpad);
  return finish(out);
}

Result<Ref<Object>> format_str_with_spec(Object* s, Object* spec_str) {
  if (str_length(spec_str) == 0) {
    // An empty spec is str(s): the object itself when exact, else its __str__.
    if (is_str_exact(s)) return Ref<Object>::borrow(s);
    return object_str(s);
  }
  FormatSpec spec = TRY(parse_format_spec(spec_str, s, 's', '<'));
  if (spec.type != 's') return raise_unknown_format_code(spec.type, type_name_of(s));
  if (spec.sign) {
    return raise(exc::ValueError, "Sign not allowed in string format specifier");
  }
  if (spec.no_neg_zero) {
    return raise(exc::ValueError,
                 "Negative zero coercion (z) not allowed in string format specifier");
  }
  if (spec.alternate) {
    return raise(exc::ValueError, "Alternate form (#) not allowed in string format specifier");
  }
  if (spec.align == '=') {
    return raise(exc::ValueError, "'=' alignment not allowed in string format specifier");
  }
  int64_t len = str_length(s);
  if (spec.precision >= 0 && spec.precision < len) len = spec.precision;
  if (is_str_exact(s) && len == str_length(s) && spec.width <= len) return Ref<Object>::borrow(s);
  return format_pad_str(s, len, spec);
}

}  // namespace weft
