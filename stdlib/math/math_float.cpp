// stdlib/math/math_float.cpp — the `math` functions of floats: libm wrappers with CPython 3.14's
// error rules (Modules/mathmodule.c math_1 / math_2), plus floor/ceil/trunc, frexp/ldexp/modf,
// fmod/remainder/pow, isclose, nextafter/ulp, log with a base and for huge ints.
//
// Error rule for a libm result r of finite-or-not input x: NaN from non-NaN input is a domain
// error (ValueError, with the function's 3.14 message naming x, else "math domain error");
// an infinity from finite input is an OverflowError "math range error" for functions that can
// overflow, else a domain error (a pole). errno ERANGE with |r| < 1.5 is a harmless underflow.
// Stateless: nothing here needs locking.
#include <gmp.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/math/math_support.h"

namespace weft::math_module {

Error domain_error() { return raise(exc::ValueError, "math domain error"); }
Error range_error() { return raise(exc::OverflowError, "math range error"); }

Result<double> to_double(Object* o) { return float_as_double(o); }

Result<Ref<Object>> float_result(double r) { return float_from_double(r); }

namespace {

// The 3.14 domain-error messages; each names the offending argument.
enum DomainMessage {
  kGeneric,      // "math domain error"
  kUnitRange,    // acos, asin
  kNotBelowOne,  // acosh
  kOpenUnit,     // atanh
  kFinite,       // sin, cos, tan
  kAboveMinusOne,  // log1p
  kNonNegative,  // sqrt
  kGammaPole,    // gamma, lgamma
  kPositive,     // log, log2, log10 of a float
};

constexpr const char* kDomainFormats[] = {
    nullptr,
    "expected a number in range from -1 up to 1, got {}",
    "expected argument value not less than 1, got {}",
    "expected a number between -1 and 1, got {}",
    "expected a finite input, got {}",
    "expected argument value > -1, got {}",
    "expected a nonnegative input, got {}",
    "expected a noninteger or positive integer, got {}",
    "expected a positive input, got {}",
};

Error domain_error_for(DomainMessage message, double x) {
  if (message == kGeneric) return domain_error();
  Result<Ref<Object>> xf = float_from_double(x);
  if (xf.is_error()) return Error{};
  return raise(exc::ValueError, kDomainFormats[message], fmt_repr(xf.value().get()));
}

// errno after a libm call: EDOM is a domain error; ERANGE an overflow unless r underflowed.
Status check_errno(double r) {
  if (errno == EDOM) return domain_error();
  if (errno == ERANGE && std::fabs(r) >= 1.5) return range_error();
  return ok();
}

template <double (*F)(double), bool kCanOverflow, DomainMessage kMessage>
Result<Ref<Object>> math_1(Object*, Object* const* args, size_t, Object*) {
  double x = TRY(to_double(args[0]));
  errno = 0;
  double r = F(x);
  if (std::isnan(r) && !std::isnan(x)) return domain_error_for(kMessage, x);
  if (std::isinf(r) && std::isfinite(x))
    return kCanOverflow ? range_error() : domain_error_for(kMessage, x);
  if (std::isfinite(r) && errno) TRY(check_errno(r));
  return float_from_double(r);
}

// libm through plain function pointers (the std:: overload sets cannot be template arguments).
double m_acos(double x) { return std::acos(x); }
double m_acosh(double x) { return std::acosh(x); }
double m_asin(double x) { return std::asin(x); }
double m_asinh(double x) { return std::asinh(x); }
double m_atan(double x) { return std::atan(x); }
double m_atanh(double x) { return std::atanh(x); }
double m_cbrt(double x) { return std::cbrt(x); }
double m_cos(double x) { return std::cos(x); }
double m_cosh(double x) { return std::cosh(x); }
double m_erf(double x) { return std::erf(x); }
double m_erfc(double x) { return std::erfc(x); }
double m_exp(double x) { return std::exp(x); }
double m_exp2(double x) { return std::exp2(x); }
double m_expm1(double x) { return std::expm1(x); }
double m_fabs(double x) { return std::fabs(x); }
double m_log1p(double x) { return std::log1p(x); }
double m_sin(double x) { return std::sin(x); }
double m_sinh(double x) { return std::sinh(x); }
double m_sqrt(double x) { return std::sqrt(x); }
double m_tan(double x) { return std::tan(x); }
double m_tanh(double x) { return std::tanh(x); }
// gamma and lgamma have poles at the non-positive integers: NaN makes them domain errors.
bool is_gamma_pole(double x) { return x <= 0 && std::isfinite(x) && x == std::floor(x); }
double m_gamma(double x) {
  return is_gamma_pole(x) ? std::numeric_limits<double>::quiet_NaN() : std::tgamma(x);
}
double m_lgamma(double x) {
  return is_gamma_pole(x) ? std::numeric_limits<double>::quiet_NaN() : std::lgamma(x);
}
constexpr double kDegreesPerRadian = 180.0 / M_PI;
constexpr double kRadiansPerDegree = M_PI / 180.0;
double m_degrees(double x) { return x * kDegreesPerRadian; }
double m_radians(double x) { return x * kRadiansPerDegree; }

Result<Ref<Object>> math_atan2(Object*, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("atan2", nargs, 2, 2));
  double y = TRY(to_double(args[0]));
  double x = TRY(to_double(args[1]));
  return float_from_double(std::atan2(y, x));
}

Result<Ref<Object>> math_copysign(Object*, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("copysign", nargs, 2, 2));
  double x = TRY(to_double(args[0]));
  double y = TRY(to_double(args[1]));
  return float_from_double(std::copysign(x, y));
}

