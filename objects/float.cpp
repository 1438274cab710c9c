// objects/float.cpp — the float type: construction, parsing, repr, hashing, comparison with
// floats and (exactly) with ints, and the arithmetic slots.
//
// repr is the shortest string that round-trips (std::to_chars), laid out as CPython's
// float_repr_style 'short': positional notation when the decimal exponent is in [-4, 16),
// scientific otherwise ("1e+16", "1e-05"), and ".0" added to integral values.
// Parsing accepts what float() accepts: surrounding whitespace, a sign, single underscores
// between digits, "inf"/"infinity"/"nan" in any case; the number itself is converted by
// std::from_chars (correctly rounded).
//
// Mixed float/int operands: the slots accept an int on either side (converted with
// int_as_double, OverflowError for huge ints); comparisons with ints are exact (GMP's
// mpz_cmp_d), never through a lossy conversion.
//
// Floats are immutable: no locking.
#include "objects/float.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float_internal.h"
#include "objects/int.h"
#include "objects/int_float_freelist.h"
#include "objects/int_internal.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/unicode_props.h"

namespace weft {

Type FloatType;

Result<Ref<Object>> float_from_double(double v) {
  // Exact floats come from the per-thread block cache (objects/int_float_freelist.h).
  auto* f = static_cast<FloatObject*>(take_number_block());
  if (!f) [[unlikely]] return raise_no_memory();
  init_object_header(f, &FloatType);
  f->value = v;
  return Ref<Object>::steal(f);
}

// Exact floats give their block back to the per-thread cache; subclass instances (basicsize
// may differ) and objects that need a QSBR grace period are freed normally.
static void float_dealloc(Object* o) {
  if (is_float_exact(o) && recycle_number_block(o)) return;
  free_object(o);
}

Result<Ref<Object>> float_new_of_type(Type* type, double v) {
  if (type == &FloatType) return float_from_double(v);
  Ref<FloatObject> f =
      TRY(new_object<FloatObject>(type, static_cast<size_t>(type->basicsize)));
  f->value = v;
  return Ref<Object>(std::move(f));
}

// --- text ---------------------------------------------------------------------------------------

void shortest_digits(double v, std::string* digits, int* decpt) {
  // v is finite and non-negative. to_chars(scientific) gives "d.dddde±XX", shortest round-trip.
  char buf[40];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  digits->clear();
  const char* p = buf;
  for (; p < end && *p != 'e'; ++p) {
    if (*p != '.') digits->push_back(*p);
  }
  // to_chars does not NUL-terminate: parse the exponent within [p + 1, end) only.
  int exponent = 0;
  const char* e = p + 1;
  if (e < end && *e == '+') ++e;
  std::from_chars(e, end, exponent);
  while (digits->size() > 1 && digits->back() == '0') digits->pop_back();
  *decpt = exponent + 1;
  if (*digits == "0") *decpt = 1;
}

std::string float_repr_string(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::string out = std::signbit(v) ? "-" : "";
  std::string digits;
  int decpt;
  shortest_digits(std::fabs(v), &digits, &decpt);
  const int n = static_cast<int>(digits.size());
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out += "0.";
      out.append(static_cast<size_t>(-decpt), '0');
      out += digits;
    } else if (decpt >= n) {
      out += digits;
      out.append(static_cast<size_t>(decpt - n), '0');
      out += ".0";
    } else {
      out.append(digits, 0, static_cast<size_t>(decpt));
      out += '.';
      out.append(digits, static_cast<size_t>(decpt), std::string::npos);
    }
    return out;
  }
  out += digits[0];
  if (n > 1) {
    out += '.';
    out.append(digits, 1, std::string::npos);
  }
  int exponent = decpt - 1;
  char exp_buf[16];
  std::snprintf(exp_buf, sizeof exp_buf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
  out += exp_buf;
  return out;
}

static Result<Ref<Object>> float_repr(Object* o) {
  return str_from_ascii(float_repr_string(float_value(o)));
}

