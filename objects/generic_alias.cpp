// objects/generic_alias.cpp — types.GenericAlias, the object `list[int]` evaluates to (PEP 585),
// and its one-shot iterator that makes `*tuple[int, ...]` unpack to a starred alias.
//
// An alias is immutable after construction except for `parameters`, computed on first use
// (__parameters__ or a subscript). That cache is published with a compare-and-swap: two threads
// may both compute it, the loser drops its copy, and readers load it with acquire, so no lock is
// needed. Attribute access forwards to the origin class (list[int].append is list.append) except
// for the alias's own attributes; a few names are blocked from forwarding so that copy and
// pickle treat the alias as an object of its own. Behaviour and messages follow CPython 3.14.
#include "objects/generic_alias.h"

#include <atomic>
#include <cstddef>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/union.h"
#include "objects/weakref.h"

namespace weft {

Type GenericAliasType;
Type GenericAliasIteratorType;

namespace {

struct GenericAliasObject : Object {
  Object* origin;                    // owned
  Object* args;                      // owned tuple
  std::atomic<Object*> parameters;   // owned tuple once computed (see the file comment)
  Object* weaklist;                  // weak references to this alias (objects/weakref.h)
  bool starred;                      // `*tuple[int]`
};

struct GenericAliasIteratorObject : Object {
  std::atomic<Object*> alias;  // owned; exchanged to null by the one next() that yields
};

GenericAliasObject* as_alias(Object* o) { return static_cast<GenericAliasObject*>(o); }

Result<Ref<Object>> new_alias(Type* type, Object* origin, Object* args, bool starred) {
  Ref<Object> arg_tuple = is_tuple(args) ? new_ref(args) : TRY(tuple_pack({args}));
  Ref<GenericAliasObject> a =
      TRY(new_object<GenericAliasObject>(type, static_cast<size_t>(type->basicsize)));
  a->origin = new_ref(origin).release();
  a->args = arg_tuple.release();
  a->parameters.store(nullptr, std::memory_order_relaxed);
  a->weaklist = nullptr;
  a->starred = starred;
  return Ref<Object>(std::move(a));
}

// The alias's __parameters__, computed once (borrowed; lives as long as the alias).
Result<Object*> alias_parameters(Object* self) {
  GenericAliasObject* a = as_alias(self);
  Object* cached = a->parameters.load(std::memory_order_acquire);
  if (cached) return cached;
  Ref<Object> computed = TRY(typing_make_parameters(a->args));
  Object* expected = nullptr;
  if (a->parameters.compare_exchange_strong(expected, computed.get(), std::memory_order_acq_rel))
    return computed.release();
  return expected;  // another thread published first; ours is dropped
}

void alias_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  GenericAliasObject* a = as_alias(self);
  xdecref(a->origin);
  xdecref(a->args);
  xdecref(a->parameters.load(std::memory_order_relaxed));
  free_object(self);
}

void alias_traverse(Object* self, VisitFn visit, void* arg) {
  GenericAliasObject* a = as_alias(self);
  visit(a->origin, arg);
  visit(a->args, arg);
  if (Object* p = a->parameters.load(std::memory_order_acquire)) visit(p, arg);
}

Result<Ref<Object>> alias_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("GenericAlias", nargs, kwnames, 2, 2));
  return new_alias(type, args[0], args[1], false);
}

// A list argument (Callable's parameter list) prints as [a, b].
Status repr_item_list(StrBuilder& out, Object* list) {
  Ref<Object> items = TRY(list_as_tuple(list));
  out.append_ascii("[");
  for (int64_t i = 0; i < tuple_size(items.get()); ++i) {
    if (i) out.append_ascii(", ");
    TRY(typing_type_repr(out, tuple_item(items.get(), i)));
  }
  out.append_ascii("]");
  return ok();
}

Result<Ref<Object>> alias_repr(Object* self) {
  GenericAliasObject* a = as_alias(self);
  StrBuilder out;
  if (a->starred) out.append_ascii("*");
  TRY(typing_type_repr(out, a->origin));
  out.append_ascii("[");
  int64_t n = tuple_size(a->args);
  for (int64_t i = 0; i < n; ++i) {
    if (i) out.append_ascii(", ");
    Object* p = tuple_item(a->args, i);
    if (is_list_exact(p)) {
      TRY(repr_item_list(out, p));
    } else {
      TRY(typing_type_repr(out, p));
    }
  }
  if (n == 0) out.append_ascii("()");  // tuple[()]
  out.append_ascii("]");
  return out.finish();
}

