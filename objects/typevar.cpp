// objects/typevar.cpp — typing.TypeVar, ParamSpec and TypeVarTuple (PEP 484/612/646/695/696).
//
// One object layout serves the three kinds. A parameter made by the compiler holds its bound,
// constraints and default as lazy `format` functions; the first read calls the function and
// publishes the value with a compare-and-swap, so racing readers agree on one value and the
// object needs no lock (every other field is immutable once the object escapes: the compiler
// sets the lazy default right after creation, before anything else sees it). Substitution rules
// that CPython keeps in Lib/typing.py (_typevar_subst, _paramspec_subst...) are called there.
// Messages and reprs follow CPython 3.14's Objects/typevarobject.c.
#include "objects/typevar.h"

#include <array>
#include <atomic>
#include <cstddef>
#include <vector>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/dict.h"
#include "objects/heap_type.h"
#include "objects/import_hook.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/typevar_internal.h"
#include "objects/union.h"

namespace weft {

Type TypeVarType, ParamSpecType, TypeVarTupleType, ParamSpecArgsType, ParamSpecKwargsType,
    ConstEvaluatorType;

namespace typevar_impl {

Result<Ref<Object>> call_typing(const char* function, Object* const* args, size_t nargs,
                                Object* kwnames) {
  Ref<Object> typing = TRY(import_module_for_objects("typing"));
  Ref<Object> fn = TRY(get_attr(typing.get(), function));
  return call(fn.get(), args, nargs, kwnames);
}

Result<Ref<Object>> caller_module() {
  Object* globals = current_python_globals();
  if (!globals || !is_dict(globals)) return new_none();
  Ref<Object> name;
  if (!TRY(dict_get_item_str(globals, str_intern("__name__"), &name))) return new_none();
  return name;
}

Result<Ref<Object>> publish_lazy(std::atomic<Object*>& slot, Ref<Object> computed) {
  Object* expected = nullptr;
  if (slot.compare_exchange_strong(expected, computed.get(), std::memory_order_acq_rel))
    return Ref<Object>::borrow(computed.release());
  return Ref<Object>::borrow(expected);
}

Error mro_entries_error(Object* self) {
  return raise(exc::TypeError, "Cannot subclass an instance of {}", type_short_name(self->ob_type));
}

}  // namespace typevar_impl

using namespace typevar_impl;

namespace {

TypeParamObject* as_param(Object* o) { return static_cast<TypeParamObject*>(o); }

Result<Ref<Object>> alloc_param(Type* type, Object* name, Object* module) {
  Ref<Object> obj = TRY(new_object<TypeParamObject>(type));
  auto* p = as_param(obj.get());
  p->name = Ref<Object>::borrow(name).release();
  p->evaluate_bound = nullptr;
  p->evaluate_constraints = nullptr;
  p->evaluate_default = nullptr;
  p->module = module ? Ref<Object>::borrow(module).release() : nullptr;
  p->bound.store(nullptr, std::memory_order_relaxed);
  p->constraints.store(nullptr, std::memory_order_relaxed);
  p->default_value.store(nullptr, std::memory_order_relaxed);
  p->covariant = p->contravariant = false;
  p->infer_variance = false;
  return obj;
}

// Every reference a parameter owns (null where absent).
std::array<Object*, 8> owned_fields(Object* self) {
  auto* p = as_param(self);
  return {p->name, p->evaluate_bound, p->evaluate_constraints, p->evaluate_default, p->module,
          p->bound.load(std::memory_order_acquire), p->constraints.load(std::memory_order_acquire),
          p->default_value.load(std::memory_order_acquire)};
}

void param_dealloc(Object* self) {
  for (Object* o : owned_fields(self)) xdecref(o);
  free_object(self);
}

void param_traverse(Object* self, VisitFn visit, void* arg) {
  for (Object* o : owned_fields(self))
    if (o) visit(o, arg);
}

// `~T`, `+T`, `-T`, or plain `T` with infer_variance (TypeVar and ParamSpec).
Result<Ref<Object>> variance_repr(Object* self) {
  auto* p = as_param(self);
  if (p->infer_variance) return Ref<Object>::borrow(p->name);
  const char* prefix = p->covariant ? "+" : p->contravariant ? "-" : "~";
  return format_str("{}{}", prefix, p->name);
}

Result<Ref<Object>> typevartuple_repr(Object* self) { return Ref<Object>::borrow(as_param(self)->name); }

// A lazily evaluated field: the stored value, else the evaluator's result (published once),
// else `absent`.
Result<Ref<Object>> lazy_field(std::atomic<Object*>& slot, Object* evaluator, Object* absent) {
  if (Object* v = slot.load(std::memory_order_acquire)) return Ref<Object>::borrow(v);
  if (!evaluator) return Ref<Object>::borrow(absent);
  Ref<Object> computed = TRY(call_noargs(evaluator));
  return publish_lazy(slot, std::move(computed));
}

Result<Ref<Object>> get_name(Object* self) { return Ref<Object>::borrow(as_param(self)->name); }
Result<Ref<Object>> get_bound(Object* self) {
  auto* p = as_param(self);
  return lazy_field(p->bound, p->evaluate_bound, none());
}
Result<Ref<Object>> get_constraints(Object* self) {
  auto* p = as_param(self);
  if (!p->evaluate_constraints && !p->constraints.load(std::memory_order_acquire)) return tuple_new(0);
  return lazy_field(p->constraints, p->evaluate_constraints, none());
}
Result<Ref<Object>> get_default(Object* self) {
  auto* p = as_param(self);
  return lazy_field(p->default_value, p->evaluate_default, no_default());
}
Result<Ref<Object>> get_covariant(Object* self) { return new_bool(as_param(self)->covariant); }
Result<Ref<Object>> get_contravariant(Object* self) { return new_bool(as_param(self)->contravariant); }
Result<Ref<Object>> get_infer_variance(Object* self) { return new_bool(as_param(self)->infer_variance); }
Result<Ref<Object>> get_module(Object* self) {
  Object* m = as_param(self)->module;
  if (m) return Ref<Object>::borrow(m);
  return str_from_ascii("typing");
}


// evaluate_bound / evaluate_constraints / evaluate_default: the compiler's lazy function, a
// constevaluator for an eagerly given value, or None.
Result<Ref<Object>> evaluator_of(Object* evaluator, std::atomic<Object*>& slot, Object* absent) {
  if (evaluator) return Ref<Object>::borrow(evaluator);
  Object* v = slot.load(std::memory_order_acquire);
  if (!v || v == absent) return new_none();
  return const_evaluator_for(v);
}
Result<Ref<Object>> get_evaluate_bound(Object* self) {
  auto* p = as_param(self);
  return evaluator_of(p->evaluate_bound, p->bound, none());
}
Result<Ref<Object>> get_evaluate_constraints(Object* self) {
  auto* p = as_param(self);
  return evaluator_of(p->evaluate_constraints, p->constraints, nullptr);
}
Result<Ref<Object>> get_evaluate_default(Object* self) {
  auto* p = as_param(self);
  return evaluator_of(p->evaluate_default, p->default_value, no_default());
}

Result<Ref<Object>> has_default(Object* self, Object* const*, size_t, Object*) {
  auto* p = as_param(self);
  if (p->evaluate_default) return new_bool(true);
  Object* v = p->default_value.load(std::memory_order_acquire);
  return new_bool(v && v != no_default());
}

Result<Ref<Object>> param_reduce(Object* self, Object* const*, size_t, Object*) {
  return Ref<Object>::borrow(as_param(self)->name);
}

Result<Ref<Object>> param_mro_entries(Object* self, Object* const*, size_t, Object*) {
  return mro_entries_error(self);
}

// self.__typing_subst__(arg) / __typing_prepare_subst__(alias, args) through typing.py.
Result<Ref<Object>> call_typing_with_self(const char* fn, Object* self, Object* const* args,
                                          size_t nargs) {
  Object* all[3] = {self, nargs > 0 ? args[0] : nullptr, nargs > 1 ? args[1] : nullptr};
  return call_typing(fn, all, nargs + 1, nullptr);
}

// TypeVar.__typing_prepare_subst__(alias, args): fills in the default of a missing argument.
Result<Ref<Object>> typevar_prepare_subst(Object* self, Object* const* args) {
  Object* alias = args[0];
  Object* subst_args = args[1];
  Ref<Object> params = TRY(get_attr(alias, "__parameters__"));
  Ref<Object> index_obj = TRY(call_method(params.get(), "index", &self, 1));
  int64_t index = TRY(int_as_i64(index_obj.get()));
  int64_t nargs_given = TRY(object_length(subst_args));
  if (index < nargs_given) return Ref<Object>::borrow(subst_args);
  if (index == nargs_given) {
    Ref<Object> dflt = TRY(get_default(self));
    if (dflt.get() != no_default()) {
      Ref<Object> extra = TRY(tuple_pack({dflt.get()}));
      return binary_op(subst_args, extra.get(), BinaryOp::Add);
    }
  }
  return raise(exc::TypeError, "Too few arguments for {}; actual {}, expected at least {}",
               alias, nargs_given, index + 1);
}

// __typing_subst__(arg): typing._typevar_subst / _paramspec_subst; a bare TypeVarTuple has none.
Result<Ref<Object>> param_subst(Object* self, Object* const* args, size_t, Object*) {
  if (self->ob_type == &TypeVarTupleType)
    return raise(exc::TypeError, "Substitution of bare TypeVarTuple is not supported");
  const char* fn = self->ob_type == &TypeVarType ? "_typevar_subst" : "_paramspec_subst";
  return call_typing_with_self(fn, self, args, 1);
}

// __typing_prepare_subst__(alias, args).
Result<Ref<Object>> param_prepare_subst(Object* self, Object* const* args, size_t nargs,
                                        Object* kwnames) {
  TRY(args_positional_only("__typing_prepare_subst__", nargs, kwnames, 2, 2));
  if (self->ob_type == &TypeVarType) return typevar_prepare_subst(self, args);
  const char* fn = self->ob_type == &ParamSpecType ? "_paramspec_prepare_subst"
                                                   : "_typevartuple_prepare_subst";
  return call_typing_with_self(fn, self, args, 2);
}

// `T | int`: typing.Union[T, int].
Result<Ref<Object>> param_or(Object* a, Object* b) {
  Ref<Object> args = TRY(tuple_pack({a, b}));
  return union_from_args(args.get());
}

// iter(Ts): the one item typing.Unpack[Ts] (what `*Ts` unpacks to).
Result<Ref<Object>> typevartuple_iter(Object* self) {
  Ref<Object> unpack = TRY(unpack_typevartuple(self));
  Ref<Object> items = TRY(tuple_pack({unpack.get()}));
  return get_iter(items.get());
}

Result<bool> bool_arg(Object* o) { return o ? object_is_true(o) : Result<bool>(false); }

// Shared argument handling of TypeVar(), ParamSpec() and TypeVarTuple(): the name (a str) and the
// default (NoDefault when absent).
Status check_name(const char* fname, Object* name) {
  if (!is_str(name)) {
    return raise(exc::TypeError, "{}() argument 'name' must be str, not {}", fname,
                 type_name_of(name));
  }
  return ok();
}

Status check_variance(bool covariant, bool contravariant, bool infer_variance) {
  if (covariant && contravariant) return raise(exc::ValueError, "Bivariant types are not supported.");
  if (infer_variance && (covariant || contravariant))
    return raise(exc::ValueError, "Variance cannot be specified with infer_variance.");
  return ok();
}

// typing._type_check(arg, msg), with None standing for NoneType (CPython's type_check()).
Result<Ref<Object>> type_check(Object* arg, const char* msg) {
  if (is_none(arg)) return Ref<Object>::borrow(none()->ob_type);
  Ref<Object> message = TRY(str_from_ascii(msg));
  Object* args[2] = {arg, message.get()};
  return call_typing("_type_check", args, 2, nullptr);
}

void set_eager_default(TypeParamObject* p, Object* dflt) {
  if (dflt) p->default_value.store(Ref<Object>::borrow(dflt).release(), std::memory_order_relaxed);
  else p->default_value.store(Ref<Object>::borrow(no_default()).release(), std::memory_order_relaxed);
}

// TypeVar(name, *constraints, bound=None, default=NoDefault, covariant=False,
//         contravariant=False, infer_variance=False)
Result<Ref<Object>> typevar_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("typevar",
                                 "name * | bound default covariant contravariant infer_variance");
  size_t nkw = kwnames_count(kwnames);
  std::vector<Object*> packed;
  packed.push_back(nargs > 0 ? args[0] : nullptr);
  for (size_t i = 0; i < nkw; ++i) packed.push_back(args[nargs + i]);
  Object* a[6];
  TRY(kParser.parse(packed.data() + (nargs > 0 ? 0 : 1), nargs > 0 ? 1 : 0, kwnames, a));
  Object* name = a[0];
  TRY(check_name("typevar", name));
  bool covariant = TRY(bool_arg(a[3]));
  bool contravariant = TRY(bool_arg(a[4]));
  bool infer_variance = TRY(bool_arg(a[5]));
  TRY(check_variance(covariant, contravariant, infer_variance));
  Ref<Object> bound;
  if (a[1] && !is_none(a[1])) bound = TRY(type_check(a[1], "Bound must be a type."));
  Ref<Object> constraints;
  if (nargs > 1) {
    if (nargs == 2) return raise(exc::TypeError, "A single constraint is not allowed");
    if (bound) return raise(exc::TypeError, "Constraints cannot be combined with bound=...");
    constraints = TRY(tuple_from_array(args + 1, nargs - 1));
  }
  Ref<Object> module = TRY(caller_module());
  Ref<Object> obj = TRY(alloc_param(type, name, module.get()));
  auto* p = as_param(obj.get());
  p->covariant = covariant;
  p->contravariant = contravariant;
  p->infer_variance = infer_variance;
  p->bound.store(bound ? bound.release() : nullptr, std::memory_order_relaxed);
  p->constraints.store(constraints ? constraints.release() : nullptr, std::memory_order_relaxed);
  set_eager_default(p, a[2]);
  return obj;
}

// ParamSpec(name, *, bound=None, default=NoDefault, covariant=False, contravariant=False,
//           infer_variance=False)
Result<Ref<Object>> paramspec_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("paramspec",
                                 "name * | bound default covariant contravariant infer_variance");
  Object* a[6];
  TRY(kParser.parse(args, nargs, kwnames, a));
  TRY(check_name("paramspec", a[0]));
  bool covariant = TRY(bool_arg(a[3]));
  bool contravariant = TRY(bool_arg(a[4]));
  bool infer_variance = TRY(bool_arg(a[5]));
  TRY(check_variance(covariant, contravariant, infer_variance));
  Ref<Object> bound;
  if (a[1] && !is_none(a[1])) bound = TRY(type_check(a[1], "Bound must be a type."));
  Ref<Object> module = TRY(caller_module());
  Ref<Object> obj = TRY(alloc_param(type, a[0], module.get()));
  auto* p = as_param(obj.get());
  p->covariant = covariant;
  p->contravariant = contravariant;
  p->infer_variance = infer_variance;
  p->bound.store(bound ? bound.release() : nullptr, std::memory_order_relaxed);
  set_eager_default(p, a[2]);
  return obj;
}

