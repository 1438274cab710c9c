// objects/union.cpp — typing.Union (types.UnionType): `int | str`, `Union[int, str]`.
//
// A union keeps its members in first-seen order (`args`, what repr and __args__ show) and, for
// order-independent equality and hashing, the hashable members as a frozenset plus the
// unhashable ones (e.g. a list from Callable) as a tuple. Members are flattened (a union inside a
// union contributes its members), None becomes NoneType, duplicates are dropped, and a single
// remaining member is returned instead of a union. Unions are immutable except for the lazily
// computed __parameters__, published with a compare-and-swap (see generic_alias.cpp). The
// builder works on private containers, so no locking is needed. Behaviour follows CPython 3.14's
// Objects/unionobject.c.
#include "objects/union.h"

#include <atomic>
#include <cstddef>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/import_hook.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"

namespace weft {

Type UnionType;

namespace {

std::atomic<Type*> g_type_alias_type{nullptr};

constexpr const char* kTypeCheckMessage = "Union[arg, ...]: each arg must be a type.";

struct UnionObject : Object {
  Object* args;                     // owned tuple, members in order
  Object* hashable_args;            // owned frozenset of the hashable members
  Object* unhashable_args;          // owned tuple of the others, or null
  std::atomic<Object*> parameters;  // owned tuple once computed
  Object* weaklist;                 // weak references to this union (objects/weakref.h)
};

UnionObject* as_union(Object* o) { return static_cast<UnionObject*>(o); }

bool is_unionable(Object* o) {
  return is_none(o) || is_instance_of(o, &TypeType) || is_generic_alias(o) || is_union(o) ||
         o->ob_type == g_type_alias_type.load(std::memory_order_acquire);
}

// typing._type_check(arg, msg): what Union[...] does with members that are not plainly types
// (strings become ForwardRefs, for instance).
Result<Ref<Object>> typing_type_check(Object* arg) {
  Ref<Object> typing = TRY(import_module_for_objects("typing"));
  Ref<Object> check = TRY(get_attr(typing.get(), "_type_check"));
  Ref<Object> msg = TRY(str_from_ascii(kTypeCheckMessage));
  Object* call_args[2] = {arg, msg.get()};
  return call(check.get(), call_args, 2);
}

// Collects union members: flattening, None -> NoneType, de-duplication (by hash and equality for
// hashable members, by equality for the others).
class UnionBuilder {
 public:
  explicit UnionBuilder(bool checked) : checked_(checked) {}

  Status init() {
    args_ = TRY(list_new());
    hashable_ = TRY(set_new(nullptr));
    return ok();
  }

  Status add(Object* arg) {
    if (is_none(arg)) return add_unchecked(reinterpret_cast<Object*>(&NoneType));
    if (is_union(arg)) return add_tuple(as_union(arg)->args);
    if (checked_ && !is_unionable(arg)) {
      Ref<Object> checked = TRY(typing_type_check(arg));
      return add_unchecked(checked.get());
    }
    return add_unchecked(arg);
  }

  Status add_tuple(Object* tuple) {
    for (int64_t i = 0; i < tuple_size(tuple); ++i) TRY(add(tuple_item(tuple, i)));
    return ok();
  }

  // The union, or its only member, or TypeError for no members.
  Result<Ref<Object>> finish() {
    int64_t n = list_size(args_.get());
    if (n == 0) return raise(exc::TypeError, "Cannot take a Union of no types.");
    if (n == 1) return list_get_item(args_.get(), 0);
    Ref<UnionObject> u = TRY(new_object<UnionObject>(&UnionType));
    u->args = nullptr;
    u->hashable_args = nullptr;
    u->unhashable_args = nullptr;
    u->parameters.store(nullptr, std::memory_order_relaxed);
    u->weaklist = nullptr;
    u->args = TRY(list_as_tuple(args_.get())).release();
    u->hashable_args = TRY(frozenset_new(hashable_.get())).release();
    if (unhashable_) u->unhashable_args = TRY(list_as_tuple(unhashable_.get())).release();
    return Ref<Object>(std::move(u));
  }

