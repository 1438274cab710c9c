// objects/iterators.cpp — the sequence iterator, callable_iterator, enumerate, zip, map, filter
// and reversed.
//
// These objects only hold references to other objects (fixed at construction) plus a little
// progress state. Progress state that several threads may advance at once (an index, the
// "exhausted" mark) is atomic, so a shared iterator never tears; the underlying iterators are
// responsible for their own thread safety, as in CPython. Exhaustion is sticky: once an iterator
// has reported the end it keeps reporting it.
#include "objects/iterators.h"

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"

namespace weft {

Type SeqIterType, CallableIterType, EnumerateType, ZipType, MapType, FilterType, ReversedType;

namespace {

template <class T>
Result<Ref<T>> alloc_as(Type* type, Type* exact) {
  return new_object<T>(type, type == exact ? sizeof(T) : static_cast<size_t>(type->basicsize));
}

Result<Ref<Object>> iter_self(Object* self) { return new_ref(self); }

// An IndexError or StopIteration from __getitem__ ends a sequence iteration.
bool end_of_sequence_error() {
  if (error_matches(exc::IndexError) || error_matches(exc::StopIteration)) {
    clear_error();
    return true;
  }
  return false;
}

// --- sequence iterator -----------------------------------------------------------------------------

struct SeqIterObject : Object {
  Object* seq;  // owned
  std::atomic<int64_t> index;
  std::atomic<bool> exhausted;
};

Next seq_iter_next(Object* self) {
  auto* it = static_cast<SeqIterObject*>(self);
  if (it->exhausted.load(std::memory_order_relaxed)) return Next::done();
  int64_t i = it->index.fetch_add(1, std::memory_order_relaxed);
  Result<Ref<Object>> index = int_from_i64(i);
  if (index.is_error()) return Error{};
  Result<Ref<Object>> item = get_item(it->seq, index.value().get());
  if (item.is_error()) {
    if (!end_of_sequence_error()) return Error{};
    it->exhausted.store(true, std::memory_order_relaxed);
    return Next::done();
  }
  return Next(item.release_value());
}

void seq_iter_dealloc(Object* self) {
  xdecref(static_cast<SeqIterObject*>(self)->seq);
  free_object(self);
}
void seq_iter_traverse(Object* self, VisitFn visit, void* arg) {
  visit(static_cast<SeqIterObject*>(self)->seq, arg);
}

Result<Ref<Object>> seq_iter_length_hint(Object* self, Object* const*, size_t, Object*) {
  auto* it = static_cast<SeqIterObject*>(self);
  if (it->exhausted.load(std::memory_order_relaxed)) return int_from_i64(0);
  Result<int64_t> n = object_length(it->seq);
  if (n.is_error()) {
    if (!error_matches(exc::TypeError)) return Error{};
    clear_error();
    return new_ref(not_implemented());
  }
  int64_t left = n.value() - it->index.load(std::memory_order_relaxed);
  return int_from_i64(left > 0 ? left : 0);
}

// --- callable_iterator -----------------------------------------------------------------------------

struct CallableIterObject : Object {
  Object* callable;  // owned
  Object* sentinel;  // owned
  std::atomic<bool> exhausted;
};

Next callable_iter_next(Object* self) {
  auto* it = static_cast<CallableIterObject*>(self);
  if (it->exhausted.load(std::memory_order_relaxed)) return Next::done();
  Result<Ref<Object>> r = call_noargs(it->callable);
  if (r.is_error()) {
    if (!error_matches(exc::StopIteration)) return Error{};
    clear_error();
    it->exhausted.store(true, std::memory_order_relaxed);
    return Next::done();
  }
  Result<bool> eq = objects_equal(r.value().get(), it->sentinel);
  if (eq.is_error()) return Error{};
  if (eq.value()) {
    it->exhausted.store(true, std::memory_order_relaxed);
    return Next::done();
  }
  return Next(r.release_value());
}

void callable_iter_dealloc(Object* self) {
  auto* it = static_cast<CallableIterObject*>(self);
  xdecref(it->callable);
  xdecref(it->sentinel);
  free_object(self);
}
void callable_iter_traverse(Object* self, VisitFn visit, void* arg) {
  auto* it = static_cast<CallableIterObject*>(self);
  visit(it->callable, arg);
  visit(it->sentinel, arg);
}

// --- enumerate ---------------------------------------------------------------------------------------

struct EnumerateObject : Object {
  Object* iter;                // owned
  Object* start;               // owned int
  std::atomic<int64_t> count;  // items produced so far
};

Result<Ref<Object>> enumerate_make(Type* type, Object* iterable, Object* start) {
  Ref<Object> start_int = start ? TRY(number_index(start)) : TRY(int_from_i64(0));
  Ref<Object> it = TRY(get_iter(iterable));
  Ref<EnumerateObject> e = TRY(alloc_as<EnumerateObject>(type, &EnumerateType));
  e->iter = it.release();
  e->start = start_int.release();
  return Ref<Object>(std::move(e));
}

// enumerate(iterable, start=0), with enumerate's own argument messages.
Result<Ref<Object>> enumerate_vnew(Type* type, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  size_t nkw = kwnames_count(kwnames);
  if (nargs + nkw > 2)
    return raise(exc::TypeError, "enumerate() takes at most 2 arguments ({} given)", nargs + nkw);
  Object* iterable = nargs > 0 ? args[0] : nullptr;
  Object* start = nargs > 1 ? args[1] : nullptr;
  for (size_t i = 0; i < nkw; ++i) {
    Object* name = tuple_item(kwnames, static_cast<int64_t>(i));
    if (!iterable && str_equal_ascii(name, "iterable")) iterable = args[nargs + i];
    else if (!start && nargs < 2 && str_equal_ascii(name, "start")) start = args[nargs + i];
    else return raise(exc::TypeError, "{} is an invalid keyword argument for enumerate()", fmt_repr(name));
  }
  if (!iterable) return raise(exc::TypeError, "enumerate() missing required argument 'iterable'");
  return enumerate_make(type, iterable, start);
}

Next enumerate_next(Object* self) {
  auto* e = static_cast<EnumerateObject*>(self);
  Next next = iter_next(e->iter);
  if (next.is_error() || next.is_done()) return next;
  Ref<Object> item = next.release_value();
  int64_t k = e->count.fetch_add(1, std::memory_order_relaxed);
  int64_t start, index;
  Result<Ref<Object>> index_obj = Error{};
  if (int_to_i64(e->start, &start) && !__builtin_add_overflow(start, k, &index)) {
    index_obj = int_from_i64(index);
  } else {
    Result<Ref<Object>> kk = int_from_i64(k);
    if (kk.is_error()) return Error{};
    index_obj = binary_op(e->start, kk.value().get(), BinaryOp::Add);
  }
  if (index_obj.is_error()) return Error{};
  Result<Ref<Object>> pair = tuple_pack({index_obj.value().get(), item.get()});
  if (pair.is_error()) return Error{};
  return Next(pair.release_value());
}

void enumerate_dealloc(Object* self) {
  auto* e = static_cast<EnumerateObject*>(self);
  xdecref(e->iter);
  xdecref(e->start);
  free_object(self);
}
void enumerate_traverse(Object* self, VisitFn visit, void* arg) {
  auto* e = static_cast<EnumerateObject*>(self);
  visit(e->iter, arg);
  visit(e->start, arg);
}

// --- zip and map -------------------------------------------------------------------------------------

// zip and map share the "advance every iterator, strict length check" step.
struct MultiIterObject : Object {
  Object* func;   // owned; map's function, nullptr for zip
  Object* iters;  // owned tuple of iterators
  bool strict;
  std::atomic<bool> exhausted;
};

// "argument 1" or "arguments 1-3"
std::string arguments_up_to(size_t n) {
  return n == 1 ? std::string("argument 1") : "arguments 1-" + std::to_string(n);
}

// Iterator `i` (0-based) ended. In strict mode this is an error unless every iterator ends at
// the same time; CPython's messages name the first offender.
Next strict_end(const char* fname, Object* iters, size_t i) {
  if (i > 0)
    return raise(exc::ValueError, "{}() argument {} is shorter than {}", fname, i + 1,
                 arguments_up_to(i));
  size_t n = static_cast<size_t>(tuple_size(iters));
  for (size_t j = 1; j < n; ++j) {
    Next next = iter_next(tuple_item(iters, static_cast<int64_t>(j)));
    if (next.is_error()) return next;
    if (!next.is_done())
      return raise(exc::ValueError, "{}() argument {} is longer than {}", fname, j + 1,
                   arguments_up_to(j));
  }
  return Next::done();
}

// Advances every iterator into a fresh tuple (*out, on Step::Items). Done when one of them
// ends (after the strict-mode check), Failed with the exception set.
enum class Step { Items, Done, Failed };

Step advance_all(MultiIterObject* m, const char* fname, Ref<Object>* out) {
  if (m->exhausted.load(std::memory_order_relaxed)) return Step::Done;
  int64_t n = tuple_size(m->iters);
  if (n == 0) return Step::Done;
  Result<Ref<Object>> items = tuple_new(n);
  if (items.is_error()) return Step::Failed;
  for (int64_t i = 0; i < n; ++i) {
    Next next = iter_next(tuple_item(m->iters, i));
    if (next.is_error()) return Step::Failed;
    if (next.is_done()) {
      m->exhausted.store(true, std::memory_order_relaxed);
      if (!m->strict) return Step::Done;
      Next end = strict_end(fname, m->iters, static_cast<size_t>(i));
      return end.is_error() ? Step::Failed : Step::Done;
    }
    tuple_init_item(items.value().get(), i, next.release_value());
  }
  *out = items.release_value();
  return Step::Items;
}

Next zip_next(Object* self) {
  Ref<Object> items;
  switch (advance_all(static_cast<MultiIterObject*>(self), "zip", &items)) {
    case Step::Items: return Next(std::move(items));
    case Step::Done: return Next::done();
    case Step::Failed: break;
  }
  return Error{};
}

Next map_next(Object* self) {
  auto* m = static_cast<MultiIterObject*>(self);
  Ref<Object> items;
  switch (advance_all(m, "map", &items)) {
    case Step::Items: break;
    case Step::Done: return Next::done();
    case Step::Failed: return Error{};
  }
  Result<Ref<Object>> v = call(m->func, tuple_items(items.get()),
                               static_cast<size_t>(tuple_size(items.get())));
  if (v.is_error()) return Error{};
  return Next(v.release_value());
}

Result<Ref<Object>> multi_make(Type* type, Type* exact, Object* func, Object* const* iterables,
                               size_t n, bool strict) {
  Ref<Object> iters = TRY(tuple_new(static_cast<int64_t>(n)));
  for (size_t i = 0; i < n; ++i)
    tuple_init_item(iters.get(), static_cast<int64_t>(i), TRY(get_iter(iterables[i])));
  Ref<MultiIterObject> m = TRY(alloc_as<MultiIterObject>(type, exact));
  m->func = func ? new_ref(func).release() : nullptr;
  m->iters = iters.release();
  m->strict = strict;
  return Ref<Object>(std::move(m));
}

// Only `strict` is accepted as a keyword (zip and map).
Result<bool> parse_strict(const char* fname, Object* const* args, size_t nargs, Object* kwnames) {
  bool strict = false;
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; ++i) {
    Object* name = tuple_item(kwnames, static_cast<int64_t>(i));
    if (!str_equal_ascii(name, "strict"))
      return raise(exc::TypeError, "{}() got an unexpected keyword argument '{}'", fname, name);
    strict = TRY(object_is_true(args[nargs + i]));
  }
  return strict;
}

Result<Ref<Object>> zip_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  bool strict = TRY(parse_strict("zip", args, nargs, kwnames));
  return multi_make(type, &ZipType, nullptr, args, nargs, strict);
}

