// stdlib/_collections/deque_iter.cpp — _collections._deque_iterator and _deque_reverse_iterator.
//
// An iterator remembers the deque's mutation counter when it is created; each step compares it
// with the deque's current one and raises RuntimeError "deque mutated during iteration" on a
// difference (also after exhaustion, as CPython does). The iterator's own fields (`index`,
// `counter`) are guarded by the *deque's* critical section, so one step is a single lock round
// trip even when several threads share an iterator.
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_collections/deque.h"
#include "sync/critical_section.h"

namespace weft::collections {

Type DequeIterType;
Type DequeReverseIterType;

namespace {

struct DequeIterObject : Object {
  Object* deque;     // owned
  int64_t index;     // next item's index (forward) or index from the left (reverse)
  int64_t counter;   // items left
  uint64_t state;    // the deque's mutation counter at creation
};

DequeIterObject* as_iter(Object* o) { return static_cast<DequeIterObject*>(o); }
bool is_reverse(Object* it) { return it->ob_type == &DequeReverseIterType; }

Result<Ref<Object>> make_iter(Type* type, Object* deque) {
  Ref<DequeIterObject> it = TRY(new_object<DequeIterObject>(type));
  int64_t size;
  deque_size_and_state(deque, &size, &it->state);
  it->deque = new_ref(deque).release();
  it->counter = size;
  it->index = type == &DequeReverseIterType ? size - 1 : 0;
  return Ref<Object>(std::move(it));
}

void iter_dealloc(Object* self) {
  xdecref(as_iter(self)->deque);
  free_object(self);
}

void iter_traverse(Object* self, VisitFn visit, void* arg) { visit(as_iter(self)->deque, arg); }

Next iter_next_item(Object* self) {
  DequeIterObject* it = as_iter(self);
  Object* deque = it->deque;
  sync::CriticalSection cs{deque->ob_mutex};
  if (deque_state(deque) != it->state) {
    it->counter = 0;
    return raise(exc::RuntimeError, "deque mutated during iteration");
  }
  if (it->counter == 0) return Next::done();
  Ref<Object> item = deque_item_if_unchanged(deque, it->index, it->state);
  if (!item) return Next::done();
  it->index += is_reverse(self) ? -1 : 1;
  --it->counter;
  return Next(std::move(item));
}

Result<Ref<Object>> iter_length_hint(Object* self, Object* const*, size_t, Object*) {
  DequeIterObject* it = as_iter(self);
  sync::CriticalSection cs{it->deque->ob_mutex};
  return int_from_i64(it->counter);
}

// (type(it), (deque, number of items already produced)), which the constructor replays.
Result<Ref<Object>> iter_reduce(Object* self, Object* const*, size_t, Object*) {
  DequeIterObject* it = as_iter(self);
  int64_t consumed;
  {
    sync::CriticalSection cs{it->deque->ob_mutex};
    int64_t size;
    uint64_t state;
    deque_size_and_state(it->deque, &size, &state);  // nested: same mutex, no second lock
    consumed = size - it->counter;
  }
  Ref<Object> n = TRY(int_from_i64(consumed));
  Ref<Object> args = TRY(tuple_pack({it->deque, n.get()}));
  return tuple_pack({reinterpret_cast<Object*>(self->ob_type), args.get()});
}

// _deque_iterator(deque, index=0): an iterator advanced past `index` items (for unpickling).
Result<Ref<Object>> iter_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  const char* name = type == &DequeReverseIterType ? "_deque_reverse_iterator" : "_deque_iterator";
  TRY(args_positional_only(name, nargs, kwnames, 1, 2));
  if (!is_deque(args[0]))
    return raise(exc::TypeError, "{}() argument 1 must be collections.deque, not {}", name,
                 type_name_of(args[0]));
  int64_t skip = nargs > 1 ? TRY(index_as_i64(args[1])) : 0;
  Ref<Object> it = TRY(make_iter(type, args[0]));
  for (int64_t i = 0; i < skip; ++i) {
    Next n = iter_next_item(it.get());
    if (n.is_error()) return Error{};
    if (n.is_done()) break;
  }
  return it;
}

Result<Ref<Object>> iter_self(Object* self) { return new_ref(self); }

const MethodDef kIterMethods[] = {
    {"__length_hint__", iter_length_hint, kMethNoArgs,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", iter_reduce, kMethNoArgs, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

void fill_iter_type(Type& t, const char* name) {
  t.name = name;
  t.basicsize = sizeof(DequeIterObject);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = iter_dealloc;
  t.traverse = iter_traverse;
  t.iter = iter_self;
  t.iternext = iter_next_item;
  t.new_ = iter_vnew;
  t.methods = kIterMethods;
}

Status fill_deque_iter_types() {
  fill_iter_type(DequeIterType, "_collections._deque_iterator");
  fill_iter_type(DequeReverseIterType, "_collections._deque_reverse_iterator");
  return ok();
}

Status ready_deque_iter_types() {
  TRY(type_ready(&DequeIterType));
  return type_ready(&DequeReverseIterType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_deque_iter_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_deque_iter_types);

}  // namespace

Result<Ref<Object>> deque_iter(Object* deque) { return make_iter(&DequeIterType, deque); }

Result<Ref<Object>> deque_reversed_method(Object* deque, Object* const*, size_t, Object*) {
  return make_iter(&DequeReverseIterType, deque);
}

}  // namespace weft::collections
