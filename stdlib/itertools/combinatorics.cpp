// stdlib/itertools/combinatorics.cpp — the combinatoric iterators: product, permutations,
// combinations, combinations_with_replacement.
//
// Each object reads its input(s) into tuples at construction ("pools") and then walks an array
// of indices into them, yielding a fresh tuple per step (the classic lexicographic algorithms of
// the itertools documentation). The index arrays are plain C arrays owned by the object.
// Locking: the indices, the last result and the `stopped` mark change only inside the object's
// critical section, and a step never calls Python code, so threads sharing one iterator each
// receive distinct tuples and the walk never tears.
#include <algorithm>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/itertools/itertools_internal.h"
#include "sync/critical_section.h"

namespace weft::itertools {

Type ProductType, PermutationsType, CombinationsType, CwrType;

namespace {

struct CombObject : Object {
  Object* pools;     // owned tuple: product's tuple of pool tuples; the others' pool tuple
  Object* result;    // owned: the last tuple produced, nullptr before the first
  int64_t r;         // length of every result tuple
  int64_t* indices;  // product: r; permutations: n; combinations: r (raw_alloc'd)
  int64_t* cycles;   // permutations only: r
  int64_t nindices;  // entries in `indices`
  bool stopped;
};
using K = CombObject;

void comb_dealloc(Object* self) {
  auto* c = static_cast<K*>(self);
  xdecref(c->pools);
  xdecref(c->result);
  gc::raw_free(c->indices);
  gc::raw_free(c->cycles);
  free_object(self);
}
void comb_traverse(Object* self, VisitFn visit, void* arg) {
  traverse_fields<K, &K::pools, &K::result>(self, visit, arg);
}

// Allocates `count` zeroed indices (at least one slot, so a null pointer means failure).
Result<int64_t*> alloc_indices(int64_t count) {
  void* p = gc::raw_calloc(static_cast<size_t>(std::max<int64_t>(count, 1)), sizeof(int64_t));
  if (!p) return raise_no_memory();
  return static_cast<int64_t*>(p);
}

Result<Ref<K>> comb_alloc(Type* type, Ref<Object> pools, int64_t r, int64_t nindices) {
  int64_t* indices = TRY(alloc_indices(nindices));
  Result<Ref<K>> made = alloc_instance<K>(type);
  if (made.is_error()) {
    gc::raw_free(indices);
    return Error{};
  }
  Ref<K> c = made.release_value();
  c->pools = pools.release();
  c->r = r;
  c->indices = indices;
  c->nindices = nindices;
  return c;
}

// A new tuple whose item k is pool_of(k)[indices[k]] for k < r, replacing c->result.
template <class PoolOf>
Result<Ref<Object>> emit(K* c, PoolOf pool_of, Ref<Object>* dropped) {
  Result<Ref<Object>> t = tuple_new(c->r);
  if (t.is_error()) return Error{};
  for (int64_t k = 0; k < c->r; ++k)
    tuple_init_item(t.value().get(), k, new_ref(tuple_item(pool_of(k), c->indices[k])));
  replace_field(&c->result, t.value().dup().release(), dropped);
  return t.release_value();
}

// Runs one step under the lock: `advance` moves the indices to the next result (returns false
// when there is none); the first call only checks `first_exists`.
template <class FirstExists, class Advance, class PoolOf>
Next comb_next(Object* self, FirstExists first_exists, Advance advance, PoolOf pool_of) {
  auto* c = static_cast<K*>(self);
  Ref<Object> dropped;
  sync::CriticalSection cs{self->ob_mutex};
  if (c->stopped) return Next::done();
  bool more = c->result ? advance(c) : first_exists(c);
  if (!more) {
    c->stopped = true;
    replace_field(&c->result, nullptr, &dropped);
    return Next::done();
  }
  Result<Ref<Object>> t = emit(c, pool_of, &dropped);
  if (t.is_error()) return Error{};
  return Next(t.release_value());
}

Result<Ref<Object>> comb_sizeof(Object* self, Object* const*, size_t, Object*) {
  auto* c = static_cast<K*>(self);
  int64_t extra = c->nindices + (c->cycles ? c->r : 0);
  return int_from_i64(self->ob_type->basicsize + extra * static_cast<int64_t>(sizeof(int64_t)));
}

const MethodDef kCombMethods[] = {
    {"__sizeof__", comb_sizeof, kMethNoArgs, "Returns size in memory, in bytes."},
    {nullptr, nullptr, 0, nullptr},
};

int64_t pool_size(const K* c) { return tuple_size(c->pools); }

// --- product -------------------------------------------------------------------------------------

Result<Ref<Object>> product_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  int64_t repeat = 1;
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; ++i) {
    Object* name = tuple_item(kwnames, static_cast<int64_t>(i));
    if (!str_equal_ascii(name, "repeat"))
      return raise(exc::TypeError, "product() got an unexpected keyword argument '{}'", name);
    repeat = TRY(index_as_i64(args[nargs + i]));
    if (repeat < 0) return raise(exc::ValueError, "repeat argument cannot be negative");
  }
  int64_t npools = static_cast<int64_t>(nargs);
  if (repeat > 0 && npools > INT64_MAX / 8 / repeat)
    return raise(exc::OverflowError, "repeat argument too large");
  int64_t r = repeat == 0 ? 0 : npools * repeat;
  Ref<Object> pools = TRY(tuple_new(r));
  for (int64_t i = 0; i < npools; ++i) {
    Ref<Object> pool = TRY(tuple_from_iterable(args[i]));
    for (int64_t k = 1; k < repeat; ++k)
      tuple_init_item(pools.get(), k * npools + i, pool.dup());
    if (repeat > 0) tuple_init_item(pools.get(), i, std::move(pool));
  }
  Ref<K> c = TRY(comb_alloc(type, std::move(pools), r, r));
  return Ref<Object>(std::move(c));
}