namespace {

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if ((a[i] | 0x20) != b[i]) return false;
  }
  return true;
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// Parses ASCII text as float() does; false when it is not a valid float literal.
bool parse_float_ascii(std::string_view s, double* out) {
  size_t i = 0, n = s.size();
  while (i < n && is_ascii_space(s[i])) ++i;
  while (n > i && is_ascii_space(s[n - 1])) --n;
  s = s.substr(i, n - i);
  bool negative = false;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (ascii_iequals(body, "inf") || ascii_iequals(body, "infinity")) {
    *out = negative ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  if (ascii_iequals(body, "nan")) {
    *out = negative ? -NAN : NAN;
    return true;
  }
  // Remove underscores, each of which must sit between two digits.
  std::string clean;
  clean.reserve(body.size());
  for (size_t k = 0; k < body.size(); ++k) {
    char c = body[k];
    if (c == '_') {
      if (k == 0 || k + 1 >= body.size() || !is_digit(body[k - 1]) || !is_digit(body[k + 1])) {
        return false;
      }
      continue;
    }
    if (!(is_digit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) return false;
    clean.push_back(c);
  }
  if (clean.empty() || clean[0] == '+' || clean[0] == '-') return false;
  double v = 0;
  auto [ptr, ec] =
      std::from_chars(clean.data(), clean.data() + clean.size(), v, std::chars_format::general);
  if (ptr != clean.data() + clean.size()) return false;
  if (ec == std::errc::result_out_of_range) {
    v = std::strtod(clean.c_str(), nullptr);  // inf or a correctly rounded tiny value/zero
  } else if (ec != std::errc()) {
    return false;
  }
  *out = negative ? -v : v;
  return true;
}

static Error raise_bad_float_text(Object* text) {
  return raise(exc::ValueError, "could not convert string to float: {}", fmt_repr(text));
}

Result<Ref<Object>> float_from_string(std::string_view s) {
  double v;
  if (parse_float_ascii(s, &v)) return float_from_double(v);
  Ref<Object> text = TRY(str_from_utf8(s));
  return raise_bad_float_text(text.get());
}

Result<Ref<Object>> float_from_text_object(Object* x) {
  double v;
  if (is_bytes(x)) {
    if (parse_float_ascii(bytes_view(x), &v)) return float_from_double(v);
    return raise_bad_float_text(x);
  }
  if (parse_float_ascii(numeric_text_ascii(x), &v)) return float_from_double(v);
  return raise_bad_float_text(x);
}

std::string numeric_text_ascii(Object* s) {
  int64_t n = str_length(s);
  std::string ascii;
  ascii.reserve(static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k) {
    uint32_t c = str_char_at(s, k);
    if (c < 128) {
      ascii.push_back(static_cast<char>(c));
    } else if (unicode::is_space(c)) {
      ascii.push_back(' ');
    } else {
      int d = unicode::decimal_value(c);
      ascii.push_back(d >= 0 ? static_cast<char>('0' + d) : '?');
    }
  }
  return ascii;
}

// --- hash and comparison ------------------------------------------------------------------------

int64_t float_hash(double v) {
  // CPython's _Py_HashDouble: the hash of the exact rational value modulo 2**61 - 1, so that
  // hash(n) == hash(float(n)) for integral values.
  constexpr int kBits = 61;
  constexpr uint64_t kModulus = (uint64_t{1} << kBits) - 1;
  if (std::isinf(v)) return v > 0 ? 314159 : -314159;
  if (std::isnan(v)) return 0;
  int e;
  double m = std::frexp(v, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  uint64_t x = 0;
  while (m != 0) {
    x = ((x << 28) & kModulus) | x >> (kBits - 28);
    m *= 268435456.0;  // 2**28
    e -= 28;
    uint64_t y = static_cast<uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= kModulus) x -= kModulus;
  }
  e = e >= 0 ? e % kBits : kBits - 1 - ((-1 - e) % kBits);
  x = ((x << e) & kModulus) | x >> (kBits - e);
  int64_t h = static_cast<int64_t>(x) * sign;
  return h == -1 ? -2 : h;
}

static Result<int64_t> float_hash_slot(Object* o) {
  double v = float_value(o);
  if (std::isnan(v)) {
    // CPython hashes NaN by identity (Py_HashPointer: the address rotated by 4 bits).
    uintptr_t p = reinterpret_cast<uintptr_t>(o);
    int64_t h = static_cast<int64_t>((p >> 4) | (p << (8 * sizeof(p) - 4)));
    return h == -1 ? -2 : h;
  }
  return float_hash(v);
}

int float_compare_with_int(double v, Object* i) {
  int64_t small;
  if (int_to_i64(i, &small) && small > -(int64_t{1} << 53) && small < (int64_t{1} << 53)) {
    double d = static_cast<double>(small);
    return (v > d) - (v < d);
  }
  MpzView z(i);
  int c = mpz_cmp_d(z.get(), v);  // exact, handles infinities
  return (c < 0) - (c > 0);
}

Result<bool> float_operand(Object* o, double* out) {
  if (is_float(o)) {
    *out = float_value(o);
    return true;
  }
  if (is_int(o)) {
    *out = TRY(int_as_double(o));
    return true;
  }
  return false;
}

static Result<Ref<Object>> float_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_float(a)) return new_ref(not_implemented());
  double x = float_value(a);
  if (is_float(b)) {
    double y = float_value(b);
    switch (op) {
      case CompareOp::Lt: return new_bool(x < y);
      case CompareOp::Le: return new_bool(x <= y);
      case CompareOp::Eq: return new_bool(x == y);
      case CompareOp::Ne: return new_bool(x != y);
      case CompareOp::Gt: return new_bool(x > y);
      case CompareOp::Ge: return new_bool(x >= y);
    }
  }
  if (!is_int(b)) return new_ref(not_implemented());
  if (std::isnan(x)) return new_bool(op == CompareOp::Ne);
  return new_bool(compare_holds(float_compare_with_int(x, b), op));
}