Result<Ref<Object>> math_fmod(Object*, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("fmod", nargs, 2, 2));
  double x = TRY(to_double(args[0]));
  double y = TRY(to_double(args[1]));
  if (std::isinf(y) && std::isfinite(x)) return float_from_double(x);
  double r = std::fmod(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) return domain_error();
  return float_from_double(r);
}

Result<Ref<Object>> math_remainder(Object*, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("remainder", nargs, 2, 2));
  double x = TRY(to_double(args[0]));
  double y = TRY(to_double(args[1]));
  if (std::isnan(x)) return float_from_double(x);
  if (std::isnan(y)) return float_from_double(y);
  if (std::isinf(x) || y == 0.0) return domain_error();
  if (std::isinf(y)) return float_from_double(x);
  return float_from_double(std::remainder(x, y));  // IEEE 754 remainder: exact
}

// pow(x, y) with C99 Annex F special values, never trusting libm for the non-finite cases.
Result<Ref<Object>> math_pow(Object*, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("pow", nargs, 2, 2));
  double x = TRY(to_double(args[0]));
  double y = TRY(to_double(args[1]));
  double r;
  if (!std::isfinite(x) || !std::isfinite(y)) {
    if (std::isnan(x)) {
      r = y == 0.0 ? 1.0 : x;
    } else if (std::isnan(y)) {
      r = x == 1.0 ? 1.0 : y;
    } else if (std::isinf(x)) {
      bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
      if (y > 0.0) r = odd_y ? x : std::fabs(x);
      else if (y == 0.0) r = 1.0;
      else r = odd_y ? std::copysign(0.0, x) : 0.0;
    } else if (std::fabs(x) == 1.0) {
      r = 1.0;
    } else if (y > 0.0 && std::fabs(x) > 1.0) {
      r = y;
    } else if (y < 0.0 && std::fabs(x) < 1.0) {
      r = -y;
    } else {
      r = 0.0;
    }
    return float_from_double(r);
  }
  errno = 0;
  r = std::pow(x, y);
  if (std::isnan(r)) return domain_error();
  if (std::isinf(r)) return x == 0.0 ? domain_error() : range_error();
  if (errno) TRY(check_errno(r));
  return float_from_double(r);
}

Result<Ref<Object>> math_fma(Object*, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("fma", nargs, 3, 3));
  double x = TRY(to_double(args[0]));
  double y = TRY(to_double(args[1]));
  double z = TRY(to_double(args[2]));
  double r = std::fma(x, y, z);
  if (!std::isfinite(r)) {
    if (std::isnan(r)) {
      if (!std::isnan(x) && !std::isnan(y) && !std::isnan(z))
        return raise(exc::ValueError, "invalid operation in fma");
    } else if (std::isfinite(x) && std::isfinite(y) && std::isfinite(z)) {
      return raise(exc::OverflowError, "overflow in fma");
    }
  }
  return float_from_double(r);
}

