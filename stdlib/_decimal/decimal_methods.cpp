// stdlib/_decimal/decimal_methods.cpp — the methods of decimal.Decimal and the arithmetic
// methods of decimal.Context.
//
// Most methods are one operation of decimal_number.h applied under a context: the Decimal
// method takes an optional `context` (default: the current one) and converts its other
// operands from Decimal or int; the Context method takes positional operands only. Templates
// over small constexpr specs (name + operation) generate both families, so each operation is
// written once. Decimals are immutable, so no locking beyond the context snapshot.
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/complex.h"
#include "objects/descr.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/_decimal/decimal_context.h"
#include "stdlib/_decimal/decimal_type.h"
#include "vm/import.h"

namespace weft::decimal {

namespace {

using UnaryDecOp = void (*)(Dec&, const Dec&, const Ctx&, uint32_t&);
using BinaryDecOp = void (*)(Dec&, const Dec&, const Dec&, const Ctx&, uint32_t&);

// ---- running an operation under a context ------------------------------------------------------

// Runs `op(result, ctx, status)` under `context` (a snapshot of it, or `ctx` when given) and
// reports the status there.
template <typename Op>
Result<Ref<Object>> compute_with(Object* context, const Ctx& ctx, Op op) {
  uint32_t status = 0;
  Dec r;
  op(r, ctx, status);
  return decimal_result(std::move(r), context, status);
}

template <typename Op>
Result<Ref<Object>> compute(Object* context, Op op) {
  return compute_with(context, context_snapshot(context), op);
}

Result<Ref<Object>> run_unary(UnaryDecOp op, const Dec& a, Object* context) {
  return compute(context, [&](Dec& r, const Ctx& c, uint32_t& s) { op(r, a, c, s); });
}

Result<Ref<Object>> run_binary(BinaryDecOp op, const Dec& a, const Dec& b, Object* context) {
  return compute(context, [&](Dec& r, const Ctx& c, uint32_t& s) { op(r, a, b, c, s); });
}

Result<Dec> operand(Object* o) {
  Dec d;
  const Dec* value = TRY(convert_operand(o, d, Convert::Raise));
  if (value != &d) d = *value;
  return d;
}

// The N positional operands of a Context method (Decimal or int; others raise TypeError).
template <size_t N>
Status context_operands(const char* name, Object* const* args, size_t nargs, Object* kwnames,
                        Dec (&out)[N]) {
  TRY(args_positional_only(name, nargs, kwnames, N, N));
  for (size_t i = 0; i < N; i++) out[i] = TRY(operand(args[i]));
  return ok();
}

// ---- operations that exist only as methods -------------------------------------------------

void op_compare(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  if (check_nans(out, a, b, ctx, status)) return;
  out = dec_from_i64(dec_cmp(a, b));
}

void op_compare_signal(Dec& out, const Dec& a, const Dec& b, const Ctx& ctx, uint32_t& status) {
  if (a.is_nan() || b.is_nan()) {
    check_nans(out, a, b, ctx, status);
    status |= kInvalidOperation;
    return;
  }
  out = dec_from_i64(dec_cmp(a, b));
}

void op_compare_total(Dec& out, const Dec& a, const Dec& b, const Ctx&, uint32_t&) {
  out = dec_from_i64(dec_cmp_total(a, b));
}

void op_compare_total_mag(Dec& out, const Dec& a, const Dec& b, const Ctx&, uint32_t&) {
  Dec x = a, y = b;
  x.sign = y.sign = false;
  out = dec_from_i64(dec_cmp_total(x, y));
}

void op_copy_sign(Dec& out, const Dec& a, const Dec& b, const Ctx&, uint32_t&) {
  out = a;
  out.sign = b.sign;
}

void op_copy_abs(Dec& out, const Dec& a, const Ctx&, uint32_t&) {
  out = a;
  out.sign = false;
}

void op_copy_negate(Dec& out, const Dec& a, const Ctx&, uint32_t&) {
  out = a;
  out.sign = !a.sign;
}

void op_copy(Dec& out, const Dec& a, const Ctx&, uint32_t&) { out = a; }

void op_apply(Dec& out, const Dec& a, const Ctx& ctx, uint32_t& status) {
  out = a;
  finalize(out, ctx, status);
}

void op_max(Dec& o, const Dec& a, const Dec& b, const Ctx& c, uint32_t& s) { dec_max(o, a, b, false, true, c, s); }
void op_min(Dec& o, const Dec& a, const Dec& b, const Ctx& c, uint32_t& s) { dec_max(o, a, b, false, false, c, s); }
void op_max_mag(Dec& o, const Dec& a, const Dec& b, const Ctx& c, uint32_t& s) { dec_max(o, a, b, true, true, c, s); }
void op_min_mag(Dec& o, const Dec& a, const Dec& b, const Ctx& c, uint32_t& s) { dec_max(o, a, b, true, false, c, s); }

void op_and(Dec& o, const Dec& a, const Dec& b, const Ctx& c, uint32_t& s) { dec_logical(o, a, b, '&', c, s); }
void op_or(Dec& o, const Dec& a, const Dec& b, const Ctx& c, uint32_t& s) { dec_logical(o, a, b, '|', c, s); }
void op_xor(Dec& o, const Dec& a, const Dec& b, const Ctx& c, uint32_t& s) { dec_logical(o, a, b, '^', c, s); }

void op_to_integral(Dec& o, const Dec& a, const Ctx& c, uint32_t& s) { dec_to_integral(o, a, c.round, false, s); }
void op_to_integral_exact(Dec& o, const Dec& a, const Ctx& c, uint32_t& s) { dec_to_integral(o, a, c.round, true, s); }


const char* number_class(const Dec& a, const Ctx& ctx) {
  switch (a.kind) {
    case Kind::QNaN: return "NaN";
    case Kind::SNaN: return "sNaN";
    case Kind::Inf: return a.sign ? "-Infinity" : "+Infinity";
    case Kind::Finite: break;
  }
  if (a.coeff.is_zero()) return a.sign ? "-Zero" : "+Zero";
  if (a.adjexp() < ctx.emin) return a.sign ? "-Subnormal" : "+Subnormal";
  return a.sign ? "-Normal" : "+Normal";
}

bool same_quantum(const Dec& a, const Dec& b) {
  if (a.is_special() || b.is_special())
    return (a.is_nan() && b.is_nan()) || (a.is_inf() && b.is_inf());
  return a.exp == b.exp;
}

// ---- predicate specs --------------------------------------------------------------------------

using Predicate = bool (*)(const Dec&);
using ContextPredicate = bool (*)(const Dec&, const Ctx&);

bool pred_canonical(const Dec&) { return true; }
bool pred_finite(const Dec& a) { return !a.is_special(); }
bool pred_infinite(const Dec& a) { return a.is_inf(); }
bool pred_nan(const Dec& a) { return a.is_nan(); }
bool pred_qnan(const Dec& a) { return a.kind == Kind::QNaN; }
bool pred_snan(const Dec& a) { return a.kind == Kind::SNaN; }
bool pred_signed(const Dec& a) { return a.sign; }
bool pred_zero(const Dec& a) { return a.is_zero(); }
bool pred_normal(const Dec& a, const Ctx& c) {
  return !a.is_special() && !a.coeff.is_zero() && a.adjexp() >= c.emin;
}
bool pred_subnormal(const Dec& a, const Ctx& c) {
  return !a.is_special() && !a.coeff.is_zero() && a.adjexp() < c.emin;
}

struct UnarySpec {
  const char* name;
  UnaryDecOp op;
};
struct BinarySpec {
  const char* name;
  BinaryDecOp op;
};
struct PredicateSpec {
  const char* name;
  Predicate pred;
};
struct ContextPredicateSpec {
  const char* name;
  ContextPredicate pred;
};

// ---- Decimal method templates ---------------------------------------------------------------

// The context of a Decimal method whose only parameter is `context` (`parser`: "| context").
Result<Ref<Object>> context_only(const ArgParser& parser, Object* const* args, size_t nargs,
                                 Object* kwnames) {
  Object* a[1];
  TRY(parser.parse(args, nargs, kwnames, a));
  return context_argument(a[0]);
}

template <const UnarySpec& S>
Result<Ref<Object>> decimal_unary(Object* self, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  static const ArgParser kParser(S.name, "| context");
  Ref<Object> context = TRY(context_only(kParser, args, nargs, kwnames));
  return run_unary(S.op, dec_of(self), context.get());
}

template <const BinarySpec& S>
Result<Ref<Object>> decimal_binary(Object* self, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  static const ArgParser kParser(S.name, "other | context");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> context = TRY(context_argument(a[1]));
  Dec other = TRY(operand(a[0]));
  return run_binary(S.op, dec_of(self), other, context.get());
}

template <const PredicateSpec& S>
Result<Ref<Object>> decimal_predicate(Object* self, Object* const*, size_t, Object*) {
  return new_bool(S.pred(dec_of(self)));
}

template <const ContextPredicateSpec& S>
Result<Ref<Object>> decimal_context_predicate(Object* self, Object* const* args, size_t nargs,
                                              Object* kwnames) {
  static const ArgParser kParser(S.name, "| context");
  Ref<Object> context = TRY(context_only(kParser, args, nargs, kwnames));
  return new_bool(S.pred(dec_of(self), context_snapshot(context.get())));
}

// ---- Context method templates -----------------------------------------------------------------

template <const UnarySpec& S>
Result<Ref<Object>> context_unary(Object* self, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  Dec x[1];
  TRY(context_operands(S.name, args, nargs, kwnames, x));
  return run_unary(S.op, x[0], self);
}

template <const BinarySpec& S>
Result<Ref<Object>> context_binary(Object* self, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  Dec x[2];
  TRY(context_operands(S.name, args, nargs, kwnames, x));
  return run_binary(S.op, x[0], x[1], self);
}

template <const PredicateSpec& S>
Result<Ref<Object>> context_predicate(Object*, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  Dec x[1];
  TRY(context_operands(S.name, args, nargs, kwnames, x));
  return new_bool(S.pred(x[0]));
}

template <const ContextPredicateSpec& S>
Result<Ref<Object>> context_context_predicate(Object* self, Object* const* args, size_t nargs,
                                              Object* kwnames) {
  Dec x[1];
  TRY(context_operands(S.name, args, nargs, kwnames, x));
  return new_bool(S.pred(x[0], context_snapshot(self)));
}

// ---- the specs ------------------------------------------------------------------------------

constexpr UnarySpec kAbs{"abs", dec_abs};
constexpr UnarySpec kPlus{"plus", dec_plus};
constexpr UnarySpec kMinus{"minus", dec_minus};
constexpr UnarySpec kSqrt{"sqrt", dec_sqrt};
constexpr UnarySpec kNormalize{"normalize", dec_reduce};
constexpr UnarySpec kNextMinus{"next_minus", dec_next_minus};
constexpr UnarySpec kNextPlus{"next_plus", dec_next_plus};
constexpr UnarySpec kLogb{"logb", dec_logb};
constexpr UnarySpec kExp{"exp", dec_exp};
constexpr UnarySpec kLogicalInvert{"logical_invert", dec_logical_invert};
constexpr UnarySpec kLn{"ln", dec_ln};
constexpr UnarySpec kLog10{"log10", dec_log10};
constexpr UnarySpec kCopyAbs{"copy_abs", op_copy_abs};
constexpr UnarySpec kCopyNegate{"copy_negate", op_copy_negate};
constexpr UnarySpec kCopyDecimal{"copy_decimal", op_copy};
constexpr UnarySpec kApply{"_apply", op_apply};
constexpr UnarySpec kToIntegral{"to_integral", op_to_integral};
constexpr UnarySpec kToIntegralValue{"to_integral_value", op_to_integral};
constexpr UnarySpec kToIntegralExact{"to_integral_exact", op_to_integral_exact};

constexpr BinarySpec kAdd{"add", dec_add};
constexpr BinarySpec kSubtract{"subtract", dec_sub};
constexpr BinarySpec kMultiply{"multiply", dec_mul};
constexpr BinarySpec kDivide{"divide", dec_div};
constexpr BinarySpec kDivideInt{"divide_int", dec_divint};
constexpr BinarySpec kRemainder{"remainder", dec_rem};
constexpr BinarySpec kRemainderNear{"remainder_near", dec_rem_near};
constexpr BinarySpec kCompare{"compare", op_compare};
constexpr BinarySpec kCompareSignal{"compare_signal", op_compare_signal};
constexpr BinarySpec kCompareTotal{"compare_total", op_compare_total};
constexpr BinarySpec kCompareTotalMag{"compare_total_mag", op_compare_total_mag};
constexpr BinarySpec kCopySign{"copy_sign", op_copy_sign};
constexpr BinarySpec kMax{"max", op_max};
constexpr BinarySpec kMin{"min", op_min};
constexpr BinarySpec kMaxMag{"max_mag", op_max_mag};
constexpr BinarySpec kMinMag{"min_mag", op_min_mag};
constexpr BinarySpec kNextToward{"next_toward", dec_next_toward};
constexpr BinarySpec kScaleb{"scaleb", dec_scaleb};
constexpr BinarySpec kQuantize{"quantize", dec_quantize};
constexpr BinarySpec kLogicalAnd{"logical_and", op_and};
constexpr BinarySpec kLogicalOr{"logical_or", op_or};
constexpr BinarySpec kLogicalXor{"logical_xor", op_xor};
constexpr BinarySpec kShift{"shift", dec_shift};
constexpr BinarySpec kRotate{"rotate", dec_rotate};

constexpr PredicateSpec kIsCanonical{"is_canonical", pred_canonical};
constexpr PredicateSpec kIsFinite{"is_finite", pred_finite};
constexpr PredicateSpec kIsInfinite{"is_infinite", pred_infinite};
constexpr PredicateSpec kIsNan{"is_nan", pred_nan};
constexpr PredicateSpec kIsQnan{"is_qnan", pred_qnan};
constexpr PredicateSpec kIsSnan{"is_snan", pred_snan};
constexpr PredicateSpec kIsSigned{"is_signed", pred_signed};
constexpr PredicateSpec kIsZero{"is_zero", pred_zero};
constexpr ContextPredicateSpec kIsNormal{"is_normal", pred_normal};
constexpr ContextPredicateSpec kIsSubnormal{"is_subnormal", pred_subnormal};

// ---- Decimal methods with their own shapes ---------------------------------------------------

// to_integral*(rounding=None, context=None) and quantize(exp, rounding=None, context=None): an
// explicit rounding replaces the context's for this operation.
Result<Ctx> context_with_rounding(Object* context, Object* rounding) {
  Ctx c = context_snapshot(context);
  if (rounding && !is_none(rounding)) c.round = TRY(parse_rounding(rounding));
  return c;
}

template <bool Exact>
Result<Ref<Object>> decimal_to_integral(Object* self, Object* const* args, size_t nargs,
                                        Object* kwnames) {
  static const ArgParser kParser(Exact ? "to_integral_exact" : "to_integral_value",
                                 "| rounding context");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> context = TRY(context_argument(a[1]));
  Ctx c = TRY(context_with_rounding(context.get(), a[0]));
  return compute_with(context.get(), c, [&](Dec& r, const Ctx& ctx, uint32_t& s) {
    dec_to_integral(r, dec_of(self), ctx.round, Exact, s);
  });
}

Result<Ref<Object>> decimal_quantize(Object* self, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  static const ArgParser kParser("quantize", "exp | rounding context");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> context = TRY(context_argument(a[2]));
  Ctx c = TRY(context_with_rounding(context.get(), a[1]));
  Dec e = TRY(operand(a[0]));
  return compute_with(context.get(), c, [&](Dec& r, const Ctx& ctx, uint32_t& s) {
    dec_quantize(r, dec_of(self), e, ctx, s);
  });
}

Result<Ref<Object>> decimal_fma(Object* self, Object* const* args, size_t nargs,
                                Object* kwnames) {
  static const ArgParser kParser("fma", "other third | context");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> context = TRY(context_argument(a[2]));
  Dec b = TRY(operand(a[0]));
  Dec c = TRY(operand(a[1]));
  return compute(context.get(), [&](Dec& r, const Ctx& ctx, uint32_t& s) {
    dec_fma(r, dec_of(self), b, c, ctx, s);
  });
}

Result<Ref<Object>> decimal_same_quantum(Object* self, Object* const* args, size_t nargs,
                                         Object* kwnames) {
  static const ArgParser kParser("same_quantum", "other | context");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  TRY(context_argument(a[1]));
  Dec b = TRY(operand(a[0]));
  return new_bool(same_quantum(dec_of(self), b));
}

Result<Ref<Object>> decimal_number_class(Object* self, Object* const* args, size_t nargs,
                                         Object* kwnames) {
  static const ArgParser kParser("number_class", "| context");
  Ref<Object> context = TRY(context_only(kParser, args, nargs, kwnames));
  return str_from_ascii(number_class(dec_of(self), context_snapshot(context.get())));
}

Result<Ref<Object>> decimal_to_eng_string(Object* self, Object* const* args, size_t nargs,
                                          Object* kwnames) {
  static const ArgParser kParser("to_eng_string", "| context");
  Ref<Object> context = TRY(context_only(kParser, args, nargs, kwnames));
  return str_from_ascii(dec_to_string(dec_of(self), true, context_capitals(context.get()) != 0));
}

Result<Ref<Object>> decimal_adjusted(Object* self, Object* const*, size_t, Object*) {
  const Dec& d = dec_of(self);
  return int_from_i64(d.is_special() ? 0 : d.adjexp());
}

Result<Ref<Object>> decimal_radix(Object*, Object* const*, size_t, Object*) {
  return make_decimal(dec_from_i64(10));
}

Result<Ref<Object>> decimal_self(Object* self, Object* const*, size_t, Object*) {
  return new_ref(self);
}

Result<Ref<Object>> decimal_deepcopy(Object* self, Object* const*, size_t, Object*) {
  return new_ref(self);
}

Result<Ref<Object>> decimal_reduce(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> text = TRY(str_from_ascii(dec_to_string(dec_of(self), false, true)));
  Ref<Object> args = TRY(tuple_pack({text.get()}));
  return tuple_pack({reinterpret_cast<Object*>(self->ob_type), args.get()});
}

Result<Ref<Object>> decimal_complex(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> f = TRY(number_float(self));
  return complex_from_doubles(float_value(f.get()), 0.0);
}

Result<Ref<Object>> rounded_int(Object* self, Rounding mode) { return dec_to_int(dec_of(self), mode); }
Result<Ref<Object>> decimal_floor(Object* self, Object* const*, size_t, Object*) {
  return rounded_int(self, Rounding::Floor);
}
Result<Ref<Object>> decimal_ceil(Object* self, Object* const*, size_t, Object*) {
  return rounded_int(self, Rounding::Ceiling);
}
Result<Ref<Object>> decimal_trunc(Object* self, Object* const*, size_t, Object*) {
  return rounded_int(self, Rounding::Down);
}

Result<Ref<Object>> decimal_round(Object* self, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  TRY(args_positional_only("__round__", nargs, kwnames, 0, 1));
  if (nargs == 0) return rounded_int(self, Rounding::HalfEven);
  if (!is_int(args[0])) return raise(exc::TypeError, "optional arg must be an integer");
  int64_t n = TRY(index_as_i64(args[0]));
  Ref<Object> context = TRY(current_context());
  Dec q = dec_from_i64(1);
  q.exp = -n;
  return compute(context.get(), [&](Dec& r, const Ctx& ctx, uint32_t& s) {
    dec_quantize(r, dec_of(self), q, ctx, s);
  });
}

Result<Ref<Object>> decimal_as_integer_ratio(Object* self, Object* const*, size_t, Object*) {
  const Dec& d = dec_of(self);
  if (d.is_nan()) return raise(exc::ValueError, "cannot convert NaN to integer ratio");
  if (d.is_inf()) return raise(exc::OverflowError, "cannot convert Infinity to integer ratio");
  mpz_t num, den;
  mpz_init_set(num, d.coeff.get());
  mpz_init_set_ui(den, 1);
  if (d.exp >= 0) {
    Mpz p;
    pow10(p, d.exp);
    mpz_mul(num, num, p.get());
  } else {
    Mpz p, g;
    pow10(p, -d.exp);
    mpz_gcd(g.get(), num, p.get());
    mpz_divexact(num, num, g.get());
    mpz_divexact(den, p.get(), g.get());
  }
  if (d.sign) mpz_neg(num, num);
  Result<Ref<Object>> n = int_from_mpz_take(num);
  Result<Ref<Object>> m = int_from_mpz_take(den);
  mpz_clear(num);
  mpz_clear(den);
  if (n.is_error() || m.is_error()) return Error{};
  return tuple_pack({n.value().get(), m.value().get()});
}

// DecimalTuple: collections.namedtuple('DecimalTuple', 'sign digits exponent', module='decimal'),
// made on first use and kept.
std::atomic<Object*> g_decimal_tuple{nullptr};

}  // namespace

Result<Object*> decimal_tuple_class() {
  Object* cls = g_decimal_tuple.load(std::memory_order_acquire);
  if (cls) return cls;
  Ref<Object> name = TRY(str_from_ascii("collections"));
  Ref<Object> collections = TRY(vm::import_module(name.get()));
  Ref<Object> namedtuple = TRY(get_attr(collections.get(), "namedtuple"));
  Ref<Object> type_name = TRY(str_from_ascii("DecimalTuple"));
  Ref<Object> fields = TRY(str_from_ascii("sign digits exponent"));
  Ref<Object> module = TRY(str_from_ascii("decimal"));
  Ref<Object> kwnames = TRY(str_from_ascii("module"));
  Ref<Object> kw = TRY(tuple_pack({kwnames.get()}));
  Object* args[] = {type_name.get(), fields.get(), module.get()};
  Ref<Object> made = TRY(call(namedtuple.get(), args, 2, kw.get()));
  Object* expected = nullptr;
  if (g_decimal_tuple.compare_exchange_strong(expected, made.get(), std::memory_order_acq_rel))
    static_cast<void>(made.release());  // now owned by g_decimal_tuple
  return g_decimal_tuple.load(std::memory_order_acquire);
}

namespace {

Result<Ref<Object>> decimal_as_tuple(Object* self, Object* const*, size_t, Object*) {
  const Dec& d = dec_of(self);
  Object* cls = TRY(decimal_tuple_class());
  std::string digits;
  if (d.is_inf()) digits = "0";
  else if (!(d.is_nan() && d.coeff.is_zero())) digits = mpz_to_decimal_string(d.coeff.get());
  Ref<Object> digit_tuple = TRY(tuple_new(static_cast<int64_t>(digits.size())));
  for (size_t i = 0; i < digits.size(); i++)
    tuple_init_item(digit_tuple.get(), static_cast<int64_t>(i), TRY(int_from_i64(digits[i] - '0')));
  Ref<Object> exponent;
  switch (d.kind) {
    case Kind::Inf: exponent = TRY(str_from_ascii("F")); break;
    case Kind::QNaN: exponent = TRY(str_from_ascii("n")); break;
    case Kind::SNaN: exponent = TRY(str_from_ascii("N")); break;
    case Kind::Finite: exponent = TRY(int_from_i64(d.exp)); break;
  }
  Ref<Object> sign = TRY(int_from_i64(d.sign ? 1 : 0));
  Object* args[] = {sign.get(), digit_tuple.get(), exponent.get()};
  return call(cls, args, 3);
}

// Decimal.from_float(f) / from_number(n): exact; a subclass is called with the Decimal.
Result<Ref<Object>> from_exact(Object* cls, Dec value) {
  Ref<Object> d = TRY(make_decimal(std::move(value)));
  if (cls == reinterpret_cast<Object*>(&DecimalType)) return d;
  return call_one(cls, d.get());
}

Result<Ref<Object>> decimal_from_float(Object* cls, Object* const* args, size_t, Object*) {
  Object* f = args[0];
  if (is_int(f)) return from_exact(cls, dec_from_int_object(f));
  if (!is_float(f)) return raise(exc::TypeError, "argument must be int or float");
  return from_exact(cls, dec_from_double(float_value(f)));
}

Result<Ref<Object>> decimal_from_number(Object* cls, Object* const* args, size_t, Object*) {
  Object* n = args[0];
  if (is_decimal(n)) return from_exact(cls, dec_of(n));
  if (is_int(n)) return from_exact(cls, dec_from_int_object(n));
  if (is_float(n)) return from_exact(cls, dec_from_double(float_value(n)));
  return raise(exc::TypeError, "conversion from {} to Decimal is not supported", type_name_of(n));
}

// ---- Context methods with their own shapes --------------------------------------------------

Result<Ref<Object>> context_power(Object* self, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  static const ArgParser kParser("power", "a b | modulo");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Dec x = TRY(operand(a[0]));
  Dec y = TRY(operand(a[1]));
  if (!a[2] || is_none(a[2])) return run_binary(dec_power, x, y, self);
  Dec m = TRY(operand(a[2]));
  return compute(self, [&](Dec& r, const Ctx& ctx, uint32_t& s) { dec_powmod(r, x, y, m, ctx, s); });
}

Result<Ref<Object>> context_divmod(Object* self, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  Dec x[2];
  TRY(context_operands("divmod", args, nargs, kwnames, x));
  uint32_t status = 0;
  Dec q, r;
  dec_divmod(q, r, x[0], x[1], context_snapshot(self), status);
  TRY(context_apply_status(self, status));
  Ref<Object> qo = TRY(make_decimal(std::move(q)));
  Ref<Object> ro = TRY(make_decimal(std::move(r)));
  return tuple_pack({qo.get(), ro.get()});
}

Result<Ref<Object>> context_fma(Object* self, Object* const* args, size_t nargs,
                                Object* kwnames) {
  Dec x[3];
  TRY(context_operands("fma", args, nargs, kwnames, x));
  return compute(self, [&](Dec& r, const Ctx& ctx, uint32_t& s) {
    dec_fma(r, x[0], x[1], x[2], ctx, s);
  });
}

Result<Ref<Object>> context_number_class(Object* self, Object* const* args, size_t nargs,
                                         Object* kwnames) {
  Dec x[1];
  TRY(context_operands("number_class", args, nargs, kwnames, x));
  return str_from_ascii(number_class(x[0], context_snapshot(self)));
}

template <bool Eng>
Result<Ref<Object>> context_to_string(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  Dec x[1];
  TRY(context_operands(Eng ? "to_eng_string" : "to_sci_string", args, nargs, kwnames, x));
  return str_from_ascii(dec_to_string(x[0], Eng, context_capitals(self) != 0));
}

Result<Ref<Object>> context_same_quantum(Object*, Object* const* args, size_t nargs,
                                         Object* kwnames) {
  Dec x[2];
  TRY(context_operands("same_quantum", args, nargs, kwnames, x));
  return new_bool(same_quantum(x[0], x[1]));
}

Result<Ref<Object>> context_create_decimal(Object* self, Object* const* args, size_t nargs,
                                           Object* kwnames) {
  TRY(args_positional_only("create_decimal", nargs, kwnames, 0, 1));
  Dec value;
  if (nargs == 1) {
    Object* v = args[0];
    if (is_str(v)) value = TRY(dec_from_str_object(v, self));
    else value = TRY(dec_from_value(v, self));
  }
  return run_unary(op_apply, value, self);
}

Result<Ref<Object>> context_create_decimal_from_float(Object* self, Object* const* args,
                                                      size_t, Object*) {
  Object* f = args[0];
  Dec value;
  if (is_int(f)) value = dec_from_int_object(f);
  else if (is_float(f)) value = dec_from_double(float_value(f));
  else return raise(exc::TypeError, "argument must be int or float");
  return run_unary(op_apply, value, self);
}

}  // namespace

#define DECIMAL_UNARY(spec, doc) {spec.name, decimal_unary<spec>, kMethFastcall, doc}
#define DECIMAL_BINARY(spec, doc) {spec.name, decimal_binary<spec>, kMethFastcall, doc}
#define DECIMAL_PREDICATE(spec) {spec.name, decimal_predicate<spec>, kMethNoArgs, nullptr}
#define CONTEXT_UNARY(spec) {spec.name, context_unary<spec>, kMethFastcall, nullptr}
#define CONTEXT_BINARY(spec) {spec.name, context_binary<spec>, kMethFastcall, nullptr}
#define CONTEXT_PREDICATE(spec) {spec.name, context_predicate<spec>, kMethFastcall, nullptr}

const MethodDef kDecimalMethods[] = {
    DECIMAL_UNARY(kSqrt, "Return the square root of the argument to full precision."),
    DECIMAL_UNARY(kNormalize, "Normalize the number by stripping the rightmost trailing zeros."),
    DECIMAL_UNARY(kNextMinus, "Return the largest number representable in the given context "
                              "smaller than the given operand."),
    DECIMAL_UNARY(kNextPlus, "Return the smallest number representable in the given context "
                             "larger than the given operand."),
    DECIMAL_UNARY(kLogb, "Return the adjusted exponent of the operand as a Decimal instance."),
    DECIMAL_UNARY(kExp, "Return the value of the (natural) exponential function e**x at the "
                        "given number."),
    DECIMAL_UNARY(kLn, "Return the natural (base e) logarithm of the operand."),
    DECIMAL_UNARY(kLogicalInvert, "Return the digit-wise inversion of the (logical) operand."),
    DECIMAL_BINARY(kLogicalAnd, "Return the digit-wise 'and' of the two (logical) operands."),
    DECIMAL_BINARY(kLogicalOr, "Return the digit-wise 'or' of the two (logical) operands."),
    DECIMAL_BINARY(kLogicalXor, "Return the digit-wise 'exclusive or' of the two (logical) "
                                "operands."),
    DECIMAL_BINARY(kShift, "Return the result of shifting the digits of the first operand by "
                           "an amount specified by the second operand."),
    DECIMAL_BINARY(kRotate, "Return the result of rotating the digits of the first operand by "
                            "an amount specified by the second operand."),
    DECIMAL_UNARY(kLog10, "Return the base ten logarithm of the operand."),
    {"copy_abs", decimal_unary<kCopyAbs>, kMethFastcall, "Return the absolute value of the argument."},
    {"copy_negate", decimal_unary<kCopyNegate>, kMethFastcall, "Return the negation of the argument."},
    {"to_integral", decimal_to_integral<false>, kMethFastcall, nullptr},
    {"to_integral_value", decimal_to_integral<false>, kMethFastcall, nullptr},
    {"to_integral_exact", decimal_to_integral<true>, kMethFastcall, nullptr},
    DECIMAL_BINARY(kCompare, "Compare self to other."),
    DECIMAL_BINARY(kCompareSignal, "Identical to compare, except that all NaNs signal."),
    DECIMAL_BINARY(kCompareTotal, "Compare two operands using their abstract representation."),
    DECIMAL_BINARY(kCompareTotalMag, "Compare two operands using their abstract representation, "
                                     "ignoring sign."),
    DECIMAL_BINARY(kCopySign, "Return a copy of the first operand with the sign set to be the "
                              "same as the sign of the second operand."),
    DECIMAL_BINARY(kMax, "Maximum of self and other."),
    DECIMAL_BINARY(kMin, "Minimum of self and other."),
    DECIMAL_BINARY(kMaxMag, "Similar to the max() method, but the comparison is done using the "
                            "absolute values of the operands."),
    DECIMAL_BINARY(kMinMag, "Similar to the min() method, but the comparison is done using the "
                            "absolute values of the operands."),
    DECIMAL_BINARY(kNextToward, "Return the number closest to self, in the direction towards "
                                "other."),
    DECIMAL_BINARY(kRemainderNear, "Return the remainder from dividing self by other."),
    DECIMAL_BINARY(kScaleb, "Return the first operand with the exponent adjusted the second."),
    {"quantize", decimal_quantize, kMethFastcall, "Return a value equal to the first operand "
                                                  "after rounding and having the exponent of "
                                                  "the second operand."},
    {"fma", decimal_fma, kMethFastcall, "Fused multiply-add."},
    {"same_quantum", decimal_same_quantum, kMethFastcall, nullptr},
    {"number_class", decimal_number_class, kMethFastcall, nullptr},
    {"to_eng_string", decimal_to_eng_string, kMethFastcall, nullptr},
    DECIMAL_PREDICATE(kIsCanonical),
    DECIMAL_PREDICATE(kIsFinite),
    DECIMAL_PREDICATE(kIsInfinite),
    DECIMAL_PREDICATE(kIsNan),
    DECIMAL_PREDICATE(kIsQnan),
    DECIMAL_PREDICATE(kIsSnan),
    DECIMAL_PREDICATE(kIsSigned),
    DECIMAL_PREDICATE(kIsZero),
    {"is_normal", decimal_context_predicate<kIsNormal>, kMethFastcall, nullptr},
    {"is_subnormal", decimal_context_predicate<kIsSubnormal>, kMethFastcall, nullptr},
    {"adjusted", decimal_adjusted, kMethNoArgs, "Return the adjusted exponent of the number."},
    {"radix", decimal_radix, kMethNoArgs, "Return Decimal(10)."},
    {"canonical", decimal_self, kMethNoArgs, "Return the canonical encoding of the argument."},
    {"conjugate", decimal_self, kMethNoArgs, "Return self."},
    {"as_tuple", decimal_as_tuple, kMethNoArgs, "Return a tuple representation of the number."},
    {"as_integer_ratio", decimal_as_integer_ratio, kMethNoArgs, nullptr},
    {"from_float", decimal_from_float, kMethOneArg | kMethClass, nullptr},
    {"from_number", decimal_from_number, kMethOneArg | kMethClass, nullptr},
    {"__copy__", decimal_self, kMethNoArgs, nullptr},
    {"__deepcopy__", decimal_deepcopy, kMethOneArg, nullptr},
    {"__reduce__", decimal_reduce, kMethNoArgs, nullptr},
    {"__complex__", decimal_complex, kMethNoArgs, nullptr},
    {"__round__", decimal_round, kMethFastcall, nullptr},
    {"__format__", decimal_format, kMethFastcall, nullptr},
    {"__floor__", decimal_floor, kMethNoArgs, nullptr},
    {"__ceil__", decimal_ceil, kMethNoArgs, nullptr},
    {"__trunc__", decimal_trunc, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const MethodDef kContextArithmeticMethods[] = {
    CONTEXT_UNARY(kAbs),
    CONTEXT_UNARY(kPlus),
    CONTEXT_UNARY(kMinus),
    CONTEXT_UNARY(kSqrt),
    CONTEXT_UNARY(kNormalize),
    CONTEXT_UNARY(kNextMinus),
    CONTEXT_UNARY(kNextPlus),
    CONTEXT_UNARY(kLogb),
    CONTEXT_UNARY(kExp),
    CONTEXT_UNARY(kLn),
    CONTEXT_UNARY(kLog10),
    CONTEXT_UNARY(kLogicalInvert),
    CONTEXT_BINARY(kLogicalAnd),
    CONTEXT_BINARY(kLogicalOr),
    CONTEXT_BINARY(kLogicalXor),
    CONTEXT_BINARY(kShift),
    CONTEXT_BINARY(kRotate),
    CONTEXT_UNARY(kCopyAbs),
    CONTEXT_UNARY(kCopyNegate),
    CONTEXT_UNARY(kCopyDecimal),
    CONTEXT_UNARY(kApply),
    CONTEXT_UNARY(kToIntegral),
    CONTEXT_UNARY(kToIntegralValue),
    CONTEXT_UNARY(kToIntegralExact),
    CONTEXT_BINARY(kAdd),
    CONTEXT_BINARY(kSubtract),
    CONTEXT_BINARY(kMultiply),
    CONTEXT_BINARY(kDivide),
    CONTEXT_BINARY(kDivideInt),
    CONTEXT_BINARY(kRemainder),
    CONTEXT_BINARY(kRemainderNear),
    CONTEXT_BINARY(kCompare),
    CONTEXT_BINARY(kCompareSignal),
    CONTEXT_BINARY(kCompareTotal),
    CONTEXT_BINARY(kCompareTotalMag),
    CONTEXT_BINARY(kCopySign),
    CONTEXT_BINARY(kMax),
    CONTEXT_BINARY(kMin),
    CONTEXT_BINARY(kMaxMag),
    CONTEXT_BINARY(kMinMag),
    CONTEXT_BINARY(kNextToward),
    CONTEXT_BINARY(kScaleb),
    CONTEXT_BINARY(kQuantize),
    CONTEXT_PREDICATE(kIsCanonical),
    CONTEXT_PREDICATE(kIsFinite),
    CONTEXT_PREDICATE(kIsInfinite),
    CONTEXT_PREDICATE(kIsNan),
    CONTEXT_PREDICATE(kIsQnan),
    CONTEXT_PREDICATE(kIsSnan),
    CONTEXT_PREDICATE(kIsSigned),
    CONTEXT_PREDICATE(kIsZero),
    {"is_normal", context_context_predicate<kIsNormal>, kMethFastcall, nullptr},
    {"is_subnormal", context_context_predicate<kIsSubnormal>, kMethFastcall, nullptr},
    {"power", context_power, kMethFastcall, nullptr},
    {"divmod", context_divmod, kMethFastcall, nullptr},
    {"fma", context_fma, kMethFastcall, nullptr},
    {"number_class", context_number_class, kMethFastcall, nullptr},
    {"to_sci_string", context_to_string<false>, kMethFastcall, nullptr},
    {"to_eng_string", context_to_string<true>, kMethFastcall, nullptr},
    {"same_quantum", context_same_quantum, kMethFastcall, nullptr},
    {"radix", decimal_radix, kMethNoArgs, nullptr},
    {"create_decimal", context_create_decimal, kMethFastcall, nullptr},
    {"create_decimal_from_float", context_create_decimal_from_float, kMethOneArg, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::decimal
