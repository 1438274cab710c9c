// stdlib/_contextvars/contextvar.cpp — contextvars.ContextVar and contextvars.Token, and the
// `_contextvars` module (CPython 3.14's Python/context.c behaviour and messages).
//
// ContextVar objects are immutable. A Token records the context it was made in, the variable and
// its previous value (nullptr = Token.MISSING); `used` flips once, atomically, so one token
// cannot reset twice even from two threads. Every change of a context's mapping copies the
// published dict (see contextvars.h).
#include <atomic>
#include <cstdio>
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/_contextvars/contextvars.h"
#include "vm/module_table.h"

namespace weft::contextvars {

Type ContextVarType;
Type TokenType;

namespace {

Type MissingType;      // "Token.MISSING"
Object MissingObject;  // Token.MISSING

struct ContextVarObject : Object {
  Object* name;           // owned str
  Object* default_value;  // owned, or nullptr
};

struct TokenObject : Object {
  Object* ctx;        // owned
  Object* var;        // owned
  Object* old_value;  // owned, or nullptr for Token.MISSING
  std::atomic<bool> used;
};

ContextVarObject* as_var(Object* o) { return static_cast<ContextVarObject*>(o); }
TokenObject* as_token(Object* o) { return static_cast<TokenObject*>(o); }

std::string address_of(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", p);
  return buf;
}

// ---- ContextVar -----------------------------------------------------------------------------

// ContextVar(name, /, *, default=<missing>)
Result<Ref<Object>> var_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs != 1)
    return raise(exc::TypeError, "ContextVar() takes exactly 1 positional argument ({} given)",
                 nargs);
  static const ArgParser kVar("ContextVar", "name / * | default");
  Object* a[2];
  TRY(kVar.parse(args, nargs, kwnames, a));
  if (!is_str(a[0])) return raise(exc::TypeError, "context variable name must be a str");
  Ref<ContextVarObject> v = TRY(new_object<ContextVarObject>(type));
  v->name = new_ref(a[0]).release();
  v->default_value = a[1] ? new_ref(a[1]).release() : nullptr;
  return Ref<Object>(std::move(v));
}

void var_dealloc(Object* self) {
  xdecref(as_var(self)->name);
  xdecref(as_var(self)->default_value);
  free_object(self);
}

void var_traverse(Object* self, VisitFn visit, void* arg) {
  visit(as_var(self)->name, arg);
  if (Object* d = as_var(self)->default_value) visit(d, arg);
}

Result<Ref<Object>> var_repr(Object* self) {
  std::string text = "<ContextVar name=";
  Ref<Object> name = TRY(object_repr(as_var(self)->name));
  std::string_view name_text = TRY(str_utf8(name.get()));
  text += name_text;
  if (Object* d = as_var(self)->default_value) {
    Ref<Object> r = TRY(object_repr(d));
    text += " default=";
    text += TRY(str_utf8(r.get()));
  }
  text += " at " + address_of(self) + ">";
  return str_from_utf8(text);
}

// Sets *out to the value of `var` in the current context; false when it has none there.
Result<bool> value_in_current(Object* var, Ref<Object>* out) {
  Ref<Object> ctx = TRY(current_context());
  Ref<Object> vars = context_vars(ctx.get());
  return dict_get_item(vars.get(), var, out);
}

// Publishes the current context's mapping with `var` set to `value` (nullptr: removed).
Status store_current(Object* ctx, Object* var, Object* value) {
  Ref<Object> vars = context_vars(ctx);
  Ref<Object> updated = TRY(dict_copy(vars.get()));
  if (value) {
    TRY(dict_set_item(updated.get(), var, value));
  } else {
    TRY(dict_pop(updated.get(), var, nullptr));
  }
  context_publish_vars(ctx, std::move(updated));
  return ok();
}

Result<Ref<Object>> var_get(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("get", nargs, kwnames, 0, 1));
  Ref<Object> value;
  if (TRY(value_in_current(self, &value))) return value;
  if (nargs) return new_ref(args[0]);
  if (Object* d = as_var(self)->default_value) return new_ref(d);
  return raise_with_value(exc::LookupError, self);
}

Result<Ref<Object>> var_set(Object* self, Object* const* args, size_t, Object*) {
  Ref<Object> ctx = TRY(current_context());
  Ref<Object> old;
  Ref<Object> vars = context_vars(ctx.get());
  bool had = TRY(dict_get_item(vars.get(), self, &old));
  TRY(store_current(ctx.get(), self, args[0]));
  Ref<TokenObject> token = TRY(new_object<TokenObject>(&TokenType));
  token->ctx = ctx.release();
  token->var = new_ref(self).release();
  token->old_value = had ? old.release() : nullptr;
  return Ref<Object>(std::move(token));
}

Result<Ref<Object>> var_reset(Object* self, Object* const* args, size_t, Object*) {
  Object* t = args[0];
  if (t->ob_type != &TokenType)
    return raise(exc::TypeError, "expected an instance of Token, got {}", fmt_repr(t));
  TokenObject* token = as_token(t);
  if (token->used.load(std::memory_order_acquire))
    return raise(exc::RuntimeError, "{} has already been used once", fmt_repr(t));
  if (token->var != self)
    return raise(exc::ValueError, "{} was created by a different ContextVar", fmt_repr(t));
  Ref<Object> ctx = TRY(current_context());
  if (token->ctx != ctx.get())
    return raise(exc::ValueError, "{} was created in a different Context", fmt_repr(t));
  bool expected = false;
  if (!token->used.compare_exchange_strong(expected, true, std::memory_order_acq_rel))
    return raise(exc::RuntimeError, "{} has already been used once", fmt_repr(t));
  TRY(store_current(ctx.get(), self, token->old_value));
  return new_none();
}