Next product_next(Object* self) {
  auto pool_of = [self](int64_t k) { return tuple_item(static_cast<K*>(self)->pools, k); };
  auto first_exists = [&](K* c) {
    for (int64_t k = 0; k < c->r; ++k)
      if (tuple_size(pool_of(k)) == 0) return false;
    return true;
  };
  auto advance = [&](K* c) {
    for (int64_t k = c->r - 1; k >= 0; --k) {
      if (++c->indices[k] < tuple_size(pool_of(k))) return true;
      c->indices[k] = 0;  // this wheel wraps; carry into the one on its left
    }
    return false;
  };
  return comb_next(self, first_exists, advance, pool_of);
}

// --- permutations --------------------------------------------------------------------------------

Result<Ref<Object>> permutations_vnew(Type* type, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  static const ArgParser kParser("permutations", "iterable | r");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> pool = TRY(tuple_from_iterable(a[0]));
  int64_t n = tuple_size(pool.get());
  int64_t r = n;
  if (a[1] && !is_none(a[1])) {
    if (!is_int(a[1])) return raise(exc::TypeError, "Expected int as r");
    r = TRY(index_as_i64(a[1]));
    if (r < 0) return raise(exc::ValueError, "r must be non-negative");
  }
  Ref<K> c = TRY(comb_alloc(type, std::move(pool), r, n));
  Result<int64_t*> cycles = alloc_indices(r);
  if (cycles.is_error()) return Error{};
  c->cycles = cycles.value();
  for (int64_t i = 0; i < n; ++i) c->indices[i] = i;
  for (int64_t i = 0; i < r; ++i) c->cycles[i] = n - i;
  return Ref<Object>(std::move(c));
}

Next permutations_next(Object* self) {
  auto pool_of = [self](int64_t) { return static_cast<K*>(self)->pools; };
  auto first_exists = [](K* c) { return c->r <= pool_size(c); };
  auto advance = [](K* c) {
    int64_t n = pool_size(c);
    int64_t* idx = c->indices;
    for (int64_t i = c->r - 1; i >= 0; --i) {
      if (--c->cycles[i] == 0) {
        std::rotate(idx + i, idx + i + 1, idx + n);  // move indices[i] to the end
        c->cycles[i] = n - i;
      } else {
        std::swap(idx[i], idx[n - c->cycles[i]]);
        return true;
      }
    }
    return false;
  };
  return comb_next(self, first_exists, advance, pool_of);
}

// --- combinations and combinations_with_replacement ----------------------------------------------