Result<Ref<Object>> map_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  bool strict = TRY(parse_strict("map", args, nargs, kwnames));
  if (nargs < 2) return raise(exc::TypeError, "map() must have at least two arguments.");
  return multi_make(type, &MapType, args[0], args + 1, nargs - 1, strict);
}

void multi_dealloc(Object* self) {
  auto* m = static_cast<MultiIterObject*>(self);
  xdecref(m->func);
  xdecref(m->iters);
  free_object(self);
}
void multi_traverse(Object* self, VisitFn visit, void* arg) {
  auto* m = static_cast<MultiIterObject*>(self);
  if (m->func) visit(m->func, arg);
  visit(m->iters, arg);
}

// --- filter ------------------------------------------------------------------------------------------

struct FilterObject : Object {
  Object* func;  // owned; None keeps truthy items
  Object* iter;  // owned
};

Result<Ref<Object>> filter_make(Type* type, Object* func, Object* iterable) {
  Ref<Object> it = TRY(get_iter(iterable));
  Ref<FilterObject> f = TRY(alloc_as<FilterObject>(type, &FilterType));
  f->func = new_ref(func).release();
  f->iter = it.release();
  return Ref<Object>(std::move(f));
}

Result<Ref<Object>> filter_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (type == &FilterType) TRY(args_no_keywords("filter", kwnames));
  TRY(args_check_positional("filter", nargs, 2, 2));
  return filter_make(type, args[0], args[1]);
}

