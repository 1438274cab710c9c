// stdlib/_decimal/decimal_transcendental.cpp — exp, ln, log10 and powers with non-integral
// exponents.
//
// exp/ln/log10 are correctly rounded with ROUND_HALF_EVEN, as CPython documents: each is
// evaluated in fixed point (GMP integers scaled by 10**K) to W digits plus guard digits, giving
// an interval certain to contain the true value; when both ends of the interval round to the
// same result that result is returned, otherwise the evaluation is repeated with more digits
// (Ziv's strategy). Transcendental values are never exactly halfway, so the loop ends; the
// exact cases (exp(0), ln(1), log10(10**k)) are answered directly.
//
// x**y for a non-integral y is computed as libmpdec does, so results agree digit for digit:
// ln(x) and y*ln(x) rounded to prec + 23 digits, exp of that rounded to the same working
// precision, then one final rounding under the caller's context.
#include <algorithm>
#include <cmath>

#include "stdlib/_decimal/decimal_number.h"

namespace weft::decimal {

namespace {

// ---- fixed-point kernels (values are integers scaled by 10**k) -----------------------------------

// atanh(1/m) * 10**k for a small integer m > 1: sum 1/((2i+1) m**(2i+1)).
void fx_atanh_inverse(Mpz& out, unsigned long m, int64_t k) {
  Mpz power;
  pow10(power, k);
  mpz_tdiv_q_ui(power.get(), power.get(), m);
  mpz_set_ui(out.get(), 0);
  Mpz term;
  unsigned long m2 = m * m;
  for (unsigned long i = 1; !power.is_zero(); i += 2) {
    mpz_tdiv_q_ui(term.get(), power.get(), i);
    mpz_add(out.get(), out.get(), term.get());
    mpz_tdiv_q_ui(power.get(), power.get(), m2);
  }
}

// ln 2 = 2 atanh(1/3); ln 10 = 3 ln 2 + 2 atanh(1/9) (ln 1.25 = 2 atanh(1/9)).
void fx_ln2(Mpz& out, int64_t k) {
  fx_atanh_inverse(out, 3, k);
  mpz_mul_2exp(out.get(), out.get(), 1);
}

void fx_ln10(Mpz& out, int64_t k) {
  Mpz ln2, rest;
  fx_ln2(ln2, k);
  fx_atanh_inverse(rest, 9, k);
  mpz_mul_ui(out.get(), ln2.get(), 3);
  mpz_addmul_ui(out.get(), rest.get(), 2);
}

// atanh(z) for fixed-point z with |z| <= 0.25.
void fx_atanh(Mpz& out, const Mpz& z, const Mpz& scale) {
  Mpz z2, power = z, term;
  mpz_mul(z2.get(), z.get(), z.get());
  mpz_tdiv_q(z2.get(), z2.get(), scale.get());
  mpz_set(out.get(), z.get());
  for (unsigned long i = 3;; i += 2) {
    mpz_mul(power.get(), power.get(), z2.get());
    mpz_tdiv_q(power.get(), power.get(), scale.get());
    if (power.is_zero()) break;
    mpz_tdiv_q_ui(term.get(), power.get(), i);
    mpz_add(out.get(), out.get(), term.get());
  }
}

// exp(r) for fixed-point r with |r| <= 1.2: halve 12 times, Taylor series, square back.
void fx_exp(Mpz& out, const Mpz& r, const Mpz& scale) {
  constexpr int kHalvings = 12;
  Mpz x;
  mpz_tdiv_q_2exp(x.get(), r.get(), kHalvings);
  Mpz term = scale;
  mpz_set(out.get(), scale.get());
  for (unsigned long n = 1;; n++) {
    mpz_mul(term.get(), term.get(), x.get());
    mpz_tdiv_q(term.get(), term.get(), scale.get());
    mpz_tdiv_q_ui(term.get(), term.get(), n);
    if (term.is_zero()) break;
    mpz_add(out.get(), out.get(), term.get());
  }
  for (int i = 0; i < kHalvings; i++) {
    mpz_mul(out.get(), out.get(), out.get());
    mpz_tdiv_q(out.get(), out.get(), scale.get());
  }
}

// A value known to lie in (approx - err, approx + err) * 10**exp; approx > err >= 0.
struct Approx {
  bool sign = false;
  Mpz approx;
  Mpz err;
  int64_t exp = 0;
};

// Guard digits beyond the working precision, and the error bound claimed (in units of the last
// guard digit): the kernels' real errors are far below 10**8 units.
constexpr int64_t kGuardDigits = 20;
constexpr unsigned long kClaimedError = 100000000;

// Rounds the interval under ctx; true (and `out`, `status` set) when both ends agree.
bool round_interval(const Approx& a, const Ctx& ctx, Dec& out, uint32_t& status) {
  Dec lo, hi;
  lo.sign = hi.sign = a.sign;
  lo.exp = hi.exp = a.exp;
  mpz_sub(lo.coeff.get(), a.approx.get(), a.err.get());
  mpz_add(hi.coeff.get(), a.approx.get(), a.err.get());
  if (mpz_sgn(lo.coeff.get()) <= 0) return false;
  uint32_t lo_status = 0, hi_status = 0;
  finalize(lo, ctx, lo_status);
  finalize(hi, ctx, hi_status);
  if (lo.kind != hi.kind || lo.exp != hi.exp || mpz_cmp(lo.coeff.get(), hi.coeff.get()) != 0)
    return false;
  out = std::move(lo);
  status |= lo_status | hi_status | kInexact | kRounded;
  return true;
}

// The value of a finite Dec at scale 10**k (truncated).
void fx_from_dec(Mpz& out, const Dec& d, int64_t k) {
  out = d.coeff;
  if (d.exp + k >= 0) shift_left(out, d.exp + k);
  else shift_right(out, -(d.exp + k));
  if (d.sign) mpz_neg(out.get(), out.get());
}

// The value of a finite Dec as a double (+-1e300 beyond that range): enough to tell results
// that are certainly out of range.
double approximate_double(const Dec& d) {
  if (d.adjexp() > 300) return d.sign ? -1e300 : 1e300;
  if (d.adjexp() < -300) return 0.0;
  Mpz top = d.coeff;
  int64_t drop = std::max<int64_t>(0, d.digits() - 17);
  shift_right(top, drop);
  double v = mpz_get_d(top.get()) * std::pow(10.0, static_cast<double>(d.exp + drop));
  return d.sign ? -v : v;
}

int64_t digits_of(int64_t v) {
  int64_t n = 1;
  for (uint64_t u = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v); u >= 10; u /= 10) n++;
  return n;
}

// Runs `attempt(w)` with a growing working precision until it rounds unambiguously.
template <typename Attempt>
void ziv(int64_t prec, Attempt attempt) {
  int64_t w = prec + 3;
  while (!attempt(w)) w += w / 2 + 10;
}

Ctx half_even(const Ctx& ctx) {
  Ctx c = ctx;
  c.round = Rounding::HalfEven;
  return c;
}

// A result certainly beyond the exponent range, finalized for its flags: overflow (huge) or
// underflow to zero.
void out_of_range(Dec& out, bool huge, const Ctx& ctx, uint32_t& status) {
  out = dec_from_i64(1);
  out.exp = huge ? ctx.emax + 10 : ctx.etiny() - 10;
  finalize(out, ctx, status);
}

// ln(|x|) for finite non-zero x, as an interval at scale 10**-k (k = w + guard digits).
void ln_interval(const Dec& x, int64_t w, Approx& a, int64_t* scale_digits) {
  int64_t d = x.digits();
  int64_t adj = x.adjexp();
  int64_t k = w + kGuardDigits + digits_of(adj);
  *scale_digits = k;
  Mpz scale;
  pow10(scale, k);
  // m = coefficient / 10**(d-1), in [1, 10); divide by 2**j into [0.75, 1.5).
  Mpz m = x.coeff;
  if (k - d + 1 >= 0) shift_left(m, k - d + 1);
  else shift_right(m, d - 1 - k);
  int j = 0;
  Mpz limit;
  mpz_mul_ui(limit.get(), scale.get(), 3);
  mpz_tdiv_q_2exp(limit.get(), limit.get(), 1);  // 1.5
  while (mpz_cmp(m.get(), limit.get()) >= 0) {
    mpz_tdiv_q_2exp(m.get(), m.get(), 1);
    j++;
  }
  Mpz num, den, z;
  mpz_sub(num.get(), m.get(), scale.get());
  mpz_add(den.get(), m.get(), scale.get());
  mpz_mul(z.get(), num.get(), scale.get());
  mpz_tdiv_q(z.get(), z.get(), den.get());
  Mpz total;
  fx_atanh(total, z, scale);
  mpz_mul_2exp(total.get(), total.get(), 1);
  // + j ln 2 + adj ln 10, with the constants computed to extra digits so that multiplying them
  // by j and adj keeps the error within a few units.
  int64_t extra = digits_of(adj) + 3;
  Mpz c, cscale;
  pow10(cscale, extra);
  if (j) {
    fx_ln2(c, k + extra);
    mpz_mul_ui(c.get(), c.get(), static_cast<unsigned long>(j));
    mpz_tdiv_q(c.get(), c.get(), cscale.get());
    mpz_add(total.get(), total.get(), c.get());
  }
  if (adj) {
    fx_ln10(c, k + extra);
    Mpz n;
    mpz_set_si(n.get(), adj);
    mpz_mul(c.get(), c.get(), n.get());
    mpz_tdiv_q(c.get(), c.get(), cscale.get());
    mpz_add(total.get(), total.get(), c.get());
  }
  a.sign = mpz_sgn(total.get()) < 0;
  mpz_abs(a.approx.get(), total.get());
  mpz_set_ui(a.err.get(), kClaimedError);
  a.exp = -k;
}

// Extra digits ln and log10 need for x near 1 (their results are then near 0).
int64_t cancellation_digits(const Dec& x) {
  int64_t adj = x.adjexp();
  if (adj != 0 && adj != -1) return 0;
  Dec diff = exact_difference_from_one(x);
  if (diff.is_zero()) return 0;
  return std::max<int64_t>(0, -diff.adjexp());
}

// Shared special cases of ln and log10; true when `out` is final.
bool log_specials(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  if (check_nan(out, a, ctx, status)) return true;
  if (a.is_zero()) {
    out = dec_special(Kind::Inf, true);
    return true;
  }
  if (a.sign) {
    out = dec_nan_invalid();
    status |= kInvalidOperation;
    return true;
  }
  if (a.is_inf()) {
    out = a;
    return true;
  }
  return false;
}

}  // namespace