// floor/ceil: exact floats directly; otherwise the type's __floor__/__ceil__, else the float
// value of the argument.
Result<Ref<Object>> round_with(Object* x, const char* special, double (*round)(double)) {
  if (is_float_exact(x)) return int_from_double(round(float_value(x)));
  if (is_int_exact(x)) return new_ref(x);
  Ref<Object> name = TRY(str_from_ascii(special));
  Ref<Object> method;
  if (TRY(lookup_special(x, name.get(), &method))) return call_noargs(method.get());
  double v = TRY(to_double(x));
  return int_from_double(round(v));
}

double c_floor(double x) { return std::floor(x); }
double c_ceil(double x) { return std::ceil(x); }

Result<Ref<Object>> math_floor(Object*, Object* const* args, size_t, Object*) {
  return round_with(args[0], "__floor__", c_floor);
}
Result<Ref<Object>> math_ceil(Object*, Object* const* args, size_t, Object*) {
  return round_with(args[0], "__ceil__", c_ceil);
}

Result<Ref<Object>> math_trunc(Object*, Object* const* args, size_t, Object*) {
  Object* x = args[0];
  if (is_float_exact(x)) return int_from_double(std::trunc(float_value(x)));
  Ref<Object> name = TRY(str_from_ascii("__trunc__"));
  Ref<Object> method;
  if (TRY(lookup_special(x, name.get(), &method))) return call_noargs(method.get());
  return raise(exc::TypeError, "type {} doesn't define __trunc__ method", type_name_of(x));
}

Result<Ref<Object>> math_frexp(Object*, Object* const* args, size_t, Object*) {
  double x = TRY(to_double(args[0]));
  int exponent = 0;
  double mantissa = x;
  if (std::isfinite(x) && x != 0.0) mantissa = std::frexp(x, &exponent);
  Ref<Object> m = TRY(float_from_double(mantissa));
  Ref<Object> e = TRY(int_from_i64(exponent));
  return tuple_pack({m.get(), e.get()});
}

Result<Ref<Object>> math_ldexp(Object*, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("ldexp", nargs, 2, 2));
  double x = TRY(to_double(args[0]));
  if (!is_int(args[1])) return raise(exc::TypeError, "Expected an int as second argument to ldexp.");
  int64_t exponent = 0;
  bool fits = int_to_i64(args[1], &exponent);
  int sign = int_sign(args[1]);
  double r;
  if (x == 0.0 || !std::isfinite(x)) {
    r = x;
  } else if (sign > 0 && (!fits || exponent > INT32_MAX)) {
    return range_error();
  } else if (sign < 0 && (!fits || exponent < INT32_MIN)) {
    r = std::copysign(0.0, x);
  } else {
    r = std::ldexp(x, static_cast<int>(exponent));
    if (std::isinf(r)) return range_error();
  }
  return float_from_double(r);
}

Result<Ref<Object>> math_modf(Object*, Object* const* args, size_t, Object*) {
  double x = TRY(to_double(args[0]));
  double whole, frac;
  if (std::isinf(x)) {
    whole = x;
    frac = std::copysign(0.0, x);
  } else if (std::isnan(x)) {
    whole = frac = x;
  } else {
    frac = std::modf(x, &whole);
  }
  Ref<Object> f = TRY(float_from_double(frac));
  Ref<Object> w = TRY(float_from_double(whole));
  return tuple_pack({f.get(), w.get()});
}

template <bool (*Test)(double)>
Result<Ref<Object>> float_predicate(Object*, Object* const* args, size_t, Object*) {
  double x = TRY(to_double(args[0]));
  return new_bool(Test(x));
}
bool c_isfinite(double x) { return std::isfinite(x); }
bool c_isinf(double x) { return std::isinf(x); }
bool c_isnan(double x) { return std::isnan(x); }