Next filter_next(Object* self) {
  auto* f = static_cast<FilterObject*>(self);
  for (;;) {
    Next next = iter_next(f->iter);
    if (next.is_error() || next.is_done()) return next;
    Ref<Object> item = next.release_value();
    Result<bool> keep = Error{};
    if (is_none(f->func) || f->func == reinterpret_cast<Object*>(&BoolType)) {
      keep = object_is_true(item.get());
    } else {
      Result<Ref<Object>> r = call_one(f->func, item.get());
      if (r.is_error()) return Error{};
      keep = object_is_true(r.value().get());
    }
    if (keep.is_error()) return Error{};
    if (keep.value()) return Next(std::move(item));
  }
}

void filter_dealloc(Object* self) {
  auto* f = static_cast<FilterObject*>(self);
  xdecref(f->func);
  xdecref(f->iter);
  free_object(self);
}
void filter_traverse(Object* self, VisitFn visit, void* arg) {
  auto* f = static_cast<FilterObject*>(self);
  visit(f->func, arg);
  visit(f->iter, arg);
}

// --- reversed ----------------------------------------------------------------------------------------

struct ReversedObject : Object {
  Object* seq;                 // owned
  std::atomic<int64_t> index;  // next index to read; -1 once exhausted
};

Error not_reversible(Object* seq) {
  return raise(exc::TypeError, "'{}' object is not reversible", type_name_of(seq));
}

