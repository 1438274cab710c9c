// stdlib/_decimal/decimal_module.cpp — the `_decimal` module that Lib/decimal.py re-exports:
// the Decimal type object, getcontext/setcontext/localcontext (and the ContextManager that
// localcontext returns), the ROUND_* and limit constants, the context templates and signal
// classes, and Decimal's registration with numbers.Number.
//
// The module is created once per process; everything it publishes is immutable or guarded by
// its own object (contexts: their critical section and atomic flag words).
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_decimal/decimal_context.h"
#include "stdlib/_decimal/decimal_type.h"
#include "sync/critical_section.h"
#include "vm/import.h"
#include "vm/module_table.h"

namespace weft::decimal {
namespace {

Type ContextManagerType;

// ---- Decimal's type object ------------------------------------------------------------------

Result<Ref<Object>> decimal_real(Object* self) { return new_ref(self); }
Result<Ref<Object>> decimal_imag(Object*) { return make_decimal(Dec()); }

const GetSetDef kDecimalGetSets[] = {
    {"real", decimal_real, nullptr, nullptr},
    {"imag", decimal_imag, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// ---- localcontext ---------------------------------------------------------------------------

// `local` never changes; `saved` is swapped inside the manager's critical section (a manager
// shared by threads is a program error, but must not corrupt memory).
struct ContextManagerObject : Object {
  Object* local;   // owned: the context installed by __enter__
  Object* saved;   // owned: the context __exit__ restores (set by __enter__)
};

ContextManagerObject* as_manager(Object* o) { return static_cast<ContextManagerObject*>(o); }

void manager_dealloc(Object* self) {
  xdecref(as_manager(self)->local);
  xdecref(as_manager(self)->saved);
  free_object(self);
}

Result<Ref<Object>> manager_enter(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> saved = TRY(current_context());
  TRY(set_current_context(as_manager(self)->local));
  Object* old;
  {
    sync::CriticalSection cs{self->ob_mutex};
    old = as_manager(self)->saved;
    as_manager(self)->saved = saved.release();
  }
  xdecref(old);
  return current_context();
}

Result<Ref<Object>> manager_exit(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> saved;
  {
    sync::CriticalSection cs{self->ob_mutex};
    if (as_manager(self)->saved) saved = new_ref(as_manager(self)->saved);
  }
  if (saved) TRY(set_current_context(saved.get()));
  return new_none();
}

const MethodDef kManagerMethods[] = {
    {"__enter__", manager_enter, kMethNoArgs, nullptr},
    {"__exit__", manager_exit, kMethFastcall, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// localcontext(ctx=None, *, prec=None, rounding=None, Emin=None, Emax=None, capitals=None,
// clamp=None, flags=None, traps=None)
Result<Ref<Object>> module_localcontext(Object*, Object* const* args, size_t nargs,
                                        Object* kwnames) {
  static const char* const kFields[] = {"prec",     "rounding", "Emin",  "Emax",
                                        "capitals", "clamp",    "flags", "traps"};
  static const ArgParser kParser(
      "localcontext", "| ctx * | prec rounding Emin Emax capitals clamp flags traps");
  Object* a[9];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> base = TRY(context_argument(a[0]));
  Ref<Object> local = TRY(context_copy(base.get()));
  for (int i = 0; i < 8; i++)
    if (a[i + 1] && !is_none(a[i + 1])) TRY(set_attr(local.get(), str_intern(kFields[i]), a[i + 1]));
  Ref<ContextManagerObject> m = TRY(new_object<ContextManagerObject>(&ContextManagerType));
  m->local = local.release();
  return Ref<Object>(std::move(m));
}

Result<Ref<Object>> module_getcontext(Object*, Object* const*, size_t, Object*) {
  return current_context();
}

Result<Ref<Object>> module_setcontext(Object*, Object* const* args, size_t, Object*) {
  if (!is_context(args[0])) return raise(exc::TypeError, "argument must be a context");
  TRY(set_current_context(args[0]));
  return new_none();
}

const MethodDef kModuleFunctions[] = {
    {"getcontext", module_getcontext, kMethNoArgs, "Get the current default context."},
    {"setcontext", module_setcontext, kMethOneArg, "Set a new default context."},
    {"localcontext", module_localcontext, kMethFastcall,
     "Return a context manager that will set the default context to a copy of ctx\non entry "
     "to the with-statement and restore the previous default context when\nexiting the "
     "with-statement. If no context is specified, a copy of the current\ndefault context is "
     "used."},
    {nullptr, nullptr, 0, nullptr},
};

// ---- types and module -------------------------------------------------------------------------

Status fill_decimal_types() {
  Type& t = DecimalType;
  t.name = "decimal.Decimal";
  t.doc = "Decimal(value='0', context=None)\n--\n\nConstruct a new Decimal object. 'value' "
          "can be an integer, string, tuple,\nor another Decimal object. If no value is "
          "given, return Decimal('0'). The\ncontext does not affect the conversion and is "
          "only passed to determine if\nthe InvalidOperation trap is active.";
  t.basicsize = sizeof(DecimalObject);
  t.flags = kTypeBaseType;
  t.methods = kDecimalMethods;
  t.getsets = kDecimalGetSets;
  TRY(fill_decimal_slots(t));

  Type& m = ContextManagerType;
  m.name = "decimal.ContextManager";
  m.basicsize = sizeof(ContextManagerObject);
  m.dealloc = manager_dealloc;
  m.methods = kManagerMethods;
  return ok();
}

Status ready_decimal_types() {
  TRY(type_ready(&DecimalType));
  return type_ready(&ContextManagerType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_decimal_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_decimal_types);

Status add_int(Object* dict, const char* name, int64_t value) {
  Ref<Object> v = TRY(int_from_i64(value));
  return dict_set_item_str(dict, name, v.get());
}

Status add_str(Object* dict, const char* name, const char* value) {
  Ref<Object> v = TRY(str_from_ascii(value));
  return dict_set_item_str(dict, name, v.get());
}

// abc.register(cls): numbers.Number.register(Decimal) as CPython's _decimal does at import,
// and collections.abc.MutableMapping.register for the signal dicts.
Status register_with_abc(const char* module, const char* abc, Type* cls) {
  Ref<Object> name = TRY(str_from_ascii(module));
  Ref<Object> mod = TRY(vm::import_module(name.get()));
  Ref<Object> base = TRY(get_attr(mod.get(), abc));
  Object* args[] = {reinterpret_cast<Object*>(cls)};
  TRY(call_method(base.get(), "register", args, 1));
  return ok();
}

Result<Ref<Object>> create_decimal_module() {
  TRY(create_context_globals());
  Ref<Object> m = TRY(module_new("decimal"));
  Object* dict = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("decimal"));
  TRY(add_functions_to_dict(dict, kModuleFunctions, m.get(), name.get()));
  TRY(dict_set_item_str(dict, "Decimal", reinterpret_cast<Object*>(&DecimalType)));
  TRY(dict_set_item_str(dict, "Context", reinterpret_cast<Object*>(&ContextType)));
  for (size_t i = 0; i < kDecimalExceptionCount; i++)
    TRY(dict_set_item_str(dict, kDecimalExceptions[i].name,
                          reinterpret_cast<Object*>(*kDecimalExceptions[i].cls)));
  for (int r = 0; r < 8; r++) {
    const char* round_name = rounding_name(static_cast<Rounding>(r));
    TRY(add_str(dict, round_name, round_name));
  }
  TRY(add_int(dict, "MAX_PREC", kMaxPrec));
  TRY(add_int(dict, "MAX_EMAX", kMaxEmax));
  TRY(add_int(dict, "MIN_EMIN", kMinEmin));
  TRY(add_int(dict, "MIN_ETINY", kMinEtiny));
  TRY(dict_set_item_str(dict, "HAVE_THREADS", py_true()));
  TRY(dict_set_item_str(dict, "HAVE_CONTEXTVAR", py_true()));
  TRY(dict_set_item_str(dict, "DefaultContext", g_default_context));
  TRY(dict_set_item_str(dict, "BasicContext", g_basic_context));
  TRY(dict_set_item_str(dict, "ExtendedContext", g_extended_context));
  TRY(add_str(dict, "__version__", "1.70"));
  TRY(add_str(dict, "__libmpdec_version__", "2.5.1"));
  Object* decimal_tuple = TRY(decimal_tuple_class());
  TRY(dict_set_item_str(dict, "DecimalTuple", decimal_tuple));
  TRY(register_with_abc("numbers", "Number", &DecimalType));
  TRY(register_with_abc("collections.abc", "MutableMapping", &SignalDictType));
  return m;
}

WEFT_NATIVE_MODULE("_decimal", create_decimal_module);

}  // namespace
}  // namespace weft::decimal
