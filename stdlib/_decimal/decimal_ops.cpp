// stdlib/_decimal/decimal_ops.cpp — the remaining arithmetic operations of the specification:
// power (special values, libmpdec's overflow/underflow bounds, integral exponents; others go to
// decimal_transcendental.cpp), square root, scaleb, logb, next_minus/next_plus/next_toward, max/min and their
// magnitude variants. Each computes exactly (or with a sticky digit) and rounds once, with
// libmpdec's special-value rules and status conditions. Pure functions.
#include <algorithm>

#include "stdlib/_decimal/decimal_number.h"

namespace weft::decimal {

namespace {

// Coefficient digits beyond which an integer power is no longer computed exactly.
constexpr int64_t kExactPowerDigits = 20000;

// An exponent far beyond every context's range (libmpdec's MPD_EXP_INF): finalizing 1E+that
// overflows, 1E-that underflows to zero.
constexpr int64_t kExpInf = 2000000000000000001;

// a * b for exponents, saturating at +-kExpInf.
int64_t exp_mul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r) || r > kExpInf || r < -kExpInf)
    return (a < 0) != (b < 0) ? -kExpInf : kExpInf;
  return r;
}

int64_t exp_add(int64_t a, int64_t b) { return std::clamp(a + b, -kExpInf, kExpInf); }

// |a| ** n (n > 0) into `out`: exact when small enough, else with prec + 10 working digits and
// a sticky digit (the result is then certainly inexact).
void power_magnitude(Dec& out, const Dec& a, mpz_srcptr n, const Ctx& ctx) {
  out = Dec();
  int64_t digits = a.digits();
  bool small = mpz_fits_slong_p(n) && (digits - 1) * mpz_get_si(n) <= kExactPowerDigits;
  if (small) {
    unsigned long k = mpz_get_ui(n);
    mpz_pow_ui(out.coeff.get(), a.coeff.get(), k);
    out.exp = exp_mul(a.exp, static_cast<int64_t>(k));
    return;
  }
  // Square-and-multiply with the coefficient cut to `work` digits after each step; the cut
  // digits only ever make the result inexact, which the sticky digit records.
  int64_t work = ctx.prec + 10 + static_cast<int64_t>(mpz_sizeinbase(n, 10));
  Dec base = a;
  base.sign = false;
  Dec acc = dec_from_i64(1);
  bool inexact = false;
  auto trim = [&](Dec& d) {
    int64_t over = d.digits() - work;
    if (over > 0) {
      if (shift_right(d.coeff, over)) inexact = true;
      d.exp = exp_add(d.exp, over);
    }
  };
  size_t bits = mpz_sizeinbase(n, 2);
  for (size_t i = bits; i-- > 0;) {
    mpz_mul(acc.coeff.get(), acc.coeff.get(), acc.coeff.get());
    acc.exp = exp_mul(acc.exp, 2);
    trim(acc);
    if (mpz_tstbit(n, i)) {
      mpz_mul(acc.coeff.get(), acc.coeff.get(), base.coeff.get());
      acc.exp = exp_add(acc.exp, base.exp);
      trim(acc);
    }
  }
  if (inexact) append_sticky(acc);
  out = std::move(acc);
}

// 1 with `shift` zeros after the point: 1.000...
Dec one_with_zeros(int64_t shift, bool sign) {
  Dec d;
  pow10(d.coeff, shift);
  d.exp = -shift;
  d.sign = sign;
  return d;
}

int64_t decimal_digits(int64_t v) {
  int64_t n = 1;
  for (uint64_t u = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v); u >= 10; u /= 10) n++;
  return n;
}

// libmpdec's certain-overflow/underflow test for x**y (x != 1, y != 0): true when `out` is set.
bool power_out_of_range(Dec& out, const Dec& x, const Dec& y, bool sign, const Ctx& ctx,
                        uint32_t& status) {
  Dec ax = x;
  ax.sign = false;
  int64_t t = ax.adjexp();
  int64_t lb_zeta;
  if (t > 0) {
    lb_zeta = decimal_digits(t) - 1;
  } else if (t < -1) {
    lb_zeta = decimal_digits(t + 1) - 1;
  } else {
    int64_t u = exact_difference_from_one(ax).adjexp();
    lb_zeta = t == 0 ? u - 2 : u - 1;
  }
  int64_t lb_theta = y.adjexp();
  bool grows = (t < 0) == y.sign;
  int64_t ub_omega = decimal_digits(grows ? ctx.emax : ctx.etiny());
  if (ub_omega >= lb_zeta + lb_theta) return false;
  out = dec_from_i64(1);
  out.sign = sign;
  out.exp = grows ? kExpInf : ctx.etiny() - 1;
  finalize(out, ctx, status);
  return true;
}

}  // namespace