Result<Ref<Object>> reversed_make(Type* type, Object* seq) {
  Ref<Object> method;
  if (TRY(lookup_special(seq, str_intern("__reversed__"), &method))) {
    if (is_none(method.get())) return not_reversible(seq);
    return call_noargs(method.get());
  }
  if (is_dict(seq) || !seq->ob_type->sequence.item) return not_reversible(seq);
  int64_t n = TRY(object_length(seq));
  Ref<ReversedObject> r = TRY(alloc_as<ReversedObject>(type, &ReversedType));
  r->seq = new_ref(seq).release();
  r->index.store(n - 1, std::memory_order_relaxed);
  return Ref<Object>(std::move(r));
}

Result<Ref<Object>> reversed_vnew(Type* type, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  if (type == &ReversedType) TRY(args_no_keywords("reversed", kwnames));
  TRY(args_check_positional("reversed", nargs, 1, 1));
  return reversed_make(type, args[0]);
}

Next reversed_next(Object* self) {
  auto* r = static_cast<ReversedObject*>(self);
  int64_t i = r->index.load(std::memory_order_relaxed);
  for (;;) {
    if (i < 0) return Next::done();
    if (r->index.compare_exchange_weak(i, i - 1, std::memory_order_relaxed)) break;
  }
  Result<Ref<Object>> item = r->seq->ob_type->sequence.item(r->seq, i);
  if (item.is_error()) {
    if (!end_of_sequence_error()) return Error{};
    r->index.store(-1, std::memory_order_relaxed);
    return Next::done();
  }
  return Next(item.release_value());
}

Result<Ref<Object>> reversed_length_hint(Object* self, Object* const*, size_t, Object*) {
  auto* r = static_cast<ReversedObject*>(self);
  int64_t i = r->index.load(std::memory_order_relaxed);
  if (i < 0) return int_from_i64(0);
  int64_t n = TRY(object_length(r->seq));
  return int_from_i64(i < n ? i + 1 : 0);
}

void reversed_dealloc(Object* self) {
  xdecref(static_cast<ReversedObject*>(self)->seq);
  free_object(self);
}
void reversed_traverse(Object* self, VisitFn visit, void* arg) {
  visit(static_cast<ReversedObject*>(self)->seq, arg);
}

// --- types -------------------------------------------------------------------------------------------