Result<Ref<Object>> alias_subscript(Object* self, Object* item) {
  GenericAliasObject* a = as_alias(self);
  Object* params = TRY(alias_parameters(self));
  Ref<Object> new_args = TRY(typing_subs_parameters(self, a->args, params, item));
  return new_alias(&GenericAliasType, a->origin, new_args.get(), a->starred);
}

Result<int64_t> alias_hash(Object* self) {
  GenericAliasObject* a = as_alias(self);
  int64_t h = TRY(object_hash(a->origin)) ^ TRY(object_hash(a->args));
  return h == -1 ? -2 : h;
}

Result<Ref<Object>> alias_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_generic_alias(b) || (op != CompareOp::Eq && op != CompareOp::Ne))
    return new_ref(not_implemented());
  GenericAliasObject* x = as_alias(a);
  GenericAliasObject* y = as_alias(b);
  bool equal = x->starred == y->starred && TRY(objects_equal(x->origin, y->origin)) &&
               TRY(objects_equal(x->args, y->args));
  return new_bool(equal == (op == CompareOp::Eq));
}

// Calling list[int](...) calls list(...) and records the alias on the instance when it can.
Result<Ref<Object>> alias_call(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Ref<Object> obj = TRY(call(as_alias(self)->origin, args, nargs, kwnames));
  Status st = set_attr(obj.get(), str_intern("__orig_class__"), self);
  if (st.is_error()) {
    if (!error_matches(exc::AttributeError) && !error_matches(exc::TypeError)) return Error{};
    clear_error();
  }
  return obj;
}

// Names never forwarded to the origin (they raise AttributeError on the alias itself).
constexpr const char* kBlockedAttrs[] = {"__bases__", "__copy__", "__deepcopy__"};
// The alias's own attributes, looked up on the alias rather than the origin.
constexpr const char* kOwnAttrs[] = {
    "__class__",  "__origin__",      "__args__",         "__unpacked__",
    "__parameters__", "__typing_unpacked_tuple_args__", "__mro_entries__",
    "__reduce_ex__",  "__reduce__"};

bool name_in(Object* name, const char* const* names, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (str_equal_ascii(name, names[i])) return true;
  }
  return false;
}

Result<Ref<Object>> alias_getattro(Object* self, Object* name) {
  if (is_str(name) && !name_in(name, kBlockedAttrs, std::size(kBlockedAttrs)) &&
      !name_in(name, kOwnAttrs, std::size(kOwnAttrs))) {
    return get_attr(as_alias(self)->origin, name);
  }
  return generic_getattr(self, name);
}

Result<Ref<Object>> alias_mro_entries(Object* self, Object* const*, size_t, Object*) {
  return tuple_pack({as_alias(self)->origin});
}

Result<Ref<Object>> alias_instancecheck(Object*, Object* const*, size_t, Object*) {
  return raise(exc::TypeError, "isinstance() argument 2 cannot be a parameterized generic");
}

Result<Ref<Object>> alias_subclasscheck(Object*, Object* const*, size_t, Object*) {
  return raise(exc::TypeError, "issubclass() argument 2 cannot be a parameterized generic");
}

Result<Ref<Object>> alias_reduce(Object* self, Object* const*, size_t, Object*) {
  GenericAliasObject* a = as_alias(self);
  if (a->starred) {
    // CPython reduces *X to (next, (iter(X),)); the built-in `next` is not reachable from
    // objects/, so starred aliases do not pickle yet.
    return raise(exc::NotImplementedError, "pickling a starred GenericAlias is not supported");
  }
  Ref<Object> fields = TRY(tuple_pack({a->origin, a->args}));
  return tuple_pack({type_of_obj(self), fields.get()});
}

// dir(origin) plus the alias's own attributes.
Result<Ref<Object>> alias_dir(Object* self, Object* const*, size_t, Object*) {
  Object* origin = as_alias(self)->origin;
  Ref<Object> dir_method;
  if (!TRY(lookup_special(origin, str_intern("__dir__"), &dir_method)))
    return raise(exc::TypeError, "object does not provide __dir__");
  Ref<Object> listed = TRY(call_noargs(dir_method.get()));
  Ref<Object> names = TRY(list_from_iterable(listed.get()));
  TRY(list_sort(names.get(), nullptr, false));
  for (const char* own : kOwnAttrs) {
    Object* s = str_intern(own);
    if (!TRY(contains(names.get(), s))) TRY(list_append(names.get(), s));
  }
  return names;
}

Result<Ref<Object>> alias_get_parameters(Object* self) {
  Object* p = TRY(alias_parameters(self));
  return new_ref(p);
}

