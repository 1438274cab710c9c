// stdlib/_decimal/decimal_context.h — decimal.Context, the signal classes and the signal dicts
// (Context.flags / Context.traps), shared by the Decimal type and the module.
//
// A Context's numeric fields change only inside its critical section; operations take a
// snapshot (`context_snapshot`). flags and traps are atomic bit sets (signal bits from
// decimal_number.h), so threads sharing a context never tear them.
#pragma once

#include <atomic>

#include "objects/type.h"
#include "stdlib/_decimal/decimal_number.h"

namespace weft::decimal {

struct ContextObject : Object {
  Ctx ctx;                        // guarded by ob_mutex
  int capitals;                   // guarded by ob_mutex
  std::atomic<uint32_t> flags;    // signal bits that were raised
  std::atomic<uint32_t> traps;    // signal bits that raise
};

extern Type ContextType;
extern Type SignalDictType;

inline bool is_context(const Object* o) { return type_is_subtype(o->ob_type, &ContextType); }

// The signal classes (DecimalException and all its subclasses), made at start-up.
extern Type* g_decimal_exception;
// Signal class for a signal bit (one of the nine signals); nullptr for others.
Type* signal_class(uint32_t bit);
// Every exception class the module publishes, with its name, for the module dict.
struct NamedClass {
  const char* name;
  Type** cls;
};
extern const NamedClass kDecimalExceptions[];
extern const size_t kDecimalExceptionCount;

Ctx context_snapshot(Object* ctx);
int context_capitals(Object* ctx);
// Records `status` in ctx's flags and raises the trapped signal, if any (CPython's
// dec_addstatus).
Status context_apply_status(Object* ctx, uint32_t status);

// A new Context with the given fields (flags/traps as signal bits).
Result<Ref<Object>> context_new(const Ctx& ctx, int capitals, uint32_t flags, uint32_t traps);
Result<Ref<Object>> context_copy(Object* ctx);

// The thread's (task's) current context, from the decimal ContextVar (created from
// DefaultContext on first use), and setcontext().
Result<Ref<Object>> current_context();
Status set_current_context(Object* ctx);
// `context` argument of a method: None/nullptr -> current context; else must be a Context.
Result<Ref<Object>> context_argument(Object* context);

// The templates, made by the module at start-up.
extern Object* g_default_context;
extern Object* g_basic_context;
extern Object* g_extended_context;

// Context methods (the arithmetic ones) are defined with the Decimal type.
extern const MethodDef kContextArithmeticMethods[];

Status create_context_globals();
const char* rounding_name(Rounding r);
// A ROUND_* string -> Rounding; TypeError with CPython's message otherwise.
Result<Rounding> parse_rounding(Object* v);

}  // namespace weft::decimal