// TypeVarTuple(name, *, default=NoDefault)
Result<Ref<Object>> typevartuple_new(Type* type, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  static const ArgParser kParser("typevartuple", "name * | default");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  TRY(check_name("typevartuple", a[0]));
  Ref<Object> module = TRY(caller_module());
  Ref<Object> obj = TRY(alloc_param(type, a[0], module.get()));
  set_eager_default(as_param(obj.get()), a[1]);
  return obj;
}

// ---- ParamSpecArgs / ParamSpecKwargs ----

struct ParamSpecAttrObject : Object {
  Object* origin;  // owned
};

Result<Ref<Object>> paramspec_attr_alloc(Type* type, Object* origin) {
  Ref<Object> obj = TRY(new_object<ParamSpecAttrObject>(type));
  static_cast<ParamSpecAttrObject*>(obj.get())->origin = Ref<Object>::borrow(origin).release();
  return obj;
}

Result<Ref<Object>> paramspec_attr_new(Type* type, Object* const* args, size_t nargs,
                                       Object* kwnames) {
  const char* fname = type == &ParamSpecArgsType ? "ParamSpecArgs" : "ParamSpecKwargs";
  static const ArgParser kArgs("ParamSpecArgs", "origin");
  static const ArgParser kKwargs("ParamSpecKwargs", "origin");
  Object* origin;
  TRY((type == &ParamSpecArgsType ? kArgs : kKwargs).parse(args, nargs, kwnames, &origin));
  (void)fname;
  return paramspec_attr_alloc(type, origin);
}