Result<Ref<Object>> math_isclose(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("isclose", "a b * | rel_tol abs_tol");
  Object* a[4];
  TRY(kParser.parse(args, nargs, kwnames, a));
  double x = TRY(to_double(a[0]));
  double y = TRY(to_double(a[1]));
  double rel_tol = a[2] ? TRY(to_double(a[2])) : 1e-09;
  double abs_tol = a[3] ? TRY(to_double(a[3])) : 0.0;
  if (rel_tol < 0.0 || abs_tol < 0.0)
    return raise(exc::ValueError, "tolerances must be non-negative");
  if (x == y) return new_bool(true);
  if (std::isinf(x) || std::isinf(y)) return new_bool(false);
  double diff = std::fabs(y - x);
  return new_bool(diff <= std::fabs(rel_tol * y) || diff <= std::fabs(rel_tol * x) ||
                  diff <= abs_tol);
}

uint64_t bits_of(double x) {
  uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
double double_of(uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

// nextafter(x, y, steps): `steps` representable doubles towards y, counting through the
// bit patterns (adjacent doubles of one sign have adjacent magnitudes), stopping at y.
double step_towards(double x, double y, uint64_t steps) {
  if (std::isnan(x)) return x;
  if (std::isnan(y)) return y;
  uint64_t ux = bits_of(x), uy = bits_of(y);
  if (ux == uy) return x;
  constexpr uint64_t kSign = uint64_t{1} << 63;
  uint64_t ax = ux & ~kSign, ay = uy & ~kSign;
  if ((ux ^ uy) & kSign) {  // opposite signs: through zero
    if (ax + ay <= steps) return y;
    if (ax < steps) return double_of((uy & kSign) | (steps - ax));
    return double_of(ux - steps);
  }
  if (ax > ay) return ax - ay >= steps ? double_of(ux - steps) : y;
  return ay - ax >= steps ? double_of(ux + steps) : y;
}

Result<Ref<Object>> math_nextafter(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("nextafter", "x y / * | steps");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  double x = TRY(to_double(a[0]));
  double y = TRY(to_double(a[1]));
  if (!a[2] || is_none(a[2])) return float_from_double(std::nextafter(x, y));
  Ref<Object> steps = TRY(number_index(a[2]));
  if (int_sign(steps.get()) < 0)
    return raise(exc::ValueError, "steps must be a non-negative integer");
  int64_t n = 0;
  uint64_t usteps = int_to_i64(steps.get(), &n) ? static_cast<uint64_t>(n) : UINT64_MAX;
  if (usteps == 0) return float_from_double(x);
  return float_from_double(step_towards(x, y, usteps));
}

Result<Ref<Object>> math_ulp(Object*, Object* const* args, size_t, Object*) {
  double x = TRY(to_double(args[0]));
  if (std::isnan(x)) return float_from_double(x);
  x = std::fabs(x);
  if (std::isinf(x)) return float_from_double(x);
  double up = std::nextafter(x, std::numeric_limits<double>::infinity());
  if (std::isinf(up)) return float_from_double(x - std::nextafter(x, -std::numeric_limits<double>::infinity()));
  return float_from_double(up - x);
}

// --- logarithms -------------------------------------------------------------------------------

enum class LogBase { kE, k2, k10 };

double log_of(double x, LogBase base) {
  switch (base) {
    case LogBase::kE: return std::log(x);
    case LogBase::k2: return std::log2(x);
    case LogBase::k10: return std::log10(x);
  }
  return 0.0;
}

// log of a float or int argument. Ints too large for a double are split as m * 2**e first.
Result<double> log_helper(Object* arg, LogBase base) {
  if (is_int(arg)) {
    if (int_sign(arg) <= 0) return raise(exc::ValueError, "expected a positive input");
    Result<double> as_double = int_as_double(arg);
    if (!as_double.is_error()) return log_of(as_double.value(), base);
    if (!error_matches(exc::OverflowError)) return Error{};
    clear_error();
    mpz_t z;
    mpz_init(z);
    int_to_mpz(arg, z);
    long exponent = 0;
    double mantissa = mpz_get_d_2exp(&exponent, z);  // z = mantissa * 2**exponent, 0.5 <= m < 1
    mpz_clear(z);
    double e = static_cast<double>(exponent);
    switch (base) {
      case LogBase::kE: return std::log(mantissa) + e * M_LN2;
      case LogBase::k2: return std::log2(mantissa) + e;
      case LogBase::k10: return std::log10(mantissa) + e * std::log10(2.0);
    }
  }
  double x = TRY(to_double(arg));
  if (std::isnan(x) || x == std::numeric_limits<double>::infinity()) return x;
  if (x <= 0.0) return domain_error_for(kPositive, x);
  return log_of(x, base);
}

Result<Ref<Object>> math_log(Object*, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("log", nargs, 1, 2));
  double num = TRY(log_helper(args[0], LogBase::kE));
  if (nargs == 1) return float_from_double(num);
  double den = TRY(log_helper(args[1], LogBase::kE));
  if (den == 0.0) return raise(exc::ZeroDivisionError, "division by zero");
  return float_from_double(num / den);
}

template <LogBase kBase>
Result<Ref<Object>> math_log_base(Object*, Object* const* args, size_t, Object*) {
  return float_from_double(TRY(log_helper(args[0], kBase)));
}

}  // namespace