const MethodDef kSeqIterMethods[] = {
    {"__length_hint__", seq_iter_length_hint, kMethNoArgs,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};
const MethodDef kEnumerateMethods[] = {
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

const MethodDef kReversedMethods[] = {
    {"__length_hint__", reversed_length_hint, kMethNoArgs,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

void fill(Type& t, const char* name, const char* doc, int64_t size, uint64_t flags,
          DeallocFn dealloc, TraverseFn traverse, IterNextFn next, NewFn new_fn) {
  t.name = name;
  t.doc = doc;
  t.basicsize = size;
  t.flags = flags | kTypeHaveGc;
  t.dealloc = dealloc;
  t.traverse = traverse;
  t.iter = iter_self;
  t.iternext = next;
  t.new_ = new_fn;
}

Status fill_iterator_types() {
  constexpr uint64_t kInternal = kTypeImmutable | kTypeDisallowInstantiation;
  constexpr uint64_t kPublic = kTypeImmutable | kTypeBaseType;
  fill(SeqIterType, "iterator", nullptr, sizeof(SeqIterObject), kInternal, seq_iter_dealloc,
       seq_iter_traverse, seq_iter_next, nullptr);
  SeqIterType.methods = kSeqIterMethods;
  fill(CallableIterType, "callable_iterator", nullptr, sizeof(CallableIterObject), kInternal,
       callable_iter_dealloc, callable_iter_traverse, callable_iter_next, nullptr);
  fill(EnumerateType, "enumerate",
       "Return an enumerate object.\n\n"
       "  iterable\n    an object supporting iteration\n\n"
       "The enumerate object yields pairs containing a count (from start, which\n"
       "defaults to zero) and a value yielded by the iterable argument.\n\n"
       "enumerate is useful for obtaining an indexed list:\n"
       "    (0, seq[0]), (1, seq[1]), (2, seq[2]), ...",
       sizeof(EnumerateObject), kPublic, enumerate_dealloc, enumerate_traverse, enumerate_next,
       enumerate_vnew);
  EnumerateType.methods = kEnumerateMethods;
  fill(ZipType, "zip",
       "The zip object yields n-length tuples, where n is the number of iterables\n"
       "passed as positional arguments to zip().  The i-th element in every tuple\n"
       "comes from the i-th iterable argument to zip().  This continues until the\n"
       "shortest argument is exhausted.\n\n"
       "If strict is true and one of the arguments is exhausted before the others,\n"
       "raise a ValueError.\n\n"
       "   >>> list(zip('abcdefg', range(3), range(4)))\n"
       "   [('a', 0, 0), ('b', 1, 1), ('c', 2, 2)]",
       sizeof(MultiIterObject), kPublic, multi_dealloc, multi_traverse, zip_next, zip_vnew);
  fill(MapType, "map",
       "Make an iterator that computes the function using arguments from\n"
       "each of the iterables.  Stops when the shortest iterable is exhausted.\n\n"
       "If strict is true and one of the arguments is exhausted before the others,\n"
       "raise a ValueError.",
       sizeof(MultiIterObject), kPublic, multi_dealloc, multi_traverse, map_next, map_vnew);
  fill(FilterType, "filter",
       "Return an iterator yielding those items of iterable for which function(item)\n"
       "is true. If function is None, return the items that are true.",
       sizeof(FilterObject), kPublic, filter_dealloc, filter_traverse, filter_next, filter_vnew);
  fill(ReversedType, "reversed", "Return a reverse iterator over the values of the given sequence.",
       sizeof(ReversedObject), kPublic, reversed_dealloc, reversed_traverse, reversed_next,
       reversed_vnew);
  ReversedType.methods = kReversedMethods;
  return ok();
}

Status ready_iterator_types() {
  for (Type* t : {&SeqIterType, &CallableIterType, &EnumerateType, &ZipType, &MapType,
                  &FilterType, &ReversedType})
    TRY(type_ready(t));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_iterator_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_iterator_types);

}  // namespace

Result<Ref<Object>> seq_iter_new(Object* seq) {
  Ref<SeqIterObject> it = TRY(new_object<SeqIterObject>(&SeqIterType));
  it->seq = new_ref(seq).release();
  return Ref<Object>(std::move(it));
}

Result<Ref<Object>> callable_iter_new(Object* callable, Object* sentinel) {
  Ref<CallableIterObject> it = TRY(new_object<CallableIterObject>(&CallableIterType));
  it->callable = new_ref(callable).release();
  it->sentinel = new_ref(sentinel).release();
  return Ref<Object>(std::move(it));
}

Result<Ref<Object>> enumerate_new(Object* iterable, Object* start) {
  return enumerate_make(&EnumerateType, iterable, start);
}

Result<Ref<Object>> zip_new(Object* const* iterables, size_t n, bool strict) {
  return multi_make(&ZipType, &ZipType, nullptr, iterables, n, strict);
}

Result<Ref<Object>> map_new(Object* func, Object* const* iterables, size_t n) {
  return multi_make(&MapType, &MapType, func, iterables, n, false);
}

Result<Ref<Object>> filter_new(Object* func, Object* iterable) {
  return filter_make(&FilterType, func, iterable);
}

Result<Ref<Object>> reversed_new(Object* seq) { return reversed_make(&ReversedType, seq); }

}  // namespace weft
