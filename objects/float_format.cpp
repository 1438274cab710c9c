// objects/float_format.cpp — float.__format__ and format(float/int, 'efg%n...'): the
// presentation types of the format mini-language for floating-point values.
//
// Digits come from std::to_chars, which is correctly rounded both in shortest mode (repr) and
// with a precision (like CPython's dtoa modes 0, 2 and 3); this file only lays the digits out
// the way CPython's PyOS_double_to_string does (exponent rules of 'g' and of the empty type,
// '#' keeping trailing zeros and the point, 'z' dropping the sign of a zero result) and hands
// the pieces to format_number_parts for sign, padding and grouping.
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/float_internal.h"
#include "objects/format_spec.h"
#include "objects/int_internal.h"
#include "objects/str.h"

namespace weft {
namespace {

// Exponent text as C's printf: 'e', sign, at least two digits.
void append_exponent(std::string& out, int exponent, bool upper) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%c%02d", upper ? 'E' : 'e', exponent < 0 ? '-' : '+',
                std::abs(exponent));
  out += buf;
}

// Significant digits of v >= 0 rounded to `ndigits` (>= 1) digits, and the decimal point
// position (v ~= 0.d1d2... * 10**decpt).
void rounded_digits(double v, int ndigits, std::string* digits, int* decpt) {
  std::string buf(static_cast<size_t>(ndigits) + 16, '\0');
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v,
                                 std::chars_format::scientific, ndigits - 1);
  digits->clear();
  const char* p = buf.data();
  for (; p < end && *p != 'e'; ++p) {
    if (*p != '.') digits->push_back(*p);
  }
  *decpt = std::atoi(p + 1) + 1;
  if (v == 0) *decpt = 1;
}

// Lays out significant digits: positional or exponent form.
//   min_digits: pad the digit string with zeros to this many significant digits ('#' with 'g')
//   force_point: always write a decimal point; add_dot_0: write ".0" after an integral value
std::string layout_digits(std::string digits, int decpt, bool use_exp, size_t min_digits,
                          bool force_point, bool add_dot_0, bool upper) {
  if (digits.size() < min_digits) digits.append(min_digits - digits.size(), '0');
  std::string out;
  const int n = static_cast<int>(digits.size());
  if (use_exp) {
    out += digits[0];
    if (n > 1 || force_point) out += '.';
    out.append(digits, 1, std::string::npos);
    append_exponent(out, decpt - 1, upper);
    return out;
  }
  if (decpt <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-decpt), '0');
    out += digits;
  } else if (decpt >= n) {
    out += digits;
    out.append(static_cast<size_t>(decpt - n), '0');
    if (add_dot_0) {
      out += ".0";
    } else if (force_point) {
      out += '.';
    }
  } else {
    out.append(digits, 0, static_cast<size_t>(decpt));
    out += '.';
    out.append(digits, static_cast<size_t>(decpt), std::string::npos);
  }
  return out;
}

void strip_trailing_zeros(std::string* digits) {
  while (digits->size() > 1 && digits->back() == '0') digits->pop_back();
}

// The body of the formatted number (no sign) for finite a >= 0.
Result<std::string> format_finite(double a, uint32_t type, int64_t precision, bool alternate) {
  const bool upper = type == 'E' || type == 'F' || type == 'G';
  switch (type) {
    case 0: {  // repr style, or 'g' with a dot when a precision is given
      if (precision < 0) {
        std::string digits;
        int decpt;
        shortest_digits(a, &digits, &decpt);
        bool use_exp = decpt <= -4 || decpt > 16;
        return layout_digits(digits, decpt, use_exp, 0, alternate, true, false);
      }
      int p = precision == 0 ? 1 : static_cast<int>(precision);
      std::string digits;
      int decpt;
      rounded_digits(a, p, &digits, &decpt);
      if (!alternate) strip_trailing_zeros(&digits);
      bool use_exp = decpt <= -4 || decpt > p - 1;
      return layout_digits(digits, decpt, use_exp, alternate ? static_cast<size_t>(p) : 0,
                           alternate, true, false);
    }
    case 'g': case 'G': case 'n': {
      int p = precision < 0 ? 6 : precision == 0 ? 1 : static_cast<int>(precision);
      std::string digits;
      int decpt;
      rounded_digits(a, p, &digits, &decpt);
      if (!alternate) strip_trailing_zeros(&digits);
      bool use_exp = decpt <= -4 || decpt > p;
      return layout_digits(digits, decpt, use_exp, alternate ? static_cast<size_t>(p) : 0,
                           alternate, false, upper);
    }
    case 'e': case 'E': {
      int p = precision < 0 ? 6 : static_cast<int>(precision);
      std::string digits;
      int decpt;
      rounded_digits(a, p + 1, &digits, &decpt);
      return layout_digits(digits, decpt, true, static_cast<size_t>(p) + 1, alternate, false,
                           upper);
    }
    case 'f': case 'F': case '%': {
      int p = precision < 0 ? 6 : static_cast<int>(precision);
      if (type == '%') a *= 100.0;
      std::string out(static_cast<size_t>(p) + 330, '\0');
      auto [end, ec] =
          std::to_chars(out.data(), out.data() + out.size(), a, std::chars_format::fixed, p);
      out.resize(static_cast<size_t>(end - out.data()));
      if (alternate && p == 0) out += '.';
      if (type == '%') out += '%';
      return out;
    }
    default:
      return Error{};  // unreachable: the caller validated the type
  }
}

}  // namespace

Result<Ref<Object>> float_format_value(double v, const FormatSpec& spec, Object* o) {
  uint32_t type = spec.type;
  switch (type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
      break;
    default:
      return raise_unknown_format_code(type, type_name_of(o));
  }
  if (spec.precision > 0x7fffffff) return raise(exc::ValueError, "precision too big");
  bool negative = std::signbit(v) && !std::isnan(v);
  double a = std::fabs(v);
  const bool upper = type == 'E' || type == 'F' || type == 'G';
  std::string body;
  if (std::isinf(a) || std::isnan(a)) {
    body = std::isinf(a) ? (upper ? "INF" : "inf") : (upper ? "NAN" : "nan");
    if (type == '%') body += '%';
  } else {
    body = TRY(format_finite(a, type, spec.precision, spec.alternate));
  }
  // 'z': a result that rounded to zero loses its sign.
  if (negative && spec.no_neg_zero) {
    bool all_zero = true;
    for (char c : body) {
      if (c == 'e' || c == 'E' || c == '%') break;
      if (c >= '1' && c <= '9') all_zero = false;
    }
    if (all_zero) negative = false;
  }
  NumberParts parts;
  parts.negative = negative;
  std::string_view rest = body;
  size_t k = 0;
  while (k < rest.size() && rest[k] >= '0' && rest[k] <= '9') ++k;
  parts.digits = rest.substr(0, k);
  rest.remove_prefix(k);
  if (!rest.empty() && rest[0] == '.') {
    parts.has_point = true;
    rest.remove_prefix(1);
    k = 0;
    while (k < rest.size() && rest[k] >= '0' && rest[k] <= '9') ++k;
    parts.fraction = rest.substr(0, k);
    rest.remove_prefix(k);
  }
  parts.remainder = rest;
  return format_number_parts(parts, spec);
}

Result<Ref<Object>> float_format(Object* o, Object* spec_str) {
  if (str_length(spec_str) == 0) return object_str(o);
  FormatSpec spec = TRY(parse_format_spec(spec_str, o, 0, '>'));
  return float_format_value(float_value(o), spec, o);
}

}  // namespace weft