Result<Ref<Object>> combinations_make(const ArgParser& parser, bool replacement, Type* type,
                                      Object* const* args, size_t nargs, Object* kwnames) {
  Object* a[2];
  TRY(parser.parse(args, nargs, kwnames, a));
  Ref<Object> pool = TRY(tuple_from_iterable(a[0]));
  int64_t r = TRY(index_as_i64(a[1]));
  if (r < 0) return raise(exc::ValueError, "r must be non-negative");
  Ref<K> c = TRY(comb_alloc(type, std::move(pool), r, r));
  if (!replacement)
    for (int64_t i = 0; i < r; ++i) c->indices[i] = i;
  return Ref<Object>(std::move(c));
}

Result<Ref<Object>> combinations_vnew(Type* type, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  static const ArgParser kParser("combinations", "iterable r");
  return combinations_make(kParser, false, type, args, nargs, kwnames);
}

Result<Ref<Object>> cwr_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("combinations_with_replacement", "iterable r");
  return combinations_make(kParser, true, type, args, nargs, kwnames);
}

Next combinations_next(Object* self) {
  auto pool_of = [self](int64_t) { return static_cast<K*>(self)->pools; };
  auto first_exists = [](K* c) { return c->r <= pool_size(c); };
  auto advance = [](K* c) {
    int64_t n = pool_size(c), r = c->r;
    int64_t i = r - 1;
    while (i >= 0 && c->indices[i] == i + n - r) --i;  // rightmost index not at its maximum
    if (i < 0) return false;
    ++c->indices[i];
    for (int64_t j = i + 1; j < r; ++j) c->indices[j] = c->indices[j - 1] + 1;
    return true;
  };
  return comb_next(self, first_exists, advance, pool_of);
}

Next cwr_next(Object* self) {
  auto pool_of = [self](int64_t) { return static_cast<K*>(self)->pools; };
  auto first_exists = [](K* c) { return pool_size(c) > 0 || c->r == 0; };
  auto advance = [](K* c) {
    int64_t n = pool_size(c), r = c->r;
    int64_t i = r - 1;
    while (i >= 0 && c->indices[i] == n - 1) --i;
    if (i < 0) return false;
    int64_t index = c->indices[i] + 1;
    for (int64_t j = i; j < r; ++j) c->indices[j] = index;
    return true;
  };
  return comb_next(self, first_exists, advance, pool_of);
}

Status fill_combinatoric_types() {
  fill_iterator_type(ProductType, "itertools.product",
                     "Cartesian product of input iterables.  Equivalent to nested for-loops.",
                     sizeof(K), comb_dealloc, comb_traverse, product_next, product_vnew);
  fill_iterator_type(PermutationsType, "itertools.permutations",
                     "Return successive r-length permutations of elements in the iterable.\n\n"
                     "permutations(range(3), 2) --> (0,1), (0,2), (1,0), (1,2), (2,0), (2,1)",
                     sizeof(K), comb_dealloc, comb_traverse, permutations_next,
                     permutations_vnew);
  fill_iterator_type(CombinationsType, "itertools.combinations",
                     "Return successive r-length combinations of elements in the iterable.\n\n"
                     "combinations(range(4), 3) --> (0,1,2), (0,1,3), (0,2,3), (1,2,3)",
                     sizeof(K), comb_dealloc, comb_traverse, combinations_next,
                     combinations_vnew);
  fill_iterator_type(CwrType, "itertools.combinations_with_replacement",
                     "Return successive r-length combinations of elements in the iterable "
                     "allowing individual elements to have successive repeats.\n\n"
                     "combinations_with_replacement('ABC', 2) --> ('A','A'), ('A','B'), "
                     "('A','C'), ('B','B'), ('B','C'), ('C','C')",
                     sizeof(K), comb_dealloc, comb_traverse, cwr_next, cwr_vnew);
  for (Type* t : {&ProductType, &PermutationsType, &CombinationsType, &CwrType})
    t->methods = kCombMethods;
  return ok();
}

Status ready_combinatoric_types() {
  for (Type* t : {&ProductType, &PermutationsType, &CombinationsType, &CwrType})
    TRY(type_ready(t));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_combinatoric_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_combinatoric_types);

}  // namespace
}  // namespace weft::itertools