void dec_power(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  if (check_nans(out, a, b, ctx, status)) return;
  bool integral = b.is_integer();
  Mpz n;  // |b| when integral
  bool sign = false;
  if (integral) {
    n = b.coeff;
    if (b.exp >= 0) shift_left(n, b.exp);
    else shift_right(n, -b.exp);
    sign = a.sign && mpz_odd_p(n.get());
  }
  if (a.is_zero()) {
    if (b.is_zero()) return set_invalid(out, status);
    out = b.sign ? dec_special(Kind::Inf, sign) : Dec();
    out.sign = sign;
    return;
  }
  if (a.sign && (!integral || b.is_inf())) return set_invalid(out, status);
  if (b.is_inf()) {
    Dec one = dec_from_i64(1);
    int c = dec_cmp(a, one);
    if (c == 0) {
      out = one_with_zeros(ctx.prec - 1, sign);
      status |= kInexact | kRounded;
      return;
    }
    if (b.sign) c = -c;
    out = c < 0 ? Dec() : dec_special(Kind::Inf, sign);
    out.sign = sign;
    return;
  }
  if (a.is_inf()) {
    out = b.is_zero() ? dec_from_i64(1) : b.sign ? Dec() : dec_special(Kind::Inf, sign);
    out.sign = sign;
    return;
  }
  if (b.is_zero()) {
    out = dec_from_i64(1);
    out.sign = sign;
    return;
  }
  Dec one = dec_from_i64(1);
  if (dec_cmp_abs(a, one) == 0) {
    // A power of one keeps the zeros the exact result would have, up to the precision.
    int64_t shift = ctx.prec - 1;
    if (integral) {
      if (b.sign) {
        out = dec_from_i64(1);
        out.sign = sign;
        return;
      }
      int64_t zeros = mpz_fits_slong_p(n.get()) ? exp_mul(mpz_get_si(n.get()), -a.exp) : kExpInf;
      if (zeros > ctx.prec - 1) status |= kRounded;
      else shift = zeros;
    } else {
      status |= kInexact | kRounded;
    }
    out = one_with_zeros(shift, sign);
    return;
  }
  if (power_out_of_range(out, a, b, sign, ctx, status)) return;
  if (!integral) {
    dec_power_real(out, a, b, ctx, status);
    if (!out.is_special() && dec_cmp(out, one) == 0) out = one_with_zeros(ctx.prec - 1, false);
    if (out.is_inf()) {
      out = dec_from_i64(1);
      out.exp = kExpInf;
    }
    finalize(out, ctx, status);
    return;
  }
  Dec magnitude;
  power_magnitude(magnitude, a, n.get(), ctx);
  magnitude.sign = sign;
  if (!b.sign) {
    out = std::move(magnitude);
    finalize(out, ctx, status);
    return;
  }
  one.sign = sign;
  magnitude.sign = false;
  if (magnitude.exp == kExpInf || magnitude.exp == -kExpInf) {
    // 1 / (an out-of-range power) is out of range the other way.
    out = dec_from_i64(1);
    out.sign = sign;
    out.exp = -magnitude.exp;
    finalize(out, ctx, status);
    return;
  }
  dec_div(out, one, magnitude, ctx, status);
}

void dec_powmod(Dec& out, const Dec& a, const Dec& b, const Dec& m, const Ctx& ctx,
                uint32_t& status) {
  if (check_3nans(out, a, b, m, ctx, status)) return;
  if (!a.is_integer() || !b.is_integer() || !m.is_integer() || m.is_zero() ||
      m.adjexp() + 1 > ctx.prec || (b.sign && !b.is_zero()))
    return set_invalid(out, status);
  // The operands' integer values.
  auto integer = [](const Dec& d, Mpz& z) {
    z = d.coeff;
    if (d.exp >= 0) shift_left(z, d.exp);
    else shift_right(z, -d.exp);
  };
  Mpz base, exponent, modulus;
  integer(a, base);
  integer(b, exponent);
  integer(m, modulus);
  out = Dec();
  out.sign = a.sign && mpz_odd_p(exponent.get());
  if (exponent.is_zero()) {
    if (a.is_zero()) return set_invalid(out, status);
    mpz_set_ui(out.coeff.get(), mpz_cmp_ui(modulus.get(), 1) == 0 ? 0 : 1);
    return;
  }
  mpz_powm(out.coeff.get(), base.get(), exponent.get(), modulus.get());
}

