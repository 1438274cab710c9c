// stdlib/itertools/terminating.cpp — iterators that end with their input and carry state from
// one item to the next: accumulate, batched, chain (+ chain.from_iterable), islice, pairwise,
// zip_longest. (The stateless filters are in filtering.cpp.)
//
// Locking: each `next` runs inside the object's critical section, so threads sharing one of
// these iterators each receive whole results (a batch, a pair, a running total) and every input
// item lands in exactly one result. The underlying iterators and user functions are called inside
// the section (the section is suspended if the thread blocks); each call is made through a
// reference the function holds itself, and the state is re-read after it, so a re-entrant
// `next` on the same object is memory-safe. References replaced under the lock are dropped after
// it is released.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/itertools/itertools_internal.h"
#include "sync/critical_section.h"

namespace weft::itertools {

Type AccumulateType, BatchedType, ChainType, IsliceType, PairwiseType, ZipLongestType;

namespace {

// --- accumulate ----------------------------------------------------------------------------------

struct AccumulateObject : Object {
  Object* it;       // owned
  Object* binop;    // owned; nullptr = operator.add
  Object* total;    // owned; nullptr before the first item
  Object* initial;  // owned; nullptr once produced (or when not given)
};

Result<Ref<Object>> accumulate_vnew(Type* type, Object* const* args, size_t nargs,
                                    Object* kwnames) {
  static const ArgParser kParser("accumulate", "iterable | func * | initial");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> it = TRY(get_iter(a[0]));
  Ref<AccumulateObject> acc = TRY(alloc_instance<AccumulateObject>(type));
  acc->it = it.release();
  if (a[1] && !is_none(a[1])) acc->binop = new_ref(a[1]).release();
  if (a[2] && !is_none(a[2])) acc->initial = new_ref(a[2]).release();
  return Ref<Object>(std::move(acc));
}

Next accumulate_next(Object* self) {
  auto* acc = static_cast<AccumulateObject*>(self);
  Ref<Object> dropped;
  sync::CriticalSection cs{self->ob_mutex};
  if (acc->initial) {
    Ref<Object> initial = Ref<Object>::steal(acc->initial);
    acc->initial = nullptr;
    replace_field(&acc->total, initial.dup().release(), &dropped);
    return Next(std::move(initial));
  }
  Ref<Object> it = new_ref(acc->it);
  Next next = iter_next(it.get());
  if (next.is_error() || next.is_done()) return next;
  Ref<Object> value = next.release_value();
  if (!acc->total) {
    replace_field(&acc->total, value.dup().release(), &dropped);
    return Next(std::move(value));
  }
  Ref<Object> total = new_ref(acc->total);
  Object* operands[2] = {total.get(), value.get()};
  Result<Ref<Object>> sum = acc->binop ? call(acc->binop, operands, 2)
                                       : binary_op(total.get(), value.get(), BinaryOp::Add);
  if (sum.is_error()) return Error{};
  replace_field(&acc->total, sum.value().dup().release(), &dropped);
  return Next(sum.release_value());
}

// --- batched -------------------------------------------------------------------------------------

struct BatchedObject : Object {
  Object* it;  // owned; nullptr once exhausted
  int64_t n;
  bool strict;
};

Result<Ref<Object>> batched_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("batched", "iterable n * | strict");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int64_t n = TRY(index_as_i64(a[1]));
  if (n < 1) return raise(exc::ValueError, "n must be at least one");
  bool strict = a[2] ? TRY(object_is_true(a[2])) : false;
  Ref<Object> it = TRY(get_iter(a[0]));
  Ref<BatchedObject> b = TRY(alloc_instance<BatchedObject>(type));
  b->it = it.release();
  b->n = n;
  b->strict = strict;
  return Ref<Object>(std::move(b));
}

Next batched_next(Object* self) {
  auto* b = static_cast<BatchedObject*>(self);
  Ref<Object> dropped;
  sync::CriticalSection cs{self->ob_mutex};
  if (!b->it) return Next::done();
  Ref<Object> it = new_ref(b->it);
  // The items go into a list first: n may be huge while the input is short.
  Result<Ref<Object>> items = list_new(b->n < 64 ? b->n : 64);
  if (items.is_error()) return Error{};
  int64_t count = 0;
  for (; count < b->n; ++count) {
    Next next = iter_next(it.get());
    if (next.is_error()) return next;
    if (next.is_done()) break;
    Ref<Object> item = next.release_value();
    if (list_append(items.value().get(), item.get()).is_error()) return Error{};
  }
  if (count < b->n) {
    if (b->it == it.get() && (count == 0 || b->strict)) replace_field(&b->it, nullptr, &dropped);
    if (count == 0) return Next::done();
    if (b->strict) return raise(exc::ValueError, "batched(): incomplete batch");
  }
  Result<Ref<Object>> batch = list_as_tuple(items.value().get());
  if (batch.is_error()) return Error{};
  return Next(batch.release_value());
}

// --- chain ---------------------------------------------------------------------------------------

struct ChainObject : Object {
  Object* source;  // owned iterator over the iterables; nullptr once exhausted
  Object* active;  // owned iterator of the current iterable, or nullptr
};

Result<Ref<Object>> chain_make(Type* type, Object* iterables) {
  Ref<Object> source = TRY(get_iter(iterables));
  Ref<ChainObject> c = TRY(alloc_instance<ChainObject>(type));
  c->source = source.release();
  return Ref<Object>(std::move(c));
}

Result<Ref<Object>> chain_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (type == &ChainType) TRY(args_no_keywords("chain", kwnames));
  Ref<Object> iterables = TRY(tuple_from_array(args, static_cast<int64_t>(nargs)));
  return chain_make(type, iterables.get());
}