// --- arithmetic ---------------------------------------------------------------------------------

// Converts both operands or answers NotImplemented (the macro returns from the slot).
#define WEFT_FLOAT_OPERANDS(a, b, x, y)                                  \
  double x, y;                                                           \
  if (!TRY(float_operand(a, &x)) || !TRY(float_operand(b, &y))) {        \
    return new_ref(not_implemented());                                   \
  }

static Error raise_float_division_by_zero() {
  return raise(exc::ZeroDivisionError, "division by zero");
}

static Result<Ref<Object>> float_add(Object* a, Object* b) {
  WEFT_FLOAT_OPERANDS(a, b, x, y);
  return float_from_double(x + y);
}
static Result<Ref<Object>> float_subtract(Object* a, Object* b) {
  WEFT_FLOAT_OPERANDS(a, b, x, y);
  return float_from_double(x - y);
}
static Result<Ref<Object>> float_multiply(Object* a, Object* b) {
  WEFT_FLOAT_OPERANDS(a, b, x, y);
  return float_from_double(x * y);
}
static Result<Ref<Object>> float_true_divide(Object* a, Object* b) {
  WEFT_FLOAT_OPERANDS(a, b, x, y);
  if (y == 0.0) return raise_float_division_by_zero();
  return float_from_double(x / y);
}

// Python's floor division and modulo for doubles (y != 0), CPython's _float_div_mod.
static void float_div_mod(double x, double y, double* floordiv, double* mod) {
  double m = std::fmod(x, y);
  double div = (x - m) / y;
  if (m != 0.0) {
    if ((y < 0) != (m < 0)) {
      m += y;
      div -= 1.0;
    }
  } else {
    m = std::copysign(0.0, y);
  }
  double fd;
  if (div != 0.0) {
    fd = std::floor(div);
    if (div - fd > 0.5) fd += 1.0;
  } else {
    fd = std::copysign(0.0, x / y);
  }
  *floordiv = fd;
  *mod = m;
}

static Result<Ref<Object>> float_floor_divide(Object* a, Object* b) {
  WEFT_FLOAT_OPERANDS(a, b, x, y);
  if (y == 0.0) return raise_float_division_by_zero();
  double q, r;
  float_div_mod(x, y, &q, &r);
  return float_from_double(q);
}

static Result<Ref<Object>> float_remainder(Object* a, Object* b) {
  WEFT_FLOAT_OPERANDS(a, b, x, y);
  if (y == 0.0) return raise_float_division_by_zero();
  double m = std::fmod(x, y);
  if (m != 0.0) {
    if ((y < 0) != (m < 0)) m += y;
  } else {
    m = std::copysign(0.0, y);
  }
  return float_from_double(m);
}

static Result<Ref<Object>> float_divmod(Object* a, Object* b) {
  WEFT_FLOAT_OPERANDS(a, b, x, y);
  if (y == 0.0) return raise_float_division_by_zero();
  double q, r;
  float_div_mod(x, y, &q, &r);
  Ref<Object> qo = TRY(float_from_double(q));
  Ref<Object> ro = TRY(float_from_double(r));
  return tuple_pack({qo.get(), ro.get()});
}

static bool is_odd_integer(double w) { return std::fmod(std::fabs(w), 2.0) == 1.0; }