void dec_sqrt(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  if (check_nan(out, a, ctx, status)) return;
  if (a.is_inf()) {
    if (a.sign) return set_invalid(out, status);
    out = a;
    return;
  }
  int64_t ideal = a.exp >= 0 ? a.exp / 2 : -((-a.exp + 1) / 2);  // floor(exp / 2)
  if (a.is_zero()) {
    out = Dec();
    out.sign = a.sign;
    out.exp = ideal;
    finalize(out, ctx, status);
    return;
  }
  if (a.sign) return set_invalid(out, status);
  Mpz c = a.coeff;
  int64_t e = a.exp;
  if (e & 1) {
    mpz_mul_ui(c.get(), c.get(), 10);
    e -= 1;
  }
  // Enough digits for prec + 1 digits of root.
  int64_t shift = std::max<int64_t>(0, 2 * (ctx.prec + 1) - mpz_digits(c.get()) + 1);
  if (shift & 1) shift++;
  shift_left(c, shift);
  e -= shift;
  Dec r;
  Mpz rem;
  mpz_sqrtrem(r.coeff.get(), rem.get(), c.get());
  r.exp = e / 2;
  finish_quotient(r, rem.is_zero(), ideal);
  Ctx even = ctx;
  even.round = Rounding::HalfEven;
  finalize(r, even, status);
  out = std::move(r);
}

void dec_scaleb(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  if (check_nans(out, a, b, ctx, status)) return;
  if (b.is_inf() || b.exp != 0) return set_invalid(out, status);
  int64_t max_jump = 2 * (ctx.emax + ctx.prec);
  if (!mpz_fits_slong_p(b.coeff.get()) || mpz_get_si(b.coeff.get()) > max_jump)
    return set_invalid(out, status);
  int64_t n = mpz_get_si(b.coeff.get());
  if (b.sign) n = -n;
  out = a;
  if (a.is_inf()) return;
  out.exp += n;
  finalize(out, ctx, status);
}

void dec_logb(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  if (check_nan(out, a, ctx, status)) return;
  if (a.is_inf()) {
    out = dec_special(Kind::Inf, false);
    return;
  }
  if (a.is_zero()) {
    out = dec_special(Kind::Inf, true);
    status |= kDivisionByZero;
    return;
  }
  out = dec_from_i64(a.adjexp());
  finalize(out, ctx, status);
}

namespace {

// next_minus / next_plus: the neighbour below/above in the context's representable set.
void next_value(Dec& out, const Dec& a, bool up, const Ctx& ctx, uint32_t& status) {
  if (check_nan(out, a, ctx, status)) return;
  if (a.is_inf()) {
    if (a.sign == up) {  // -Inf going up / +Inf going down: the largest finite magnitude
      out = Dec();
      out.sign = a.sign;
      pow10(out.coeff, ctx.prec);
      mpz_sub_ui(out.coeff.get(), out.coeff.get(), 1);
      out.exp = ctx.etop();
    } else {
      out = a;
    }
    return;
  }
  Ctx work = ctx;
  work.round = up ? Rounding::Ceiling : Rounding::Floor;
  uint32_t work_status = 0;
  out = a;
  finalize(out, work, work_status);
  constexpr uint32_t kErrors = kInvalidConditions | kDivisionByZero;
  if (work_status & (kInexact | kErrors)) {
    status |= work_status & kErrors;
    return;
  }
  Dec tiny = dec_from_i64(1);
  tiny.exp = ctx.etiny() - 1;
  tiny.sign = !up;
  work_status = 0;
  dec_add(out, a, tiny, work, work_status);
  status |= work_status & kErrors;
}

}  // namespace

void dec_next_minus(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  next_value(out, a, false, ctx, status);
}

void dec_next_plus(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  next_value(out, a, true, ctx, status);
}

void dec_next_toward(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  if (check_nans(out, a, b, ctx, status)) return;
  int c = dec_cmp(a, b);
  if (c == 0) {
    out = a;
    out.sign = b.sign;
    return;
  }
  next_value(out, a, c < 0, ctx, status);
  if (out.is_inf()) {
    status |= kInexact | kRounded | kOverflow;
  } else if (out.adjexp() < ctx.emin) {
    status |= kUnderflow | kSubnormal | kInexact | kRounded;
    if (out.is_zero()) status |= kClamped;
  }
}

void dec_max(Dec& out, const Dec& a, const Dec& b, bool mag, bool want_max, const Ctx& ctx,
             uint32_t& status) {
  const Dec* pick;
  if (a.kind == Kind::QNaN && !b.is_nan()) {
    pick = &b;
  } else if (b.kind == Kind::QNaN && !a.is_nan()) {
    pick = &a;
  } else if (check_nans(out, a, b, ctx, status)) {
    return;
  } else {
    int c = mag ? dec_cmp_abs(a, b) : 0;
    if (c == 0) c = dec_cmp(a, b);
    if (c == 0) {
      // Numerically equal: prefer the positive one, then the larger exponent (for max).
      if (a.sign != b.sign) {
        c = a.sign ? -1 : 1;
      } else {
        c = (a.exp > b.exp) - (a.exp < b.exp);
        if (a.sign) c = -c;
      }
    }
    pick = (c < 0) == want_max ? &b : &a;
  }
  out = *pick;
  finalize(out, ctx, status);
}

}  // namespace weft::decimal
