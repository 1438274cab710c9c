// stdlib/itertools/tee.cpp — tee's machinery: _tee (an iterator that can be copied) and
// _tee_dataobject (the buffer the copies share). The module function tee() is in
// itertools_module.cpp.
//
// Design (CPython's): the items read from the underlying iterator are stored in a linked list of
// data objects of kLinkCells slots each. Every _tee holds a reference to the data object it reads
// from and an index into it; copies share the data objects, so a data object is freed as soon as
// the slowest copy has moved past it. Values are append-only: slot i of a data object is written
// once (when numread becomes i + 1) and never changes until the object dies; `nextlink` is set
// once. The list may be long, so data objects release their successors iteratively.
// Locking: a data object's numread/values/nextlink/running change inside its critical section,
// and the underlying iterator is called inside it; a _tee's (dataobj, index) change inside the
// _tee's section. Lock order: a _tee, then its data object. tee is documented as not thread-safe:
// two threads reading the same _tee never crash, and a thread that finds another one inside the
// underlying iterator (blocked there) gets "cannot re-enter the tee iterator", exactly like a
// re-entrant call on one thread.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/itertools/itertools_internal.h"
#include "sync/critical_section.h"

namespace weft::itertools {

Type TeeType, TeeDataType;

namespace {

constexpr int kLinkCells = 57;

struct TeeDataObject : Object {
  Object* it;        // owned: the underlying iterator, shared by the whole list
  Object* nextlink;  // owned: the following data object, or nullptr
  int numread;       // slots filled, 0..kLinkCells
  bool running;      // inside it.__next__ (re-entrancy guard)
  Object* values[kLinkCells];  // owned, [0, numread)
};

struct TeeObject : Object {
  Object* dataobj;  // owned TeeDataObject
  int index;        // next slot to read in dataobj, 0..kLinkCells
};

TeeDataObject* as_data(Object* o) { return static_cast<TeeDataObject*>(o); }
TeeObject* as_tee(Object* o) { return static_cast<TeeObject*>(o); }

Result<Ref<Object>> data_new(Object* it) {
  Ref<TeeDataObject> d = TRY(new_object<TeeDataObject>(&TeeDataType));
  d->it = new_ref(it).release();
  return Ref<Object>(std::move(d));
}

// The data object after `data`, created on first use.
Result<Ref<Object>> data_jumplink(Object* data) {
  sync::CriticalSection cs{data->ob_mutex};
  TeeDataObject* d = as_data(data);
  if (!d->nextlink) d->nextlink = TRY(data_new(d->it)).release();
  return new_ref(d->nextlink);
}

// Item i of `data`: a stored one, or (i == numread) the next item of the underlying iterator.
Next data_getitem(Object* data, int i) {
  sync::CriticalSection cs{data->ob_mutex};
  TeeDataObject* d = as_data(data);
  if (i < d->numread) return Next(new_ref(d->values[i]));
  if (d->running) return raise(exc::RuntimeError, "cannot re-enter the tee iterator");
  d->running = true;
  Ref<Object> it = new_ref(d->it);
  Next next = iter_next(it.get());
  d->running = false;
  if (next.is_error() || next.is_done()) return next;
  Ref<Object> value = next.release_value();
  d->values[d->numread++] = value.dup().release();
  return Next(std::move(value));
}

// Drops one reference to `obj`; when that frees a data object, its successors are released in a
// loop rather than by recursion (a long list must not exhaust the C stack).
void data_release(Object* obj) {
  while (obj && obj->ob_type == &TeeDataType && refcount(obj) == 1) {
    Object* next = as_data(obj)->nextlink;
    as_data(obj)->nextlink = nullptr;
    decref(obj);
    obj = next;
  }
  xdecref(obj);
}

void data_dealloc(Object* self) {
  TeeDataObject* d = as_data(self);
  xdecref(d->it);
  for (int i = 0; i < d->numread; ++i) decref(d->values[i]);
  data_release(d->nextlink);
  free_object(self);
}

void data_traverse(Object* self, VisitFn visit, void* arg) {
  TeeDataObject* d = as_data(self);
  visit(d->it, arg);
  for (int i = 0; i < d->numread; ++i) visit(d->values[i], arg);
  if (d->nextlink) visit(d->nextlink, arg);
}

// _tee_dataobject(iterable, values, next, /): rebuilds a data object from its parts.
Result<Ref<Object>> data_vnew(Type*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("teedataobject", kwnames));
  TRY(args_check_positional("teedataobject", nargs, 3, 3));
  Object* values = args[1];
  Object* next = args[2];
  if (!is_list(values))
    return raise(exc::TypeError, "teedataobject() argument 2 must be list, not {}",
                 type_name_of(values));
  Ref<Object> snapshot = TRY(list_as_tuple(values));
  int64_t len = tuple_size(snapshot.get());
  bool next_ok = len == kLinkCells ? (is_none(next) || next->ob_type == &TeeDataType)
                                   : is_none(next);
  if (len > kLinkCells || !next_ok) return raise(exc::ValueError, "Invalid arguments");
  Ref<Object> data = TRY(data_new(args[0]));
  TeeDataObject* d = as_data(data.get());
  for (int64_t i = 0; i < len; ++i)
    d->values[i] = new_ref(tuple_item(snapshot.get(), i)).release();
  d->numread = static_cast<int>(len);
  if (!is_none(next)) d->nextlink = new_ref(next).release();
  return data;
}

// --- _tee ----------------------------------------------------------------------------------------

Result<Ref<Object>> tee_make(Ref<Object> data, int index) {
  Ref<TeeObject> t = TRY(new_object<TeeObject>(&TeeType));
  t->dataobj = data.release();
  t->index = index;
  return Ref<Object>(std::move(t));
}

Next tee_next(Object* self) {
  TeeObject* t = as_tee(self);
  Ref<Object> dropped;
  sync::CriticalSection cs{self->ob_mutex};
  Ref<Object> data = new_ref(t->dataobj);
  int index = t->index;
  if (index >= kLinkCells) {
    Result<Ref<Object>> link = data_jumplink(data.get());
    if (link.is_error()) return Error{};
    data = link.release_value();
    index = 0;
    replace_field(&t->dataobj, data.dup().release(), &dropped);
    t->index = 0;
  }
  Next value = data_getitem(data.get(), index);
  if (value.is_error() || value.is_done()) return value;
  // Another thread may have moved this _tee while the underlying iterator blocked.
  if (t->dataobj == data.get() && t->index == index) t->index = index + 1;
  return value;
}

Result<Ref<Object>> tee_vnew(Type*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("_tee", kwnames));
  TRY(args_check_positional("_tee", nargs, 1, 1));
  return tee_from_iterable(args[0]);
}

