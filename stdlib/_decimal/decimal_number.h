// stdlib/_decimal/decimal_number.h — the arithmetic core of `_decimal`: a decimal floating-point
// number (sign, arbitrary-precision coefficient, exponent, or a special value), the arithmetic
// context it is rounded under, the status conditions an operation raises, and the operations of
// the General Decimal Arithmetic Specification with exactly the results and conditions libmpdec
// (CPython's decimal) gives.
//
// Nothing here knows about Python objects: every operation is a plain function over `Dec`
// values that ORs the conditions it meets into a `uint32_t` status word; the Decimal and
// Context types (decimal_type.cpp, decimal_context.cpp) turn those into flags and exceptions.
// Operations are exact first (GMP integers) and rounded once by `finalize`, so every result is
// correctly rounded.
#pragma once

#include <gmp.h>

#include <cstdint>
#include <string>
#include <utility>

namespace weft::decimal {

// Status conditions, libmpdec's bit order (decimal_context.cpp maps them to signal classes).
enum Condition : uint32_t {
  kClamped = 1u << 0,
  kConversionSyntax = 1u << 1,
  kDivisionByZero = 1u << 2,
  kDivisionImpossible = 1u << 3,
  kDivisionUndefined = 1u << 4,
  kInexact = 1u << 6,
  kInvalidContext = 1u << 7,
  kInvalidOperation = 1u << 8,
  kFloatOperation = 1u << 10,
  kOverflow = 1u << 11,
  kRounded = 1u << 12,
  kSubnormal = 1u << 13,
  kUnderflow = 1u << 14,
};
// The conditions that all signal InvalidOperation.
inline constexpr uint32_t kInvalidConditions =
    kConversionSyntax | kDivisionImpossible | kDivisionUndefined | kInvalidContext |
    kInvalidOperation;

// Rounding modes, in the order of decimal's ROUND_* names table (decimal_context.cpp).
enum class Rounding : uint8_t { Up, Down, Ceiling, Floor, HalfUp, HalfDown, HalfEven, ZeroFiveUp };

// The numeric part of a context (prec, rounding, Emin, Emax, clamp): what operations need.
struct Ctx {
  int64_t prec = 28;
  int64_t emax = 999999;
  int64_t emin = -999999;
  Rounding round = Rounding::HalfEven;
  bool clamp = false;
  int64_t etiny() const { return emin - prec + 1; }
  int64_t etop() const { return emax - prec + 1; }
};

// Limits of the 64-bit libmpdec configuration (decimal.MAX_PREC etc.).
inline constexpr int64_t kMaxPrec = 999999999999999999;
inline constexpr int64_t kMaxEmax = 999999999999999999;
inline constexpr int64_t kMinEmin = -999999999999999999;
inline constexpr int64_t kMinEtiny = kMinEmin - (kMaxPrec - 1);

// An owned GMP integer.
class Mpz {
 public:
  Mpz() { mpz_init(z_); }
  explicit Mpz(unsigned long v) { mpz_init_set_ui(z_, v); }
  Mpz(const Mpz& o) { mpz_init_set(z_, o.z_); }
  Mpz(Mpz&& o) noexcept {
    mpz_init(z_);
    mpz_swap(z_, o.z_);
  }
  Mpz& operator=(const Mpz& o) {
    mpz_set(z_, o.z_);
    return *this;
  }
  Mpz& operator=(Mpz&& o) noexcept {
    mpz_swap(z_, o.z_);
    return *this;
  }
  ~Mpz() { mpz_clear(z_); }
  mpz_ptr get() { return z_; }
  mpz_srcptr get() const { return z_; }
  bool is_zero() const { return mpz_sgn(z_) == 0; }

 private:
  mpz_t z_;
};

enum class Kind : uint8_t { Finite, Inf, QNaN, SNaN };

// A decimal value: (-1)**sign * coeff * 10**exp, or a special. NaNs keep their payload in
// `coeff`; infinities have coeff 0. The coefficient is never negative.
struct Dec {
  bool sign = false;
  Kind kind = Kind::Finite;
  Mpz coeff;
  int64_t exp = 0;