Result<Ref<Object>> var_name(Object* self) { return new_ref(as_var(self)->name); }

const MethodDef kVarMethods[] = {
    {"get", var_get, kMethFastcall,
     "Return a value for the context variable for the current context.\n\nIf there is no value "
     "for the variable in the current context, the method will:\n * return the value of the "
     "default argument of the method, if provided; or\n * return the default value for the "
     "context variable, if it was created\n   with one; or\n * raise a LookupError."},
    {"set", var_set, kMethOneArg,
     "Call to set a new value for the context variable in the current context.\n\nThe required "
     "value argument is the new value for the context variable.\n\nReturns a Token object that "
     "can be used to restore the variable to its previous\nvalue via the `ContextVar.reset()` "
     "method."},
    {"reset", var_reset, kMethOneArg,
     "Reset the context variable.\n\nThe variable is reset to the value it had before the "
     "`ContextVar.set()` that\ncreated the token was used."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kVarGetSets[] = {
    {"name", var_name, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// ---- Token ----------------------------------------------------------------------------------

Result<Ref<Object>> token_vnew(Type*, Object* const*, size_t, Object*) {
  return raise(exc::RuntimeError, "Tokens can only be created by ContextVars");
}

void token_dealloc(Object* self) {
  TokenObject* t = as_token(self);
  for (Object* field : {t->ctx, t->var, t->old_value}) xdecref(field);
  free_object(self);
}

void token_traverse(Object* self, VisitFn visit, void* arg) {
  TokenObject* t = as_token(self);
  for (Object* field : {t->ctx, t->var, t->old_value})
    if (field) visit(field, arg);
}

Result<Ref<Object>> token_repr(Object* self) {
  TokenObject* t = as_token(self);
  std::string text = t->used.load(std::memory_order_acquire) ? "<Token used var=" : "<Token var=";
  Ref<Object> var = TRY(object_repr(t->var));
  text += TRY(str_utf8(var.get()));
  text += " at " + address_of(self) + ">";
  return str_from_utf8(text);
}

Result<Ref<Object>> token_var(Object* self) { return new_ref(as_token(self)->var); }

Result<Ref<Object>> token_old_value(Object* self) {
  Object* old = as_token(self)->old_value;
  return new_ref(old ? old : &MissingObject);
}

Result<Ref<Object>> token_enter(Object* self, Object* const*, size_t, Object*) {
  return new_ref(self);
}

Result<Ref<Object>> token_exit(Object* self, Object* const*, size_t, Object*) {
  Object* reset_args[1] = {self};
  return var_reset(as_token(self)->var, reset_args, 1, nullptr);
}

const MethodDef kTokenMethods[] = {
    {"__enter__", token_enter, kMethNoArgs, "Enter into Token context manager."},
    {"__exit__", token_exit, kMethFastcall, "Exit from Token context manager, restore the linked ContextVar."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kTokenGetSets[] = {
    {"var", token_var, nullptr, nullptr},
    {"old_value", token_old_value, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Result<Ref<Object>> missing_repr(Object*) { return str_from_ascii("<Token.MISSING>"); }

Status fill_contextvar_types() {
  Type& v = ContextVarType;
  v.name = "_contextvars.ContextVar";
  v.basicsize = sizeof(ContextVarObject);
  v.flags = kTypeHaveGc | kTypeImmutable;
  v.dealloc = var_dealloc;
  v.traverse = var_traverse;
  v.repr = var_repr;
  v.new_ = var_vnew;
  v.methods = kVarMethods;
  v.getsets = kVarGetSets;

  Type& t = TokenType;
  t.name = "_contextvars.Token";
  t.basicsize = sizeof(TokenObject);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = token_dealloc;
  t.traverse = token_traverse;
  t.repr = token_repr;
  t.new_ = token_vnew;
  t.methods = kTokenMethods;
  t.getsets = kTokenGetSets;

  Type& m = MissingType;
  m.name = "Token.MISSING";
  m.basicsize = sizeof(Object);
  m.flags = kTypeImmutable | kTypeDisallowInstantiation;
  m.repr = missing_repr;
  init_static_object(&MissingObject, &MissingType);
  return ok();
}

Status ready_contextvar_types() {
  for (Type* t : {&ContextVarType, &TokenType, &MissingType}) TRY(type_ready(t));
  // Token.MISSING is a class attribute; set before anything can have cached Token's lookups.
  TRY(dict_set_item(TokenType.dict, str_intern("MISSING"), &MissingObject));
  type_modified(&TokenType);
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_contextvar_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_contextvar_types);

// ---- the module -----------------------------------------------------------------------------

Result<Ref<Object>> copy_context(Object*, Object* const*, size_t, Object*) {
  Ref<Object> ctx = TRY(current_context());
  Ref<Object> vars = context_vars(ctx.get());
  return context_new_with_vars(vars.get());
}

const MethodDef kContextvarsFunctions[] = {
    {"copy_context", copy_context, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_contextvars_module() {
  Ref<Object> m = TRY(module_new("_contextvars"));
  Ref<Object> name = TRY(str_from_ascii("_contextvars"));
  TRY(add_functions_to_dict(module_dict(m.get()), kContextvarsFunctions, m.get(), name.get()));
  TRY(module_add_object(m.get(), "Context", reinterpret_cast<Object*>(&ContextType)));
  TRY(module_add_object(m.get(), "ContextVar", reinterpret_cast<Object*>(&ContextVarType)));
  TRY(module_add_object(m.get(), "Token", reinterpret_cast<Object*>(&TokenType)));
  return m;
}

WEFT_NATIVE_MODULE("_contextvars", create_contextvars_module);

}  // namespace

}  // namespace weft::contextvars
