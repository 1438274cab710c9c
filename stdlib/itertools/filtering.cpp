// stdlib/itertools/filtering.cpp — the item-by-item filters and mappers: compress, dropwhile,
// takewhile, filterfalse, starmap.
//
// These objects hold only their inputs and, for dropwhile/takewhile, a one-way flag. The flag
// changes inside the object's critical section; compress also advances its two inputs inside
// the section so that threads sharing one compress keep each datum paired with its selector.
// filterfalse and starmap have no state of their own (like builtins.filter and map), so their
// thread safety is that of the underlying iterator.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/itertools/itertools_internal.h"
#include "sync/critical_section.h"

namespace weft::itertools {

Type CompressType, DropwhileType, TakewhileType, FilterfalseType, StarmapType;

namespace {

// The shape shared by dropwhile, takewhile, filterfalse and starmap: a function and an iterator.
struct FuncIterObject : Object {
  Object* func;  // owned
  Object* it;    // owned
  bool flag;     // dropwhile: done dropping; takewhile: stopped. Changes under the lock.
};
using F = FuncIterObject;

// <name>(function, iterable, /) with the "<name> expected 2 arguments, got N" messages.
Result<Ref<Object>> func_iter_make(const char* name, Type* exact, Type* type, Object* const* args,
                                   size_t nargs, Object* kwnames) {
  if (type == exact) TRY(args_no_keywords(name, kwnames));
  TRY(args_check_positional(name, nargs, 2, 2));
  Ref<Object> it = TRY(get_iter(args[1]));
  Ref<F> f = TRY(alloc_instance<F>(type));
  f->func = new_ref(args[0]).release();
  f->it = it.release();
  return Ref<Object>(std::move(f));
}

// bool(func(item)), or for filterfalse's None/bool function bool(item).
Result<bool> predicate_holds(Object* func, Object* item, bool none_means_truth) {
  if (none_means_truth && (is_none(func) || func == reinterpret_cast<Object*>(&BoolType)))
    return object_is_true(item);
  Ref<Object> r = TRY(call_one(func, item));
  return object_is_true(r.get());
}

bool read_flag(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  return static_cast<F*>(self)->flag;
}
void set_flag(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  static_cast<F*>(self)->flag = true;
}

// --- dropwhile / takewhile -----------------------------------------------------------------------

Result<Ref<Object>> dropwhile_vnew(Type* type, Object* const* args, size_t nargs, Object* kw) {
  return func_iter_make("dropwhile", &DropwhileType, type, args, nargs, kw);
}

Next dropwhile_next(Object* self) {
  auto* f = static_cast<F*>(self);
  for (;;) {
    Next next = iter_next(f->it);
    if (next.is_error() || next.is_done()) return next;
    Ref<Object> item = next.release_value();
    if (read_flag(self)) return Next(std::move(item));
    Result<bool> drop = predicate_holds(f->func, item.get(), false);
    if (drop.is_error()) return Error{};
    if (!drop.value()) {
      set_flag(self);
      return Next(std::move(item));
    }
  }
}

Result<Ref<Object>> takewhile_vnew(Type* type, Object* const* args, size_t nargs, Object* kw) {
  return func_iter_make("takewhile", &TakewhileType, type, args, nargs, kw);
}

Next takewhile_next(Object* self) {
  auto* f = static_cast<F*>(self);
  if (read_flag(self)) return Next::done();
  Next next = iter_next(f->it);
  if (next.is_error() || next.is_done()) return next;
  Ref<Object> item = next.release_value();
  Result<bool> take = predicate_holds(f->func, item.get(), false);
  if (take.is_error()) return Error{};
  if (take.value()) return Next(std::move(item));
  set_flag(self);
  return Next::done();
}

// --- filterfalse / starmap -----------------------------------------------------------------------

Result<Ref<Object>> filterfalse_vnew(Type* type, Object* const* args, size_t nargs, Object* kw) {
  return func_iter_make("filterfalse", &FilterfalseType, type, args, nargs, kw);
}

Next filterfalse_next(Object* self) {
  auto* f = static_cast<F*>(self);
  for (;;) {
    Next next = iter_next(f->it);
    if (next.is_error() || next.is_done()) return next;
    Ref<Object> item = next.release_value();
    Result<bool> holds = predicate_holds(f->func, item.get(), true);
    if (holds.is_error()) return Error{};
    if (!holds.value()) return Next(std::move(item));
  }
}

Result<Ref<Object>> starmap_vnew(Type* type, Object* const* args, size_t nargs, Object* kw) {
  return func_iter_make("starmap", &StarmapType, type, args, nargs, kw);
}

Next starmap_next(Object* self) {
  auto* f = static_cast<F*>(self);
  Next next = iter_next(f->it);
  if (next.is_error() || next.is_done()) return next;
  Ref<Object> call_args = next.release_value();
  if (!is_tuple_exact(call_args.get())) {
    Result<Ref<Object>> as_tuple = tuple_from_iterable(call_args.get());
    if (as_tuple.is_error()) return Error{};
    call_args = as_tuple.release_value();
  }
  Result<Ref<Object>> r = call(f->func, tuple_items(call_args.get()),
                               static_cast<size_t>(tuple_size(call_args.get())));
  if (r.is_error()) return Error{};
  return Next(r.release_value());
}

// --- compress ------------------------------------------------------------------------------------

struct CompressObject : Object {
  Object* data;       // owned iterator
  Object* selectors;  // owned iterator
};
using Cmp = CompressObject;

Result<Ref<Object>> compress_vnew(Type* type, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  static const ArgParser kParser("compress", "data selectors");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> data = TRY(get_iter(a[0]));
  Ref<Object> selectors = TRY(get_iter(a[1]));
  Ref<Cmp> c = TRY(alloc_instance<Cmp>(type));
  c->data = data.release();
  c->selectors = selectors.release();
  return Ref<Object>(std::move(c));
}

Next compress_next(Object* self) {
  auto* c = static_cast<Cmp*>(self);
  sync::CriticalSection cs{self->ob_mutex};
  for (;;) {
    Next datum = iter_next(c->data);
    if (datum.is_error() || datum.is_done()) return datum;
    Next selector = iter_next(c->selectors);
    if (selector.is_error() || selector.is_done()) return selector;
    Ref<Object> item = datum.release_value();
    Result<bool> keep = object_is_true(selector.release_value().get());
    if (keep.is_error()) return Error{};
    if (keep.value()) return Next(std::move(item));
  }
}

Status fill_filtering_types() {
  const auto dealloc = dealloc_fields<F, &F::func, &F::it>;
  const auto traverse = traverse_fields<F, &F::func, &F::it>;
  fill_iterator_type(DropwhileType, "itertools.dropwhile",
                     "Drop items from the iterable while predicate(item) is true.\n\n"
                     "Afterwards, return every element until the iterable is exhausted.",
                     sizeof(F), dealloc, traverse, dropwhile_next, dropwhile_vnew);
  fill_iterator_type(TakewhileType, "itertools.takewhile",
                     "Return successive entries from an iterable as long as the predicate "
                     "evaluates to true for each entry.",
                     sizeof(F), dealloc, traverse, takewhile_next, takewhile_vnew);
  fill_iterator_type(FilterfalseType, "itertools.filterfalse",
                     "Return those items of iterable for which function(item) is false.\n\n"
                     "If function is None, return the items that are false.",
                     sizeof(F), dealloc, traverse, filterfalse_next, filterfalse_vnew);
  fill_iterator_type(StarmapType, "itertools.starmap",
                     "Return an iterator whose values are returned from the function evaluated "
                     "with an argument tuple taken from the given sequence.",
                     sizeof(F), dealloc, traverse, starmap_next, starmap_vnew);
  fill_iterator_type(CompressType, "itertools.compress",
                     "Return data elements corresponding to true selector elements.\n\n"
                     "Forms a shorter iterator from selected data elements using the selectors "
                     "to\nchoose the data elements.",
                     sizeof(Cmp), dealloc_fields<Cmp, &Cmp::data, &Cmp::selectors>,
                     traverse_fields<Cmp, &Cmp::data, &Cmp::selectors>, compress_next,
                     compress_vnew);
  return ok();
}

Status ready_filtering_types() {
  for (Type* t : {&CompressType, &DropwhileType, &TakewhileType, &FilterfalseType, &StarmapType})
    TRY(type_ready(t));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_filtering_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_filtering_types);

}  // namespace
}  // namespace weft::itertools