 private:
  Status add_unchecked(Object* arg) {
    Result<int64_t> h = object_hash(arg);
    if (h.is_error()) {
      clear_error();
      if (!unhashable_) {
        unhashable_ = TRY(list_new());
      } else if (TRY(contains(unhashable_.get(), arg))) {
        return ok();
      }
      TRY(list_append(unhashable_.get(), arg));
    } else {
      if (TRY(set_contains(hashable_.get(), arg))) return ok();
      TRY(set_add(hashable_.get(), arg));
    }
    return list_append(args_.get(), arg);
  }

  bool checked_;
  Ref<Object> args_;        // list
  Ref<Object> hashable_;    // set
  Ref<Object> unhashable_;  // list or null
};

Result<Ref<Object>> union_of_two(Object* a, Object* b, bool checked) {
  UnionBuilder builder(checked);
  TRY(builder.init());
  TRY(builder.add(a));
  TRY(builder.add(b));
  return builder.finish();
}

void union_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  UnionObject* u = as_union(self);
  xdecref(u->args);
  xdecref(u->hashable_args);
  xdecref(u->unhashable_args);
  xdecref(u->parameters.load(std::memory_order_relaxed));
  free_object(self);
}

void union_traverse(Object* self, VisitFn visit, void* arg) {
  UnionObject* u = as_union(self);
  visit(u->args, arg);
  visit(u->hashable_args, arg);
  if (u->unhashable_args) visit(u->unhashable_args, arg);
  if (Object* p = u->parameters.load(std::memory_order_acquire)) visit(p, arg);
}

Result<Object*> union_parameters(Object* self) {
  UnionObject* u = as_union(self);
  Object* cached = u->parameters.load(std::memory_order_acquire);
  if (cached) return cached;
  Ref<Object> computed = TRY(typing_make_parameters(u->args));
  Object* expected = nullptr;
  if (u->parameters.compare_exchange_strong(expected, computed.get(), std::memory_order_acq_rel))
    return computed.release();
  return expected;
}

// A union with unhashable members is unhashable (two equal unions could hash differently).
Result<int64_t> union_hash(Object* self) {
  UnionObject* u = as_union(self);
  if (Object* unhashable = u->unhashable_args) {
    for (int64_t i = 0; i < tuple_size(unhashable); ++i) TRY(object_hash(tuple_item(unhashable, i)));
    return raise(exc::TypeError, "union contains {} unhashable elements", tuple_size(unhashable));
  }
  return object_hash(u->hashable_args);
}

// Every item of `a` is in `b` (equality).
Result<bool> all_contained(Object* a, Object* b) {
  for (int64_t i = 0; i < tuple_size(a); ++i) {
    if (!TRY(contains(b, tuple_item(a, i)))) return false;
  }
  return true;
}

Result<bool> unions_equal(UnionObject* a, UnionObject* b) {
  if (!TRY(objects_equal(a->hashable_args, b->hashable_args))) return false;
  if (!a->unhashable_args || !b->unhashable_args) return a->unhashable_args == b->unhashable_args;
  if (tuple_size(a->unhashable_args) != tuple_size(b->unhashable_args)) return false;
  return TRY(all_contained(a->unhashable_args, b->unhashable_args)) &&
         TRY(all_contained(b->unhashable_args, a->unhashable_args));
}

Result<Ref<Object>> union_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_union(b) || (op != CompareOp::Eq && op != CompareOp::Ne)) return new_ref(not_implemented());
  bool equal = TRY(unions_equal(as_union(a), as_union(b)));
  return new_bool(equal == (op == CompareOp::Eq));
}