Result<Ref<Object>> tee_copy_method(Object* self, Object* const*, size_t, Object*) {
  return tee_copy(self);
}

void tee_dealloc(Object* self) {
  data_release(as_tee(self)->dataobj);
  free_object(self);
}

void tee_traverse(Object* self, VisitFn visit, void* arg) { visit(as_tee(self)->dataobj, arg); }

const MethodDef kTeeMethods[] = {
    {"__copy__", tee_copy_method, kMethNoArgs, "Returns an independent iterator."},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_tee_types() {
  fill_iterator_type(TeeType, "itertools._tee", "Iterator wrapped to make it copyable.",
                     sizeof(TeeObject), tee_dealloc, tee_traverse, tee_next, tee_vnew,
                     /*subclassable=*/false);
  TeeType.methods = kTeeMethods;
  fill_iterator_type(TeeDataType, "itertools._tee_dataobject",
                     "teedataobject(iterable, values, next, /)\n--\n\n"
                     "Data container common to multiple tee objects.",
                     sizeof(TeeDataObject), data_dealloc, data_traverse, nullptr, data_vnew,
                     /*subclassable=*/false);
  TeeDataType.iter = nullptr;  // a buffer, not an iterator
  return ok();
}

Status ready_tee_types() {
  TRY(type_ready(&TeeType));
  TRY(type_ready(&TeeDataType));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_tee_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_tee_types);

}  // namespace

Result<Ref<Object>> tee_copy(Object* tee) {
  Ref<Object> data;
  int index;
  {
    sync::CriticalSection cs{tee->ob_mutex};
    data = new_ref(as_tee(tee)->dataobj);
    index = as_tee(tee)->index;
  }
  return tee_make(std::move(data), index);
}

Result<Ref<Object>> tee_from_iterable(Object* iterable) {
  Ref<Object> it = TRY(get_iter(iterable));
  if (it->ob_type == &TeeType) return tee_copy(it.get());
  Ref<Object> data = TRY(data_new(it.get()));
  return tee_make(std::move(data), 0);
}

}  // namespace weft::itertools
