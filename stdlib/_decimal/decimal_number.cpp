// stdlib/_decimal/decimal_number.cpp — coefficient helpers, rounding and `finalize`, NaN
// propagation, comparison, addition/subtraction, the unary operations, quantize, rounding to
// integral and reduce (multiplication and division: decimal_divide.cpp).
//
// Every operation computes its exact result (or an exact prefix plus a sticky digit that stands
// for a non-zero tail) and rounds it once in `finalize`, which applies libmpdec's order:
// overflow / fold-down clamping / subnormal rounding first, then rounding to `prec` digits.
// Pure functions over values: no locking, no Python objects.
#include "stdlib/_decimal/decimal_number.h"

#include <algorithm>
#include <array>

namespace weft::decimal {

// ---- coefficients -----------------------------------------------------------------------------

namespace {

// Digits of a non-zero 128-bit value: estimated from its bit length, corrected by one compare.
int64_t digits_u128(unsigned __int128 v) {
  static const auto kPowers = [] {
    std::array<unsigned __int128, 39> p{};
    p[0] = 1;
    for (size_t i = 1; i < p.size(); i++) p[i] = p[i - 1] * 10;
    return p;
  }();
  uint64_t hi = static_cast<uint64_t>(v >> 64);
  int bits = hi ? 128 - __builtin_clzll(hi) : 64 - __builtin_clzll(static_cast<uint64_t>(v));
  int64_t n = (bits * 1233 >> 12) + 1;  // log10(2) ~ 1233/4096; exact or one too big
  if (v < kPowers[static_cast<size_t>(n - 1)]) n--;
  return n;
}

}  // namespace

int64_t mpz_digits(mpz_srcptr z) {
  if (mpz_sgn(z) == 0) return 1;
  if (mpz_size(z) <= 2) {  // the common case: at most 38 digits, no GMP arithmetic
    unsigned __int128 v = mpz_getlimbn(z, 0);
    if (mpz_size(z) == 2) v |= static_cast<unsigned __int128>(mpz_getlimbn(z, 1)) << 64;
    return digits_u128(v);
  }
  // sizeinbase(10) is exact or one too big.
  int64_t n = static_cast<int64_t>(mpz_sizeinbase(z, 10));
  Mpz scratch;
  return mpz_cmpabs(z, pow10_ref(n - 1, scratch)) < 0 ? n - 1 : n;
}

int64_t Dec::digits() const { return mpz_digits(coeff.get()); }

bool Dec::is_integer() const {
  if (kind != Kind::Finite) return false;
  if (exp >= 0 || coeff.is_zero()) return true;
  Mpz r;
  Mpz p;
  pow10(p, -exp);
  mpz_tdiv_r(r.get(), coeff.get(), p.get());
  return r.is_zero();
}

void pow10(Mpz& out, int64_t n) { mpz_ui_pow_ui(out.get(), 10, static_cast<unsigned long>(n)); }

namespace {

// 10**0 .. 10**(kCachedPowers-1), built once (thread-safe static initialisation) and only read
// afterwards, so threads share it without locking.
constexpr int64_t kCachedPowers = 256;

struct PowerTable {
  Mpz powers[kCachedPowers];
  PowerTable() {
    for (int64_t i = 0; i < kCachedPowers; i++) pow10(powers[i], i);
  }
};

const PowerTable& power_table() {
  static const PowerTable table;
  return table;
}

}  // namespace

mpz_srcptr pow10_ref(int64_t n, Mpz& scratch) {
  if (n < kCachedPowers) return power_table().powers[n].get();
  pow10(scratch, n);
  return scratch.get();
}

void shift_left(Mpz& z, int64_t n) {
  if (n <= 0 || z.is_zero()) return;
  Mpz scratch;
  mpz_mul(z.get(), z.get(), pow10_ref(n, scratch));
}

int shift_right(Mpz& z, int64_t n) {
  if (n <= 0) return 0;
  if (z.is_zero()) return 0;
  if (n > mpz_digits(z.get()) + 1) {  // everything goes, and it is below half
    mpz_set_ui(z.get(), 0);
    return 1;
  }
  Mpz scratch, r;
  mpz_srcptr p = pow10_ref(n, scratch);
  mpz_tdiv_qr(z.get(), r.get(), z.get(), p);
  if (r.is_zero()) return 0;
  mpz_mul_2exp(r.get(), r.get(), 1);
  int c = mpz_cmp(r.get(), p);
  return c < 0 ? 1 : c == 0 ? 5 : 6;
}

bool round_increments(Rounding mode, bool sign, mpz_srcptr kept, int rnd) {
  switch (mode) {
    case Rounding::Down: return false;
    case Rounding::HalfUp: return rnd >= 5;
    case Rounding::HalfEven: return rnd > 5 || (rnd == 5 && mpz_odd_p(kept));
    case Rounding::Ceiling: return rnd != 0 && !sign;
    case Rounding::Floor: return rnd != 0 && sign;
    case Rounding::HalfDown: return rnd > 5;
    case Rounding::Up: return rnd != 0;
    case Rounding::ZeroFiveUp: {
      if (rnd == 0) return false;
      unsigned long last = mpz_fdiv_ui(kept, 10);
      return last == 0 || last == 5;
    }
  }
  return false;
}

int64_t strip_zeros(Mpz& z, int64_t max) {
  if (z.is_zero() || max <= 0) return 0;
  int64_t n = 0;
  Mpz q;
  while (n < max && mpz_divisible_ui_p(z.get(), 10)) {
    mpz_divexact_ui(z.get(), z.get(), 10);
    n++;
  }
  return n;
}

void append_sticky(Dec& d) {
  mpz_mul_ui(d.coeff.get(), d.coeff.get(), 10);
  mpz_add_ui(d.coeff.get(), d.coeff.get(), 1);
  d.exp -= 1;
}

void finish_quotient(Dec& d, bool exact, int64_t ideal) {
  if (!exact) append_sticky(d);
  else d.exp += strip_zeros(d.coeff, ideal - d.exp);
}

Dec dec_from_i64(int64_t v) {
  Dec d;
  d.sign = v < 0;
  uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  mpz_import(d.coeff.get(), 1, 1, sizeof(mag), 0, 0, &mag);
  return d;
}

Dec dec_special(Kind kind, bool sign) {
  Dec d;
  d.kind = kind;
  d.sign = sign;
  return d;
}

Dec dec_nan_invalid() { return dec_special(Kind::QNaN, false); }

// ---- finalize -----------------------------------------------------------------------------------

namespace {

// The largest finite magnitude: prec nines at exponent Etop.
void set_max_coeff(Dec& d, const Ctx& ctx) {
  pow10(d.coeff, ctx.prec);
  mpz_sub_ui(d.coeff.get(), d.coeff.get(), 1);
  d.exp = ctx.emax - ctx.prec + 1;
}

void check_exp(Dec& d, const Ctx& ctx, uint32_t& status);

// Applies an increment decided by `rnd` to a coefficient of exactly prec digits; a carry to
// prec+1 digits drops one digit and re-checks the exponent.
void apply_round(Dec& d, int rnd, Rounding mode, const Ctx& ctx, uint32_t& status) {
  if (!round_increments(mode, d.sign, d.coeff.get(), rnd)) return;
  mpz_add_ui(d.coeff.get(), d.coeff.get(), 1);
  if (mpz_digits(d.coeff.get()) > ctx.prec) {
    mpz_tdiv_q_ui(d.coeff.get(), d.coeff.get(), 10);
    d.exp += 1;
    check_exp(d, ctx, status);
  }
}

void check_exp(Dec& d, const Ctx& ctx, uint32_t& status) {
  int64_t adj = d.adjexp();
  if (adj > ctx.emax) {
    if (d.coeff.is_zero()) {
      d.exp = ctx.clamp ? ctx.etop() : ctx.emax;
      status |= kClamped;
      return;
    }
    bool to_max = false;
    switch (ctx.round) {
      case Rounding::Down:
      case Rounding::ZeroFiveUp: to_max = true; break;
      case Rounding::Ceiling: to_max = d.sign; break;
      case Rounding::Floor: to_max = !d.sign; break;
      default: break;
    }
    if (to_max) {
      set_max_coeff(d, ctx);
    } else {
      d.kind = Kind::Inf;
      mpz_set_ui(d.coeff.get(), 0);
      d.exp = 0;
    }
    status |= kOverflow | kInexact | kRounded;
  } else if (ctx.clamp && d.exp > ctx.etop()) {
    int64_t shift = d.exp - ctx.etop();
    shift_left(d.coeff, shift);
    d.exp -= shift;
    status |= kClamped;
    if (!d.coeff.is_zero() && adj < ctx.emin) status |= kSubnormal;
  } else if (adj < ctx.emin) {
    int64_t etiny = ctx.etiny();
    if (d.coeff.is_zero()) {
      if (d.exp < etiny) {
        d.exp = etiny;
        status |= kClamped;
      }
      return;
    }
    status |= kSubnormal;
    if (d.exp < etiny) {
      int rnd = shift_right(d.coeff, etiny - d.exp);
      d.exp = etiny;
      if (round_increments(ctx.round, d.sign, d.coeff.get(), rnd))
        mpz_add_ui(d.coeff.get(), d.coeff.get(), 1);
      status |= kRounded;
      if (rnd) {
        status |= kInexact | kUnderflow;
        if (d.coeff.is_zero()) status |= kClamped;
      }
    }
  }
}

}  // namespace

void fix_nan(Dec& d, const Ctx& ctx) {
  int64_t keep = ctx.prec - (ctx.clamp ? 1 : 0);
  if (d.coeff.is_zero() || mpz_digits(d.coeff.get()) <= keep) return;
  if (keep <= 0) {
    mpz_set_ui(d.coeff.get(), 0);
    return;
  }
  Mpz p;
  pow10(p, keep);
  mpz_tdiv_r(d.coeff.get(), d.coeff.get(), p.get());
}

void finalize(Dec& d, const Ctx& ctx, uint32_t& status) {
  if (d.is_special()) {
    if (d.is_nan()) fix_nan(d, ctx);
    return;
  }
  check_exp(d, ctx, status);
  if (d.is_special()) return;
  int64_t digits = d.digits();
  if (digits > ctx.prec) {
    int64_t shift = digits - ctx.prec;
    int rnd = shift_right(d.coeff, shift);
    d.exp += shift;
    apply_round(d, rnd, ctx.round, ctx, status);
    status |= kRounded;
    if (rnd) status |= kInexact;
  }
}

bool check_nan(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  if (!a.is_nan()) return false;
  if (a.kind == Kind::SNaN) status |= kInvalidOperation;
  out = a;
  out.kind = Kind::QNaN;
  fix_nan(out, ctx);
  return true;
}

bool check_nans(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  if (!a.is_nan() && !b.is_nan()) return false;
  const Dec* choice = &b;
  if (a.kind == Kind::SNaN) {
    choice = &a;
    status |= kInvalidOperation;
  } else if (b.kind == Kind::SNaN) {
    status |= kInvalidOperation;
  } else if (a.kind == Kind::QNaN) {
    choice = &a;
  }
  Dec copy = *choice;
  copy.kind = Kind::QNaN;
  fix_nan(copy, ctx);
  out = std::move(copy);
  return true;
}

bool check_3nans(Dec& out, const Dec& a, const Dec& b, const Dec& c, const Ctx& ctx,
                 uint32_t& status) {
  if (!a.is_nan() && !b.is_nan() && !c.is_nan()) return false;
  // The first signaling NaN, else the first quiet one.
  const Dec* choice = nullptr;
  for (const Dec* d : {&a, &b, &c})
    if (!choice && d->kind == Kind::SNaN) choice = d;
  if (choice) status |= kInvalidOperation;
  for (const Dec* d : {&a, &b, &c})
    if (!choice && d->kind == Kind::QNaN) choice = d;
  Dec copy = *choice;
  copy.kind = Kind::QNaN;
  fix_nan(copy, ctx);
  out = std::move(copy);
  return true;
}


// ---- comparison ---------------------------------------------------------------------------------

int dec_cmp_abs(const Dec& a, const Dec& b) {
  if (a.is_inf()) return b.is_inf() ? 0 : 1;
  if (b.is_inf()) return -1;
  if (a.coeff.is_zero()) return b.coeff.is_zero() ? 0 : -1;
  if (b.coeff.is_zero()) return 1;
  int64_t ea = a.adjexp(), eb = b.adjexp();
  if (ea != eb) return ea < eb ? -1 : 1;
  // Same adjusted exponent: align the coefficients on the smaller exponent.
  if (a.exp == b.exp) {
    int c = mpz_cmp(a.coeff.get(), b.coeff.get());
    return (c > 0) - (c < 0);
  }
  Mpz x(0), y(0);
  mpz_set(x.get(), a.coeff.get());
  mpz_set(y.get(), b.coeff.get());
  if (a.exp > b.exp) shift_left(x, a.exp - b.exp);
  else shift_left(y, b.exp - a.exp);
  int c = mpz_cmp(x.get(), y.get());
  return (c > 0) - (c < 0);
}

int dec_cmp(const Dec& a, const Dec& b) {
  bool az = a.is_zero(), bz = b.is_zero();
  if (az && bz) return 0;
  int sa = az ? 0 : a.sign ? -1 : 1;
  int sb = bz ? 0 : b.sign ? -1 : 1;
  if (sa != sb) return sa < sb ? -1 : 1;
  int c = dec_cmp_abs(a, b);
  return sa < 0 ? -c : c;
}

int dec_cmp_total(const Dec& a, const Dec& b) {
  if (a.sign != b.sign) return a.sign ? -1 : 1;
  int mag;
  auto rank = [](const Dec& d) {
    switch (d.kind) {
      case Kind::Finite: return 0;
      case Kind::Inf: return 1;
      case Kind::SNaN: return 2;
      case Kind::QNaN: return 3;
    }
    return 0;
  };
  int ra = rank(a), rb = rank(b);
  if (ra != rb) {
    mag = ra < rb ? -1 : 1;
  } else if (a.is_nan()) {
    int c = mpz_cmp(a.coeff.get(), b.coeff.get());
    mag = (c > 0) - (c < 0);
  } else if (a.is_inf()) {
    mag = 0;
  } else {
    mag = dec_cmp_abs(a, b);
    if (mag == 0 && a.exp != b.exp) mag = a.exp < b.exp ? -1 : 1;
  }
  return a.sign ? -mag : mag;
}

// ---- addition -------------------------------------------------------------------------------

namespace {

// a + b for finite operands with signs already applied (sub passes b negated). Coefficients
// are copied only when they must be aligned or replaced.
void add_finite(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  const Dec* big = &a;
  const Dec* small = &b;
  if (!a.coeff.is_zero() && !b.coeff.is_zero() && a.adjexp() < b.adjexp()) std::swap(big, small);
  if (a.coeff.is_zero() && !b.coeff.is_zero()) std::swap(big, small);
  const Mpz* xc = &big->coeff;
  const Mpz* yc = &small->coeff;
  int64_t xe = big->exp, ye = small->exp;
  Mpz x_aligned, y_aligned;
  if (!xc->is_zero() && !yc->is_zero()) {
    // An operand entirely below the rounding digit only acts as a sticky digit.
    int64_t limit = big->adjexp() - ctx.prec - 2;
    if (small->adjexp() < limit && small->adjexp() < xe - 1) {
      mpz_set_ui(y_aligned.get(), 1);
      yc = &y_aligned;
      ye = std::min(xe - 1, limit);
    }
  } else if (yc->is_zero() && !xc->is_zero() && ye < xe) {
    // A zero only pulls the exponent down; beyond prec+1 digits the padding cannot matter.
    int64_t room = std::max<int64_t>(ctx.prec - big->digits(), 0) + 1;
    ye = std::max(ye, xe - room);
  }
  int64_t e = std::min(xe, ye);
  if (xe > e) {
    x_aligned = *xc;
    shift_left(x_aligned, xe - e);
    xc = &x_aligned;
  }
  if (ye > e) {
    if (yc != &y_aligned) y_aligned = *yc;
    shift_left(y_aligned, ye - e);
    yc = &y_aligned;
  }
  Dec r;
  r.exp = e;
  if (big->sign == small->sign) {
    mpz_add(r.coeff.get(), xc->get(), yc->get());
    r.sign = big->sign;
  } else {
    int c = mpz_cmp(xc->get(), yc->get());
    if (c >= 0) {
      mpz_sub(r.coeff.get(), xc->get(), yc->get());
      r.sign = big->sign;
    } else {
      mpz_sub(r.coeff.get(), yc->get(), xc->get());
      r.sign = small->sign;
    }
    if (r.coeff.is_zero()) r.sign = ctx.round == Rounding::Floor;
  }
  finalize(r, ctx, status);
  out = std::move(r);
}

void add_signed(Dec& out, const Dec& a, const Dec& b, bool negate_b, const Ctx& ctx,
                uint32_t& status) {
  if (check_nans(out, a, b, ctx, status)) return;
  bool bsign = b.sign != negate_b;
  if (a.is_inf() || b.is_inf()) {
    if (a.is_inf() && b.is_inf() && a.sign != bsign) return set_invalid(out, status);
    out = a.is_inf() ? dec_special(Kind::Inf, a.sign) : dec_special(Kind::Inf, bsign);
    return;
  }
  if (!negate_b) return add_finite(out, a, b, ctx, status);
  Dec nb = b;
  nb.sign = bsign;
  add_finite(out, a, nb, ctx, status);
}

}  // namespace

void dec_add(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  add_signed(out, a, b, false, ctx, status);
}

void dec_sub(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  add_signed(out, a, b, true, ctx, status);
}

Dec exact_difference_from_one(const Dec& x) {
  Dec diff;
  uint32_t ignored = 0;
  dec_sub(diff, x, dec_from_i64(1), max_context(), ignored);
  return diff;
}

// ---- unary operations --------------------------------------------------------------------------

void dec_plus(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  if (check_nan(out, a, ctx, status)) return;
  out = a;
  if (out.is_zero() && ctx.round != Rounding::Floor) out.sign = false;
  finalize(out, ctx, status);
}

void dec_minus(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  if (check_nan(out, a, ctx, status)) return;
  out = a;
  if (out.is_zero() && ctx.round != Rounding::Floor) out.sign = false;
  else out.sign = !a.sign;
  finalize(out, ctx, status);
}

void dec_abs(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  if (check_nan(out, a, ctx, status)) return;
  out = a;
  out.sign = false;
  finalize(out, ctx, status);
}

// ---- quantize, integral values, reduce ---------------------------------------------------------

void dec_quantize(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  if (check_nans(out, a, b, ctx, status)) return;
  if (a.is_inf() || b.is_inf()) {
    if (a.is_inf() && b.is_inf()) {
      out = a;
      return;
    }
    return set_invalid(out, status);
  }
  if (b.exp > ctx.emax || b.exp < ctx.etiny()) return set_invalid(out, status);
  Dec r;
  r.sign = a.sign;
  r.exp = b.exp;
  if (a.is_zero()) {
    finalize(r, ctx, status);
    out = std::move(r);
    return;
  }
  int64_t expdiff = a.exp - b.exp;
  if (a.digits() + expdiff > ctx.prec) return set_invalid(out, status);
  r.coeff = a.coeff;
  int rnd = 0;
  if (expdiff >= 0) {
    shift_left(r.coeff, expdiff);
  } else {
    rnd = shift_right(r.coeff, -expdiff);
    if (round_increments(ctx.round, r.sign, r.coeff.get(), rnd)) {
      mpz_add_ui(r.coeff.get(), r.coeff.get(), 1);
      if (r.digits() > ctx.prec) return set_invalid(out, status);
    }
  }
  if (r.adjexp() > ctx.emax || r.adjexp() < ctx.etiny()) return set_invalid(out, status);
  if (expdiff < 0) status |= kRounded;
  if (rnd) status |= kInexact;
  finalize(r, ctx, status);
  out = std::move(r);
}

void dec_to_integral(Dec& out, const Dec& a, Rounding mode, bool exact, uint32_t& status) {
  if (a.is_nan()) {
    if (a.kind == Kind::SNaN) status |= kInvalidOperation;
    out = a;
    out.kind = Kind::QNaN;
    return;
  }
  out = a;
  if (a.is_inf() || a.exp >= 0) return;
  if (a.is_zero()) {
    out.exp = 0;
    return;
  }
  int rnd = shift_right(out.coeff, -a.exp);
  out.exp = 0;
  if (round_increments(mode, out.sign, out.coeff.get(), rnd))
    mpz_add_ui(out.coeff.get(), out.coeff.get(), 1);
  if (exact) {
    status |= kRounded;
    if (rnd) status |= kInexact;
  }
}

void dec_reduce(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  if (check_nan(out, a, ctx, status)) return;
  out = a;
  if (a.is_inf()) return;
  finalize(out, ctx, status);
  if (out.is_special()) return;
  if (out.coeff.is_zero()) {
    out.exp = 0;
    return;
  }
  int64_t max_shift = ctx.clamp ? ctx.etop() - out.exp : kMaxEmax;
  out.exp += strip_zeros(out.coeff, max_shift);
}

}  // namespace weft::decimal