Result<Ref<Object>> union_repr(Object* self) {
  Object* args = as_union(self)->args;
  StrBuilder out;
  for (int64_t i = 0; i < tuple_size(args); ++i) {
    if (i) out.append_ascii(" | ");
    TRY(typing_type_repr(out, tuple_item(args, i)));
  }
  return out.finish();
}

Result<Ref<Object>> union_subscript(Object* self, Object* item) {
  Object* params = TRY(union_parameters(self));
  Ref<Object> new_args = TRY(typing_subs_parameters(self, as_union(self)->args, params, item));
  return union_from_args(new_args.get());
}

Result<Ref<Object>> union_or(Object* a, Object* b) { return union_of_two(a, b, true); }

// `__module__` is the class's ("typing"), as typing.py expects of Union instances.
Result<Ref<Object>> union_getattro(Object* self, Object* name) {
  if (is_str(name) && str_equal_ascii(name, "__module__"))
    return get_attr(reinterpret_cast<Object*>(type_of_obj(self)), name);
  return generic_getattr(self, name);
}

Result<Ref<Object>> union_get_name(Object*) { return new_ref(str_intern("Union")); }
Result<Ref<Object>> union_get_origin(Object*) { return new_ref(reinterpret_cast<Object*>(&UnionType)); }
Result<Ref<Object>> union_get_parameters(Object* self) {
  Object* p = TRY(union_parameters(self));
  return new_ref(p);
}

Result<Ref<Object>> union_mro_entries(Object* self, Object* const*, size_t, Object*) {
  return raise(exc::TypeError, "Cannot subclass {}", fmt_repr(self));
}

Result<Ref<Object>> union_class_getitem(Object*, Object* const* args, size_t, Object*) {
  return union_from_args(args[0]);
}

const MethodDef kUnionMethods[] = {
    {"__mro_entries__", union_mro_entries, kMethOneArg, nullptr},
    {"__class_getitem__", union_class_getitem, kMethOneArg | kMethClass, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

const MemberDef kUnionMembers[] = {
    {"__args__", MemberKind::Object, offsetof(UnionObject, args), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

const GetSetDef kUnionGetSets[] = {
    {"__name__", union_get_name, nullptr, "Name of the type"},
    {"__qualname__", union_get_name, nullptr, "Qualified name of the type"},
    {"__origin__", union_get_origin, nullptr, "Always returns the type"},
    {"__parameters__", union_get_parameters, nullptr, "Type variables in the types.UnionType."},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_union_type() {
  Type& t = UnionType;
  t.name = "typing.Union";
  t.doc = "Represent a union type\n\nE.g. for int | str";
  t.basicsize = sizeof(UnionObject);
  t.flags = kTypeHaveGc | kTypeDisallowInstantiation;
  t.weaklistoffset = offsetof(UnionObject, weaklist);
  t.dealloc = union_dealloc;
  t.traverse = union_traverse;
  t.repr = union_repr;
  t.hash = union_hash;
  t.richcompare = union_richcompare;
  t.getattro = union_getattro;
  t.number.or_ = union_or;
  t.mapping.subscript = union_subscript;
  t.methods = kUnionMethods;
  t.members = kUnionMembers;
  t.getsets = kUnionGetSets;
  return ok();
}
Status ready_union_type() { return type_ready(&UnionType); }
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_union_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_union_type);

}  // namespace

Object* union_args(Object* u) { return as_union(u)->args; }

Result<Ref<Object>> union_type_or(Object* a, Object* b) {
  if (!is_unionable(a) || !is_unionable(b)) return new_ref(not_implemented());
  return union_of_two(a, b, false);
}

Result<Ref<Object>> union_from_args(Object* args) {
  UnionBuilder builder(true);
  TRY(builder.init());
  if (is_tuple_exact(args)) {
    TRY(builder.add_tuple(args));
  } else {
    TRY(builder.add(args));
  }
  return builder.finish();
}

void union_register_type_alias_type(Type* t) { g_type_alias_type.store(t, std::memory_order_release); }


}  // namespace weft
