// objects/list_internal.h — what list.cpp shares with list_methods.cpp and list_iter.cpp.
#pragma once

#include "objects/list.h"

namespace weft::list_detail {

inline ListObject* as_list(Object* o) { return static_cast<ListObject*>(o); }

// A new reference to item i (0 <= i), or a null Ref when i is out of range. Never raises; the
// lock-free read of DESIGN §5 with the locked fallback.
Ref<Object> get_item_or_null(Object* l, int64_t i);

// l[lo:hi] = items[0..n) (n may differ from hi - lo); items are borrowed and must not alias the
// list's own storage (callers pass a snapshot). lo/hi are clamped to [0, size].
Status assign_slice(Object* l, int64_t lo, int64_t hi, Object* const* items, int64_t n);
// Removes all items; their references are dropped after the lock is released.
void clear(Object* l);
// l * n / l *= n helpers.
Status repeat_in_place(Object* l, int64_t n);
// Removes item i if it is still `expected` (identity); returns whether it did. The removed
// reference is dropped after the lock is released.
bool remove_if_same(Object* l, int64_t i, Object* expected);
// A new list of l[start + k*step] for k < n, with start/stop/step adjusted to the current size
// under the lock (the caller passes unpacked, unadjusted slice indices).
Result<Ref<Object>> slice_copy(Object* l, int64_t start, int64_t stop, int64_t step);
// Pops item i (negative counts from the end); IndexError as list.pop.
Result<Ref<Object>> pop(Object* l, int64_t i);

}  // namespace weft::list_detail
