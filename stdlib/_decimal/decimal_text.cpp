// stdlib/_decimal/decimal_text.cpp — decimal numbers to and from text: the numeric-string
// syntax of the specification (what Decimal(str) accepts once the caller has removed
// surrounding whitespace and mapped Unicode digits to ASCII) and to-scientific / to-engineering
// string conversion. Pure functions, no Python objects.
#include <cctype>
#include <cstring>
#include <string_view>

#include "stdlib/_decimal/decimal_number.h"

namespace weft::decimal {

namespace {

bool equals_ignore_case(std::string_view s, const char* word) {
  size_t n = strlen(word);
  if (s.size() != n) return false;
  for (size_t i = 0; i < n; i++)
    if (tolower(static_cast<unsigned char>(s[i])) != word[i]) return false;
  return true;
}

// A run of ASCII digits, appended to `out`; false when there is none.
bool scan_digits(std::string_view s, size_t& i, std::string& out) {
  size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') out.push_back(s[i++]);
  return i > start;
}

}  // namespace

bool dec_parse(std::string_view s, Dec& out) {
  out = Dec();
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    out.sign = s[i] == '-';
    i++;
  }
  std::string_view rest = s.substr(i);
  if (equals_ignore_case(rest, "inf") || equals_ignore_case(rest, "infinity")) {
    out.kind = Kind::Inf;
    return true;
  }
  bool snan = rest.size() >= 4 && equals_ignore_case(rest.substr(0, 4), "snan");
  bool qnan = !snan && rest.size() >= 3 && equals_ignore_case(rest.substr(0, 3), "nan");
  if (snan || qnan) {
    out.kind = snan ? Kind::SNaN : Kind::QNaN;
    std::string_view payload = rest.substr(snan ? 4 : 3);
    if (payload.empty()) return true;
    std::string digits;
    size_t j = 0;
    if (!scan_digits(payload, j, digits) || j != payload.size()) return false;
    mpz_set_str(out.coeff.get(), digits.c_str(), 10);
    return true;
  }
  std::string digits;
  size_t int_start = i;
  scan_digits(s, i, digits);
  bool have_int = i > int_start;
  int64_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    i++;
    size_t before = digits.size();
    size_t frac_start = i;
    scan_digits(s, i, digits);
    if (i == frac_start && !have_int) return false;
    frac_digits = static_cast<int64_t>(digits.size() - before);
  } else if (!have_int) {
    return false;
  }
  int64_t exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      neg = s[i] == '-';
      i++;
    }
    std::string e;
    if (!scan_digits(s, i, e)) return false;
    // Exponents beyond the representable range saturate; finalize turns them into overflow
    // or underflow.
    size_t nz = e.find_first_not_of('0');
    std::string_view sig = nz == std::string::npos ? std::string_view() : std::string_view(e).substr(nz);
    if (sig.size() > 18) {
      exp = neg ? -(kMaxEmax * 4) : kMaxEmax * 4;
    } else {
      for (char c : sig) exp = exp * 10 + (c - '0');
      if (neg) exp = -exp;
    }
  }
  if (i != s.size()) return false;
  mpz_set_str(out.coeff.get(), digits.c_str(), 10);
  out.exp = exp - frac_digits;
  return true;
}

std::string mpz_to_decimal_string(mpz_srcptr z) {
  std::string s(mpz_sizeinbase(z, 10) + 2, '\0');
  mpz_get_str(s.data(), 10, z);
  s.resize(strlen(s.c_str()));
  return s;
}

std::string dec_to_string(const Dec& d, bool eng, bool capitals) {
  std::string out;
  if (d.sign) out.push_back('-');
  switch (d.kind) {
    case Kind::Inf: return out + "Infinity";
    case Kind::QNaN:
    case Kind::SNaN:
      out += d.kind == Kind::SNaN ? "sNaN" : "NaN";
      if (!d.coeff.is_zero()) out += mpz_to_decimal_string(d.coeff.get());
      return out;
    case Kind::Finite: break;
  }
  std::string digits = mpz_to_decimal_string(d.coeff.get());
  int64_t n = static_cast<int64_t>(digits.size());
  int64_t left = d.exp + n;  // the position of the point relative to the digits' start
  // Where the point goes: in the digits (plain notation), after the first digit (scientific),
  // or so that the exponent is a multiple of three (engineering; zeros pad with "0"s).
  auto floor_mod3 = [](int64_t v) { return ((v % 3) + 3) % 3; };
  int64_t dot;
  if (d.exp <= 0 && left > -6) dot = left;
  else if (!eng) dot = 1;
  else if (d.coeff.is_zero()) dot = floor_mod3(left + 1) - 1;
  else dot = floor_mod3(left - 1) + 1;
  if (dot <= 0) {
    out += "0." + std::string(static_cast<size_t>(-dot), '0') + digits;
  } else if (dot >= n) {
    out += digits + std::string(static_cast<size_t>(dot - n), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(dot)) + "." + digits.substr(static_cast<size_t>(dot));
  }
  if (left != dot) {
    out.push_back(capitals ? 'E' : 'e');
    if (left - dot >= 0) out.push_back('+');
    out += std::to_string(left - dot);
  }
  return out;
}

}  // namespace weft::decimal
