// objects/list_sort.h — the stable merge sort behind list.sort() and sorted().
#pragma once

#include <cstdint>

#include "objects/type.h"

namespace weft {

// Sorts keys[0..n) ascending by `<` (rich_compare Lt), stably; when `values` is non-null it is
// permuted in lockstep (list.sort(key=...) sorts the keys and carries the items along).
// O(n log n) comparisons; natural runs are detected, so sorted and reversed input is O(n).
// If a comparison raises, sorting stops comparing and returns the error; the arrays still hold
// a permutation of their original contents (no reference is lost or duplicated).
// The caller owns the arrays exclusively (they are not visible to other threads).
Status sort_objects(Object** keys, Object** values, int64_t n);

}  // namespace weft
