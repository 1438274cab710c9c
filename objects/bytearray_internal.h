// objects/bytearray_internal.h — the bytearray layout and its locked primitives, shared by
// bytearray.cpp (storage, slots) and bytearray_methods.cpp (methods). Not for other files.
//
// Invariants (all under the object's critical section, except the relaxed reads noted):
//   - the bytes are storage[start, start + size); storage[start + size] == '\0' when storage
//     is non-null; capacity counts the whole block, so start + size + 1 <= capacity.
//   - while exports > 0 the block is neither moved nor resized (BufferError instead).
//   - `size` is written only under the lock; len() reads it relaxed.
#pragma once

#include <atomic>
#include <string_view>

#include "objects/bytearray.h"

namespace weft::bytearray_detail {

struct ByteArrayObject : Object {
  char* storage;               // gc::raw_alloc'd block, or nullptr when nothing was allocated
  int64_t start;               // offset of the first byte (deleting from the front moves it)
  int64_t capacity;            // size of the storage block in bytes
  std::atomic<int64_t> size;
  std::atomic<int64_t> exports;

  char* data() { return storage ? storage + start : empty_data(); }
  int64_t length() const { return size.load(std::memory_order_relaxed); }
  std::string_view view() { return {data(), size_t(length())}; }
  // A non-null pointer for an empty bytearray that never allocated (never written).
  static char* empty_data() {
    static char empty[1] = {0};
    return empty;
  }
};

inline ByteArrayObject* as_bytearray(Object* o) { return static_cast<ByteArrayObject*>(o); }

// Sets the length to n (new bytes uninitialised), growing amortised or shrinking as CPython does.
// BufferError while exported (unless n is the current size).
Status resize_locked(ByteArrayObject* b, int64_t n);
// Replaces the bytes [lo, hi) with `src` (0 <= lo <= hi <= size). `src` must not point into b.
Status replace_range_locked(ByteArrayObject* b, int64_t lo, int64_t hi, std::string_view src);
// The bytes of `value` for assigning into a bytearray: a copy when `value` is `self` itself.
// Values that are not bytes-like (iterables of ints) are collected first; TypeError otherwise.
Status assignment_bytes(Object* self, Object* value, std::string* out);

}  // namespace weft::bytearray_detail