void paramspec_attr_dealloc(Object* self) {
  xdecref(static_cast<ParamSpecAttrObject*>(self)->origin);
  free_object(self);
}
void paramspec_attr_traverse(Object* self, VisitFn visit, void* arg) {
  visit(static_cast<ParamSpecAttrObject*>(self)->origin, arg);
}

Result<Ref<Object>> paramspec_attr_repr(Object* self) {
  Object* origin = static_cast<ParamSpecAttrObject*>(self)->origin;
  const char* suffix = self->ob_type == &ParamSpecArgsType ? "args" : "kwargs";
  if (origin->ob_type == &ParamSpecType) return format_str("{}.{}", as_param(origin)->name, suffix);
  return format_str("{}.{}", fmt_repr(origin), suffix);
}

Result<Ref<Object>> paramspec_attr_richcompare(Object* a, Object* b, CompareOp op) {
  if (b->ob_type != a->ob_type || (op != CompareOp::Eq && op != CompareOp::Ne))
    return new_ref(not_implemented());
  return rich_compare(static_cast<ParamSpecAttrObject*>(a)->origin,
                      static_cast<ParamSpecAttrObject*>(b)->origin, op);
}

Result<Ref<Object>> paramspec_get_args(Object* self) {
  return paramspec_attr_alloc(&ParamSpecArgsType, self);
}
Result<Ref<Object>> paramspec_get_kwargs(Object* self) {
  return paramspec_attr_alloc(&ParamSpecKwargsType, self);
}