Result<Ref<Object>> float_power(Object* a, Object* b, Object* mod) {
  if (mod != nullptr && !is_none(mod)) {
    return raise(exc::TypeError,
                 "pow() 3rd argument not allowed unless all arguments are integers");
  }
  WEFT_FLOAT_OPERANDS(a, b, iv, iw);
  // The special cases follow C99 Annex F / CPython's float_pow.
  if (iw == 0) return float_from_double(1.0);
  if (std::isnan(iv)) return float_from_double(iv);
  if (std::isnan(iw)) return float_from_double(iv == 1.0 ? 1.0 : iw);
  if (std::isinf(iw)) {
    double av = std::fabs(iv);
    if (av == 1.0) return float_from_double(1.0);
    if ((iw > 0) == (av > 1.0)) return float_from_double(std::fabs(iw));
    return float_from_double(0.0);
  }
  if (std::isinf(iv)) {
    bool odd = is_odd_integer(iw);
    if (iw > 0) return float_from_double(odd ? iv : std::fabs(iv));
    return float_from_double(odd ? std::copysign(0.0, iv) : 0.0);
  }
  if (iv == 0.0) {
    bool odd = is_odd_integer(iw);
    if (iw < 0) return raise(exc::ZeroDivisionError, "zero to a negative power");
    return float_from_double(odd ? iv : 0.0);
  }
  bool negate = false;
  if (iv < 0.0) {
    if (iw != std::floor(iw)) {
      // A negative base to a fractional power is complex: complex's pow does it.
      return complex_power_from_floats(iv, iw);
    }
    iv = -iv;
    negate = is_odd_integer(iw);
  }
  if (iv == 1.0) return float_from_double(negate ? -1.0 : 1.0);
  errno = 0;
  double ix = std::pow(iv, iw);
  if (negate) ix = -ix;
  if (std::isinf(ix)) {
    return raise(exc::OverflowError, "(34, 'Numerical result out of range')");
  }
  return float_from_double(ix);
}

static Result<Ref<Object>> float_negative(Object* o) { return float_from_double(-float_value(o)); }
static Result<Ref<Object>> float_positive(Object* o) {
  if (is_float_exact(o)) return Ref<Object>::borrow(o);
  return float_from_double(float_value(o));
}
static Result<Ref<Object>> float_absolute(Object* o) {
  return float_from_double(std::fabs(float_value(o)));
}
static Result<bool> float_bool(Object* o) { return float_value(o) != 0.0; }
static Result<Ref<Object>> float_int(Object* o) { return int_from_double(float_value(o)); }

// --- float.__new__ ------------------------------------------------------------------------------

static Result<Ref<Object>> float_new(Type* type, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  if (type == &FloatType) TRY(args_no_keywords("float", kwnames));
  TRY(args_check_positional("float", nargs, 0, 1));
  if (nargs == 0) return float_new_of_type(type, 0.0);
  Ref<Object> value = TRY(number_float(args[0]));
  if (type == &FloatType) return value;
  return float_new_of_type(type, float_value(value.get()));
}

// --- the type -----------------------------------------------------------------------------------

static Status fill_float_type() {
  Type& t = FloatType;
  t.name = "float";
  t.doc = "Convert a string or number to a floating-point number, if possible.";
  t.basicsize = sizeof(FloatObject);
  t.dealloc = float_dealloc;
  t.flags = kTypeBaseType | kTypeImmutable;
  t.repr = float_repr;
  t.hash = float_hash_slot;
  t.richcompare = float_richcompare;
  t.new_ = float_new;
  NumberMethods& n = t.number;
  n.add = float_add;
  n.subtract = float_subtract;
  n.multiply = float_multiply;
  n.remainder = float_remainder;
  n.divmod = float_divmod;
  n.power = float_power;
  n.negative = float_negative;
  n.positive = float_positive;
  n.absolute = float_absolute;
  n.boolean = float_bool;
  n.int_ = float_int;
  n.float_ = float_positive;
  n.floor_divide = float_floor_divide;
  n.true_divide = float_true_divide;
  t.methods = kFloatMethods;
  t.getsets = kFloatGetSets;
  return ok();
}

static Status ready_float_type() { return type_ready(&FloatType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_float_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_float_type);

Result<double> float_as_double(Object* o) {
  if (is_float(o)) return float_value(o);
  if (is_int_exact(o)) return int_as_double(o);  // a subclass may override __float__
  if (o->ob_type->number.float_) {
    Ref<Object> f = TRY(number_float(o));
    return float_value(f.get());
  }
  if (o->ob_type->number.index) {
    Ref<Object> i = TRY(number_index(o));
    return int_as_double(i.get());
  }
  return raise(exc::TypeError, "must be real number, not {}", type_name_of(o));
}

}  // namespace weft
