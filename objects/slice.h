// objects/slice.h — slice objects and the index arithmetic every sequence uses for s[a:b:c].
//
// Sequences (list, tuple, str, bytes, range...) turn a slice into concrete indices in two steps,
// like CPython's PySlice_Unpack / PySlice_AdjustIndices:
//
//   int64_t start, stop, step;
//   TRY(slice_unpack(slice, &start, &stop, &step));          // may run __index__, may raise
//   int64_t n = slice_adjust_indices(length, &start, &stop, step);  // pure arithmetic
//   for (int64_t i = 0, cur = start; i < n; ++i, cur += step) ...
//
// Unpacking happens before the sequence's length is read, because __index__ can run arbitrary
// code that may resize the sequence.
#pragma once

#include <cstdint>

#include "objects/type.h"

namespace weft {

extern Type SliceType;

// start/stop/step are owned references, never null (None when omitted).
struct SliceObject : Object {
  Object* start;
  Object* stop;
  Object* step;
};

inline bool is_slice(const Object* o) { return o->ob_type == &SliceType; }

// slice(start, stop, step); a nullptr argument means None.
Result<Ref<Object>> slice_new(Object* start, Object* stop, Object* step);
// slice(start, stop) from C integers (used by the VM's BINARY_SLICE and by reprs).
Result<Ref<Object>> slice_from_indices(int64_t start, int64_t stop);

// Converts the slice's fields to C integers (PySlice_Unpack): None becomes the default for the
// step's direction, out-of-range ints are clamped to [-INT64_MAX, INT64_MAX], objects go
// through __index__ (TypeError "slice indices must be integers or None or have an __index__
// method"); a zero step raises ValueError "slice step cannot be zero".
Status slice_unpack(Object* slice, int64_t* start, int64_t* stop, int64_t* step);
// Clamps unpacked indices to a sequence of `length` items (PySlice_AdjustIndices) and returns
// the number of items the slice selects. Cannot fail.
int64_t slice_adjust_indices(int64_t length, int64_t* start, int64_t* stop, int64_t step);

// Both steps at once, for callers that read the length after unpacking anyway.
struct SliceIndices {
  int64_t start, stop, step, length;
};
Result<SliceIndices> slice_indices_for_length(Object* slice, int64_t length);

// CPython's _PyEval_SliceIndex: None leaves *out unchanged; otherwise __index__, clamped.
Status slice_index_from_object(Object* v, int64_t* out);

}  // namespace weft
