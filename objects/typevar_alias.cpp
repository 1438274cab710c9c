// objects/typevar_alias.cpp — typing.TypeAliasType (`type X = ...`), typing.Generic and the
// typing.NoDefault sentinel, plus the compiler intrinsics that build aliases and Generic[...].
//
// A TypeAliasType made by the compiler holds its value as a lazy `format` function; __value__
// calls it once and publishes the result with a compare-and-swap (every other field is
// immutable, so no lock is needed). Generic's class-level behaviour (subscription, subclass
// checks) is Lib/typing.py's _generic_class_getitem / _generic_init_subclass, which the methods
// here delegate to, as CPython's Objects/typevarobject.c does.
#include <array>
#include <atomic>
#include <cstddef>
#include <memory>
#include <new>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/typevar.h"
#include "objects/typevar_internal.h"
#include "objects/union.h"

namespace weft {

Type TypeAliasTypeType, GenericType, NoDefaultType;

namespace {

using namespace typevar_impl;

Object g_no_default;

struct TypeAliasObject : Object {
  Object* name;                  // owned str
  Object* type_params;           // owned tuple or null (no parameters)
  Object* compute_value;         // owned lazy function or null
  std::atomic<Object*> value;    // owned or null (not computed yet)
  Object* module;                // owned or null
};

TypeAliasObject* as_alias(Object* o) { return static_cast<TypeAliasObject*>(o); }

bool is_type_param(Object* o) {
  Type* t = o->ob_type;
  return t == &TypeVarType || t == &ParamSpecType || t == &TypeVarTupleType;
}

Result<Ref<Object>> alias_alloc(Object* name, Object* type_params, Object* compute_value,
                                Object* value, Object* module) {
  Ref<Object> obj = TRY(new_object<TypeAliasObject>(&TypeAliasTypeType));
  auto* a = as_alias(obj.get());
  a->name = Ref<Object>::borrow(name).release();
  a->type_params = type_params && !is_none(type_params) && tuple_size(type_params) > 0
                       ? Ref<Object>::borrow(type_params).release()
                       : nullptr;
  a->compute_value = compute_value ? Ref<Object>::borrow(compute_value).release() : nullptr;
  a->value.store(value ? Ref<Object>::borrow(value).release() : nullptr, std::memory_order_relaxed);
  a->module = module && !is_none(module) ? Ref<Object>::borrow(module).release() : nullptr;
  return obj;
}

// Every reference an alias owns (null where absent).
std::array<Object*, 5> owned_fields(Object* self) {
  auto* a = as_alias(self);
  return {a->name, a->type_params, a->compute_value, a->module,
          a->value.load(std::memory_order_acquire)};
}

void alias_dealloc(Object* self) {
  for (Object* o : owned_fields(self)) xdecref(o);
  free_object(self);
}

void alias_traverse(Object* self, VisitFn visit, void* arg) {
  for (Object* o : owned_fields(self))
    if (o) visit(o, arg);
}

Result<Ref<Object>> alias_repr(Object* self) { return Ref<Object>::borrow(as_alias(self)->name); }

Result<Ref<Object>> alias_get_name(Object* self) { return Ref<Object>::borrow(as_alias(self)->name); }

Result<Ref<Object>> alias_get_module(Object* self) {
  Object* m = as_alias(self)->module;
  if (m) return Ref<Object>::borrow(m);
  return new_none();
}

Result<Ref<Object>> alias_get_type_params(Object* self) {
  Object* tp = as_alias(self)->type_params;
  if (tp) return Ref<Object>::borrow(tp);
  return tuple_new(0);
}

// __parameters__: the type parameters, each TypeVarTuple as typing.Unpack[Ts].
Result<Ref<Object>> unpack_typevartuples(Object* params) {
  int64_t n = tuple_size(params);
  bool any = false;
  for (int64_t i = 0; i < n; ++i) any |= tuple_item(params, i)->ob_type == &TypeVarTupleType;
  if (!any) return Ref<Object>::borrow(params);
  Ref<Object> out = TRY(tuple_new(n));
  for (int64_t i = 0; i < n; ++i) {
    Object* p = tuple_item(params, i);
    Ref<Object> item = p->ob_type == &TypeVarTupleType ? TRY(unpack_typevartuple(p))
                                                       : Ref<Object>::borrow(p);
    tuple_init_item(out.get(), i, std::move(item));
  }
  return out;
}

Result<Ref<Object>> alias_get_parameters(Object* self) {
  Object* tp = as_alias(self)->type_params;
  if (!tp) return tuple_new(0);
  return unpack_typevartuples(tp);
}

Result<Ref<Object>> alias_get_value(Object* self) {
  auto* a = as_alias(self);
  if (Object* v = a->value.load(std::memory_order_acquire)) return Ref<Object>::borrow(v);
  Ref<Object> computed = TRY(call_noargs(a->compute_value));
  return publish_lazy(a->value, std::move(computed));
}

Result<Ref<Object>> alias_get_evaluate_value(Object* self) {
  auto* a = as_alias(self);
  if (a->compute_value) return Ref<Object>::borrow(a->compute_value);
  return const_evaluator_for(a->value.load(std::memory_order_acquire));
}

Result<Ref<Object>> alias_reduce(Object* self, Object* const*, size_t, Object*) {
  return Ref<Object>::borrow(as_alias(self)->name);
}

Result<Ref<Object>> alias_subscript(Object* self, Object* item) {
  if (!as_alias(self)->type_params) {
    return raise(exc::TypeError, "Only generic type aliases are subscriptable");
  }
  return generic_alias_new(self, item);
}

Result<Ref<Object>> alias_or(Object* a, Object* b) { return union_type_or(a, b); }

// TypeAliasType(name, value, *, type_params=())
Result<Ref<Object>> alias_new(Type*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("typealias", "name value * | type_params");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  if (!is_str(a[0])) {
    return raise(exc::TypeError, "typealias() argument 'name' must be str, not {}",
                 type_name_of(a[0]));
  }
  Object* type_params = a[2];
  if (type_params) {
    if (!is_tuple(type_params)) return raise(exc::TypeError, "type_params must be a tuple");
    bool seen_default = false;
    for (int64_t i = 0; i < tuple_size(type_params); ++i) {
      Object* p = tuple_item(type_params, i);
      if (!is_type_param(p)) return raise(exc::TypeError, "Expected a type param, got {}", fmt_repr(p));
      Ref<Object> has = TRY(call_method(p, "has_default", nullptr, 0));
      if (has.get() == py_true()) {
        seen_default = true;
      } else if (seen_default) {
        return raise(exc::TypeError,
                     "non-default type parameter '{}' follows default type parameter",
                     fmt_repr(p));
      }
    }
  }
  Ref<Object> module = TRY(caller_module());
  return alias_alloc(a[0], type_params, nullptr, a[1], module.get());
}

// ---- Generic ----

Result<Ref<Object>> generic_class_getitem(Object* cls, Object* const* args, size_t, Object*) {
  Object* call_args[2] = {cls, args[0]};
  return call_typing("_generic_class_getitem", call_args, 2, nullptr);
}

Result<Ref<Object>> generic_init_subclass(Object* cls, Object* const* args, size_t nargs,
                                          Object* kwnames) {
  size_t total = nargs + kwnames_count(kwnames);
  Object* small[8];
  std::unique_ptr<Object*[]> big;
  Object** call_args = small;
  if (total + 1 > 8) {
    big.reset(new (std::nothrow) Object*[total + 1]);
    if (!big) return raise_no_memory();
    call_args = big.get();
  }
  call_args[0] = cls;
  for (size_t i = 0; i < total; ++i) call_args[i + 1] = args[i];
  return call_typing("_generic_init_subclass", call_args, nargs + 1, kwnames);
}

const MethodDef kGenericMethods[] = {
    {"__class_getitem__", generic_class_getitem, kMethOneArg | kMethClass,
     "Parameterizes a generic class."},
    {"__init_subclass__", generic_init_subclass, kMethFastcall | kMethClass,
     "Function to initialize subclasses."},
    {nullptr, nullptr, 0, nullptr},
};

// ---- NoDefault ----

Result<Ref<Object>> no_default_repr(Object*) { return str_from_ascii("typing.NoDefault"); }

Result<Ref<Object>> no_default_reduce(Object*, Object* const*, size_t, Object*) {
  return str_from_ascii("NoDefault");
}

Result<Ref<Object>> no_default_new(Type*, Object* const*, size_t nargs, Object* kwnames) {
  if (nargs > 0 || kwnames_count(kwnames) > 0) {
    return raise(exc::TypeError, "NoDefaultType takes no arguments");
  }
  return Ref<Object>::borrow(&g_no_default);
}

const MethodDef kNoDefaultMethods[] = {
    {"__reduce__", no_default_reduce, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kAliasGetSets[] = {
    {"__name__", alias_get_name, nullptr, nullptr},
    {"__module__", alias_get_module, nullptr, nullptr},
    {"__type_params__", alias_get_type_params, nullptr, nullptr},
    {"__parameters__", alias_get_parameters, nullptr, nullptr},
    {"__value__", alias_get_value, nullptr, nullptr},
    {"evaluate_value", alias_get_evaluate_value, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};
const MethodDef kAliasMethods[] = {
    {"__reduce__", alias_reduce, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_alias_types() {
  Type& a = TypeAliasTypeType;
  a.name = "typing.TypeAliasType";
  a.doc = "Type alias.";
  a.basicsize = sizeof(TypeAliasObject);
  a.flags = kTypeHaveGc | kTypeImmutable;
  a.dealloc = alias_dealloc;
  a.traverse = alias_traverse;
  a.repr = alias_repr;
  a.new_ = alias_new;
  a.getsets = kAliasGetSets;
  a.methods = kAliasMethods;
  a.mapping.subscript = alias_subscript;
  a.number.or_ = alias_or;

  Type& g = GenericType;
  g.name = "typing.Generic";
  g.doc = "Abstract base class for generic types.";
  g.basicsize = sizeof(Object);
  g.flags = kTypeBaseType | kTypeImmutable;
  g.methods = kGenericMethods;

  Type& n = NoDefaultType;
  n.name = "NoDefaultType";
  n.doc = "The type of the NoDefault singleton.";
  n.basicsize = sizeof(Object);
  n.flags = kTypeImmutable;
  n.repr = no_default_repr;
  n.new_ = no_default_new;
  n.methods = kNoDefaultMethods;
  init_static_object(&g_no_default, &NoDefaultType);
  return ok();
}

Status ready_alias_types() {
  for (Type* t : {&TypeAliasTypeType, &GenericType, &NoDefaultType}) TRY(type_ready(t));
  union_register_type_alias_type(&TypeAliasTypeType);
  return ok();
}
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_alias_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_alias_types);

}  // namespace

Object* no_default() { return &g_no_default; }

Result<Ref<Object>> typealias_from_compiler(Object* args) {
  Object* name = tuple_item(args, 0);
  Object* type_params = tuple_item(args, 1);
  Object* compute_value = tuple_item(args, 2);
  Ref<Object> module = TRY(caller_module());
  return alias_alloc(name, type_params, compute_value, nullptr, module.get());
}

Result<Ref<Object>> subscript_generic(Object* params) {
  Ref<Object> unpacked = TRY(unpack_typevartuples(params));
  Object* args[2] = {&GenericType, unpacked.get()};
  return call_typing("_GenericAlias", args, 2, nullptr);
}

}  // namespace weft