// chain.from_iterable(iterable): a classmethod (its messages say "chain.from_iterable()" even
// for subclasses, as CPython's).
Result<Ref<Object>> chain_from_iterable(Object* cls, Object* const* args, size_t nargs,
                                        Object* kwnames) {
  TRY(args_no_keywords("chain.from_iterable", kwnames));
  TRY(args_exactly_one("chain.from_iterable", nargs));
  return chain_make(reinterpret_cast<Type*>(cls), args[0]);
}

Next chain_next(Object* self) {
  auto* c = static_cast<ChainObject*>(self);
  Ref<Object> dropped;
  sync::CriticalSection cs{self->ob_mutex};
  for (;;) {
    if (!c->active) {
      if (!c->source) return Next::done();
      Ref<Object> source = new_ref(c->source);
      // As in CPython, a failing source (or a non-iterable in it) ends the chain.
      auto finish = [&](Next&& end) {
        if (c->source == source.get()) replace_field(&c->source, nullptr, &dropped);
        return std::move(end);
      };
      Next iterable = iter_next(source.get());
      if (iterable.is_error() || iterable.is_done()) return finish(std::move(iterable));
      Result<Ref<Object>> it = get_iter(iterable.release_value().get());
      if (it.is_error()) return finish(Error{});
      replace_field(&c->active, it.release_value().release(), &dropped);
      dropped.reset();  // a finished iterator: nothing in this section depends on it
    }
    Ref<Object> active = new_ref(c->active);
    Next next = iter_next(active.get());
    if (!next.is_done()) return next;
    if (c->active == active.get()) replace_field(&c->active, nullptr, &dropped);
  }
}

// --- islice --------------------------------------------------------------------------------------

struct IsliceObject : Object {
  Object* it;    // owned; nullptr once exhausted
  int64_t next;  // index of the next item to produce
  int64_t stop;  // -1 = no stop
  int64_t step;
  int64_t cnt;   // items consumed from `it` so far
};

// An islice argument as CPython converts it: None -> `none_value`, an int -> its value, anything
// else (or an int out of range) -> -1 with the conversion's error discarded.
int64_t islice_index(Object* arg, int64_t none_value) {
  if (is_none(arg)) return none_value;
  Result<int64_t> v = index_as_i64(arg);
  if (v.is_error()) {
    clear_error();
    return -1;
  }
  return v.value();
}