const MethodDef kMathFloatFunctions[] = {
    {"acos", math_1<m_acos, false, kUnitRange>, kMethOneArg,
     "Return the arc cosine (measured in radians) of x.\n\nThe result is between 0 and pi."},
    {"acosh", math_1<m_acosh, false, kNotBelowOne>, kMethOneArg,
     "Return the inverse hyperbolic cosine of x."},
    {"asin", math_1<m_asin, false, kUnitRange>, kMethOneArg,
     "Return the arc sine (measured in radians) of x.\n\nThe result is between -pi/2 and pi/2."},
    {"asinh", math_1<m_asinh, false, kGeneric>, kMethOneArg,
     "Return the inverse hyperbolic sine of x."},
    {"atan", math_1<m_atan, false, kGeneric>, kMethOneArg,
     "Return the arc tangent (measured in radians) of x.\n\nThe result is between -pi/2 and pi/2."},
    {"atan2", math_atan2, kMethNoKeywords,
     "Return the arc tangent (measured in radians) of y/x.\n\nUnlike atan(y/x), the signs of both "
     "x and y are considered."},
    {"atanh", math_1<m_atanh, false, kOpenUnit>, kMethOneArg,
     "Return the inverse hyperbolic tangent of x."},
    {"cbrt", math_1<m_cbrt, false, kGeneric>, kMethOneArg, "Return the cube root of x."},
    {"ceil", math_ceil, kMethOneArg,
     "Return the ceiling of x as an Integral.\n\nThis is the smallest integer >= x."},
    {"copysign", math_copysign, kMethNoKeywords,
     "Return a float with the magnitude (absolute value) of x but the sign of y.\n\nOn platforms "
     "that support signed zeros, copysign(1.0, -0.0)\nreturns -1.0.\n"},
    {"cos", math_1<m_cos, false, kFinite>, kMethOneArg,
     "Return the cosine of x (measured in radians)."},
    {"cosh", math_1<m_cosh, true, kGeneric>, kMethOneArg, "Return the hyperbolic cosine of x."},
    {"degrees", math_1<m_degrees, false, kGeneric>, kMethOneArg,
     "Convert angle x from radians to degrees."},
    {"erf", math_1<m_erf, false, kGeneric>, kMethOneArg, "Error function at x."},
    {"erfc", math_1<m_erfc, false, kGeneric>, kMethOneArg, "Complementary error function at x."},
    {"exp", math_1<m_exp, true, kGeneric>, kMethOneArg, "Return e raised to the power of x."},
    {"exp2", math_1<m_exp2, true, kGeneric>, kMethOneArg, "Return 2 raised to the power of x."},
    {"expm1", math_1<m_expm1, true, kGeneric>, kMethOneArg,
     "Return exp(x)-1.\n\nThis function avoids the loss of precision involved in the direct "
     "evaluation of exp(x)-1 for small x."},
    {"fabs", math_1<m_fabs, false, kGeneric>, kMethOneArg,
     "Return the absolute value of the float x."},
    {"floor", math_floor, kMethOneArg,
     "Return the floor of x as an Integral.\n\nThis is the largest integer <= x."},
    {"fma", math_fma, kMethNoKeywords,
     "Fused multiply-add operation.\n\nCompute (x * y) + z with a single round."},
    {"fmod", math_fmod, kMethNoKeywords,
     "Return fmod(x, y), according to platform C.\n\nx % y may differ."},
    {"frexp", math_frexp, kMethOneArg,
     "Return the mantissa and exponent of x, as pair (m, e).\n\nm is a float and e is an int, "
     "such that x = m * 2.**e.\nIf x is 0, m and e are both 0.  Else 0.5 <= abs(m) < 1.0."},
    {"gamma", math_1<m_gamma, true, kGammaPole>, kMethOneArg, "Gamma function at x."},
    {"isclose", math_isclose, kMethFastcall,
     "Determine whether two floating-point numbers are close in value."},
    {"isfinite", float_predicate<c_isfinite>, kMethOneArg,
     "Return True if x is neither an infinity nor a NaN, and False otherwise."},
    {"isinf", float_predicate<c_isinf>, kMethOneArg,
     "Return True if x is a positive or negative infinity, and False otherwise."},
    {"isnan", float_predicate<c_isnan>, kMethOneArg,
     "Return True if x is a NaN (not a number), and False otherwise."},
    {"ldexp", math_ldexp, kMethNoKeywords,
     "Return x * (2**i).\n\nThis is essentially the inverse of frexp()."},
    {"lgamma", math_1<m_lgamma, true, kGammaPole>, kMethOneArg,
     "Natural logarithm of absolute value of Gamma function at x."},
    {"log", math_log, kMethNoKeywords,
     "log(x, [base=math.e])\nReturn the logarithm of x to the given base.\n\nIf the base is not "
     "specified, returns the natural logarithm (base e) of x."},
    {"log10", math_log_base<LogBase::k10>, kMethOneArg, "Return the base 10 logarithm of x."},
    {"log1p", math_1<m_log1p, false, kAboveMinusOne>, kMethOneArg,
     "Return the natural logarithm of 1+x (base e).\n\nThe result is computed in a way which is "
     "accurate for x near zero."},
    {"log2", math_log_base<LogBase::k2>, kMethOneArg, "Return the base 2 logarithm of x."},
    {"modf", math_modf, kMethOneArg,
     "Return the fractional and integer parts of x.\n\nBoth results carry the sign of x and are "
     "floats."},
    {"nextafter", math_nextafter, kMethFastcall,
     "Return the floating-point value the given number of steps after x towards y."},
    {"pow", math_pow, kMethNoKeywords, "Return x**y (x to the power of y)."},
    {"radians", math_1<m_radians, false, kGeneric>, kMethOneArg,
     "Convert angle x from degrees to radians."},
    {"remainder", math_remainder, kMethNoKeywords,
     "Difference between x and the closest integer multiple of y.\n\nReturn x - n*y where n*y is "
     "the closest integer multiple of y.\nIn the case where x is exactly halfway between two "
     "multiples of\ny, the nearest even value of n is used. The result is always exact."},
    {"sin", math_1<m_sin, false, kFinite>, kMethOneArg,
     "Return the sine of x (measured in radians)."},
    {"sinh", math_1<m_sinh, true, kGeneric>, kMethOneArg, "Return the hyperbolic sine of x."},
    {"sqrt", math_1<m_sqrt, false, kNonNegative>, kMethOneArg, "Return the square root of x."},
    {"tan", math_1<m_tan, false, kFinite>, kMethOneArg,
     "Return the tangent of x (measured in radians)."},
    {"tanh", math_1<m_tanh, false, kGeneric>, kMethOneArg, "Return the hyperbolic tangent of x."},
    {"trunc", math_trunc, kMethOneArg,
     "Truncates the Real x to the nearest Integral toward 0.\n\nUses the __trunc__ magic method."},
    {"ulp", math_ulp, kMethOneArg, "Return the value of the least significant bit of the float x."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::math_module
