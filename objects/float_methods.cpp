// objects/float_methods.cpp — float's Python-visible methods: is_integer, as_integer_ratio,
// hex/fromhex, conjugate, __trunc__/__floor__/__ceil__, __round__ (correctly rounded, half to
// even, as CPython's dtoa-based double_round), __format__, __getnewargs__, from_number, and the
// real/imag attributes. Floats are immutable: no locking.
#include <algorithm>
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/float_internal.h"
#include "objects/int.h"
#include "objects/int_internal.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft {
namespace {

Result<Ref<Object>> float_self_exact(Object* self, Object* const*, size_t, Object*) {
  if (is_float_exact(self)) return Ref<Object>::borrow(self);
  return float_from_double(float_value(self));
}

Result<Ref<Object>> float_is_integer(Object* self, Object* const*, size_t, Object*) {
  double v = float_value(self);
  return new_bool(std::isfinite(v) && std::floor(v) == v);
}

Result<Ref<Object>> float_trunc(Object* self, Object* const*, size_t, Object*) {
  return int_from_double(float_value(self));
}
Result<Ref<Object>> float_floor(Object* self, Object* const*, size_t, Object*) {
  return int_from_double(std::floor(float_value(self)));
}
Result<Ref<Object>> float_ceil(Object* self, Object* const*, size_t, Object*) {
  return int_from_double(std::ceil(float_value(self)));
}

Result<Ref<Object>> float_as_integer_ratio(Object* self, Object* const*, size_t, Object*) {
  double v = float_value(self);
  if (std::isinf(v)) {
    return raise(exc::OverflowError, "cannot convert Infinity to integer ratio");
  }
  if (std::isnan(v)) return raise(exc::ValueError, "cannot convert NaN to integer ratio");
  int exponent;
  double mantissa = std::frexp(v, &exponent);
  for (int i = 0; i < 300 && mantissa != std::floor(mantissa); ++i) {
    mantissa *= 2.0;
    exponent--;
  }
  MpzTemp num, den;
  mpz_set_d(num.get(), mantissa);
  mpz_set_ui(den.get(), 1);
  if (exponent > 0) {
    mpz_mul_2exp(num.get(), num.get(), static_cast<mp_bitcnt_t>(exponent));
  } else {
    mpz_mul_2exp(den.get(), den.get(), static_cast<mp_bitcnt_t>(-exponent));
  }
  Ref<Object> n = TRY(int_from_mpz_take(num.get()));
  Ref<Object> d = TRY(int_from_mpz_take(den.get()));
  return tuple_pack({n.get(), d.get()});
}

// round(x, ndigits) for finite x: the exact value x * 10**ndigits rounded half to even, then
// converted back with a correctly rounded decimal -> double conversion.
Result<double> round_to_ndigits(double x, int64_t ndigits) {
  // Beyond these, the result is x itself or a zero (CPython's NDIGITS_MAX / NDIGITS_MIN).
  const int64_t kNdigitsMax = static_cast<int64_t>((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103);
  const int64_t kNdigitsMin = -static_cast<int64_t>((DBL_MAX_EXP + 1) * 0.30103);
  if (ndigits > kNdigitsMax || x == 0.0 || !std::isfinite(x)) return x;
  if (ndigits < kNdigitsMin) return 0.0 * x;
  int exponent;
  double mantissa = std::frexp(std::fabs(x), &exponent);
  // |x| = m * 2**e exactly with m an integer below 2**53.
  double m = std::ldexp(mantissa, DBL_MANT_DIG);
  int e = exponent - DBL_MANT_DIG;
  MpzTemp num, den, q, r, twice_r;
  mpz_set_d(num.get(), m);
  mpz_set_ui(den.get(), 1);
  if (e >= 0) {
    mpz_mul_2exp(num.get(), num.get(), static_cast<mp_bitcnt_t>(e));
  } else {
    mpz_mul_2exp(den.get(), den.get(), static_cast<mp_bitcnt_t>(-e));
  }
  MpzTemp pow10;
  mpz_ui_pow_ui(pow10.get(), 10, static_cast<unsigned long>(ndigits >= 0 ? ndigits : -ndigits));
  if (ndigits >= 0) {
    mpz_mul(num.get(), num.get(), pow10.get());
  } else {
    mpz_mul(den.get(), den.get(), pow10.get());
  }
  mpz_fdiv_qr(q.get(), r.get(), num.get(), den.get());
  mpz_mul_2exp(twice_r.get(), r.get(), 1);
  int c = mpz_cmp(twice_r.get(), den.get());
  if (c > 0 || (c == 0 && mpz_odd_p(q.get()))) mpz_add_ui(q.get(), q.get(), 1);
  // q * 10**-ndigits as text, then a correctly rounded conversion.
  std::string text(mpz_sizeinbase(q.get(), 10) + 2, '\0');
  mpz_get_str(text.data(), 10, q.get());
  text.resize(std::strlen(text.c_str()));
  text += 'e';
  text += std::to_string(-ndigits);
  double result = std::strtod(text.c_str(), nullptr);
  if (std::isinf(result)) {
    return raise(exc::OverflowError, "rounded value too large to represent");
  }
  return std::copysign(result, x);
}

Result<Ref<Object>> float_round(Object* self, Object* const* args, size_t nargs,
                                Object* kwnames) {
  TRY(args_positional_only("__round__", nargs, kwnames, 0, 1));
  double x = float_value(self);
  if (nargs == 0 || is_none(args[0])) {
    double rounded = std::round(x);
    if (std::fabs(x - rounded) == 0.5) rounded = 2.0 * std::round(x / 2.0);  // half to even
    return int_from_double(rounded);
  }
  Ref<Object> nd = TRY(number_index(args[0]));
  int64_t ndigits;
  if (!int_to_i64(nd.get(), &ndigits)) ndigits = int_sign(nd.get()) > 0 ? INT64_MAX : INT64_MIN;
  double r = TRY(round_to_ndigits(x, ndigits));
  return float_from_double(r);
}

Result<Ref<Object>> float_hex(Object* self, Object* const*, size_t, Object*) {
  double v = float_value(self);
  if (std::isnan(v) || std::isinf(v)) return str_from_ascii(float_repr_string(v));
  if (v == 0.0) return str_from_ascii(std::signbit(v) ? "-0x0.0p+0" : "0x0.0p+0");
  int e;
  double m = std::frexp(std::fabs(v), &e);
  int shift = 1 - std::max(DBL_MIN_EXP - e, 0);
  m = std::ldexp(m, shift);
  e -= shift;
  std::string out = v < 0 ? "-0x" : "0x";
  static const char kHex[] = "0123456789abcdef";
  int lead = static_cast<int>(m);
  out += kHex[lead];
  m -= lead;
  out += '.';
  for (int i = 0; i < (DBL_MANT_DIG - 1) / 4; ++i) {  // 13 hex digits after the point
    m *= 16.0;
    int d = static_cast<int>(m);
    out += kHex[d];
    m -= d;
  }
  char exp_buf[16];
  std::snprintf(exp_buf, sizeof exp_buf, "p%+d", e);
  out += exp_buf;
  return str_from_ascii(out);
}

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

// float.fromhex(string) — a class method. The syntax is validated here; glibc's strtod then
// converts the hexadecimal literal with correct rounding.
Result<Ref<Object>> float_fromhex(Object* cls, Object* const* args, size_t, Object*) {
  if (!is_str(args[0])) {
    return raise(exc::TypeError, "fromhex() argument must be str, not {}",
                 type_name_of(args[0]));
  }
  std::string s = str_to_std_string(args[0]);
  size_t i = 0, n = s.size();
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  while (i < n && space(s[i])) ++i;
  while (n > i && space(s[n - 1])) --n;
  std::string body = s.substr(i, n - i);
  double v;
  std::string lit;
  size_t k = 0;
  bool negative = false;
  if (k < body.size() && (body[k] == '+' || body[k] == '-')) negative = body[k++] == '-';
  std::string rest = body.substr(k);
  std::string lower;
  for (char c : rest) lower.push_back(static_cast<char>(c | 0x20));
  bool valid = true;
  if (lower == "inf" || lower == "infinity") {
    v = HUGE_VAL;
  } else if (lower == "nan") {
    v = NAN;
  } else {
    size_t j = 0;
    if (lower.size() >= 2 && lower[0] == '0' && lower[1] == 'x') j = 2;
    size_t digits = 0;
    size_t start = j;
    while (j < rest.size() && is_hex_digit(rest[j])) { ++j; ++digits; }
    if (j < rest.size() && rest[j] == '.') {
      ++j;
      while (j < rest.size() && is_hex_digit(rest[j])) { ++j; ++digits; }
    }
    if (digits == 0) valid = false;
    std::string mantissa = rest.substr(start, j - start);
    std::string exponent = "0";
    if (valid && j < rest.size() && (rest[j] | 0x20) == 'p') {
      ++j;
      size_t exp_start = j;
      if (j < rest.size() && (rest[j] == '+' || rest[j] == '-')) ++j;
      size_t exp_digits = 0;
      while (j < rest.size() && rest[j] >= '0' && rest[j] <= '9') { ++j; ++exp_digits; }
      if (exp_digits == 0) valid = false;
      exponent = rest.substr(exp_start, j - exp_start);
    }
    if (j != rest.size()) valid = false;
    if (valid) {
      lit = "0x" + mantissa + "p" + exponent;
      errno = 0;
      v = std::strtod(lit.c_str(), nullptr);
      if (std::isinf(v)) {
        return raise(exc::OverflowError, "hexadecimal value too large to represent as a float");
      }
    }
  }
  if (!valid) return raise(exc::ValueError, "invalid hexadecimal floating-point string");
  if (negative) v = -v;
  Ref<Object> result = TRY(float_from_double(v));
  if (reinterpret_cast<Type*>(cls) == &FloatType) return result;
  return call_one(cls, result.get());
}

// float.from_number(number) — a class method (3.14): no strings.
Result<Ref<Object>> float_from_number(Object* cls, Object* const* args, size_t, Object*) {
  Object* x = args[0];
  if (is_str(x) || (type_of(x)->number.float_ == nullptr && type_of(x)->number.index == nullptr)) {
    return raise(exc::TypeError, "must be real number, not {}", type_name_of(x));
  }
  Ref<Object> result = TRY(number_float(x));
  if (reinterpret_cast<Type*>(cls) == &FloatType) return result;
  return call_one(cls, result.get());
}

Result<Ref<Object>> float_getnewargs(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> v = TRY(float_from_double(float_value(self)));
  return tuple_pack({v.get()});
}

Result<Ref<Object>> float_format_method(Object* self, Object* const* args, size_t, Object*) {
  if (!is_str(args[0])) {
    return raise(exc::TypeError, "__format__() argument must be str, not {}",
                 type_name_of(args[0]));
  }
  return float_format(self, args[0]);
}

Result<Ref<Object>> float_get_real(Object* self) {
  if (is_float_exact(self)) return Ref<Object>::borrow(self);
  return float_from_double(float_value(self));
}
Result<Ref<Object>> float_get_imag(Object*) { return float_from_double(0.0); }

}  // namespace

const MethodDef kFloatMethods[] = {
    {"conjugate", float_self_exact, kMethNoArgs, "Return self, the complex conjugate of any float."},
    {"__trunc__", float_trunc, kMethNoArgs, "Return the Integral closest to x between 0 and x."},
    {"__floor__", float_floor, kMethNoArgs, "Return the floor as an Integral."},
    {"__ceil__", float_ceil, kMethNoArgs, "Return the ceiling as an Integral."},
    {"__round__", float_round, kMethFastcall,
     "Return the Integral closest to x, rounding half toward even.\n\n"
     "When an argument is passed, work like built-in round(x, ndigits)."},
    {"as_integer_ratio", float_as_integer_ratio, kMethNoArgs,
     "Return a pair of integers, whose ratio is exactly equal to the original float."},
    {"is_integer", float_is_integer, kMethNoArgs, "Return True if the float is an integer."},
    {"hex", float_hex, kMethNoArgs, "Return a hexadecimal representation of a floating-point number."},
    {"fromhex", float_fromhex, kMethOneArg | kMethClass,
     "Create a floating-point number from a hexadecimal string."},
    {"from_number", float_from_number, kMethOneArg | kMethClass,
     "Convert real number to a floating-point number."},
    {"__getnewargs__", float_getnewargs, kMethNoArgs, nullptr},
    {"__format__", float_format_method, kMethOneArg,
     "Formats the float according to format_spec."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kFloatGetSets[] = {
    {"real", float_get_real, nullptr, "the real part of a complex number"},
    {"imag", float_get_imag, nullptr, "the imaginary part of a complex number"},
    {nullptr, nullptr, nullptr, nullptr},
};

}  // namespace weft
