// stdlib/_heapq/heapq_module.cpp — the `_heapq` accelerator behind Lib/heapq.py: heappush,
// heappop, heapify, heapreplace, heappushpop and their max-heap variants (3.14).
//
// The heap is a plain list. The sift loops are CPython's (same comparisons, in the same order,
// so the resulting arrangement and the exceptions raised match): `sift_down` moves the item at
// `pos` towards the root, `sift_up` moves the item at `pos` down to a leaf along the smaller
// children and then sifts it back down; heapify on lists too big for the L1 cache uses CPython's
// cache-friendly order of sift_ups, so even the arrangement of large heaps is the same.
// Comparisons run user code (__lt__), which may change the list: after every comparison the
// size is checked ("list changed size during iteration") and items are re-read by index.
// Locking: each operation runs inside the heap list's critical section, as CPython 3.14t does,
// so concurrent pushes and pops on one heap never interleave within a sift. Item reads and
// writes go through the list API, whose own critical section is then a no-op.
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
#include "stdlib/_heapq/heapq_docs.h"
#include "sync/critical_section.h"
#include "vm/module_table.h"

namespace weft::heapq_module {
namespace {

// Which order the heap keeps: min-heap (heap[0] smallest) or max-heap.
enum class Order { Min, Max };

// Whether `a` should sit above `b` in the heap: a < b for a min-heap, b < a for a max-heap.
Result<bool> above(Object* a, Object* b, Order order) {
  return order == Order::Min ? rich_compare_bool(a, b, CompareOp::Lt)
                             : rich_compare_bool(b, a, CompareOp::Lt);
}

Error index_out_of_range() { return raise(exc::IndexError, "index out of range"); }

Status check_size(Object* heap, int64_t expected) {
  if (list_size(heap) != expected)
    return raise(exc::RuntimeError, "list changed size during iteration");
  return ok();
}

// A new reference to heap[i]. The caller holds the heap's critical section (it is the top one
// again whenever a comparison has returned), so the locked read is enough.
Result<Ref<Object>> item_at(Object* heap, int64_t i) {
  if (i >= list_size(heap)) return raise(exc::IndexError, "list index out of range");
  return new_ref(list_item_locked(heap, i));
}

Status swap_items(Object* heap, int64_t i, int64_t j) {
  Ref<Object> a = TRY(item_at(heap, i));
  Ref<Object> b = TRY(item_at(heap, j));
  TRY(list_set_item(heap, i, b.get()));
  return list_set_item(heap, j, a.get());
}

// Moves the item at `pos` up towards `startpos` while it belongs above its parent.
Status sift_down(Object* heap, int64_t startpos, int64_t pos, Order order) {
  int64_t size = list_size(heap);
  if (pos >= size) return index_out_of_range();
  while (pos > startpos) {
    int64_t parentpos = (pos - 1) >> 1;
    Ref<Object> item = TRY(item_at(heap, pos));
    Ref<Object> parent = TRY(item_at(heap, parentpos));
    bool moves = TRY(above(item.get(), parent.get(), order));
    TRY(check_size(heap, size));
    if (!moves) break;
    TRY(swap_items(heap, parentpos, pos));
    pos = parentpos;
  }
  return ok();
}

// Moves the item at `pos` down to a leaf, always following the child that belongs higher, then
// sifts it back up to its place.
Status sift_up(Object* heap, int64_t pos, Order order) {
  int64_t endpos = list_size(heap);
  int64_t startpos = pos;
  int64_t limit = endpos >> 1;
  while (pos < limit) {
    int64_t childpos = 2 * pos + 1;
    if (childpos + 1 < endpos) {
      Ref<Object> left = TRY(item_at(heap, childpos));
      Ref<Object> right = TRY(item_at(heap, childpos + 1));
      bool left_higher = TRY(above(left.get(), right.get(), order));
      if (!left_higher) ++childpos;
      TRY(check_size(heap, endpos));
    }
    TRY(swap_items(heap, childpos, pos));
    pos = childpos;
  }
  return sift_down(heap, startpos, pos, order);
}

// The highest set bit of n (n > 0).
int64_t keep_top_bit(int64_t n) {
  int64_t top = 1;
  while (n >>= 1) top <<= 1;
  return top;
}

Status heapify_locked(Object* heap, Order order) {
  int64_t n = list_size(heap);
  if (n <= 2500) {
    for (int64_t i = n / 2 - 1; i >= 0; --i) TRY(sift_up(heap, i, order));
    return ok();
  }
  // Cache-friendly order (CPython's): finish each subtree bottom-up while it is still hot.
  int64_t m = n >> 1;                           // index of the first childless node
  int64_t leftmost = keep_top_bit(m + 1) - 1;  // leftmost node in m's row
  int64_t mhalf = m >> 1;                       // parent of the first childless node
  auto sift_run = [&](int64_t i) -> Status {
    for (int64_t j = i;; j >>= 1) {
      TRY(sift_up(heap, j, order));
      if (!(j & 1)) break;
    }
    return ok();
  };
  for (int64_t i = leftmost - 1; i >= mhalf; --i) TRY(sift_run(i));
  for (int64_t i = m - 1; i >= leftmost; --i) TRY(sift_run(i));
  return ok();
}

// The checks shared by every function: "<name>() argument [1 ]must be list, not T".
Status require_list(const char* name, Object* heap, bool numbered) {
  if (is_list(heap)) return ok();
  return raise(exc::TypeError, "{}() argument {}must be list, not {}", name,
               numbered ? "1 " : "", type_name_of(heap));
}

// (heap, item, /) functions: no keywords, exactly two positional arguments, heap a list.
Status check_heap_item(const char* name, const char* qualname, size_t nargs, Object* kwnames,
                       Object* const* args) {
  TRY(args_no_keywords(qualname, kwnames));
  TRY(args_check_positional(name, nargs, 2, 2));
  return require_list(name, args[0], true);
}

// (heap, /) functions.
Status check_heap(const char* name, const char* qualname, size_t nargs, Object* kwnames,
                  Object* const* args) {
  TRY(args_no_keywords(qualname, kwnames));
  TRY(args_exactly_one(qualname, nargs));
  return require_list(name, args[0], false);
}

Result<Ref<Object>> push(Object* heap, Object* item, Order order) {
  sync::CriticalSection cs{heap->ob_mutex};
  TRY(list_append(heap, item));
  TRY(sift_down(heap, 0, list_size(heap) - 1, order));
  return new_none();
}

Result<Ref<Object>> pop(Object* heap, Order order) {
  sync::CriticalSection cs{heap->ob_mutex};
  int64_t n = list_size(heap);
  if (n == 0) return index_out_of_range();
  Ref<Object> last = TRY(item_at(heap, n - 1));
  TRY(del_item(heap, TRY(int_from_i64(n - 1)).get()));
  if (n == 1) return last;
  Ref<Object> top = TRY(item_at(heap, 0));
  TRY(list_set_item(heap, 0, last.get()));
  TRY(sift_up(heap, 0, order));
  return top;
}

Result<Ref<Object>> replace(Object* heap, Object* item, Order order) {
  sync::CriticalSection cs{heap->ob_mutex};
  if (list_size(heap) == 0) return index_out_of_range();
  Ref<Object> top = TRY(item_at(heap, 0));
  TRY(list_set_item(heap, 0, item));
  TRY(sift_up(heap, 0, order));
  return top;
}

Result<Ref<Object>> pushpop(Object* heap, Object* item, Order order) {
  sync::CriticalSection cs{heap->ob_mutex};
  if (list_size(heap) == 0) return new_ref(item);
  Ref<Object> top = TRY(item_at(heap, 0));
  bool top_first = TRY(above(top.get(), item, order));
  if (!top_first) return new_ref(item);
  if (list_size(heap) == 0) return index_out_of_range();
  Ref<Object> returned = TRY(item_at(heap, 0));
  TRY(list_set_item(heap, 0, item));
  TRY(sift_up(heap, 0, order));
  return returned;
}

Result<Ref<Object>> heapify_list(Object* heap, Order order) {
  sync::CriticalSection cs{heap->ob_mutex};
  TRY(heapify_locked(heap, order));
  return new_none();
}

// The module functions: one small adapter each, so messages name the right function.
#define WEFT_HEAP_ITEM_FN(fn, name, op, order)                                               \
  Result<Ref<Object>> fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {      \
    TRY(check_heap_item(name, "_heapq." name, nargs, kwnames, args));                        \
    return op(args[0], args[1], order);                                                      \
  }
#define WEFT_HEAP_FN(fn, name, op, order)                                                    \
  Result<Ref<Object>> fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {      \
    TRY(check_heap(name, "_heapq." name, nargs, kwnames, args));                             \
    return op(args[0], order);                                                               \
  }
WEFT_HEAP_ITEM_FN(heappush, "heappush", push, Order::Min)
WEFT_HEAP_ITEM_FN(heappush_max, "heappush_max", push, Order::Max)
WEFT_HEAP_ITEM_FN(heapreplace, "heapreplace", replace, Order::Min)
WEFT_HEAP_ITEM_FN(heapreplace_max, "heapreplace_max", replace, Order::Max)
WEFT_HEAP_ITEM_FN(heappushpop, "heappushpop", pushpop, Order::Min)
WEFT_HEAP_ITEM_FN(heappushpop_max, "heappushpop_max", pushpop, Order::Max)
WEFT_HEAP_FN(heappop, "heappop", pop, Order::Min)
WEFT_HEAP_FN(heappop_max, "heappop_max", pop, Order::Max)
WEFT_HEAP_FN(heapify, "heapify", heapify_list, Order::Min)
WEFT_HEAP_FN(heapify_max, "heapify_max", heapify_list, Order::Max)
#undef WEFT_HEAP_ITEM_FN
#undef WEFT_HEAP_FN

const MethodDef kHeapqFunctions[] = {
    {"heappush", heappush, kMethFastcall, "Push item onto heap, maintaining the heap invariant."},
    {"heappush_max", heappush_max, kMethFastcall,
     "Push item onto max heap, maintaining the heap invariant."},
    {"heappop", heappop, kMethFastcall,
     "Pop the smallest item off the heap, maintaining the heap invariant."},
    {"heappop_max", heappop_max, kMethFastcall, "Maxheap variant of heappop."},
    {"heapreplace", heapreplace, kMethFastcall,
     "Pop and return the current smallest value, and add the new item.\n\n"
     "This is more efficient than heappop() followed by heappush(), and can be\n"
     "more appropriate when using a fixed-size heap.  Note that the value\n"
     "returned may be larger than item!  That constrains reasonable uses of\n"
     "this routine unless written as part of a conditional replacement:\n\n"
     "    if item > heap[0]:\n"
     "        item = heapreplace(heap, item)"},
    {"heapreplace_max", heapreplace_max, kMethFastcall, "Maxheap variant of heapreplace."},
    {"heappushpop", heappushpop, kMethFastcall,
     "Push item on the heap, then pop and return the smallest item from the heap.\n\n"
     "The combined action runs more efficiently than heappush() followed by\n"
     "a separate call to heappop()."},
    {"heappushpop_max", heappushpop_max, kMethFastcall,
     "Maxheap variant of heappushpop.\n\n"
     "The combined action runs more efficiently than heappush_max() followed by\n"
     "a separate call to heappop_max()."},
    {"heapify", heapify, kMethFastcall,
     "Transform list into a heap, in-place, in O(len(heap)) time."},
    {"heapify_max", heapify_max, kMethFastcall, "Maxheap variant of heapify."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_heapq_module() {
  Ref<Object> m = TRY(module_new("_heapq"));
  Object* dict = module_dict(m.get());
  TRY(dict_set_item_str(dict, "__doc__", TRY(str_from_utf8(kModuleDoc)).get()));
  TRY(dict_set_item_str(dict, "__about__", TRY(str_from_utf8(kAbout)).get()));
  Ref<Object> name = TRY(str_from_ascii("_heapq"));
  TRY(add_functions_to_dict(dict, kHeapqFunctions, m.get(), name.get()));
  return m;
}

WEFT_NATIVE_MODULE("_heapq", create_heapq_module);

}  // namespace
}  // namespace weft::heapq_module
