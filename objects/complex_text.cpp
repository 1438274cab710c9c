// objects/complex_text.cpp — complex numbers to and from text: complex(str) parsing and
// complex.__format__.
//
// Parsing follows CPython 3.14's complex_from_string: surrounding whitespace, an optional pair
// of parentheses (with whitespace inside), then one of <float>, <float>j, <float>(+|-)<float>j,
// <float>(+|-)j, (+|-)j or j; the floats accept inf/infinity/nan in any case. Underscores are
// checked and removed first, for the whole text, with float()'s rule (each one between two
// digits); a misplaced one gives "could not convert string to complex: ...", any other defect
// "complex() arg is a malformed string". Non-ASCII decimal digits and spaces are mapped to ASCII
// as float() does (numeric_text_ascii).
//
// Formatting follows format_complex_internal: each part is formatted as a float (the empty
// presentation type formats the parts as repr does, without ".0", and wraps the result in
// parentheses unless the real part is +0.0, which is then left out), the imaginary part always
// carries a sign, and the width/fill/alignment apply to the whole text. '0' padding and '='
// alignment are refused.
//
// Everything here works on immutable values: no locking.
#include <cmath>
#include <string>

#include "objects/abstract.h"
#include "objects/complex.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/float_internal.h"
#include "objects/format_spec.h"
#include "objects/int_internal.h"
#include "objects/str.h"

namespace weft {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_word(std::string_view s, size_t pos, std::string_view word) {
  if (s.size() - pos < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k)
    if (lower(s[pos + k]) != word[k]) return false;
  return true;
}

// The length of the float literal (optional sign, digits with a point and an exponent, or
// inf/infinity/nan) at s[pos], 0 when there is none. An exponent without digits is not part of
// it ("1e" is "1" followed by "e").
size_t float_literal_length(std::string_view s, size_t pos) {
  size_t i = pos;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (starts_with_word(s, i, "infinity")) return i + 8 - pos;
  if (starts_with_word(s, i, "inf") || starts_with_word(s, i, "nan")) return i + 3 - pos;
  size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t e = i + 1;
    if (e < s.size() && (s[e] == '+' || s[e] == '-')) ++e;
    if (e < s.size() && is_digit(s[e])) {
      while (e < s.size() && is_digit(s[e])) ++e;
      i = e;
    }
  }
  return i - pos;
}

void skip_spaces(std::string_view s, size_t* pos) {
  while (*pos < s.size() && is_space(s[*pos])) ++*pos;
}

// Parses underscore-free ASCII text; false when it is malformed.
bool parse_complex_ascii(std::string_view s, double* re, double* im) {
  size_t pos = 0;
  skip_spaces(s, &pos);
  bool bracket = pos < s.size() && s[pos] == '(';
  if (bracket) {
    ++pos;
    skip_spaces(s, &pos);
  }
  auto is_j = [&](size_t p) { return p < s.size() && (s[p] == 'j' || s[p] == 'J'); };
  auto is_sign = [&](size_t p) { return p < s.size() && (s[p] == '+' || s[p] == '-'); };
  *re = 0.0;
  *im = 0.0;
  if (size_t n = float_literal_length(s, pos)) {
    double first;
    if (!parse_float_ascii(s.substr(pos, n), &first)) return false;
    pos += n;
    if (is_sign(pos)) {  // <float><signed-float>j or <float><sign>j
      *re = first;
      if (size_t m = float_literal_length(s, pos)) {
        if (!parse_float_ascii(s.substr(pos, m), im)) return false;
        pos += m;
      } else {
        *im = s[pos] == '+' ? 1.0 : -1.0;
        ++pos;
      }
      if (!is_j(pos)) return false;
      ++pos;
    } else if (is_j(pos)) {  // <float>j
      *im = first;
      ++pos;
    } else {  // <float>
      *re = first;
    }
  } else if (is_sign(pos) && is_j(pos + 1)) {  // <sign>j
    *im = s[pos] == '+' ? 1.0 : -1.0;
    pos += 2;
  } else if (is_j(pos)) {  // j
    *im = 1.0;
    ++pos;
  } else {
    return false;
  }
  skip_spaces(s, &pos);
  if (bracket) {
    if (pos >= s.size() || s[pos] != ')') return false;
    ++pos;
    skip_spaces(s, &pos);
  }
  return pos == s.size();
}

// float()'s underscore rule over the whole text: each '_' sits between two digits.
bool remove_underscores(std::string_view in, std::string* out) {
  out->clear();
  for (size_t k = 0; k < in.size(); ++k) {
    if (in[k] != '_') {
      out->push_back(in[k]);
      continue;
    }
    if (k == 0 || k + 1 >= in.size() || !is_digit(in[k - 1]) || !is_digit(in[k + 1])) return false;
  }
  return true;
}

// A complex part formatted as a float, with the empty presentation type meaning repr's digits
// without a trailing ".0" ("1" rather than "1.0", "1." with '#').
Result<std::string> format_part(double v, const FormatSpec& part_spec, bool repr_style,
                                Object* self) {
  Ref<Object> text = TRY(float_format_value(v, part_spec, self));
  std::string s = str_to_std_string(text.get());
  if (repr_style && s.size() >= 2 && s.compare(s.size() - 2, 2, ".0") == 0) {
    s.resize(s.size() - (part_spec.alternate ? 1 : 2));
  }
  return s;
}

}  // namespace

Status complex_parse_text(Object* text, double* re, double* im) {
  std::string ascii = numeric_text_ascii(text);
  std::string clean;
  if (!remove_underscores(ascii, &clean)) {
    return raise(exc::ValueError, "could not convert string to complex: {}", fmt_repr(text));
  }
  if (!parse_complex_ascii(clean, re, im)) {
    return raise(exc::ValueError, "complex() arg is a malformed string");
  }
  return ok();
}

Result<Ref<Object>> complex_format(Object* self, double re, double im, Object* spec_str) {
  if (str_length(spec_str) == 0) return object_str(self);
  FormatSpec spec = TRY(parse_format_spec(spec_str, self, 0, '>'));
  if (spec.fill == '0') {
    return raise(exc::ValueError, "Zero padding is not allowed in complex format specifier");
  }
  if (spec.align == '=') {
    return raise(exc::ValueError, "'=' alignment flag is not allowed in complex format specifier");
  }
  switch (spec.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n':
      break;
    default:
      return raise_unknown_format_code(spec.type, type_name_of(self));
  }
  FormatSpec part = spec;
  part.width = -1;
  part.fill = ' ';
  part.align = '>';
  bool repr_style = spec.type == 0 && spec.precision < 0;
  bool skip_re = false, parens = false;
  if (spec.type == 0) {
    skip_re = re == 0.0 && !std::signbit(re);
    parens = !skip_re;
    if (!repr_style) part.type = 'g';
  }
  std::string out;
  if (parens) out += '(';
  if (!skip_re) {
    out += TRY(format_part(re, part, repr_style, self));
    part.sign = '+';
  }
  out += TRY(format_part(im, part, repr_style, self));
  out += 'j';
  if (parens) out += ')';
  Ref<Object> text = TRY(str_from_ascii(out));
  return format_pad_str(text.get(), static_cast<int64_t>(out.size()), spec);
}

}  // namespace weft
