// stdlib/_decimal/decimal_divide.cpp — multiplication, fused multiply-add and the division
// family: exact-or-sticky division with the ideal exponent, integer division, remainder,
// remainder_near and divmod, with libmpdec's special cases (DivisionByZero, DivisionUndefined,
// DivisionImpossible when an integer quotient would need more than prec digits). Pure
// functions over decimal_number.h values.
#include <algorithm>

#include "stdlib/_decimal/decimal_number.h"

namespace weft::decimal {

// ---- multiplication and division --------------------------------------------------------------

void dec_mul(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  if (check_nans(out, a, b, ctx, status)) return;
  bool sign = a.sign != b.sign;
  if (a.is_inf() || b.is_inf()) {
    if (a.is_zero() || b.is_zero()) return set_invalid(out, status);
    out = dec_special(Kind::Inf, sign);
    return;
  }
  Dec r;
  mpz_mul(r.coeff.get(), a.coeff.get(), b.coeff.get());
  r.exp = a.exp + b.exp;
  r.sign = sign;
  finalize(r, ctx, status);
  out = std::move(r);
}

void dec_fma(Dec& out, const Dec& a, const Dec& b, const Dec& c, const Ctx& ctx,
             uint32_t& status) {
  // The product is exact (an unbounded context), then one rounding for the sum.
  Ctx exact = max_context();
  Dec product;
  uint32_t product_status = 0;
  if (check_3nans(out, a, b, c, ctx, status)) return;
  dec_mul(product, a, b, exact, product_status);
  if (product_status & kInvalidOperation) {
    status |= kInvalidOperation;
    out = dec_nan_invalid();
    return;
  }
  dec_add(out, product, c, ctx, status);
}

namespace {

bool division_specials(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status,
                       bool integer_result) {
  if (check_nans(out, a, b, ctx, status)) return true;
  bool sign = a.sign != b.sign;
  if (a.is_inf()) {
    if (b.is_inf()) {
      set_invalid(out, status);
      return true;
    }
    out = dec_special(Kind::Inf, sign);
    return true;
  }
  if (b.is_inf()) {
    out = Dec();
    out.sign = sign;
    out.exp = integer_result ? 0 : ctx.etiny();
    if (!integer_result) status |= kClamped;
    return true;
  }
  return false;
}

}  // namespace

void dec_div(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  if (division_specials(out, a, b, ctx, status, false)) return;
  bool sign = a.sign != b.sign;
  if (b.is_zero()) {
    if (a.is_zero()) return set_invalid(out, status, kDivisionUndefined);
    out = dec_special(Kind::Inf, sign);
    status |= kDivisionByZero;
    return;
  }
  int64_t ideal = a.exp - b.exp;
  Dec r;
  r.sign = sign;
  if (a.is_zero()) {
    r.exp = ideal;
    finalize(r, ctx, status);
    out = std::move(r);
    return;
  }
  int64_t shift = std::max<int64_t>(0, ctx.prec + 1 + b.digits() - a.digits());
  mpz_set(r.coeff.get(), a.coeff.get());
  shift_left(r.coeff, shift);
  Mpz rem;
  mpz_tdiv_qr(r.coeff.get(), rem.get(), r.coeff.get(), b.coeff.get());
  r.exp = ideal - shift;
  finish_quotient(r, rem.is_zero(), ideal);
  finalize(r, ctx, status);
  out = std::move(r);
}

namespace {

// Truncated integer division of finite operands (b non-zero): q = trunc(a / b) and the exact
// remainder r = a - q*b (exponent min(a.exp, b.exp)). False when q would need more than prec
// digits (DivisionImpossible).
bool divide_integer(const Dec& a, const Dec& b, const Ctx& ctx, Dec& q, Dec& r) {
  q = Dec();
  q.sign = a.sign != b.sign;
  r = Dec();
  r.sign = a.sign;
  int64_t e = std::min(a.exp, b.exp);
  if (a.is_zero() || a.adjexp() < b.adjexp()) {  // |a| < |b|: q = 0, r = a
    r.coeff = a.coeff;
    shift_left(r.coeff, a.exp - e);
    r.exp = e;
    return true;
  }
  if (a.adjexp() - b.adjexp() > ctx.prec) return false;
  Mpz x = a.coeff, y = b.coeff;
  shift_left(x, a.exp - e);
  shift_left(y, b.exp - e);
  mpz_tdiv_qr(q.coeff.get(), r.coeff.get(), x.get(), y.get());
  r.exp = e;
  return mpz_digits(q.coeff.get()) <= ctx.prec;
}

}  // namespace

void dec_divint(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  if (check_nans(out, a, b, ctx, status)) return;
  if (a.is_inf() && b.is_inf()) return set_invalid(out, status);
  if (a.is_inf()) {
    out = dec_special(Kind::Inf, a.sign != b.sign);
    return;
  }
  if (b.is_inf()) {
    out = Dec();
    out.sign = a.sign != b.sign;
    return;
  }
  if (b.is_zero()) {
    if (a.is_zero()) return set_invalid(out, status, kDivisionUndefined);
    out = dec_special(Kind::Inf, a.sign != b.sign);
    status |= kDivisionByZero;
    return;
  }
  Dec q, r;
  if (!divide_integer(a, b, ctx, q, r)) return set_invalid(out, status, kDivisionImpossible);
  finalize(q, ctx, status);
  out = std::move(q);
}

namespace {

// The truncated quotient and remainder behind remainder and remainder_near; false when `out`
// already holds the answer (a special case or DivisionImpossible).
bool remainder_parts(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status,
                     Dec& q, Dec& r) {
  if (check_nans(out, a, b, ctx, status)) return false;
  if (a.is_inf()) {
    set_invalid(out, status);
    return false;
  }
  if (b.is_zero()) {
    set_invalid(out, status, a.is_zero() ? kDivisionUndefined : kInvalidOperation);
    return false;
  }
  if (b.is_inf()) {
    out = a;
    finalize(out, ctx, status);
    return false;
  }
  if (divide_integer(a, b, ctx, q, r)) return true;
  set_invalid(out, status, kDivisionImpossible);
  return false;
}

}  // namespace

void dec_rem(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  Dec q, r;
  if (!remainder_parts(out, a, b, ctx, status, q, r)) return;
  finalize(r, ctx, status);
  out = std::move(r);
}

void dec_rem_near(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  Dec q, r;
  if (!remainder_parts(out, a, b, ctx, status, q, r)) return;
  if (!r.coeff.is_zero()) {
    // Move to the nearer multiple of b (ties to an even quotient).
    Mpz y = b.coeff;
    shift_left(y, b.exp - r.exp);
    Mpz twice;
    mpz_mul_2exp(twice.get(), r.coeff.get(), 1);
    int c = mpz_cmp(twice.get(), y.get());
    if (c > 0 || (c == 0 && mpz_odd_p(q.coeff.get()))) {
      mpz_sub(r.coeff.get(), y.get(), r.coeff.get());
      r.sign = !r.sign;
      mpz_add_ui(q.coeff.get(), q.coeff.get(), 1);
      if (mpz_digits(q.coeff.get()) > ctx.prec)
        return set_invalid(out, status, kDivisionImpossible);
    }
  }
  finalize(r, ctx, status);
  out = std::move(r);
}

void dec_divmod(Dec& q, Dec& r, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  if (a.is_nan() || b.is_nan()) {
    check_nans(q, a, b, ctx, status);
    r = q;
    return;
  }
  if (a.is_inf()) {
    if (b.is_inf()) {
      set_invalid(q, status);
      r = q;
      return;
    }
    q = dec_special(Kind::Inf, a.sign != b.sign);
    set_invalid(r, status);
    return;
  }
  if (b.is_inf()) {
    q = Dec();
    q.sign = a.sign != b.sign;
    r = a;
    finalize(r, ctx, status);
    return;
  }
  if (b.is_zero()) {
    if (a.is_zero()) {
      set_invalid(q, status, kDivisionUndefined);
    } else {
      q = dec_special(Kind::Inf, a.sign != b.sign);
      status |= kDivisionByZero | kInvalidOperation;
    }
    r = dec_nan_invalid();
    return;
  }
  if (!divide_integer(a, b, ctx, q, r)) {
    set_invalid(q, status, kDivisionImpossible);
    r = q;
    return;
  }
  finalize(q, ctx, status);
  finalize(r, ctx, status);
}

}  // namespace weft::decimal