void dec_exp(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  if (check_nan(out, a, ctx, status)) return;
  if (a.is_inf()) {
    out = a.sign ? Dec() : a;
    return;
  }
  if (a.is_zero()) {
    out = dec_from_i64(1);
    return;
  }
  Ctx even = half_even(ctx);
  // exp(x) = 10**n * exp(x - n ln 10); n estimated in floating point decides out-of-range
  // results at once.
  double estimate = approximate_double(a);
  double tens = estimate / 2.302585092994046;
  if (tens > static_cast<double>(ctx.emax) + 10) return out_of_range(out, true, even, status);
  if (tens < static_cast<double>(ctx.etiny()) - 10) return out_of_range(out, false, even, status);
  ziv(ctx.prec, [&](int64_t w) {
    int64_t n_digits = digits_of(static_cast<int64_t>(tens)) + 1;
    int64_t k = w + kGuardDigits;
    int64_t k2 = k + n_digits + 3;
    Mpz x2, ln10, scale2;
    fx_from_dec(x2, a, k2);
    fx_ln10(ln10, k2);
    pow10(scale2, k2);
    // n = round(x / ln 10); r = x - n ln 10, then back to scale 10**k.
    Mpz n, r;
    mpz_mul_2exp(n.get(), x2.get(), 1);
    mpz_add(n.get(), n.get(), ln10.get());
    mpz_fdiv_q(n.get(), n.get(), ln10.get());
    mpz_fdiv_q_2exp(n.get(), n.get(), 1);
    mpz_submul(x2.get(), n.get(), ln10.get());
    Mpz down;
    pow10(down, k2 - k);
    mpz_tdiv_q(r.get(), x2.get(), down.get());
    Mpz scale;
    pow10(scale, k);
    Approx result;
    fx_exp(result.approx, r, scale);
    mpz_set_ui(result.err.get(), kClaimedError);
    result.exp = mpz_get_si(n.get()) - k;
    return round_interval(result, even, out, status);
  });
}

