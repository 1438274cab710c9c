// stdlib/_decimal/decimal_digits.cpp — the operations that treat a coefficient as a string of
// digits rather than a number: logical_and/or/xor/invert (operands made of 0s and 1s), shift
// and rotate. They work on the low `prec` digits of the coefficient, never round and raise only
// InvalidOperation, as libmpdec does. Pure functions.
#include <string>

#include "stdlib/_decimal/decimal_number.h"

namespace weft::decimal {

namespace {

// The low `prec` digits of a coefficient, left-padded with zeros to exactly `prec` digits.
std::string padded_digits(const Dec& d, int64_t prec) {
  std::string s = mpz_to_decimal_string(d.coeff.get());
  if (static_cast<int64_t>(s.size()) > prec) return s.substr(s.size() - static_cast<size_t>(prec));
  return std::string(static_cast<size_t>(prec) - s.size(), '0') + s;
}

void set_digits(Dec& out, const std::string& digits) {
  size_t first = digits.find_first_not_of('0');
  mpz_set_str(out.coeff.get(), first == std::string::npos ? "0" : digits.c_str() + first, 10);
}

// A logical operand: finite, positive, exponent 0, only 0/1 digits.
bool is_logical(const Dec& d) {
  if (d.is_special() || d.sign || d.exp != 0) return false;
  std::string s = mpz_to_decimal_string(d.coeff.get());
  return s.find_first_not_of("01") == std::string::npos;
}

// The shift/rotate amount: an integer with exponent 0 and |n| <= prec.
bool shift_amount(const Dec& b, const Ctx& ctx, int64_t* n) {
  if (b.is_special() || b.exp != 0 || !mpz_fits_slong_p(b.coeff.get())) return false;
  int64_t v = mpz_get_si(b.coeff.get());
  if (v > ctx.prec) return false;
  *n = b.sign ? -v : v;
  return true;
}

// The special cases of shift and rotate; true when `out` is final.
bool shift_specials(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, int64_t* n,
                    uint32_t& status) {
  if (check_nans(out, a, b, ctx, status)) return true;
  if (!shift_amount(b, ctx, n)) {
    set_invalid(out, status);
    return true;
  }
  if (!a.is_inf()) return false;
  out = a;  // infinities shift and rotate to themselves
  return true;
}

}  // namespace

void dec_logical(Dec& out, const Dec& a, const Dec& b, char op, const Ctx& ctx,
                 uint32_t& status) {
  if (!is_logical(a) || !is_logical(b)) return set_invalid(out, status);
  std::string x = padded_digits(a, ctx.prec), y = padded_digits(b, ctx.prec);
  for (size_t i = 0; i < x.size(); i++) {
    bool p = x[i] == '1', q = y[i] == '1';
    bool r = op == '&' ? (p && q) : op == '|' ? (p || q) : (p != q);
    x[i] = r ? '1' : '0';
  }
  out = Dec();
  set_digits(out, x);
}

void dec_logical_invert(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  if (!is_logical(a)) return set_invalid(out, status);
  std::string x = padded_digits(a, ctx.prec);
  for (char& c : x) c = c == '1' ? '0' : '1';
  out = Dec();
  set_digits(out, x);
}

void dec_shift(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  int64_t n = 0;
  if (shift_specials(out, a, b, ctx, &n, status)) return;
  std::string x = padded_digits(a, ctx.prec);
  if (n >= 0) x = x.substr(static_cast<size_t>(n)) + std::string(static_cast<size_t>(n), '0');
  else x = std::string(static_cast<size_t>(-n), '0') + x.substr(0, x.size() - static_cast<size_t>(-n));
  out = a;
  set_digits(out, x);
}

void dec_rotate(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  int64_t n = 0;
  if (shift_specials(out, a, b, ctx, &n, status)) return;
  std::string x = padded_digits(a, ctx.prec);
  size_t k = static_cast<size_t>(n >= 0 ? n : ctx.prec + n);
  x = x.substr(k) + x.substr(0, k);
  out = a;
  set_digits(out, x);
}

}  // namespace weft::decimal
