// stdlib/_decimal/decimal_format.cpp — Decimal.__format__: the format-specification
// mini-language as decimal defines it (CPython 3.14: the C formatter plus its pure-Python
// fallback for 'z' and '#'):
//
//   [[fill]align][sign][z][#][0][minimumwidth][,][.precision][type]   type in eEfFgGn%
//
// Rounding uses the context's rounding mode; 'n' uses the C locale (no grouping, '.'), like
// Weft's float formatting. Results are built as code points (the fill may be any character).
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "stdlib/_decimal/decimal_context.h"
#include "stdlib/_decimal/decimal_type.h"

namespace weft::decimal {

namespace {

struct DecimalSpec {
  uint32_t fill = ' ';
  uint32_t align = '>';
  char sign = '-';
  bool no_neg_zero = false;
  bool alternate = false;
  bool zeropad = false;
  int64_t width = 0;
  bool thousands = false;  // ','
  int64_t precision = -1;
  char type = 0;
};

Error invalid_spec(Object* spec) {
  return raise(exc::ValueError, "Invalid format specifier: {}", FmtArg(spec));
}

Result<DecimalSpec> parse_spec(Object* spec_obj) {
  std::vector<uint32_t> s;
  for (int64_t i = 0; i < str_length(spec_obj); i++) s.push_back(str_char_at(spec_obj, i));
  DecimalSpec spec;
  size_t i = 0;
  auto is_align = [](uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
  bool fill_given = false, align_given = false;
  if (s.size() >= 2 && is_align(s[1])) {
    spec.fill = s[0];
    spec.align = s[1];
    fill_given = align_given = true;
    i = 2;
  } else if (!s.empty() && is_align(s[0])) {
    spec.align = s[0];
    align_given = true;
    i = 1;
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) spec.sign = static_cast<char>(s[i++]);
  if (i < s.size() && s[i] == 'z') spec.no_neg_zero = true, i++;
  if (i < s.size() && s[i] == '#') spec.alternate = true, i++;
  if (i < s.size() && s[i] == '0') spec.zeropad = true, i++;
  auto read_number = [&](int64_t* out) {
    size_t start = i;
    int64_t v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (v < (int64_t{1} << 50)) v = v * 10 + (s[i] - '0');
      i++;
    }
    *out = v;
    return i - start;
  };
  if (i < s.size() && s[i] >= '1' && s[i] <= '9') read_number(&spec.width);
  if (i < s.size() && s[i] == ',') spec.thousands = true, i++;
  if (i < s.size() && s[i] == '.') {
    i++;
    size_t first = i;
    size_t n = read_number(&spec.precision);
    if (n == 0 || (n > 1 && s[first] == '0')) return invalid_spec(spec_obj);
  }
  if (i < s.size()) {
    uint32_t t = s[i++];
    if (t > 127 || !strchr("eEfFgGn%", static_cast<int>(t))) return invalid_spec(spec_obj);
    spec.type = static_cast<char>(t);
  }
  if (i != s.size()) return invalid_spec(spec_obj);
  if (spec.zeropad && fill_given)
    return raise(exc::ValueError, "Fill character conflicts with '0' in format specifier: {}",
                 FmtArg(spec_obj));
  if (spec.zeropad && align_given)
    return raise(exc::ValueError, "Alignment conflicts with '0' in format specifier: {}",
                 FmtArg(spec_obj));
  if (spec.precision == 0 && (spec.type == 0 || strchr("gGn", spec.type))) spec.precision = 1;
  if (spec.type == 'n' && spec.thousands)
    return raise(exc::ValueError,
                 "Explicit thousands separator conflicts with 'n' type in format specifier: {}",
                 FmtArg(spec_obj));
  return spec;
}

using Text = std::u32string;

Text ascii(const std::string& s) { return Text(s.begin(), s.end()); }

// Pads sign + body to the width with the fill, as the alignment says.
Text align(const Text& sign, const Text& body, const DecimalSpec& spec) {
  int64_t pad = spec.width - static_cast<int64_t>(sign.size() + body.size());
  Text padding(pad > 0 ? static_cast<size_t>(pad) : 0, spec.fill);
  switch (spec.align) {
    case '<': return sign + body + padding;
    case '=': return sign + padding + body;
    case '^': {
      size_t half = padding.size() / 2;
      return padding.substr(0, half) + sign + body + padding.substr(half);
    }
    default: return padding + sign + body;
  }
}

// Groups `digits` by three with `sep` (empty: no separators), left-padding with zeros to
// min_width (an extra zero avoids a leading separator).
std::string group_digits(std::string digits, const std::string& sep, int64_t min_width) {
  std::vector<std::string> groups;
  while (true) {
    int64_t len = static_cast<int64_t>(digits.size());
    int64_t l = std::min<int64_t>(std::max({len, min_width, int64_t{1}}), 3);
    std::string group = std::string(static_cast<size_t>(std::max<int64_t>(l - len, 0)), '0') +
                        digits.substr(static_cast<size_t>(std::max<int64_t>(len - l, 0)));
    groups.push_back(group);
    digits.resize(static_cast<size_t>(std::max<int64_t>(len - l, 0)));
    min_width -= l;
    if (digits.empty() && min_width <= 0) break;
    min_width -= static_cast<int64_t>(sep.size());
  }
  std::string out;
  for (size_t k = groups.size(); k-- > 0;) {
    out += groups[k];
    if (k) out += sep;
  }
  return out;
}

// Rescales a finite value to exponent `exp`, rounding with `mode` and ignoring the context's
// precision and limits (decimal's _rescale).
void rescale_to(Dec& v, int64_t exp, Rounding mode) {
  if (v.is_special()) return;
  if (v.coeff.is_zero()) {
    v.exp = exp;
    return;
  }
  if (v.exp >= exp) {
    shift_left(v.coeff, v.exp - exp);
  } else {
    int rnd = shift_right(v.coeff, exp - v.exp);
    if (round_increments(mode, v.sign, v.coeff.get(), rnd))
      mpz_add_ui(v.coeff.get(), v.coeff.get(), 1);
  }
  v.exp = exp;
}

// Rounds a finite value to `places` significant digits (decimal's _round).
void round_significant(Dec& d, int64_t places, Rounding mode) {
  if (d.is_special() || d.coeff.is_zero()) return;
  int64_t adjusted = d.adjexp();
  rescale_to(d, adjusted + 1 - places, mode);
  if (d.adjexp() != adjusted) rescale_to(d, d.adjexp() + 1 - places, mode);
}

}  // namespace

Result<Ref<Object>> decimal_format(Object* self, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  TRY(args_positional_only("__format__", nargs, kwnames, 1, 1));
  if (!is_str(args[0]))
    return raise(exc::TypeError, "__format__() argument 1 must be str, not {}",
                 type_name_of(args[0]));
  DecimalSpec spec = TRY(parse_spec(args[0]));
  Ref<Object> context = TRY(current_context());
  Ctx ctx = context_snapshot(context.get());
  bool capitals = context_capitals(context.get()) != 0;
  Dec d = dec_of(self);
  auto sign_text = [&](bool negative) -> Text {
    if (negative) return U"-";
    if (spec.sign == '+' || spec.sign == ' ') return Text(1, static_cast<char32_t>(spec.sign));
    return Text();
  };
  if (d.is_special()) {
    Dec magnitude = d;
    magnitude.sign = false;
    Text body = ascii(dec_to_string(magnitude, false, true));
    if (spec.type == '%') body += U"%";
    Text out = align(sign_text(d.sign), body, spec);
    return str_from_code_points(reinterpret_cast<const uint32_t*>(out.data()), out.size());
  }
  char type = spec.type;
  if (type == 0) type = capitals ? 'G' : 'g';
  if (type == 'n') type = 'g';
  if (type == '%') d.exp += 2;
  int64_t precision = spec.precision;
  if (precision >= 0) {
    if (type == 'e' || type == 'E') round_significant(d, precision + 1, ctx.round);
    else if (type == 'f' || type == 'F' || type == '%') rescale_to(d, -precision, ctx.round);
    else if ((type == 'g' || type == 'G') && d.digits() > precision)
      round_significant(d, precision, ctx.round);
  }
  if (d.coeff.is_zero() && d.exp > 0 && (type == 'f' || type == 'F' || type == '%'))
    rescale_to(d, 0, ctx.round);
  bool negative = d.sign && !(d.coeff.is_zero() && spec.no_neg_zero);
  std::string digits = mpz_to_decimal_string(d.coeff.get());
  int64_t n = static_cast<int64_t>(digits.size());
  int64_t left = d.exp + n;
  int64_t dot;
  if (type == 'e' || type == 'E') dot = (d.coeff.is_zero() && precision >= 0) ? 1 - precision : 1;
  else if (type == 'f' || type == 'F' || type == '%') dot = left;
  else dot = (d.exp <= 0 && left > -6) ? left : 1;
  std::string int_part, frac_part;
  if (dot < 0) {
    int_part = "0";
    frac_part = std::string(static_cast<size_t>(-dot), '0') + digits;
  } else if (dot > n) {
    int_part = digits + std::string(static_cast<size_t>(dot - n), '0');
  } else {
    int_part = dot == 0 ? "0" : digits.substr(0, static_cast<size_t>(dot));
    frac_part = digits.substr(static_cast<size_t>(dot));
  }
  int64_t exp = left - dot;
  Text sign = sign_text(negative);
  std::string tail;
  if (!frac_part.empty() || spec.alternate) tail = "." + frac_part;
  if (exp != 0 || type == 'e' || type == 'E') {
    tail += (type == 'E' || type == 'G') ? 'E' : 'e';
    tail += exp >= 0 ? "+" + std::to_string(exp) : std::to_string(exp);
  }
  if (type == '%') tail += '%';
  int64_t min_width =
      spec.zeropad ? spec.width - static_cast<int64_t>(tail.size() + sign.size()) : 0;
  std::string grouped = group_digits(int_part, spec.thousands ? "," : "", min_width);
  Text out = align(sign, ascii(grouped + tail), spec);
  return str_from_code_points(reinterpret_cast<const uint32_t*>(out.data()), out.size());
}

}  // namespace weft::decimal