void dec_ln(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  if (log_specials(out, a, ctx, status)) return;
  Dec one = dec_from_i64(1);
  if (dec_cmp(a, one) == 0) {
    out = Dec();
    return;
  }
  int64_t extra = cancellation_digits(a);
  Ctx even = half_even(ctx);
  ziv(ctx.prec, [&](int64_t w) {
    Approx result;
    int64_t k;
    ln_interval(a, w + extra, result, &k);
    return round_interval(result, even, out, status);
  });
}

void dec_log10(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  if (log_specials(out, a, ctx, status)) return;
  Ctx even = half_even(ctx);
  // A power of ten has an exact integral logarithm.
  Mpz c = a.coeff;
  if (strip_zeros(c, kMaxPrec) >= 0 && mpz_cmp_ui(c.get(), 1) == 0) {
    out = dec_from_i64(a.adjexp());
    finalize(out, even, status);
    return;
  }
  int64_t extra = cancellation_digits(a);
  ziv(ctx.prec, [&](int64_t w) {
    Approx ln;
    int64_t k;
    ln_interval(a, w + extra, ln, &k);
    // log10(x) = ln(x) / ln(10), with ln 10 to the same scale.
    Mpz ln10, q;
    fx_ln10(ln10, k);
    Mpz scale;
    pow10(scale, k);
    mpz_mul(q.get(), ln.approx.get(), scale.get());
    mpz_tdiv_q(q.get(), q.get(), ln10.get());
    Approx result;
    result.sign = ln.sign;
    result.approx = std::move(q);
    mpz_set_ui(result.err.get(), kClaimedError);
    result.exp = -k;
    return round_interval(result, even, out, status);
  });
}

// x**y for finite x > 0 and finite non-integral y (the caller handled every other case),
// libmpdec's way: exp(y * ln x) at working precision; the caller rounds under ctx.
void dec_power_real(Dec& out, const Dec& x, const Dec& y, const Ctx& ctx, uint32_t& status) {
  Ctx work = max_context();
  work.prec = std::max(x.digits(), ctx.prec) + 4 + 19;
  uint32_t work_status = 0;
  Dec t, product;
  dec_ln(t, x, work, work_status);
  dec_mul(product, t, y, work, work_status);
  dec_exp(out, product, work, status);
  status |= work_status & (kInvalidConditions | kDivisionByZero);
  status |= kInexact | kRounded;
}

}  // namespace weft::decimal
