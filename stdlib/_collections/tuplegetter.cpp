// stdlib/_collections/tuplegetter.cpp — collections._tuplegetter, the read-only data descriptor
// that namedtuple() puts on its classes for each field: `obj.x` is `obj[index]` for tuples.
//
// Immutable after construction except `__doc__` (a member slot written atomically by the generic
// member descriptor), so instances are shared between threads without locking.
#include <cstddef>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_collections/collections.h"

namespace weft::collections {

Type TupleGetterType;

namespace {

struct TupleGetterObject : Object {
  int64_t index;
  Object* doc;  // owned, or nullptr
};

TupleGetterObject* as_getter(Object* o) { return static_cast<TupleGetterObject*>(o); }

Result<Ref<Object>> tg_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("_tuplegetter", kwnames));
  TRY(args_check_positional("_tuplegetter", nargs, 2, 2));
  int64_t index = TRY(index_as_i64(args[0]));
  Ref<TupleGetterObject> g = TRY(new_object<TupleGetterObject>(type, static_cast<size_t>(type->basicsize)));
  g->index = index;
  g->doc = new_ref(args[1]).release();
  return Ref<Object>(std::move(g));
}

void tg_dealloc(Object* self) {
  xdecref(as_getter(self)->doc);
  free_object(self);
}

void tg_traverse(Object* self, VisitFn visit, void* arg) {
  if (Object* d = as_getter(self)->doc) visit(d, arg);
}

Result<Ref<Object>> tg_get(Object* self, Object* obj, Object*) {
  if (!obj || is_none(obj)) return new_ref(self);
  int64_t index = as_getter(self)->index;
  if (!is_tuple(obj))
    return raise(exc::TypeError,
                 "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
                 index, type_name_of(obj));
  if (index < 0 || index >= tuple_size(obj))
    return raise(exc::IndexError, "tuple index out of range");
  return new_ref(tuple_item(obj, index));
}

Status tg_set(Object*, Object*, Object* value) {
  if (value) return raise(exc::AttributeError, "can't set attribute");
  return raise(exc::AttributeError, "can't delete attribute");
}

Result<Ref<Object>> tg_reduce(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> index = TRY(int_from_i64(as_getter(self)->index));
  Object* doc = __atomic_load_n(&as_getter(self)->doc, __ATOMIC_ACQUIRE);
  Ref<Object> keep = doc ? new_ref(doc) : new_none();
  Ref<Object> args = TRY(tuple_pack({index.get(), keep.get()}));
  return tuple_pack({reinterpret_cast<Object*>(self->ob_type), args.get()});
}

const MethodDef kTupleGetterMethods[] = {
    {"__reduce__", tg_reduce, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const MemberDef kTupleGetterMembers[] = {
    {"__doc__", MemberKind::ObjectOrNone, offsetof(TupleGetterObject, doc), false, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Status fill_tuplegetter_type() {
  Type& t = TupleGetterType;
  t.name = "collections._tuplegetter";
  t.basicsize = sizeof(TupleGetterObject);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = tg_dealloc;
  t.traverse = tg_traverse;
  t.descr_get = tg_get;
  t.descr_set = tg_set;
  t.new_ = tg_vnew;
  t.methods = kTupleGetterMethods;
  t.members = kTupleGetterMembers;
  return ok();
}

Status ready_tuplegetter_type() { return type_ready(&TupleGetterType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_tuplegetter_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_tuplegetter_type);

}  // namespace

}  // namespace weft::collections
