// stdlib/_decimal/decimal_type.cpp — the decimal.Decimal type: construction from str, int,
// float, tuples and Decimals (CPython's rules: exact, FloatOperation for floats, ConversionSyntax
// through the context), conversions to str/int/float/complex, hashing equal to the numeric hash
// of equal ints/floats/Fractions, rich comparison with Decimals, ints, floats, complex and
// Rationals, and the arithmetic operator slots (rounded under the current context).
//
// A Decimal's value is immutable, so instances are shared by threads without locking; each
// operation snapshots the current context (decimal_context.h) and reports its status there.
#include "stdlib/_decimal/decimal_type.h"

#include <cmath>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/complex.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/unicode_props.h"
#include "stdlib/_decimal/decimal_context.h"
#include "vm/import.h"

namespace weft::decimal {

Type DecimalType;

Result<Ref<Object>> make_decimal(Dec value, Type* type) {
  Ref<DecimalObject> d =
      TRY(new_object<DecimalObject>(type, static_cast<size_t>(type->basicsize)));
  new (&d->value) Dec(std::move(value));
  return Ref<Object>(std::move(d));
}

namespace {

void decimal_dealloc(Object* self) {
  static_cast<DecimalObject*>(self)->value.~Dec();
  free_object(self);
}

}  // namespace

// ---- exact conversions -----------------------------------------------------------------------

Dec dec_from_int_object(Object* o) {
  Dec d;
  int_to_mpz(o, d.coeff.get());
  d.sign = mpz_sgn(d.coeff.get()) < 0;
  mpz_abs(d.coeff.get(), d.coeff.get());
  return d;
}

Dec dec_from_double(double v) {
  Dec d;
  d.sign = std::signbit(v);
  if (std::isnan(v)) {
    d.kind = Kind::QNaN;
    return d;
  }
  if (std::isinf(v)) {
    d.kind = Kind::Inf;
    return d;
  }
  v = std::fabs(v);
  if (v == 0) return d;
  // v = m * 2**e with m an integer; 2**-k = 5**k * 10**-k.
  int e;
  double frac = std::frexp(v, &e);
  uint64_t m = static_cast<uint64_t>(std::ldexp(frac, 53));
  e -= 53;
  while (!(m & 1)) {
    m >>= 1;
    e++;
  }
  mpz_import(d.coeff.get(), 1, 1, sizeof(m), 0, 0, &m);
  if (e >= 0) {
    mpz_mul_2exp(d.coeff.get(), d.coeff.get(), static_cast<unsigned long>(e));
  } else {
    Mpz five;
    mpz_ui_pow_ui(five.get(), 5, static_cast<unsigned long>(-e));
    mpz_mul(d.coeff.get(), d.coeff.get(), five.get());
    d.exp = e;
  }
  return d;
}

namespace {

// A parsed value must be representable exactly in the largest context, else the conversion is
// an InvalidOperation (CPython's PyDecType_FromCStringExact rule: '1e9999999999999999999').
Result<Dec> exact_or_invalid(Dec d, Object* context) {
  if (d.is_special()) return d;
  uint32_t status = 0;
  finalize(d, max_context(), status);
  if (!(status & (kInexact | kRounded | kClamped))) return d;
  TRY(context_apply_status(context, kInvalidOperation));
  return dec_nan_invalid();
}

}  // namespace

Result<Dec> dec_from_str_object(Object* s, Object* context) {
  // Strip Unicode whitespace, map Unicode decimal digits to ASCII (anything else non-ASCII is a
  // syntax error) and drop every underscore, as CPython's _decimal does ('1__0' is 10).
  int64_t n = str_length(s);
  int64_t begin = 0, end = n;
  while (begin < end && unicode::is_space(str_char_at(s, begin))) begin++;
  while (end > begin && unicode::is_space(str_char_at(s, end - 1))) end--;
  std::string text;
  bool bad = false;
  for (int64_t i = begin; i < end; i++) {
    uint32_t cp = str_char_at(s, i);
    if (cp == '_') continue;
    if (cp < 128) {
      if (unicode::is_space(cp)) bad = true;
      text.push_back(static_cast<char>(cp));
      continue;
    }
    int digit = unicode::decimal_value(cp);
    if (digit < 0) bad = true;
    text.push_back(static_cast<char>('0' + (digit < 0 ? 0 : digit)));
  }
  Dec d;
  if (!bad && dec_parse(text, d)) {
    if (d.is_nan()) {
      Ctx c = context_snapshot(context);
      if (mpz_digits(d.coeff.get()) > c.prec - (c.clamp ? 1 : 0) && !d.coeff.is_zero()) bad = true;
    }
    if (!bad) return exact_or_invalid(std::move(d), context);
  }
  TRY(context_apply_status(context, kConversionSyntax));
  return dec_nan_invalid();
}

Result<const Dec*> convert_operand(Object* o, Dec& storage, Convert mode) {
  if (is_decimal(o)) return &dec_of(o);
  if (is_int(o)) {
    storage = dec_from_int_object(o);
    return &storage;
  }
  if (mode == Convert::NotImplemented) return static_cast<const Dec*>(nullptr);
  return raise(exc::TypeError, "conversion from {} to Decimal is not supported",
               type_name_of(o));
}

Result<Ref<Object>> decimal_result(Dec value, Object* context, uint32_t status) {
  TRY(context_apply_status(context, status));
  return make_decimal(std::move(value));
}

Result<Ref<Object>> dec_to_int(const Dec& d, Rounding mode) {
  if (d.is_nan()) return raise(exc::ValueError, "cannot convert NaN to integer");
  if (d.is_inf()) return raise(exc::OverflowError, "cannot convert Infinity to integer");
  Dec r;
  uint32_t ignored = 0;
  dec_to_integral(r, d, mode, false, ignored);
  shift_left(r.coeff, r.exp);
  mpz_t z;
  mpz_init_set(z, r.coeff.get());
  if (r.sign) mpz_neg(z, z);
  Result<Ref<Object>> out = int_from_mpz_take(z);
  mpz_clear(z);
  return out;
}

namespace {

// ---- construction ---------------------------------------------------------------------------

Result<Dec> dec_from_tuple(Object* t) {
  Ref<Object> tuple = is_tuple(t) ? new_ref(t) : TRY(list_as_tuple(t));
  if (tuple_size(tuple.get()) != 3)
    return raise(exc::ValueError, "argument must be a sequence of length 3");
  Object* sign = tuple_item(tuple.get(), 0);
  Object* digits = tuple_item(tuple.get(), 1);
  Object* exp = tuple_item(tuple.get(), 2);
  int64_t sign_value = -1;
  if (is_int(sign)) int_to_i64(sign, &sign_value);
  if (sign_value != 0 && sign_value != 1)
    return raise(exc::ValueError, "sign must be an integer with the value 0 or 1");
  Dec d;
  d.sign = sign_value == 1;
  if (is_str(exp)) {
    if (str_equal_ascii(exp, "F")) d.kind = Kind::Inf;
    else if (str_equal_ascii(exp, "n")) d.kind = Kind::QNaN;
    else if (str_equal_ascii(exp, "N")) d.kind = Kind::SNaN;
    else return raise(exc::ValueError, "string argument in the third position must be 'F', 'n' or 'N'");
  } else if (is_int(exp)) {
    int64_t e;
    if (!int_to_i64(exp, &e) || e > kMaxEmax * 2 || e < kMinEtiny * 2)
      return raise(exc::ValueError, "exponent must be an integer");
    d.exp = e;
  } else {
    return raise(exc::ValueError, "exponent must be an integer");
  }
  Ref<Object> digit_tuple;
  if (is_tuple(digits)) digit_tuple = new_ref(digits);
  else if (is_list(digits)) digit_tuple = TRY(list_as_tuple(digits));
  else return raise(exc::ValueError, "coefficient must be a tuple of digits");
  std::string text;
  for (int64_t i = 0; i < tuple_size(digit_tuple.get()); i++) {
    Object* item = tuple_item(digit_tuple.get(), i);
    int64_t v = -1;
    if (is_int(item)) int_to_i64(item, &v);
    if (v < 0 || v > 9) return raise(exc::ValueError, "coefficient must be a tuple of digits");
    text.push_back(static_cast<char>('0' + v));
  }
  if (d.kind == Kind::Inf) return d;
  if (!text.empty()) mpz_set_str(d.coeff.get(), text.c_str(), 10);
  if (d.is_nan()) d.exp = 0;
  return d;
}

}  // namespace

Result<Dec> dec_from_value(Object* v, Object* context) {
  if (is_decimal(v)) return dec_of(v);
  if (is_str(v)) return dec_from_str_object(v, context);
  if (is_int(v)) return dec_from_int_object(v);
  if (is_tuple(v) || is_list(v)) {
    Dec d = TRY(dec_from_tuple(v));
    return exact_or_invalid(std::move(d), context);
  }
  if (is_float(v)) {
    TRY(context_apply_status(context, kFloatOperation));
    return dec_from_double(float_value(v));
  }
  return raise(exc::TypeError, "conversion from {} to Decimal is not supported",
               type_name_of(v));
}

namespace {

Result<Ref<Object>> decimal_type_new(Type* type, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  static const ArgParser kParser("Decimal", "| value context");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  if (a[0] && type == &DecimalType && a[0]->ob_type == &DecimalType) return new_ref(a[0]);
  Ref<Object> context = TRY(context_argument(a[1]));
  if (!a[0]) return make_decimal(Dec(), type);
  Dec d = TRY(dec_from_value(a[0], context.get()));
  return make_decimal(std::move(d), type);
}

// ---- conversions -----------------------------------------------------------------------------

Result<Ref<Object>> decimal_str(Object* self) {
  Ref<Object> ctx = TRY(current_context());
  return str_from_ascii(dec_to_string(dec_of(self), false, context_capitals(ctx.get()) != 0));
}

Result<Ref<Object>> decimal_repr(Object* self) {
  Ref<Object> ctx = TRY(current_context());
  std::string text = dec_to_string(dec_of(self), false, context_capitals(ctx.get()) != 0);
  return str_from_ascii("Decimal('" + text + "')");
}

Result<Ref<Object>> decimal_int(Object* self) { return dec_to_int(dec_of(self), Rounding::Down); }

Result<Ref<Object>> decimal_float(Object* self) {
  const Dec& d = dec_of(self);
  if (d.kind == Kind::SNaN) return raise(exc::ValueError, "cannot convert signaling NaN to float");
  if (d.is_nan()) return float_from_double(d.sign ? -NAN : NAN);
  return float_from_string(dec_to_string(d, false, true));
}

Result<bool> decimal_bool(Object* self) {
  const Dec& d = dec_of(self);
  return d.is_special() || !d.coeff.is_zero();
}

// CPython's numeric hash: the value modulo 2**61 - 1, so equal ints, floats, Fractions and
// Decimals hash alike.
Result<int64_t> decimal_hash(Object* self) {
  const Dec& d = dec_of(self);
  if (d.kind == Kind::SNaN) return raise(exc::TypeError, "Cannot hash a signaling NaN value");
  if (d.is_nan()) {
    uintptr_t p = reinterpret_cast<uintptr_t>(self);
    int64_t h = static_cast<int64_t>((p >> 4) | (p << (8 * sizeof(p) - 4)));
    return h == -1 ? -2 : h;
  }
  if (d.is_inf()) return d.sign ? -314159 : 314159;
  const unsigned long kModulus = (1ul << 61) - 1;
  Mpz modulus(kModulus), factor, h;
  if (d.exp >= 0) {
    Mpz ten(10), e(static_cast<unsigned long>(d.exp));
    mpz_powm(factor.get(), ten.get(), e.get(), modulus.get());
  } else {
    // 10**-1 modulo the prime is 10**(M-2).
    Mpz inverse, ten(10), m2(kModulus - 2), e(static_cast<unsigned long>(-d.exp));
    mpz_powm(inverse.get(), ten.get(), m2.get(), modulus.get());
    mpz_powm(factor.get(), inverse.get(), e.get(), modulus.get());
  }
  mpz_mul(h.get(), d.coeff.get(), factor.get());
  mpz_mod(h.get(), h.get(), modulus.get());
  int64_t v = static_cast<int64_t>(mpz_get_ui(h.get()));
  if (d.sign) v = -v;
  return v == -1 ? -2 : v;
}

// ---- comparison --------------------------------------------------------------------------------

std::atomic<Object*> g_rational{nullptr};  // numbers.Rational, imported on first need

Result<bool> is_rational(Object* o) {
  Object* rational = g_rational.load(std::memory_order_acquire);
  if (!rational) {
    Ref<Object> name = TRY(str_from_ascii("numbers"));
    Ref<Object> numbers = TRY(vm::import_module(name.get()));
    Ref<Object> found = TRY(get_attr(numbers.get(), "Rational"));
    // Threads racing here all found the same class; one reference is kept.
    Object* expected = nullptr;
    if (g_rational.compare_exchange_strong(expected, found.get(), std::memory_order_acq_rel))
      static_cast<void>(found.release());  // now owned by g_rational
    rational = g_rational.load(std::memory_order_acquire);
  }
  return is_instance(o, rational);
}

// The operands of a comparison: *pa and *pb point at self's value (or `a`, a scaled copy) and
// at other's (or `b`, converted); false when `other` is not comparable (NotImplemented).
Result<bool> comparison_operands(Object* self, Object* other, CompareOp op, Object* context,
                                 Dec& a, Dec& b, const Dec** pa, const Dec** pb) {
  *pa = &dec_of(self);
  *pb = &b;
  if (const Dec* converted = TRY(convert_operand(other, b, Convert::NotImplemented))) {
    *pb = converted;
    return true;
  }
  if (is_float(other)) {
    if (op != CompareOp::Eq && op != CompareOp::Ne)
      TRY(context_apply_status(context, kFloatOperation));
    else
      static_cast<ContextObject*>(context)->flags.fetch_or(kFloatOperation);
    b = dec_from_double(float_value(other));
    return true;
  }
  if (is_complex(other) && (op == CompareOp::Eq || op == CompareOp::Ne)) {
    if (static_cast<ComplexObject*>(other)->imag != 0.0) return false;
    static_cast<ContextObject*>(context)->flags.fetch_or(kFloatOperation);
    b = dec_from_double(static_cast<ComplexObject*>(other)->real);
    return true;
  }
  if (TRY(is_rational(other))) {
    // Compare self * denominator with the numerator.
    Ref<Object> num = TRY(get_attr(other, "numerator"));
    Ref<Object> den = TRY(get_attr(other, "denominator"));
    if (!is_int(num.get()) || !is_int(den.get())) return false;
    b = dec_from_int_object(num.get());
    a = dec_of(self);
    *pa = &a;
    if (!a.is_special()) {
      Dec scale = dec_from_int_object(den.get());
      mpz_mul(a.coeff.get(), a.coeff.get(), scale.coeff.get());
    }
    return true;
  }
  return false;
}

Result<Ref<Object>> decimal_richcompare(Object* self, Object* other, CompareOp op) {
  Ref<Object> context = TRY(current_context());
  Dec a_storage, b_storage;
  const Dec* pa;
  const Dec* pb;
  if (!TRY(comparison_operands(self, other, op, context.get(), a_storage, b_storage, &pa, &pb)))
    return Ref<Object>::borrow(not_implemented());
  const Dec& a = *pa;
  const Dec& b = *pb;
  if (a.is_nan() || b.is_nan()) {
    bool signaling = a.kind == Kind::SNaN || b.kind == Kind::SNaN;
    if (signaling || (op != CompareOp::Eq && op != CompareOp::Ne))
      TRY(context_apply_status(context.get(), kInvalidOperation));
    return new_bool(op == CompareOp::Ne);
  }
  return new_bool(compare_holds(dec_cmp(a, b), op));
}

// ---- arithmetic slots ---------------------------------------------------------------------------

using BinaryDecOp = void (*)(Dec&, const Dec&, const Dec&, const Ctx&, uint32_t&);

// The operands of a binary operator, pointing into the Decimals (ints converted into the
// storage); false when either is neither Decimal nor int (the slot returns NotImplemented).
struct Operands {
  Dec x_storage, y_storage;
  const Dec* x = nullptr;
  const Dec* y = nullptr;
};

Result<bool> binary_operands(Object* a, Object* b, Operands& ops) {
  ops.x = TRY(convert_operand(a, ops.x_storage, Convert::NotImplemented));
  if (!ops.x) return false;
  ops.y = TRY(convert_operand(b, ops.y_storage, Convert::NotImplemented));
  return ops.y != nullptr;
}
using UnaryDecOp = void (*)(Dec&, const Dec&, const Ctx&, uint32_t&);

// Runs a binary operator under the current context: `op(results, x, y, ctx, status)` fills
// kResults Decs (one, or a pair returned as a tuple); NotImplemented for operands other than
// Decimal and int.
template <int kResults, typename Op>
Result<Ref<Object>> run_operator(Object* a, Object* b, Op op) {
  Operands ops;
  if (!TRY(binary_operands(a, b, ops))) return Ref<Object>::borrow(not_implemented());
  Ref<Object> context = TRY(current_context());
  uint32_t status = 0;
  Dec results[kResults];
  op(results, *ops.x, *ops.y, context_snapshot(context.get()), status);
  if constexpr (kResults == 1) {
    return decimal_result(std::move(results[0]), context.get(), status);
  } else {
    TRY(context_apply_status(context.get(), status));
    Ref<Object> first = TRY(make_decimal(std::move(results[0])));
    Ref<Object> second = TRY(make_decimal(std::move(results[1])));
    return tuple_pack({first.get(), second.get()});
  }
}

template <BinaryDecOp Op>
Result<Ref<Object>> binary_slot(Object* a, Object* b) {
  return run_operator<1>(a, b, [](Dec* r, const Dec& x, const Dec& y, const Ctx& c,
                                  uint32_t& s) { Op(r[0], x, y, c, s); });
}

template <UnaryDecOp Op>
Result<Ref<Object>> unary_slot(Object* a) {
  Ref<Object> context = TRY(current_context());
  uint32_t status = 0;
  Dec r;
  Op(r, dec_of(a), context_snapshot(context.get()), status);
  return decimal_result(std::move(r), context.get(), status);
}

Result<Ref<Object>> decimal_divmod(Object* a, Object* b) {
  return run_operator<2>(a, b, [](Dec* r, const Dec& x, const Dec& y, const Ctx& c,
                                  uint32_t& s) { dec_divmod(r[0], r[1], x, y, c, s); });
}

// pow(a, b) and pow(a, b, modulo) (all three integral).
Result<Ref<Object>> decimal_power(Object* a, Object* b, Object* mod) {
  if (!mod || is_none(mod)) return binary_slot<dec_power>(a, b);
  Dec storage;
  const Dec* m = TRY(convert_operand(mod, storage, Convert::NotImplemented));
  if (!m) return Ref<Object>::borrow(not_implemented());
  return run_operator<1>(a, b, [m](Dec* r, const Dec& x, const Dec& y, const Ctx& c,
                                   uint32_t& s) { dec_powmod(r[0], x, y, *m, c, s); });
}

}  // namespace

Status fill_decimal_slots(Type& t) {
  t.new_ = decimal_type_new;
  t.dealloc = decimal_dealloc;
  t.repr = decimal_repr;
  t.str = decimal_str;
  t.hash = decimal_hash;
  t.richcompare = decimal_richcompare;
  NumberMethods& n = t.number;
  n.add = binary_slot<dec_add>;
  n.subtract = binary_slot<dec_sub>;
  n.multiply = binary_slot<dec_mul>;
  n.true_divide = binary_slot<dec_div>;
  n.floor_divide = binary_slot<dec_divint>;
  n.remainder = binary_slot<dec_rem>;
  n.divmod = decimal_divmod;
  n.power = decimal_power;
  n.negative = unary_slot<dec_minus>;
  n.positive = unary_slot<dec_plus>;
  n.absolute = unary_slot<dec_abs>;
  n.boolean = decimal_bool;
  n.int_ = decimal_int;
  n.float_ = decimal_float;
  return ok();
}

}  // namespace weft::decimal