  bool is_special() const { return kind != Kind::Finite; }
  bool is_nan() const { return kind == Kind::QNaN || kind == Kind::SNaN; }
  bool is_inf() const { return kind == Kind::Inf; }
  bool is_zero() const { return kind == Kind::Finite && coeff.is_zero(); }
  int64_t digits() const;          // digits of the coefficient (1 for zero)
  int64_t adjexp() const { return exp + digits() - 1; }
  bool is_integer() const;         // finite with no non-zero digit after the point
};

// The unbounded context exact intermediate results use (libmpdec's maxcontext).
inline Ctx max_context() {
  Ctx c;
  c.prec = kMaxPrec;
  c.emax = kMaxEmax;
  c.emin = kMinEmin;
  return c;
}

Dec dec_from_i64(int64_t v);
Dec dec_special(Kind kind, bool sign);
Dec dec_nan_invalid();  // the default quiet NaN of an invalid operation
// The result of an invalid operation: the default NaN, and `condition` in the status.
inline void set_invalid(Dec& out, uint32_t& status, uint32_t condition = kInvalidOperation) {
  out = dec_nan_invalid();
  status |= condition;
}

// ---- coefficient helpers ------------------------------------------------------------------
int64_t mpz_digits(mpz_srcptr z);
void pow10(Mpz& out, int64_t n);
// 10**n without allocating for small n (a shared read-only table); otherwise computed into
// `scratch`. The result is valid while `scratch` lives.
mpz_srcptr pow10_ref(int64_t n, Mpz& scratch);
void shift_left(Mpz& z, int64_t n);  // z *= 10**n
// z = trunc(z / 10**n); returns the rounding indicator: 0 exact, 1 below half, 5 exactly half,
// 6 above half (what `round_increments` needs).
int shift_right(Mpz& z, int64_t n);
bool round_increments(Rounding mode, bool sign, mpz_srcptr kept, int rnd);
// Removes up to `max` trailing zeros of a non-zero coefficient; returns how many it removed.
int64_t strip_zeros(Mpz& z, int64_t max);
// Appends a sticky digit 1 (coefficient*10 + 1, exponent - 1): it stands for a non-zero tail
// below the computed digits, so the final rounding sees an inexact value.
void append_sticky(Dec& d);
// Ends a division-like result computed with surplus digits: inexact -> sticky digit; exact ->
// trailing zeros dropped until the exponent reaches `ideal`.
void finish_quotient(Dec& d, bool exact, int64_t ideal);

// ---- finishing results ----------------------------------------------------------------------
void finalize(Dec& d, const Ctx& ctx, uint32_t& status);  // round, overflow, subnormal, clamp
void fix_nan(Dec& d, const Ctx& ctx);                     // truncates a too-long NaN payload
// NaN propagation of a binary operation: true (and `out` set) when either operand is a NaN.
bool check_nans(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
bool check_nan(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);
bool check_3nans(Dec& out, const Dec& a, const Dec& b, const Dec& c, const Ctx& ctx,
                 uint32_t& status);

// ---- the operations (results finalized under ctx) -------------------------------------------
void dec_add(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
void dec_sub(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
// x - 1, exactly (finite x).
Dec exact_difference_from_one(const Dec& x);
void dec_mul(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
void dec_div(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
void dec_divint(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
void dec_rem(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
void dec_rem_near(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
void dec_divmod(Dec& q, Dec& r, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
void dec_fma(Dec& out, const Dec& a, const Dec& b, const Dec& c, const Ctx& ctx,
             uint32_t& status);
void dec_plus(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);
void dec_minus(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);
void dec_abs(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);
void dec_quantize(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
// Rounds to an integral value with `mode`; `exact` adds Inexact/Rounded (to_integral_exact).
void dec_to_integral(Dec& out, const Dec& a, Rounding mode, bool exact, uint32_t& status);
void dec_reduce(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);
void dec_sqrt(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);
void dec_scaleb(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
void dec_next_minus(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);
void dec_next_plus(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);
void dec_next_toward(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
// max/min (and the _mag variants comparing absolute values).
void dec_max(Dec& out, const Dec& a, const Dec& b, bool mag, bool want_max, const Ctx& ctx,
             uint32_t& status);
// a ** b (decimal_ops.cpp): libmpdec's special cases and bounds, exact integral powers, and
// exp(b * ln a) for other exponents (decimal_transcendental.cpp).
void dec_power(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
// (a ** b) % m for integral operands (pow() with three arguments).
void dec_powmod(Dec& out, const Dec& a, const Dec& b, const Dec& m, const Ctx& ctx,
                uint32_t& status);
// exp, ln, log10: correctly rounded (ROUND_HALF_EVEN).
void dec_exp(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);
void dec_ln(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);
void dec_log10(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);
// x ** y for finite x > 0, finite non-integral y, before the final rounding to ctx.
void dec_power_real(Dec& out, const Dec& x, const Dec& y, const Ctx& ctx, uint32_t& status);
void dec_logb(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);

// Digit-wise operations (decimal_digits.cpp): `op` is '&', '|' or '^'.
void dec_logical(Dec& out, const Dec& a, const Dec& b, char op, const Ctx& ctx,
                 uint32_t& status);
void dec_logical_invert(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status);
void dec_shift(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);
void dec_rotate(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status);

// Numeric comparison of two non-NaN values: -1, 0, 1.
int dec_cmp(const Dec& a, const Dec& b);
int dec_cmp_abs(const Dec& a, const Dec& b);
// The total order of compare_total: -1, 0, 1.
int dec_cmp_total(const Dec& a, const Dec& b);

// ---- text ------------------------------------------------------------------------------------
// Parses decimal's string syntax (ASCII; the caller strips whitespace and underscores); false
// on a syntax error. The value is exact (not rounded).
bool dec_parse(std::string_view text, Dec& out);
// to_sci_string / to_eng_string; `capitals` picks 'E' or 'e'.
std::string dec_to_string(const Dec& d, bool eng, bool capitals);
std::string mpz_to_decimal_string(mpz_srcptr z);

}  // namespace weft::decimal
