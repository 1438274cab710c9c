// objects/int_text.cpp — int <-> text: int(x, base) parsing, str()/repr(), bin/oct/hex text,
// the integer string conversion length limit (sys.set_int_max_str_digits), int.__new__ and
// int.__format__.
//
// Parsing follows CPython's PyLong_FromUnicodeObject: Unicode whitespace is stripped and Unicode
// decimal digits are read as ASCII digits, then the ASCII text is parsed with Python's literal
// rules (sign, 0x/0o/0b prefixes, single underscores between digits, no leading zeros in base 0).
// Decimal conversions in either direction refuse more than int_max_str_digits() digits (CVE-2020-
// 10735); power-of-two bases are exempt, as in CPython.
//
// The digit limit is one process-wide atomic (CPython keeps it per interpreter; Weft has one).
#include <atomic>
#include <charconv>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/format_spec.h"
#include "objects/int.h"
#include "objects/int_internal.h"
#include "objects/str.h"
#include "objects/unicode_props.h"

namespace weft {
namespace {

constexpr int64_t kDefaultMaxStrDigits = 4300;  // sys.int_info.default_max_str_digits
constexpr int64_t kMaxStrDigitsThreshold = 640;  // below this many digits, never checked
std::atomic<int64_t> g_max_str_digits{kDefaultMaxStrDigits};

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

int ascii_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

bool is_power_of_two_base(int base) { return (base & (base - 1)) == 0; }

// Parses ASCII `s` with Python's int literal rules. Returns false (no exception) for text that
// is not a valid literal; raises (and returns an error) for the digit limit or memory.
Result<bool> parse_int_ascii(std::string_view s, int base, Ref<Object>* out) {
  size_t i = 0, n = s.size();
  while (i < n && is_ascii_space(s[i])) ++i;
  while (n > i && is_ascii_space(s[n - 1])) --n;
  bool negative = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  bool prefixed = false;
  bool base0_zero_literal = false;
  if (i + 1 < n && s[i] == '0') {
    char p = static_cast<char>(s[i + 1] | 0x20);
    int prefix_base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (prefix_base != 0 && (base == 0 || base == prefix_base)) {
      base = prefix_base;
      prefixed = true;
      i += 2;
    }
  }
  if (base == 0) {
    base = 10;
    base0_zero_literal = i < n && s[i] == '0';  // "0", "00", "0_0": only zeros allowed
  }
  std::string digits;
  digits.reserve(n - i);
  bool last_was_digit = prefixed;  // one underscore may follow the prefix
  for (; i < n; ++i) {
    char c = s[i];
    if (c == '_') {
      if (!last_was_digit) return false;
      last_was_digit = false;
      continue;
    }
    if (ascii_digit_value(c) >= base) return false;
    if (base0_zero_literal && c != '0') return false;
    digits.push_back(c);
    last_was_digit = true;
  }
  if (digits.empty() || !last_was_digit) return false;

  const int64_t limit = g_max_str_digits.load(std::memory_order_relaxed);
  const int64_t ndigits = static_cast<int64_t>(digits.size());
  if (!is_power_of_two_base(base) && ndigits > kMaxStrDigitsThreshold && limit > 0 &&
      ndigits > limit) {
    return raise(exc::ValueError,
                 "Exceeds the limit ({} digits) for integer string conversion: value has {} "
                 "digits; use sys.set_int_max_str_digits() to increase the limit",
                 limit, ndigits);
  }
  // int64 fast path: at most 18 digits of any base <= 10 (and 12 of base 36) cannot overflow.
  if (ndigits <= 12 || (base <= 10 && ndigits <= 18)) {
    int64_t v = 0;
    for (char c : digits) v = v * base + ascii_digit_value(c);
    *out = TRY(int_from_i64(negative ? -v : v));
    return true;
  }
  TRY(check_int_result_bits(static_cast<uint64_t>(ndigits) * 6));
  MpzTemp z;
  if (mpz_set_str(z.get(), digits.c_str(), base) != 0) return false;
  if (negative) mpz_neg(z.get(), z.get());
  *out = TRY(int_from_mpz_take(z.get()));
  return true;
}

Error raise_invalid_literal(Object* text, int base) {
  // CPython formats the object with %.200R: the repr cut to 200 code points.
  Result<Ref<Object>> r = object_repr(text);
  if (!r) return Error{};
  Object* repr = r.value().get();
  int64_t len = str_length(repr);
  if (len <= 200) return raise(exc::ValueError, "invalid literal for int() with base {}: {}", base, repr);
  uint32_t cps[200];
  for (int64_t k = 0; k < 200; ++k) cps[k] = str_char_at(repr, k);
  Ref<Object> cut = TRY(str_from_code_points(cps, 200));
  return raise(exc::ValueError, "invalid literal for int() with base {}: {}", base, cut.get());
}

}  // namespace

int64_t int_max_str_digits() { return g_max_str_digits.load(std::memory_order_relaxed); }
void set_int_max_str_digits(int64_t n) { g_max_str_digits.store(n, std::memory_order_relaxed); }

Result<Ref<Object>> int_from_string(std::string_view s, int base) {
  Ref<Object> result;
  if (TRY(parse_int_ascii(s, base, &result))) return result;
  Ref<Object> text = TRY(str_from_utf8(s));
  return raise_invalid_literal(text.get(), base);
}

Result<Ref<Object>> int_from_text_object(Object* x, int base) {
  Ref<Object> result;
  if (is_bytes_like(x)) {
    ByteView digits = ByteView::of(x);
    if (TRY(parse_int_ascii(digits.view(), base, &result))) return result;
    // CPython reports the digits as bytes, also for a bytearray.
    Ref<Object> as_bytes = TRY(bytes_from(digits.view()));
    return raise_invalid_literal(as_bytes.get(), base);
  }
  // str: strip Unicode whitespace, map Unicode decimal digits to ASCII; any other non-ASCII code
  // point makes the literal invalid (CPython maps it to '?').
  int64_t n = str_length(x);
  int64_t begin = 0, end = n;
  while (begin < end && unicode::is_space(str_char_at(x, begin))) ++begin;
  while (end > begin && unicode::is_space(str_char_at(x, end - 1))) --end;
  std::string ascii;
  ascii.reserve(static_cast<size_t>(end - begin));
  for (int64_t k = begin; k < end; ++k) {
    uint32_t c = str_char_at(x, k);
    if (c < 128) {
      ascii.push_back(static_cast<char>(c));
    } else {
      int d = unicode::decimal_value(c);
      ascii.push_back(d >= 0 ? static_cast<char>('0' + d) : '?');
    }
  }
  if (TRY(parse_int_ascii(ascii, base, &result))) return result;
  return raise_invalid_literal(x, base);
}

std::string int_to_decimal(Object* o) {
  int64_t v;
  if (int_to_i64(o, &v)) return std::to_string(v);
  MpzView z(o);
  std::string out(mpz_sizeinbase(z.get(), 10) + 2, '\0');
  mpz_get_str(out.data(), 10, z.get());
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Result<Ref<Object>> int_to_str(Object* o) {
  int64_t v;
  if (int_to_i64(o, &v)) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return str_from_ascii(std::string_view(buf, static_cast<size_t>(end - buf)));
  }
  const int64_t limit = int_max_str_digits();
  MpzView z(o);
  if (limit > 0) {
    // sizeinbase(10) is exact or one too large: a value whose estimate minus one exceeds the
    // limit certainly does; otherwise convert and count.
    int64_t estimate = static_cast<int64_t>(mpz_sizeinbase(z.get(), 10));
    if (estimate - 1 > limit) {
      return raise(exc::ValueError,
                   "Exceeds the limit ({} digits) for integer string conversion; use "
                   "sys.set_int_max_str_digits() to increase the limit",
                   limit);
    }
  }
  std::string text = int_to_decimal(o);
  int64_t ndigits = static_cast<int64_t>(text.size()) - (text[0] == '-' ? 1 : 0);
  if (limit > 0 && ndigits > limit) {
    return raise(exc::ValueError,
                 "Exceeds the limit ({} digits) for integer string conversion; use "
                 "sys.set_int_max_str_digits() to increase the limit",
                 limit);
  }
  return str_from_ascii(text);
}

// Digits of |o| in `base` (2, 8, 10, 16), lower case.
static std::string magnitude_digits(Object* o, int base) {
  MpzView z(o);
  MpzTemp mag;
  mpz_abs(mag.get(), z.get());
  std::string out(mpz_sizeinbase(mag.get(), base) + 2, '\0');
  mpz_get_str(out.data(), base, mag.get());
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Result<Ref<Object>> int_to_base_string(Object* o, int base) {
  if (base == 10) return int_to_str(o);
  std::string text = int_sign(o) < 0 ? "-" : "";
  text += base == 2 ? "0b" : base == 8 ? "0o" : "0x";
  text += magnitude_digits(o, base);
  return str_from_ascii(text);
}

// --- int.__new__ --------------------------------------------------------------------------------

Result<Ref<Object>> int_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("int", "| x / base");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Object* x = a[0];
  Object* base_obj = a[1];
  Ref<Object> value;
  if (x == nullptr) {
    if (base_obj != nullptr) return raise(exc::TypeError, "int() missing string argument");
    value = TRY(int_from_i64(0));
  } else if (base_obj == nullptr) {
    value = TRY(number_long(x));
  } else {
    int64_t base = TRY(index_as_i64(base_obj));
    if (base != 0 && (base < 2 || base > 36)) {
      return raise(exc::ValueError, "int() base must be >= 2 and <= 36, or 0");
    }
    if (!is_str(x) && !is_bytes_like(x)) {
      return raise(exc::TypeError, "int() can't convert non-string with explicit base");
    }
    value = TRY(int_from_text_object(x, static_cast<int>(base)));
  }
  if (type == &IntType) return value;
  return int_new_of_type(type, value.get());
}

// --- int.__format__ -----------------------------------------------------------------------------

Result<Ref<Object>> int_format(Object* o, Object* spec_str) {
  if (str_length(spec_str) == 0) return object_str(o);
  FormatSpec spec = TRY(parse_format_spec(spec_str, o, 'd', '>'));
  switch (spec.type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
      double d = TRY(int_as_double(o));
      return float_format_value(d, spec, o);
    }
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
      break;
    default:
      return raise_unknown_format_code(spec.type, type_name_of(o));
  }
  if (spec.precision != -1) {
    return raise(exc::ValueError, "Precision not allowed in integer format specifier");
  }
  if (spec.no_neg_zero) {
    return raise(exc::ValueError,
                 "Negative zero coercion (z) not allowed in integer format specifier");
  }
  NumberParts parts;
  if (spec.type == 'c') {
    if (spec.sign != 0) {
      return raise(exc::ValueError, "Sign not allowed with integer format specifier 'c'");
    }
    if (spec.alternate) {
      return raise(exc::ValueError,
                   "Alternate form (#) not allowed with integer format specifier 'c'");
    }
    int64_t cp;
    if (!int_to_i64(o, &cp) || cp < 0 || cp > 0x10ffff) {
      return raise(exc::OverflowError, "%c arg not in range(0x110000)");
    }
    parts.special_char = cp;
    return format_number_parts(parts, spec);
  }
  int base = 10;
  const char* prefix = "";
  switch (spec.type) {
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; break;
    default: break;
  }
  if (base == 10 && spec.width == -1 && spec.sign == 0 && spec.thousands == 0) {
    // The common format(n, "d") / f"{n}" shape: no layout work.
    return int_to_str(o);
  }
  std::string digits;
  if (base == 10) {
    Ref<Object> text = TRY(int_to_str(o));  // applies the digit limit
    digits = str_to_std_string(text.get());
    if (!digits.empty() && digits[0] == '-') digits.erase(0, 1);
  } else {
    digits = magnitude_digits(o, base);
    if (spec.type == 'X') {
      for (char& c : digits) c = static_cast<char>(c >= 'a' && c <= 'f' ? c - 32 : c);
    }
  }
  parts.negative = int_sign(o) < 0;
  if (spec.alternate && base != 10) parts.prefix = prefix;
  parts.digits = digits;
  return format_number_parts(parts, spec);
}

}  // namespace weft
