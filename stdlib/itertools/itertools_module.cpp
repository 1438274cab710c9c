// stdlib/itertools/itertools_module.cpp — the `itertools` module object: the shared type
// helpers of itertools_internal.h, the module function tee(), and the module assembly.
//
// CPython has no pure-Python fallback for itertools, and collections, re, typing, threading...
// import it, so every type here is native. The types are split by theme: infinite.cpp (count,
// cycle, repeat), terminating.cpp and filtering.cpp (iterators that stop with their input),
// combinatorics.cpp (product, permutations, combinations...), tee.cpp and groupby.cpp.
// Module state: none beyond the immutable static types, so the module is safe to share.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/itertools/itertools_internal.h"
#include "vm/module_table.h"

namespace weft::itertools {

Result<Ref<Object>> iter_self(Object* self) { return new_ref(self); }

void fill_iterator_type(Type& t, const char* name, const char* doc, size_t size,
                        DeallocFn dealloc, TraverseFn traverse, IterNextFn next, NewFn new_fn,
                        bool subclassable) {
  t.name = name;
  t.doc = doc;
  t.basicsize = static_cast<int64_t>(size);
  t.flags = kTypeImmutable | kTypeHaveGc | (subclassable ? uint64_t{kTypeBaseType} : uint64_t{0});
  t.dealloc = dealloc;
  t.traverse = traverse;
  t.iter = iter_self;
  t.iternext = next;
  t.new_ = new_fn;
}

namespace {

// tee(iterable, n=2, /): n independent _tee iterators over one shared buffer.
Result<Ref<Object>> tee_function(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("itertools.tee", kwnames));
  TRY(args_check_positional("tee", nargs, 1, 2));
  int64_t n = 2;
  if (nargs > 1) n = TRY(index_as_i64(args[1]));
  if (n < 0) return raise(exc::ValueError, "n must be >= 0");
  Ref<Object> result = TRY(tuple_new(n));
  if (n == 0) return result;
  Ref<Object> first = TRY(tee_from_iterable(args[0]));
  for (int64_t i = 1; i < n; ++i) tuple_init_item(result.get(), i, TRY(tee_copy(first.get())));
  tuple_init_item(result.get(), 0, std::move(first));
  return result;
}

const MethodDef kItertoolsFunctions[] = {
    {"tee", tee_function, kMethFastcall,
     "Returns a tuple of n independent iterators."},
    {nullptr, nullptr, 0, nullptr},
};

const char kModuleDoc[] =
    "Functional tools for creating and using iterators.\n\n"
    "Infinite iterators:\n"
    "count(start=0, step=1) --> start, start+step, start+2*step, ...\n"
    "cycle(p) --> p0, p1, ... plast, p0, p1, ...\n"
    "repeat(elem [,n]) --> elem, elem, elem, ... endlessly or up to n times\n\n"
    "Iterators terminating on the shortest input sequence:\n"
    "accumulate(p[, func]) --> p0, p0+p1, p0+p1+p2\n"
    "batched(p, n) --> [p0, p1, ..., p_n-1], [p_n, p_n+1, ..., p_2n-1], ...\n"
    "chain(p, q, ...) --> p0, p1, ... plast, q0, q1, ...\n"
    "chain.from_iterable([p, q, ...]) --> p0, p1, ... plast, q0, q1, ...\n"
    "compress(data, selectors) --> (d[0] if s[0]), (d[1] if s[1]), ...\n"
    "dropwhile(predicate, seq) --> seq[n], seq[n+1], starting when predicate fails\n"
    "groupby(iterable[, keyfunc]) --> sub-iterators grouped by value of keyfunc(v)\n"
    "filterfalse(predicate, seq) --> elements of seq where predicate(elem) is False\n"
    "islice(seq, [start,] stop [, step]) --> elements from\n"
    "       seq[start:stop:step]\n"
    "pairwise(s) --> (s[0],s[1]), (s[1],s[2]), (s[2], s[3]), ...\n"
    "starmap(fun, seq) --> fun(*seq[0]), fun(*seq[1]), ...\n"
    "tee(it, n=2) --> (it1, it2 , ... itn) splits one iterator into n\n"
    "takewhile(predicate, seq) --> seq[0], seq[1], until predicate fails\n"
    "zip_longest(p, q, ...) --> (p[0], q[0]), (p[1], q[1]), ...\n\n"
    "Combinatoric generators:\n"
    "product(p, q, ... [repeat=1]) --> cartesian product\n"
    "permutations(p[, r])\n"
    "combinations(p, r)\n"
    "combinations_with_replacement(p, r)\n";

Result<Ref<Object>> create_itertools_module() {
  Ref<Object> m = TRY(module_new("itertools"));
  Object* dict = module_dict(m.get());
  TRY(dict_set_item_str(dict, "__doc__", TRY(str_from_ascii(kModuleDoc)).get()));
  Ref<Object> name = TRY(str_from_ascii("itertools"));
  TRY(add_functions_to_dict(dict, kItertoolsFunctions, m.get(), name.get()));
  // Attribute name -> type, in CPython's dir() order.
  const std::pair<const char*, Type*> types[] = {
      {"_grouper", &GrouperType},
      {"_tee", &TeeType},
      {"_tee_dataobject", &TeeDataType},
      {"accumulate", &AccumulateType},
      {"batched", &BatchedType},
      {"chain", &ChainType},
      {"combinations", &CombinationsType},
      {"combinations_with_replacement", &CwrType},
      {"compress", &CompressType},
      {"count", &CountType},
      {"cycle", &CycleType},
      {"dropwhile", &DropwhileType},
      {"filterfalse", &FilterfalseType},
      {"groupby", &GroupbyType},
      {"islice", &IsliceType},
      {"pairwise", &PairwiseType},
      {"permutations", &PermutationsType},
      {"product", &ProductType},
      {"repeat", &RepeatType},
      {"starmap", &StarmapType},
      {"takewhile", &TakewhileType},
      {"zip_longest", &ZipLongestType},
  };
  for (const auto& [attr, type] : types)
    TRY(dict_set_item_str(dict, attr, reinterpret_cast<Object*>(type)));
  return m;
}

WEFT_NATIVE_MODULE("itertools", create_itertools_module);

}  // namespace
}  // namespace weft::itertools