Result<Ref<Object>> alias_get_unpacked_tuple_args(Object* self) {
  GenericAliasObject* a = as_alias(self);
  if (a->starred && a->origin == reinterpret_cast<Object*>(&TupleType)) return new_ref(a->args);
  return new_none();
}

Result<Ref<Object>> alias_iter(Object* self) {
  Ref<GenericAliasIteratorObject> it =
      TRY(new_object<GenericAliasIteratorObject>(&GenericAliasIteratorType));
  it->alias.store(new_ref(self).release(), std::memory_order_relaxed);
  return Ref<Object>(std::move(it));
}

const MethodDef kAliasMethods[] = {
    {"__mro_entries__", alias_mro_entries, kMethOneArg, nullptr},
    {"__instancecheck__", alias_instancecheck, kMethOneArg, nullptr},
    {"__subclasscheck__", alias_subclasscheck, kMethOneArg, nullptr},
    {"__reduce__", alias_reduce, kMethNoArgs, nullptr},
    {"__dir__", alias_dir, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const MemberDef kAliasMembers[] = {
    {"__origin__", MemberKind::Object, offsetof(GenericAliasObject, origin), true, nullptr},
    {"__args__", MemberKind::Object, offsetof(GenericAliasObject, args), true, nullptr},
    {"__unpacked__", MemberKind::Bool, offsetof(GenericAliasObject, starred), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

const GetSetDef kAliasGetSets[] = {
    {"__parameters__", alias_get_parameters, nullptr, "Type variables in the GenericAlias."},
    {"__typing_unpacked_tuple_args__", alias_get_unpacked_tuple_args, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// --- generic_alias_iterator ----------------------------------------------------------------

GenericAliasIteratorObject* as_iter(Object* o) { return static_cast<GenericAliasIteratorObject*>(o); }

void iter_dealloc(Object* self) {
  xdecref(as_iter(self)->alias.load(std::memory_order_relaxed));
  free_object(self);
}

void iter_traverse(Object* self, VisitFn visit, void* arg) {
  if (Object* a = as_iter(self)->alias.load(std::memory_order_acquire)) visit(a, arg);
}

Result<Ref<Object>> iter_self(Object* self) { return new_ref(self); }

// Yields the starred alias once; the exchange makes "once" hold across threads.
Next iter_next_alias(Object* self) {
  Object* taken = as_iter(self)->alias.exchange(nullptr, std::memory_order_acq_rel);
  if (!taken) return Next::done();
  Ref<Object> alias = Ref<Object>::steal(taken);
  GenericAliasObject* a = as_alias(alias.get());
  Result<Ref<Object>> starred = new_alias(&GenericAliasType, a->origin, a->args, true);
  if (starred.is_error()) return Error{};
  return std::move(starred).release_value();
}

// --- types ---------------------------------------------------------------------------------

Status fill_generic_alias_types() {
  Type& t = GenericAliasType;
  t.name = "types.GenericAlias";
  t.doc =
      "Represent a PEP 585 generic type\n\n"
      "E.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,).";
  t.basicsize = sizeof(GenericAliasObject);
  t.flags = kTypeBaseType | kTypeHaveGc;
  t.weaklistoffset = offsetof(GenericAliasObject, weaklist);
  t.dealloc = alias_dealloc;
  t.traverse = alias_traverse;
  t.repr = alias_repr;
  t.hash = alias_hash;
  t.richcompare = alias_richcompare;
  t.call = alias_call;
  t.getattro = alias_getattro;
  t.iter = alias_iter;
  t.new_ = alias_vnew;
  t.number.or_ = union_type_or;
  t.mapping.subscript = alias_subscript;
  t.methods = kAliasMethods;
  t.members = kAliasMembers;
  t.getsets = kAliasGetSets;

  Type& it = GenericAliasIteratorType;
  it.name = "generic_alias_iterator";
  it.basicsize = sizeof(GenericAliasIteratorObject);
  it.flags = kTypeHaveGc | kTypeDisallowInstantiation;
  it.dealloc = iter_dealloc;
  it.traverse = iter_traverse;
  it.iter = iter_self;
  it.iternext = iter_next_alias;
  return ok();
}
Status ready_generic_alias_types() {
  TRY(type_ready(&GenericAliasType));
  return type_ready(&GenericAliasIteratorType);
}
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_generic_alias_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_generic_alias_types);

}  // namespace

Result<Ref<Object>> generic_alias_new(Object* origin, Object* args) {
  return new_alias(&GenericAliasType, origin, args, false);
}

Result<Ref<Object>> generic_alias_class_getitem(Object* cls, Object* const* args, size_t,
                                                Object*) {
  return generic_alias_new(cls, args[0]);
}

}  // namespace weft