Result<Ref<Object>> islice_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (type == &IsliceType) TRY(args_no_keywords("islice", kwnames));
  TRY(args_check_positional("islice", nargs, 2, 4));
  int64_t start = 0, stop = -1, step = 1;
  Object* stop_arg = nargs == 2 ? args[1] : args[2];
  if (nargs > 2) start = islice_index(args[1], 0);
  if (!is_none(stop_arg)) {
    stop = islice_index(stop_arg, -1);
    if (stop == -1)
      return raise(exc::ValueError,
                   "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
  }
  if (start < 0 || stop < -1)
    return raise(exc::ValueError,
                 "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
  if (nargs == 4) step = islice_index(args[3], 1);
  if (step < 1)
    return raise(exc::ValueError, "Step for islice() must be a positive integer or None.");
  Ref<Object> it = TRY(get_iter(args[0]));
  Ref<IsliceObject> s = TRY(alloc_instance<IsliceObject>(type));
  s->it = it.release();
  s->next = start;
  s->stop = stop;
  s->step = step;
  return Ref<Object>(std::move(s));
}

Next islice_next(Object* self) {
  auto* s = static_cast<IsliceObject*>(self);
  Ref<Object> dropped;
  sync::CriticalSection cs{self->ob_mutex};
  if (!s->it) return Next::done();
  Ref<Object> it = new_ref(s->it);
  // As in CPython, the input is dropped when it ends or fails.
  auto finish = [&](Next&& end) {
    if (s->it == it.get()) replace_field(&s->it, nullptr, &dropped);
    return std::move(end);
  };
  // Skip up to the next wanted index.
  while (s->cnt < s->next) {
    Next skipped = iter_next(it.get());
    if (skipped.is_error() || skipped.is_done()) return finish(std::move(skipped));
    ++s->cnt;
  }
  if (s->stop != -1 && s->cnt >= s->stop) return finish(Next::done());
  Next item = iter_next(it.get());
  if (item.is_error() || item.is_done()) return finish(std::move(item));
  ++s->cnt;
  int64_t following;
  if (__builtin_add_overflow(s->next, s->step, &following)) following = INT64_MAX;
  s->next = following;
  if (s->stop != -1 && s->next > s->stop) s->next = s->stop;
  return item;
}

// --- pairwise ------------------------------------------------------------------------------------

struct PairwiseObject : Object {
  Object* it;   // owned; nullptr once exhausted
  Object* old;  // owned; the previous item, nullptr before the first
};

Result<Ref<Object>> pairwise_vnew(Type* type, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  if (type == &PairwiseType) TRY(args_no_keywords("pairwise", kwnames));
  TRY(args_check_positional("pairwise", nargs, 1, 1));
  Ref<Object> it = TRY(get_iter(args[0]));
  Ref<PairwiseObject> p = TRY(alloc_instance<PairwiseObject>(type));
  p->it = it.release();
  return Ref<Object>(std::move(p));
}

Next pairwise_next(Object* self) {
  auto* p = static_cast<PairwiseObject*>(self);
  Ref<Object> dropped_it, dropped_old;
  sync::CriticalSection cs{self->ob_mutex};
  if (!p->it) return Next::done();
  Ref<Object> it = new_ref(p->it);
  // As in CPython, the input is dropped when it ends or fails.
  auto finish = [&](Next&& end) {
    if (p->it == it.get()) {
      replace_field(&p->it, nullptr, &dropped_it);
      replace_field(&p->old, nullptr, &dropped_old);
    }
    return std::move(end);
  };
  if (!p->old) {
    Next first = iter_next(it.get());
    if (first.is_error() || first.is_done()) return finish(std::move(first));
    Ref<Object> first_item = first.release_value();
    if (!p->old) p->old = first_item.release();  // a re-entrant call may have set it meanwhile
  }
  Ref<Object> old = new_ref(p->old);
  Next next = iter_next(it.get());
  if (next.is_error() || next.is_done()) return finish(std::move(next));
  Ref<Object> item = next.release_value();
  Result<Ref<Object>> pair = tuple_pack({old.get(), item.get()});
  if (pair.is_error()) return Error{};
  replace_field(&p->old, item.release(), &dropped_old);
  return Next(pair.release_value());
}

// --- zip_longest ---------------------------------------------------------------------------------

struct ZipLongestObject : Object {
  Object* iters;      // owned list of iterators; an exhausted one is replaced by None
  Object* fillvalue;  // owned
  int64_t numactive;  // iterators not yet exhausted; 0 = done
};

Result<Ref<Object>> zip_longest_vnew(Type* type, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  Object* fillvalue = none();
  size_t nkw = kwnames_count(kwnames);
  if (nkw > 0) {
    if (nkw > 1 || !str_equal_ascii(tuple_item(kwnames, 0), "fillvalue"))
      return raise(exc::TypeError, "zip_longest() got an unexpected keyword argument");
    fillvalue = args[nargs];
  }
  Ref<Object> iters = TRY(list_new(static_cast<int64_t>(nargs)));
  for (size_t i = 0; i < nargs; ++i) {
    Ref<Object> it = TRY(get_iter(args[i]));
    TRY(list_append(iters.get(), it.get()));
  }
  Ref<ZipLongestObject> z = TRY(alloc_instance<ZipLongestObject>(type));
  z->iters = iters.release();
  z->fillvalue = new_ref(fillvalue).release();
  z->numactive = static_cast<int64_t>(nargs);
  return Ref<Object>(std::move(z));
}

Next zip_longest_next(Object* self) {
  auto* z = static_cast<ZipLongestObject*>(self);
  sync::CriticalSection cs{self->ob_mutex};
  int64_t n = list_size(z->iters);
  if (n == 0 || z->numactive == 0) return Next::done();
  Result<Ref<Object>> result = tuple_new(n);
  if (result.is_error()) return Error{};
  for (int64_t i = 0; i < n; ++i) {
    Result<Ref<Object>> it = list_get_item(z->iters, i);
    if (it.is_error()) return Error{};
    Ref<Object> item;
    if (is_none(it.value().get())) {
      item = new_ref(z->fillvalue);
    } else {
      Next next = iter_next(it.value().get());
      if (next.is_error()) {
        z->numactive = 0;
        return next;
      }
      if (next.is_done()) {
        if (--z->numactive <= 0) {
          z->numactive = 0;
          return Next::done();
        }
        if (list_set_item(z->iters, i, none()).is_error()) return Error{};
        item = new_ref(z->fillvalue);
      } else {
        item = next.release_value();
      }
    }
    tuple_init_item(result.value().get(), i, std::move(item));
  }
  return Next(result.release_value());
}

const MethodDef kChainMethods[] = {
    {"from_iterable", chain_from_iterable, kMethClass,
     "Alternative chain() constructor taking a single iterable argument that evaluates "
     "lazily."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

Status fill_terminating_types() {
  using A = AccumulateObject;
  fill_iterator_type(AccumulateType, "itertools.accumulate",
                     "Return series of accumulated sums (or other binary function results).",
                     sizeof(A), dealloc_fields<A, &A::it, &A::binop, &A::total, &A::initial>,
                     traverse_fields<A, &A::it, &A::binop, &A::total, &A::initial>,
                     accumulate_next, accumulate_vnew);
  fill_iterator_type(BatchedType, "itertools.batched",
                     "Batch data into tuples of length n. The last batch may be shorter than n.",
                     sizeof(BatchedObject), dealloc_fields<BatchedObject, &BatchedObject::it>,
                     traverse_fields<BatchedObject, &BatchedObject::it>, batched_next,
                     batched_vnew);
  using C = ChainObject;
  fill_iterator_type(ChainType, "itertools.chain",
                     "Return a chain object whose .__next__() method returns elements from the\n"
                     "first iterable until it is exhausted, then elements from the next\n"
                     "iterable, until all of the iterables are exhausted.",
                     sizeof(C), dealloc_fields<C, &C::source, &C::active>,
                     traverse_fields<C, &C::source, &C::active>, chain_next, chain_vnew);
  ChainType.methods = kChainMethods;
  fill_iterator_type(IsliceType, "itertools.islice",
                     "islice(iterable, stop) --> islice object\n"
                     "islice(iterable, start, stop[, step]) --> islice object\n\n"
                     "Return an iterator whose next() method returns selected values from an\n"
                     "iterable.  If start is specified, will skip all preceding elements;\n"
                     "otherwise, start defaults to zero.  Step defaults to one.  If\n"
                     "specified as another value, step determines how many values are\n"
                     "skipped between successive calls.  Works like a slice() on a list\n"
                     "but returns an iterator.",
                     sizeof(IsliceObject), dealloc_fields<IsliceObject, &IsliceObject::it>,
                     traverse_fields<IsliceObject, &IsliceObject::it>, islice_next, islice_vnew);
  using P = PairwiseObject;
  fill_iterator_type(PairwiseType, "itertools.pairwise",
                     "Return an iterator of overlapping pairs taken from the input iterator.\n\n"
                     "    s -> (s0,s1), (s1,s2), (s2, s3), ...",
                     sizeof(P), dealloc_fields<P, &P::it, &P::old>,
                     traverse_fields<P, &P::it, &P::old>, pairwise_next, pairwise_vnew);
  using Z = ZipLongestObject;
  fill_iterator_type(ZipLongestType, "itertools.zip_longest",
                     "Return a zip_longest object whose .__next__() method returns a tuple where\n"
                     "the i-th element comes from the i-th iterable argument.  The .__next__()\n"
                     "method continues until the longest iterable in the argument sequence\n"
                     "is exhausted and then it raises StopIteration.  When the shorter iterables\n"
                     "are exhausted, the fillvalue is substituted in their place.  The fillvalue\n"
                     "defaults to None or can be specified by a keyword argument.",
                     sizeof(Z), dealloc_fields<Z, &Z::iters, &Z::fillvalue>,
                     traverse_fields<Z, &Z::iters, &Z::fillvalue>, zip_longest_next,
                     zip_longest_vnew);
  return ok();
}

Status ready_terminating_types() {
  for (Type* t : {&AccumulateType, &BatchedType, &ChainType, &IsliceType, &PairwiseType,
                  &ZipLongestType})
    TRY(type_ready(t));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_terminating_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_terminating_types);

}  // namespace
}  // namespace weft::itertools