// ---- constevaluator: evaluate_bound() & co. of a value given eagerly ----

struct ConstEvaluatorObject : Object {
  Object* value;  // owned
};

}  // namespace

Result<Ref<Object>> typevar_impl::const_evaluator_for(Object* value) {
  Ref<Object> obj = TRY(new_object<ConstEvaluatorObject>(&ConstEvaluatorType));
  static_cast<ConstEvaluatorObject*>(obj.get())->value = Ref<Object>::borrow(value).release();
  return obj;
}

namespace {

void const_evaluator_dealloc(Object* self) {
  xdecref(static_cast<ConstEvaluatorObject*>(self)->value);
  free_object(self);
}
void const_evaluator_traverse(Object* self, VisitFn visit, void* arg) {
  visit(static_cast<ConstEvaluatorObject*>(self)->value, arg);
}
Result<Ref<Object>> const_evaluator_repr(Object* self) {
  return format_str("<constevaluator {}>", fmt_repr(static_cast<ConstEvaluatorObject*>(self)->value));
}

// annotationlib.Format.STRING asks for the source-like text of the value.
constexpr int64_t kFormatString = 4;

Result<Ref<Object>> const_evaluator_call(Object* self, Object* const* args, size_t nargs,
                                         Object* kwnames) {
  static const ArgParser kParser("constevaluator.__call__", "format /");
  Object* format;
  TRY(kParser.parse(args, nargs, kwnames, &format));
  int64_t f = TRY(int_as_i64(format));
  Object* value = static_cast<ConstEvaluatorObject*>(self)->value;
  if (f == kFormatString) {
    StrBuilder out;
    TRY(typing_type_repr(out, value));
    return out.finish();
  }
  return Ref<Object>::borrow(value);
}

// ---- type tables ----

const GetSetDef kTypeVarGetSets[] = {
    {"__name__", get_name, nullptr, nullptr},
    {"__bound__", get_bound, nullptr, nullptr},
    {"__constraints__", get_constraints, nullptr, nullptr},
    {"__default__", get_default, nullptr, "The default value for this TypeVar."},
    {"__covariant__", get_covariant, nullptr, nullptr},
    {"__contravariant__", get_contravariant, nullptr, nullptr},
    {"__infer_variance__", get_infer_variance, nullptr, nullptr},
    {"__module__", get_module, nullptr, nullptr},
    {"evaluate_bound", get_evaluate_bound, nullptr, nullptr},
    {"evaluate_constraints", get_evaluate_constraints, nullptr, nullptr},
    {"evaluate_default", get_evaluate_default, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};
// The three kinds share their methods (the substitution ones dispatch on the kind).
const MethodDef kParamMethods[] = {
    {"__typing_subst__", param_subst, kMethOneArg, nullptr},
    {"__typing_prepare_subst__", param_prepare_subst, kMethFastcall, nullptr},
    {"__reduce__", param_reduce, kMethNoArgs, nullptr},
    {"__mro_entries__", param_mro_entries, kMethOneArg, nullptr},
    {"has_default", has_default, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kParamSpecGetSets[] = {
    {"__name__", get_name, nullptr, nullptr},
    {"__bound__", get_bound, nullptr, nullptr},
    {"__default__", get_default, nullptr, "The default value for this ParamSpec."},
    {"__covariant__", get_covariant, nullptr, nullptr},
    {"__contravariant__", get_contravariant, nullptr, nullptr},
    {"__infer_variance__", get_infer_variance, nullptr, nullptr},
    {"__module__", get_module, nullptr, nullptr},
    {"evaluate_default", get_evaluate_default, nullptr, nullptr},
    {"args", paramspec_get_args, nullptr, "Represents positional arguments."},
    {"kwargs", paramspec_get_kwargs, nullptr, "Represents keyword arguments."},
    {nullptr, nullptr, nullptr, nullptr},
};

const GetSetDef kTypeVarTupleGetSets[] = {
    {"__name__", get_name, nullptr, nullptr},
    {"__default__", get_default, nullptr, "The default value for this TypeVarTuple."},
    {"__module__", get_module, nullptr, nullptr},
    {"evaluate_default", get_evaluate_default, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

const MemberDef kParamSpecAttrMembers[] = {
    {"__origin__", MemberKind::Object, offsetof(ParamSpecAttrObject, origin), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};
const MethodDef kParamSpecAttrMethods[] = {
    {"__mro_entries__", param_mro_entries, kMethOneArg, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

void fill_param_type(Type& t, const char* name, NewFn new_fn, UnaryFn repr) {
  t.name = name;
  t.methods = kParamMethods;
  t.basicsize = sizeof(TypeParamObject);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = param_dealloc;
  t.traverse = param_traverse;
  t.repr = repr;
  t.new_ = new_fn;
  t.number.or_ = param_or;
}

void fill_paramspec_attr_type(Type& t, const char* name, const char* doc) {
  t.name = name;
  t.doc = doc;
  t.basicsize = sizeof(ParamSpecAttrObject);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = paramspec_attr_dealloc;
  t.traverse = paramspec_attr_traverse;
  t.repr = paramspec_attr_repr;
  t.richcompare = paramspec_attr_richcompare;
  t.new_ = paramspec_attr_new;
  t.members = kParamSpecAttrMembers;
  t.methods = kParamSpecAttrMethods;
}

Status fill_typevar_types() {
  fill_param_type(TypeVarType, "typing.TypeVar", typevar_new, variance_repr);
  TypeVarType.doc = "Type variable.";
  TypeVarType.getsets = kTypeVarGetSets;
  fill_param_type(ParamSpecType, "typing.ParamSpec", paramspec_new, variance_repr);
  ParamSpecType.doc = "Parameter specification variable.";
  ParamSpecType.getsets = kParamSpecGetSets;
  fill_param_type(TypeVarTupleType, "typing.TypeVarTuple", typevartuple_new, typevartuple_repr);
  TypeVarTupleType.doc = "Type variable tuple.";
  TypeVarTupleType.getsets = kTypeVarTupleGetSets;
  TypeVarTupleType.iter = typevartuple_iter;
  fill_paramspec_attr_type(ParamSpecArgsType, "typing.ParamSpecArgs",
                           "The args for a ParamSpec object.");
  fill_paramspec_attr_type(ParamSpecKwargsType, "typing.ParamSpecKwargs",
                           "The kwargs for a ParamSpec object.");
  Type& c = ConstEvaluatorType;
  c.name = "constevaluator";
  c.basicsize = sizeof(ConstEvaluatorObject);
  c.flags = kTypeHaveGc | kTypeImmutable | kTypeDisallowInstantiation;
  c.dealloc = const_evaluator_dealloc;
  c.traverse = const_evaluator_traverse;
  c.repr = const_evaluator_repr;
  c.call = const_evaluator_call;
  return ok();
}

Status ready_typevar_types() {
  for (Type* t : {&TypeVarType, &ParamSpecType, &TypeVarTupleType, &ParamSpecArgsType,
                  &ParamSpecKwargsType, &ConstEvaluatorType}) {
    TRY(type_ready(t));
  }
  return ok();
}
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_typevar_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_typevar_types);

}  // namespace

namespace typevar_impl {
// typing.Unpack[ts] (CPython's typevartuple_unpack).
Result<Ref<Object>> unpack_typevartuple(Object* ts) {
  Ref<Object> typing = TRY(import_module_for_objects("typing"));
  Ref<Object> unpack = TRY(get_attr(typing.get(), "Unpack"));
  return get_item(unpack.get(), ts);
}
}  // namespace typevar_impl

// ---- the compiler's intrinsics ----

Result<Ref<Object>> typevar_from_compiler(Object* name, Object* evaluate_bound,
                                          Object* evaluate_constraints) {
  Ref<Object> obj = TRY(alloc_param(&TypeVarType, name, nullptr));
  auto* p = as_param(obj.get());
  p->infer_variance = true;
  if (evaluate_bound) p->evaluate_bound = Ref<Object>::borrow(evaluate_bound).release();
  if (evaluate_constraints)
    p->evaluate_constraints = Ref<Object>::borrow(evaluate_constraints).release();
  return obj;
}

Result<Ref<Object>> paramspec_from_compiler(Object* name) {
  Ref<Object> obj = TRY(alloc_param(&ParamSpecType, name, nullptr));
  as_param(obj.get())->infer_variance = true;
  return obj;
}

Result<Ref<Object>> typevartuple_from_compiler(Object* name) {
  return alloc_param(&TypeVarTupleType, name, nullptr);
}

Result<Ref<Object>> typeparam_set_lazy_default(Object* param, Object* evaluate_default) {
  Type* t = param->ob_type;
  if (t != &TypeVarType && t != &ParamSpecType && t != &TypeVarTupleType) {
    return raise(exc::TypeError, "Expected a type param, got {}", fmt_repr(param));
  }
  auto* p = as_param(param);
  Object* old = p->evaluate_default;
  p->evaluate_default = Ref<Object>::borrow(evaluate_default).release();
  xdecref(old);
  return Ref<Object>::borrow(param);
}

}  // namespace weft
