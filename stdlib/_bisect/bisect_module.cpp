// stdlib/_bisect/bisect_module.cpp — the `_bisect` accelerator behind Lib/bisect.py:
// bisect_left, bisect_right, insort_left, insort_right, all with (a, x, lo=0, hi=None, *,
// key=None).
//
// `a` is any sequence: items are read with the sequence protocol (lists through the list API),
// and insort inserts with list.insert for exact lists and a.insert(i, x) otherwise, as CPython
// does. `key` applies to the items of `a`, and for insort also to `x`. The comparisons are
// CPython's (x < item for *_right, item < x for *_left), so user __lt__ methods see the same
// calls in the same order. No state: the functions are safe to call from any thread; a list
// another thread mutates meanwhile gives a well-defined (if meaningless) index or IndexError.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "vm/module_table.h"

namespace weft::bisect_module {
namespace {

enum class Side { Left, Right };

struct Bounds {
  int64_t lo, hi;
};

// lo/hi as CPython's clinic converters read them: lo an index >= 0; hi None (or -1) = len(a).
Result<Bounds> read_bounds(Object* a, Object* lo_arg, Object* hi_arg) {
  Bounds b{0, -1};
  if (lo_arg) b.lo = TRY(index_as_i64(lo_arg));
  if (b.lo < 0) return raise(exc::ValueError, "lo must be non-negative");
  if (hi_arg && !is_none(hi_arg)) {
    if (!hi_arg->ob_type->number.index)
      return raise(exc::TypeError, "argument should be integer or None, not '{}'",
                   type_name_of(hi_arg));
    b.hi = TRY(index_as_i64(hi_arg));
  }
  if (b.hi == -1) b.hi = TRY(object_length(a));
  return b;
}

Result<Ref<Object>> sequence_item(Object* a, int64_t i) {
  if (is_list(a)) return list_get_item(a, i);
  SsizeArgFn item = a->ob_type->sequence.item;
  if (item) return item(a, i);
  Ref<Object> index = TRY(int_from_i64(i));
  return get_item(a, index.get());
}

// The insertion point of x (already transformed by key when the caller wants) in a[lo:hi].
Result<int64_t> search(Object* a, Object* x, Bounds b, Object* key, Side side) {
  int64_t lo = b.lo, hi = b.hi;
  while (lo < hi) {
    // lo + (hi - lo) / 2 cannot overflow, unlike (lo + hi) / 2.
    int64_t mid = lo + (hi - lo) / 2;
    Ref<Object> item = TRY(sequence_item(a, mid));
    if (key) item = TRY(call_one(key, item.get()));
    // *_right: x < item sends the search left; *_left: item < x sends it right.
    bool less = side == Side::Right ? TRY(rich_compare_bool(x, item.get(), CompareOp::Lt))
                                    : TRY(rich_compare_bool(item.get(), x, CompareOp::Lt));
    if (less == (side == Side::Right)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// Parses (a, x, lo=0, hi=None, *, key=None) into a[0..5).
Status parse(const ArgParser& parser, Object* const* args, size_t nargs, Object* kwnames,
             Object** out) {
  TRY(parser.parse(args, nargs, kwnames, out));
  if (out[4] && is_none(out[4])) out[4] = nullptr;
  return ok();
}

Result<Ref<Object>> bisect(const ArgParser& parser, Side side, Object* const* args, size_t nargs,
                           Object* kwnames) {
  Object* a[5];
  TRY(parse(parser, args, nargs, kwnames, a));
  Bounds b = TRY(read_bounds(a[0], a[2], a[3]));
  return int_from_i64(TRY(search(a[0], a[1], b, a[4], side)));
}

Result<Ref<Object>> insort(const ArgParser& parser, Side side, Object* const* args, size_t nargs,
                           Object* kwnames) {
  Object* a[5];
  TRY(parse(parser, args, nargs, kwnames, a));
  Object* seq = a[0];
  Object* x = a[1];
  Bounds b = TRY(read_bounds(seq, a[2], a[3]));
  int64_t index;
  if (a[4]) {
    Ref<Object> key_x = TRY(call_one(a[4], x));
    index = TRY(search(seq, key_x.get(), b, a[4], side));
  } else {
    index = TRY(search(seq, x, b, nullptr, side));
  }
  if (is_list_exact(seq)) {
    TRY(list_insert(seq, index, x));
  } else {
    Ref<Object> i = TRY(int_from_i64(index));
    Object* insert_args[2] = {i.get(), x};
    TRY(call_method(seq, "insert", insert_args, 2));
  }
  return new_none();
}

#define WEFT_BISECT_FN(fn, op, side)                                                         \
  Result<Ref<Object>> fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {      \
    static const ArgParser kParser(#fn, "a x | lo hi * | key");                                \
    return op(kParser, side, args, nargs, kwnames);                                          \
  }
WEFT_BISECT_FN(bisect_left, bisect, Side::Left)
WEFT_BISECT_FN(bisect_right, bisect, Side::Right)
WEFT_BISECT_FN(insort_left, insort, Side::Left)
WEFT_BISECT_FN(insort_right, insort, Side::Right)
#undef WEFT_BISECT_FN

#define WEFT_BISECT_BOUNDS_DOC                                                               \
  "Optional args lo (default 0) and hi (default len(a)) bound the\n"                          \
  "slice of a to be searched.\n\n"                                                             \
  "A custom key function can be supplied to customize the sort order."

const MethodDef kBisectFunctions[] = {
    {"bisect_right", bisect_right, kMethFastcall,
     "Return the index where to insert item x in list a, assuming a is sorted.\n\n"
     "The return value i is such that all e in a[:i] have e <= x, and all e in\n"
     "a[i:] have e > x.  So if x already appears in the list, a.insert(i, x) will\n"
     "insert just after the rightmost x already there.\n\n" WEFT_BISECT_BOUNDS_DOC},
    {"insort_right", insort_right, kMethFastcall,
     "Insert item x in list a, and keep it sorted assuming a is sorted.\n\n"
     "If x is already in a, insert it to the right of the rightmost x.\n\n"
     WEFT_BISECT_BOUNDS_DOC},
    {"bisect_left", bisect_left, kMethFastcall,
     "Return the index where to insert item x in list a, assuming a is sorted.\n\n"
     "The return value i is such that all e in a[:i] have e < x, and all e in\n"
     "a[i:] have e >= x.  So if x already appears in the list, a.insert(i, x) will\n"
     "insert just before the leftmost x already there.\n\n" WEFT_BISECT_BOUNDS_DOC},
    {"insort_left", insort_left, kMethFastcall,
     "Insert item x in list a, and keep it sorted assuming a is sorted.\n\n"
     "If x is already in a, insert it to the left of the leftmost x.\n\n"
     WEFT_BISECT_BOUNDS_DOC},
    {nullptr, nullptr, 0, nullptr},
};
#undef WEFT_BISECT_BOUNDS_DOC

Result<Ref<Object>> create_bisect_module() {
  Ref<Object> m = TRY(module_new("_bisect"));
  Object* dict = module_dict(m.get());
  TRY(dict_set_item_str(
      dict, "__doc__",
      TRY(str_from_ascii(
              "Bisection algorithms.\n\n"
              "This module provides support for maintaining a list in sorted order without\n"
              "having to sort the list after each insertion. For long lists of items with\n"
              "expensive comparison operations, this can be an improvement over the more\n"
              "common approach.\n"))
          .get()));
  Ref<Object> name = TRY(str_from_ascii("_bisect"));
  TRY(add_functions_to_dict(dict, kBisectFunctions, m.get(), name.get()));
  return m;
}

WEFT_NATIVE_MODULE("_bisect", create_bisect_module);

}  // namespace
}  // namespace weft::bisect_module
