// stdlib/_decimal/decimal_context.cpp — decimal.Context (construction with CPython's checks
// and messages, the field getters/setters, copy, clear_flags/traps, Etiny/Etop, repr, pickling),
// the signal exception classes with CPython's bases, the signal dicts behind Context.flags and
// Context.traps, turning an operation's status into flags and trapped exceptions, and the
// current context held in a ContextVar (so each thread and each asyncio task has its own).
//
// Locking: prec/rounding/Emin/Emax/clamp/capitals change and are read inside the context's
// critical section; flags and traps are atomic bit sets. The templates (DefaultContext...) are
// ordinary contexts created once; setcontext() copies them rather than installing them.
#include "stdlib/_decimal/decimal_context.h"

#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_contextvars/contextvars.h"
#include "sync/critical_section.h"

namespace weft::decimal {

Type ContextType;
Type SignalDictType;
Object* g_default_context = nullptr;
Object* g_basic_context = nullptr;
Object* g_extended_context = nullptr;

// ---- signal classes -----------------------------------------------------------------------------

Type* g_decimal_exception = nullptr;
namespace {
Type* g_clamped;
Type* g_invalid_operation;
Type* g_conversion_syntax;
Type* g_division_impossible;
Type* g_division_undefined;
Type* g_invalid_context;
Type* g_division_by_zero;
Type* g_inexact;
Type* g_rounded;
Type* g_subnormal;
Type* g_overflow;
Type* g_underflow;
Type* g_float_operation;
Object* g_context_var;  // the ContextVar holding the current context

struct SignalEntry {
  uint32_t bit;
  Type** cls;
  const char* name;
};
// The nine signals in CPython's signal_map order (flags/traps iteration, repr, exceptions).
const SignalEntry kSignals[] = {
    {kInvalidOperation, &g_invalid_operation, "InvalidOperation"},
    {kFloatOperation, &g_float_operation, "FloatOperation"},
    {kDivisionByZero, &g_division_by_zero, "DivisionByZero"},
    {kOverflow, &g_overflow, "Overflow"},
    {kUnderflow, &g_underflow, "Underflow"},
    {kSubnormal, &g_subnormal, "Subnormal"},
    {kInexact, &g_inexact, "Inexact"},
    {kRounded, &g_rounded, "Rounded"},
    {kClamped, &g_clamped, "Clamped"},
};
constexpr size_t kSignalCount = sizeof(kSignals) / sizeof(kSignals[0]);
// The conditions that signal InvalidOperation, listed in a trapped exception's argument.
const SignalEntry kInvalidList[] = {
    {kInvalidOperation, &g_invalid_operation, "InvalidOperation"},
    {kConversionSyntax, &g_conversion_syntax, "ConversionSyntax"},
    {kDivisionImpossible, &g_division_impossible, "DivisionImpossible"},
    {kDivisionUndefined, &g_division_undefined, "DivisionUndefined"},
    {kInvalidContext, &g_invalid_context, "InvalidContext"},
};

// Status conditions -> signal bits (every invalid condition is InvalidOperation).
uint32_t signal_bits(uint32_t status) {
  uint32_t bits = status & ~kInvalidConditions;
  if (status & kInvalidConditions) bits |= kInvalidOperation;
  return bits;
}

constexpr uint32_t kAllSignals = kInvalidOperation | kFloatOperation | kDivisionByZero |
                                 kOverflow | kUnderflow | kSubnormal | kInexact | kRounded |
                                 kClamped;

const char* const kSignalDictKeyMessage =
    "valid values for signals are:\n  [InvalidOperation, FloatOperation, DivisionByZero,\n   "
    "Overflow, Underflow, Subnormal, Inexact, Rounded,\n   Clamped]";

// The signal bit of a signal class, or 0.
uint32_t bit_of_signal(Object* cls) {
  for (const SignalEntry& s : kSignals)
    if (reinterpret_cast<Object*>(*s.cls) == cls) return s.bit;
  return 0;
}

}  // namespace

const NamedClass kDecimalExceptions[] = {
    {"DecimalException", &g_decimal_exception}, {"Clamped", &g_clamped},
    {"InvalidOperation", &g_invalid_operation}, {"ConversionSyntax", &g_conversion_syntax},
    {"DivisionImpossible", &g_division_impossible},
    {"DivisionUndefined", &g_division_undefined}, {"InvalidContext", &g_invalid_context},
    {"DivisionByZero", &g_division_by_zero},     {"Inexact", &g_inexact},
    {"Rounded", &g_rounded},                     {"Subnormal", &g_subnormal},
    {"Overflow", &g_overflow},                   {"Underflow", &g_underflow},
    {"FloatOperation", &g_float_operation},
};
const size_t kDecimalExceptionCount = sizeof(kDecimalExceptions) / sizeof(kDecimalExceptions[0]);

Type* signal_class(uint32_t bit) {
  for (const SignalEntry& s : kSignals)
    if (s.bit == bit) return *s.cls;
  return nullptr;
}

namespace {

// class name(*bases) in module "decimal".
Result<Type*> make_class(const char* name, std::initializer_list<Type*> bases) {
  Ref<Object> name_obj = TRY(str_from_ascii(name));
  Ref<Object> bases_tuple = TRY(tuple_new(static_cast<int64_t>(bases.size())));
  int64_t i = 0;
  for (Type* b : bases)
    tuple_init_item(bases_tuple.get(), i++, Ref<Object>::borrow(reinterpret_cast<Object*>(b)));
  Ref<Object> ns = TRY(dict_new());
  Ref<Object> module_obj = TRY(str_from_ascii("decimal"));
  TRY(dict_set_item_str(ns.get(), "__module__", module_obj.get()));
  Object* args[] = {name_obj.get(), bases_tuple.get(), ns.get()};
  Ref<Object> cls = TRY(call(reinterpret_cast<Object*>(&TypeType), args, 3));
  return reinterpret_cast<Type*>(cls.release());
}

Status create_signal_classes() {
  Type* base = TRY(make_class("DecimalException", {exc::ArithmeticError}));
  g_decimal_exception = base;
  g_clamped = TRY(make_class("Clamped", {base}));
  g_invalid_operation = TRY(make_class("InvalidOperation", {base}));
  g_conversion_syntax = TRY(make_class("ConversionSyntax", {g_invalid_operation}));
  g_division_impossible = TRY(make_class("DivisionImpossible", {g_invalid_operation}));
  g_division_undefined =
      TRY(make_class("DivisionUndefined", {g_invalid_operation, exc::ZeroDivisionError}));
  g_invalid_context = TRY(make_class("InvalidContext", {g_invalid_operation}));
  g_division_by_zero = TRY(make_class("DivisionByZero", {base, exc::ZeroDivisionError}));
  g_inexact = TRY(make_class("Inexact", {base}));
  g_rounded = TRY(make_class("Rounded", {base}));
  g_subnormal = TRY(make_class("Subnormal", {base}));
  g_overflow = TRY(make_class("Overflow", {g_inexact, g_rounded}));
  g_underflow = TRY(make_class("Underflow", {g_inexact, g_rounded, g_subnormal}));
  g_float_operation = TRY(make_class("FloatOperation", {base, exc::TypeError}));
  return ok();
}

}  // namespace

// ---- status -> flags and exceptions --------------------------------------------------------------

ContextObject* as_context(Object* o) { return static_cast<ContextObject*>(o); }

Status context_apply_status(Object* ctx, uint32_t status) {
  if (status == 0) return ok();
  ContextObject* c = as_context(ctx);
  uint32_t bits = signal_bits(status);
  c->flags.fetch_or(bits, std::memory_order_relaxed);
  uint32_t traps = c->traps.load(std::memory_order_relaxed);
  uint32_t trapped = bits & traps;
  if (trapped == 0) return ok();
  // The exception is the first trapped signal; its argument lists the trapped conditions.
  Type* cls = nullptr;
  for (const SignalEntry& s : kSignals)
    if (!cls && (trapped & s.bit)) cls = *s.cls;
  Ref<Object> list = TRY(list_new());
  if (trapped & kInvalidOperation)
    for (const SignalEntry& s : kInvalidList)
      if (status & s.bit) TRY(list_append(list.get(), reinterpret_cast<Object*>(*s.cls)));
  for (size_t i = 1; i < kSignalCount; i++)
    if (trapped & kSignals[i].bit)
      TRY(list_append(list.get(), reinterpret_cast<Object*>(*kSignals[i].cls)));
  Ref<Object> exc = TRY(call_one(reinterpret_cast<Object*>(cls), list.get()));
  return raise_object(exc.get());
}

Ctx context_snapshot(Object* ctx) {
  sync::CriticalSection cs{ctx->ob_mutex};
  return as_context(ctx)->ctx;
}

int context_capitals(Object* ctx) {
  sync::CriticalSection cs{ctx->ob_mutex};
  return as_context(ctx)->capitals;
}

// ---- construction ---------------------------------------------------------------------------

namespace {

const char* const kRoundingNames[] = {"ROUND_UP",        "ROUND_DOWN",      "ROUND_CEILING",
                                      "ROUND_FLOOR",     "ROUND_HALF_UP",   "ROUND_HALF_DOWN",
                                      "ROUND_HALF_EVEN", "ROUND_05UP"};

}  // namespace

Result<Rounding> parse_rounding(Object* v) {
  if (is_str(v))
    for (int i = 0; i < 8; i++)
      if (str_equal_ascii(v, kRoundingNames[i])) return static_cast<Rounding>(i);
  return raise(exc::TypeError,
               "valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, "
               "ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]");
}

namespace {

Result<int64_t> int_field(Object* v) {
  if (!is_int(v)) return raise(exc::TypeError, "an integer is required");
  int64_t value;
  if (!int_to_i64(v, &value))
    return raise(exc::OverflowError, "Python int too large to convert to C ssize_t");
  return value;
}

// An integer field within [lo, hi], else ValueError `message`.
Result<int64_t> ranged_field(Object* v, int64_t lo, int64_t hi, const char* message) {
  int64_t value = TRY(int_field(v));
  if (value < lo || value > hi) return raise_message(exc::ValueError, message);
  return value;
}

Status set_prec(ContextObject* c, Object* v) {
  c->ctx.prec = TRY(ranged_field(v, 1, kMaxPrec, "valid range for prec is [1, MAX_PREC]"));
  return ok();
}
Status set_emin(ContextObject* c, Object* v) {
  c->ctx.emin = TRY(ranged_field(v, kMinEmin, 0, "valid range for Emin is [MIN_EMIN, 0]"));
  return ok();
}
Status set_emax(ContextObject* c, Object* v) {
  c->ctx.emax = TRY(ranged_field(v, 0, kMaxEmax, "valid range for Emax is [0, MAX_EMAX]"));
  return ok();
}
Status set_capitals(ContextObject* c, Object* v) {
  c->capitals = static_cast<int>(
      TRY(ranged_field(v, 0, 1, "valid values for capitals are 0 or 1")));
  return ok();
}
Status set_clamp(ContextObject* c, Object* v) {
  c->ctx.clamp = TRY(ranged_field(v, 0, 1, "valid values for clamp are 0 or 1")) != 0;
  return ok();
}

// Signal bits from a signal dict or a dict {signal: bool} (setters and the constructor).
Result<uint32_t> bits_from_dict(Object* v) {
  if (!is_dict(v)) return raise(exc::TypeError, "argument must be a signal dict");
  if (dict_size(v) != static_cast<int64_t>(kSignalCount))
    return raise(exc::KeyError, "invalid signal dict");
  uint32_t bits = 0;
  for (const SignalEntry& s : kSignals) {
    Ref<Object> value;
    bool found = TRY(dict_get_item(v, reinterpret_cast<Object*>(*s.cls), &value));
    if (!found) return raise(exc::KeyError, "invalid signal dict");
    if (TRY(object_is_true(value.get()))) bits |= s.bit;
  }
  return bits;
}

// Signal bits from a list of signals (the constructor also takes these).
Result<uint32_t> bits_from_list(Object* v) {
  Ref<Object> items = TRY(tuple_from_iterable(v));
  uint32_t bits = 0;
  for (int64_t i = 0; i < tuple_size(items.get()); i++) {
    uint32_t b = bit_of_signal(tuple_item(items.get(), i));
    if (!b) return raise(exc::KeyError, kSignalDictKeyMessage);
    bits |= b;
  }
  return bits;
}

Result<uint32_t> signal_argument(Object* v);

}  // namespace

Result<Ref<Object>> context_new_typed(Type* type, const Ctx& ctx, int capitals, uint32_t flags,
                                      uint32_t traps) {
  Ref<ContextObject> c = TRY(new_object<ContextObject>(type, static_cast<size_t>(type->basicsize)));
  c->ctx = ctx;
  c->capitals = capitals;
  c->flags.store(flags, std::memory_order_relaxed);
  c->traps.store(traps, std::memory_order_relaxed);
  return Ref<Object>(std::move(c));
}

Result<Ref<Object>> context_new(const Ctx& ctx, int capitals, uint32_t flags, uint32_t traps) {
  return context_new_typed(&ContextType, ctx, capitals, flags, traps);
}

Result<Ref<Object>> context_copy(Object* ctx) {
  ContextObject* c = as_context(ctx);
  Ctx numeric;
  int capitals;
  {
    sync::CriticalSection cs{ctx->ob_mutex};
    numeric = c->ctx;
    capitals = c->capitals;
  }
  return context_new_typed(ctx->ob_type, numeric, capitals, c->flags.load(), c->traps.load());
}

namespace {

Result<Ref<Object>> context_type_new(Type* type, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  static const ArgParser kParser(
      "Context", "| prec rounding Emin Emax capitals clamp flags traps");
  Object* a[8];
  TRY(kParser.parse(args, nargs, kwnames, a));
  // Fields not given come from DefaultContext (the hard-wired defaults while it is made).
  Ctx base;
  int capitals = 1;
  uint32_t traps = kInvalidOperation | kDivisionByZero | kOverflow;
  if (g_default_context) {
    base = context_snapshot(g_default_context);
    capitals = context_capitals(g_default_context);
    traps = as_context(g_default_context)->traps.load();
  }
  Ref<Object> made = TRY(context_new_typed(type, base, capitals, 0, traps));
  ContextObject* c = as_context(made.get());
  auto given = [](Object* v) { return v != nullptr && !is_none(v); };
  if (given(a[0])) TRY(set_prec(c, a[0]));
  if (given(a[1])) c->ctx.round = TRY(parse_rounding(a[1]));
  if (given(a[2])) TRY(set_emin(c, a[2]));
  if (given(a[3])) TRY(set_emax(c, a[3]));
  if (given(a[4])) TRY(set_capitals(c, a[4]));
  if (given(a[5])) TRY(set_clamp(c, a[5]));
  if (given(a[6])) c->flags.store(TRY(signal_argument(a[6])));
  if (given(a[7])) c->traps.store(TRY(signal_argument(a[7])));
  return made;
}

// ---- getters and setters -------------------------------------------------------------------------

template <typename F>
Status locked_set(Object* self, Object* value, F setter) {
  if (!value) return raise(exc::AttributeError, "context attributes cannot be deleted");
  sync::CriticalSection cs{self->ob_mutex};
  return setter(as_context(self), value);
}

Result<Ref<Object>> get_prec(Object* self) { return int_from_i64(context_snapshot(self).prec); }
Result<Ref<Object>> get_emin(Object* self) { return int_from_i64(context_snapshot(self).emin); }
Result<Ref<Object>> get_emax(Object* self) { return int_from_i64(context_snapshot(self).emax); }
Result<Ref<Object>> get_clamp(Object* self) { return int_from_i64(context_snapshot(self).clamp); }
Result<Ref<Object>> get_capitals(Object* self) { return int_from_i64(context_capitals(self)); }
Result<Ref<Object>> get_rounding(Object* self) {
  return str_from_ascii(rounding_name(context_snapshot(self).round));
}
Status put_prec(Object* self, Object* v) { return locked_set(self, v, set_prec); }
Status put_emin(Object* self, Object* v) { return locked_set(self, v, set_emin); }
Status put_emax(Object* self, Object* v) { return locked_set(self, v, set_emax); }
Status put_clamp(Object* self, Object* v) { return locked_set(self, v, set_clamp); }
Status put_capitals(Object* self, Object* v) { return locked_set(self, v, set_capitals); }
Status put_rounding(Object* self, Object* v) {
  return locked_set(self, v, [](ContextObject* c, Object* value) -> Status {
    c->ctx.round = TRY(parse_rounding(value));
    return ok();
  });
}

// ---- signal dicts ----------------------------------------------------------------------------
// A SignalDict is a live view of one context's flags or traps.

struct SignalDictObject : Object {
  Object* context;  // owned
  bool traps;
};

std::atomic<uint32_t>& dict_bits(Object* d) {
  SignalDictObject* s = static_cast<SignalDictObject*>(d);
  return s->traps ? as_context(s->context)->traps : as_context(s->context)->flags;
}

Result<Ref<Object>> signal_dict_new(Object* ctx, bool traps) {
  Ref<SignalDictObject> d = TRY(new_object<SignalDictObject>(&SignalDictType));
  d->context = new_ref(ctx).release();
  d->traps = traps;
  return Ref<Object>(std::move(d));
}

void signal_dict_dealloc(Object* self) {
  xdecref(static_cast<SignalDictObject*>(self)->context);
  free_object(self);
}

Result<uint32_t> signal_key(Object* key) {
  uint32_t b = bit_of_signal(key);
  if (!b) return raise(exc::KeyError, kSignalDictKeyMessage);
  return b;
}

Result<Ref<Object>> signal_dict_getitem(Object* self, Object* key) {
  uint32_t b = TRY(signal_key(key));
  return new_bool((dict_bits(self).load() & b) != 0);
}

Status signal_dict_setitem(Object* self, Object* key, Object* value) {
  uint32_t b = TRY(signal_key(key));
  if (!value) return raise(exc::ValueError, "signal keys cannot be deleted");
  if (TRY(object_is_true(value))) dict_bits(self).fetch_or(b);
  else dict_bits(self).fetch_and(~b);
  return ok();
}

Result<int64_t> signal_dict_len(Object*) { return static_cast<int64_t>(kSignalCount); }

Result<Ref<Object>> signal_dict_as_dict(Object* self) {
  uint32_t bits = dict_bits(self).load();
  Ref<Object> d = TRY(dict_new());
  for (const SignalEntry& s : kSignals)
    TRY(dict_set_item(d.get(), reinterpret_cast<Object*>(*s.cls), py_bool((bits & s.bit) != 0)));
  return d;
}

Result<Ref<Object>> signal_dict_iter(Object* self) {
  (void)self;
  Ref<Object> keys = TRY(tuple_new(kSignalCount));
  for (size_t i = 0; i < kSignalCount; i++)
    tuple_init_item(keys.get(), static_cast<int64_t>(i),
                    Ref<Object>::borrow(reinterpret_cast<Object*>(*kSignals[i].cls)));
  return get_iter(keys.get());
}

Result<Ref<Object>> signal_dict_repr(Object* self) {
  uint32_t bits = dict_bits(self).load();
  std::string out = "{";
  for (size_t i = 0; i < kSignalCount; i++) {
    if (i) out += ", ";
    out += "<class 'decimal.";
    out += kSignals[i].name;
    out += "'>:";
    out += (bits & kSignals[i].bit) ? "True" : "False";
  }
  out += "}";
  return str_from_ascii(out);
}

Result<Ref<Object>> signal_dict_richcompare(Object* self, Object* other, CompareOp op) {
  if ((op != CompareOp::Eq && op != CompareOp::Ne) ||
      (other->ob_type != &SignalDictType && !is_dict(other)))
    return Ref<Object>::borrow(not_implemented());
  Ref<Object> mine = TRY(signal_dict_as_dict(self));
  Ref<Object> theirs = other->ob_type == &SignalDictType ? TRY(signal_dict_as_dict(other))
                                                          : new_ref(other);
  return rich_compare(mine.get(), theirs.get(), op);
}

Result<Ref<Object>> signal_dict_copy(Object* self, Object* const*, size_t, Object*) {
  return signal_dict_as_dict(self);
}
Result<Ref<Object>> signal_dict_items(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> d = TRY(signal_dict_as_dict(self));
  return dict_items_list(d.get());
}
Result<Ref<Object>> signal_dict_keys(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> d = TRY(signal_dict_as_dict(self));
  return dict_keys_list(d.get());
}
Result<Ref<Object>> signal_dict_values(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> d = TRY(signal_dict_as_dict(self));
  return call_method(d.get(), "values", nullptr, 0);
}
Result<Ref<Object>> signal_dict_get(Object* self, Object* const* args, size_t nargs,
                                    Object* kwnames) {
  TRY(args_positional_only("get", nargs, kwnames, 1, 2));
  if (!bit_of_signal(args[0])) return new_ref(nargs > 1 ? args[1] : none());
  return signal_dict_getitem(self, args[0]);
}

const MethodDef kSignalDictMethods[] = {
    {"copy", signal_dict_copy, kMethNoArgs, nullptr},
    {"items", signal_dict_items, kMethNoArgs, nullptr},
    {"keys", signal_dict_keys, kMethNoArgs, nullptr},
    {"values", signal_dict_values, kMethNoArgs, nullptr},
    {"get", signal_dict_get, kMethFastcall, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// Context(flags=..., traps=...): a list of signals, a signal dict or a dict of them.
Result<uint32_t> signal_argument(Object* v) {
  if (v->ob_type == &SignalDictType) return dict_bits(v).load();
  if (is_list(v)) return bits_from_list(v);
  return bits_from_dict(v);
}

Result<Ref<Object>> get_flags(Object* self) { return signal_dict_new(self, false); }
Result<Ref<Object>> get_traps(Object* self) { return signal_dict_new(self, true); }
Status put_signals(Object* self, Object* v, bool traps) {
  if (!v) return raise(exc::AttributeError, "context attributes cannot be deleted");
  uint32_t bits;
  if (v->ob_type == &SignalDictType) bits = dict_bits(v).load();
  else bits = TRY(bits_from_dict(v));
  (traps ? as_context(self)->traps : as_context(self)->flags).store(bits);
  return ok();
}
Status put_flags(Object* self, Object* v) { return put_signals(self, v, false); }
Status put_traps(Object* self, Object* v) { return put_signals(self, v, true); }

const GetSetDef kContextGetSets[] = {
    {"prec", get_prec, put_prec, nullptr},
    {"rounding", get_rounding, put_rounding, nullptr},
    {"Emin", get_emin, put_emin, nullptr},
    {"Emax", get_emax, put_emax, nullptr},
    {"capitals", get_capitals, put_capitals, nullptr},
    {"clamp", get_clamp, put_clamp, nullptr},
    {"flags", get_flags, put_flags, nullptr},
    {"traps", get_traps, put_traps, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// ---- methods ------------------------------------------------------------------------------------

// "[InvalidOperation, DivisionByZero]" for repr: libmpdec's bit order, every invalid condition
// printed once as InvalidOperation.
std::string signal_names(uint32_t bits) {
  if (bits & kInvalidOperation) bits |= kInvalidConditions;
  std::string out = "[";
  bool first = true;
  bool invalid_done = false;
  for (uint32_t bit = 1; bit <= kUnderflow; bit <<= 1) {
    if (!(bits & bit)) continue;
    Type* cls = signal_class(bit);
    if (bit & kInvalidConditions) {
      if (invalid_done) continue;
      invalid_done = true;
      cls = g_invalid_operation;
    }
    if (!cls) continue;
    if (!first) out += ", ";
    out += type_short_name(cls);
    first = false;
  }
  return out + "]";
}

Result<Ref<Object>> context_repr(Object* self) {
  ContextObject* c = as_context(self);
  Ctx n = context_snapshot(self);
  std::string out = "Context(prec=" + std::to_string(n.prec) +
                    ", rounding=" + rounding_name(n.round) + ", Emin=" + std::to_string(n.emin) +
                    ", Emax=" + std::to_string(n.emax) +
                    ", capitals=" + std::to_string(context_capitals(self)) +
                    ", clamp=" + std::to_string(n.clamp ? 1 : 0) +
                    ", flags=" + signal_names(c->flags.load()) +
                    ", traps=" + signal_names(c->traps.load()) + ")";
  return str_from_ascii(out);
}

Result<Ref<Object>> signal_list(uint32_t bits) {
  Ref<Object> list = TRY(list_new());
  for (const SignalEntry& s : kSignals)
    if (bits & s.bit) TRY(list_append(list.get(), reinterpret_cast<Object*>(*s.cls)));
  return list;
}

Result<Ref<Object>> context_reduce(Object* self, Object* const*, size_t, Object*) {
  ContextObject* c = as_context(self);
  Ctx n = context_snapshot(self);
  Ref<Object> prec = TRY(int_from_i64(n.prec));
  Ref<Object> rounding = TRY(str_from_ascii(rounding_name(n.round)));
  Ref<Object> emin = TRY(int_from_i64(n.emin));
  Ref<Object> emax = TRY(int_from_i64(n.emax));
  Ref<Object> capitals = TRY(int_from_i64(context_capitals(self)));
  Ref<Object> clamp = TRY(int_from_i64(n.clamp ? 1 : 0));
  Ref<Object> flags = TRY(signal_list(c->flags.load()));
  Ref<Object> traps = TRY(signal_list(c->traps.load()));
  Ref<Object> args = TRY(tuple_pack({prec.get(), rounding.get(), emin.get(), emax.get(),
                                     capitals.get(), clamp.get(), flags.get(), traps.get()}));
  return tuple_pack({reinterpret_cast<Object*>(self->ob_type), args.get()});
}

Result<Ref<Object>> context_copy_method(Object* self, Object* const*, size_t, Object*) {
  return context_copy(self);
}
Result<Ref<Object>> context_clear_flags(Object* self, Object* const*, size_t, Object*) {
  as_context(self)->flags.store(0);
  return new_none();
}
Result<Ref<Object>> context_clear_traps(Object* self, Object* const*, size_t, Object*) {
  as_context(self)->traps.store(0);
  return new_none();
}
Result<Ref<Object>> context_etiny(Object* self, Object* const*, size_t, Object*) {
  return int_from_i64(context_snapshot(self).etiny());
}
Result<Ref<Object>> context_etop(Object* self, Object* const*, size_t, Object*) {
  return int_from_i64(context_snapshot(self).etop());
}

const MethodDef kContextBaseMethods[] = {
    {"copy", context_copy_method, kMethNoArgs, "Return a duplicate of the context with all flags cleared."},
    {"__copy__", context_copy_method, kMethNoArgs, nullptr},
    {"__reduce__", context_reduce, kMethNoArgs, nullptr},
    {"clear_flags", context_clear_flags, kMethNoArgs, "Reset all flags to False."},
    {"clear_traps", context_clear_traps, kMethNoArgs, "Set all traps to False."},
    {"Etiny", context_etiny, kMethNoArgs,
     "Return a value equal to Emin - prec + 1, which is the minimum exponent value\nfor "
     "subnormal results.  When underflow occurs, the exponent is set to Etiny."},
    {"Etop", context_etop, kMethNoArgs,
     "Return a value equal to Emax - prec + 1.  This is the maximum exponent\nif the "
     "_clamp field of the context is set to 1 (IEEE clamp mode).  Etop() must\nnot be "
     "negative."},
    {nullptr, nullptr, 0, nullptr},
};

// Assigning an unknown attribute of a plain Context: CPython's shorter message (a Context has
// no instance dict).
Status context_setattro(Object* self, Object* name, Object* value) {
  Status st = generic_setattr(self, name, value);
  if (st.is_error() && value && self->ob_type == &ContextType &&
      error_matches(exc::AttributeError)) {
    clear_error();
    return raise(exc::AttributeError, "'decimal.Context' object has no attribute '{}'", name);
  }
  return st;
}

std::vector<MethodDef> g_context_methods;

Status fill_context_types() {
  for (const MethodDef* m = kContextBaseMethods; m->name; m++) g_context_methods.push_back(*m);
  for (const MethodDef* m = kContextArithmeticMethods; m->name; m++) g_context_methods.push_back(*m);
  g_context_methods.push_back({nullptr, nullptr, 0, nullptr});
  Type& t = ContextType;
  t.name = "decimal.Context";
  t.doc = "Context(prec=None, rounding=None, Emin=None, Emax=None, capitals=None, clamp=None, "
          "flags=None, traps=None)\n--\n\nThe context affects almost all operations and "
          "controls rounding,\nOver/Underflow, raising of exceptions and much more.";
  t.basicsize = sizeof(ContextObject);
  t.flags = kTypeBaseType;
  t.dealloc = free_object;
  t.new_ = context_type_new;
  t.repr = context_repr;
  t.setattro = context_setattro;
  t.methods = g_context_methods.data();
  t.getsets = kContextGetSets;

  Type& s = SignalDictType;
  // CPython's flags/traps are instances of SignalDict, a MutableMapping subclass of its
  // SignalDictMixin; here one type, registered as a MutableMapping by the module.
  s.name = "decimal.SignalDict";
  s.basicsize = sizeof(SignalDictObject);
  s.dealloc = signal_dict_dealloc;
  s.repr = signal_dict_repr;
  s.iter = signal_dict_iter;
  s.richcompare = signal_dict_richcompare;
  s.mapping.length = signal_dict_len;
  s.mapping.subscript = signal_dict_getitem;
  s.mapping.ass_subscript = signal_dict_setitem;
  s.methods = kSignalDictMethods;
  return ok();
}

Status ready_context_types() {
  TRY(type_ready(&ContextType));
  return type_ready(&SignalDictType);
}

}  // namespace

const char* rounding_name(Rounding r) { return kRoundingNames[static_cast<int>(r)]; }

// ---- the current context -------------------------------------------------------------------

Result<Ref<Object>> current_context() {
  // The ContextVar's value read straight from the thread's context mapping (what
  // ContextVar.get() does, without the method call on every arithmetic operation).
  Ref<Object> ctx = TRY(contextvars::current_context());
  Ref<Object> vars = contextvars::context_vars(ctx.get());
  Ref<Object> value;
  if (TRY(dict_get_item(vars.get(), g_context_var, &value))) return value;
  Ref<Object> fresh = TRY(context_copy(g_default_context));
  as_context(fresh.get())->flags.store(0);
  TRY(set_current_context(fresh.get()));
  return fresh;
}

Status set_current_context(Object* ctx) {
  Ref<Object> installed;
  if (ctx == g_default_context || ctx == g_basic_context || ctx == g_extended_context) {
    installed = TRY(context_copy(ctx));
    as_context(installed.get())->flags.store(0);
  } else {
    installed = new_ref(ctx);
  }
  Object* args[] = {installed.get()};
  TRY(call_method(g_context_var, "set", args, 1));
  return ok();
}

Result<Ref<Object>> context_argument(Object* context) {
  if (context == nullptr || is_none(context)) return current_context();
  if (!is_context(context)) return raise(exc::TypeError, "optional argument must be a context");
  return new_ref(context);
}

Status create_context_globals() {
  TRY(create_signal_classes());
  Ref<Object> name = TRY(str_from_ascii("decimal_context"));
  Object* args[] = {name.get()};
  g_context_var = TRY(call(reinterpret_cast<Object*>(&contextvars::ContextVarType), args, 1)).release();
  Ctx defaults;
  uint32_t default_traps = kInvalidOperation | kDivisionByZero | kOverflow;
  g_default_context = TRY(context_new(defaults, 1, 0, default_traps)).release();
  Ctx basic;
  basic.prec = 9;
  basic.round = Rounding::HalfUp;
  g_basic_context = TRY(context_new(basic, 1, 0, kAllSignals & ~(kInexact | kRounded | kSubnormal | kFloatOperation)))
                        .release();
  Ctx extended;
  extended.prec = 9;
  g_extended_context = TRY(context_new(extended, 1, 0, 0)).release();
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_context_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_context_types);

}  // namespace weft::decimal
