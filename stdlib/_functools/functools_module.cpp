// stdlib/_functools/functools_module.cpp — the `_functools` module: reduce, cmp_to_key and its
// KeyWrapper objects, the shared instance-__dict__ accessors, and the module table. partial and
// Placeholder live in partial.cpp, _lru_cache_wrapper in lru_cache.cpp.
//
// KeyWrapper objects are immutable except `obj` (a member slot written atomically by the generic
// member descriptor), so they need no lock.
#include <cstddef>
#include <utility>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/_functools/functools.h"
#include "vm/module_table.h"

namespace weft::functools {

Type KeyWrapperType;

Result<Ref<Object>> instance_dict_get(Object* self) {
  Object** slot = instance_dict_slot(self);
  Object* current = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
  if (current) return new_ref(current);
  Ref<Object> fresh = TRY(dict_new());
  if (__atomic_compare_exchange_n(slot, &current, fresh.get(), false, __ATOMIC_ACQ_REL,
                                  __ATOMIC_ACQUIRE)) {
    Object* installed = fresh.release();  // the slot now owns this reference
    return new_ref(installed);
  }
  return new_ref(current);  // another thread installed one first
}

Status instance_dict_set(Object* self, Object* value) {
  if (value && !is_dict(value))
    return raise(exc::TypeError, "__dict__ must be set to a dictionary, not a '{}'",
                 type_name_of(value));
  Object* incoming = value ? new_ref(value).release() : nullptr;
  xdecref(__atomic_exchange_n(instance_dict_slot(self), incoming, __ATOMIC_ACQ_REL));
  return ok();
}

namespace {

// ---- reduce ---------------------------------------------------------------------------------

// reduce(function, iterable, /, initial=<missing>)
Result<Ref<Object>> reduce(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs < 2)
    return raise(exc::TypeError, "reduce() takes at least 2 positional arguments ({} given)",
                 nargs);
  static const ArgParser kReduce("reduce", "function iterable / | initial");
  Object* a[3];
  TRY(kReduce.parse(args, nargs, kwnames, a));
  Result<Ref<Object>> it_result = get_iter(a[1]);
  if (it_result.is_error()) {
    if (error_matches(exc::TypeError)) {
      clear_error();
      return raise(exc::TypeError, "reduce() arg 2 must support iteration");
    }
    return Error{};
  }
  Ref<Object> it = it_result.release_value();
  Ref<Object> acc = a[2] ? new_ref(a[2]) : Ref<Object>();
  for (;;) {
    Next n = iter_next(it.get());
    if (n.is_error()) return Error{};
    if (n.is_done()) break;
    Ref<Object> item = n.release_value();
    if (!acc) {
      acc = std::move(item);
      continue;
    }
    Object* call_args[2] = {acc.get(), item.get()};
    acc = TRY(call(a[0], call_args, 2));
  }
  if (!acc)
    return raise(exc::TypeError, "reduce() of empty iterable with no initial value");
  return acc;
}

// ---- cmp_to_key -----------------------------------------------------------------------------

struct KeyWrapperObject : Object {
  Object* cmp;  // owned
  Object* obj;  // owned; nullptr in the wrapper cmp_to_key returns
};

KeyWrapperObject* as_key(Object* o) { return static_cast<KeyWrapperObject*>(o); }

Result<Ref<Object>> new_key(Object* cmp, Object* obj) {
  Ref<KeyWrapperObject> k = TRY(new_object<KeyWrapperObject>(&KeyWrapperType));
  k->cmp = new_ref(cmp).release();
  k->obj = obj ? new_ref(obj).release() : nullptr;
  return Ref<Object>(std::move(k));
}

void key_dealloc(Object* self) {
  release_fields({as_key(self)->cmp, as_key(self)->obj});
  free_object(self);
}

void key_traverse(Object* self, VisitFn visit, void* arg) {
  visit_fields({as_key(self)->cmp, as_key(self)->obj}, visit, arg);
}

// K(obj): a key object for `obj` using the wrapper's comparison function.
Result<Ref<Object>> key_call(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kKey("K", "obj");
  Object* a[1];
  TRY(kKey.parse(args, nargs, kwnames, a));
  return new_key(as_key(self)->cmp, a[0]);
}

// cmp(self.obj, other.obj) compared with 0 by `op`.
Result<Ref<Object>> key_richcompare(Object* a, Object* b, CompareOp op) {
  if (b->ob_type != &KeyWrapperType)
    return raise(exc::TypeError, "other argument must be K instance");
  Object* x = __atomic_load_n(&as_key(a)->obj, __ATOMIC_ACQUIRE);
  Object* y = __atomic_load_n(&as_key(b)->obj, __ATOMIC_ACQUIRE);
  if (!x || !y) return raise(exc::AttributeError, "object");
  Ref<Object> keep_x = new_ref(x), keep_y = new_ref(y);
  Object* call_args[2] = {x, y};
  Ref<Object> res = TRY(call(as_key(a)->cmp, call_args, 2));
  Ref<Object> zero = TRY(int_from_i64(0));
  return rich_compare(res.get(), zero.get(), op);
}

const MemberDef kKeyMembers[] = {
    {"obj", MemberKind::Object, offsetof(KeyWrapperObject, obj), false,
     "Value wrapped by a key function."},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Result<Ref<Object>> cmp_to_key(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kCmpToKey("cmp_to_key", "mycmp");
  Object* a[1];
  TRY(kCmpToKey.parse(args, nargs, kwnames, a));
  return new_key(a[0], nullptr);
}

Status fill_key_type() {
  Type& t = KeyWrapperType;
  t.name = "functools.KeyWrapper";
  t.basicsize = sizeof(KeyWrapperObject);
  t.flags = kTypeHaveGc | kTypeImmutable | kTypeDisallowInstantiation;
  t.dealloc = key_dealloc;
  t.traverse = key_traverse;
  t.call = key_call;
  t.richcompare = key_richcompare;
  t.hash = hash_not_implemented;
  t.members = kKeyMembers;
  return ok();
}

Status ready_key_type() { return type_ready(&KeyWrapperType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_key_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_key_type);

// ---- the module -----------------------------------------------------------------------------

const MethodDef kFunctoolsFunctions[] = {
    {"reduce", reduce, kMethFastcall,
     "Apply a function of two arguments cumulatively to the items of an iterable, from left to "
     "right.\n\nThis effectively reduces the iterable to a single value.  If initial is "
     "present,\nit is placed before the items of the iterable in the calculation, and serves "
     "as\na default when the iterable is empty.\n\nFor example, reduce(lambda x, y: x+y, [1, 2, "
     "3, 4, 5])\ncalculates ((((1 + 2) + 3) + 4) + 5)."},
    {"cmp_to_key", cmp_to_key, kMethFastcall, "Convert a cmp= function into a key= function."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_functools_module() {
  Ref<Object> m = TRY(module_new("_functools"));
  Ref<Object> name = TRY(str_from_ascii("_functools"));
  TRY(add_functions_to_dict(module_dict(m.get()), kFunctoolsFunctions, m.get(), name.get()));
  const std::pair<const char*, Object*> objects[] = {
      {"partial", reinterpret_cast<Object*>(&PartialType)},
      {"_PlaceholderType", reinterpret_cast<Object*>(&PlaceholderType)},
      {"Placeholder", placeholder()},
      {"_lru_cache_wrapper", reinterpret_cast<Object*>(&LruCacheWrapperType)},
  };
  for (const auto& [object_name, object] : objects)
    TRY(module_add_object(m.get(), object_name, object));
  return m;
}

WEFT_NATIVE_MODULE("_functools", create_functools_module);

}  // namespace

}  // namespace weft::functools
