// objects/bytearray.h — bytearray (mutable byte string).
//
// A bytearray owns a separately allocated buffer that grows amortised. Every mutation happens
// inside the object's critical section. Readers that need the bytes for longer than one locked
// step take a ByteView (objects/bytes_like.h): while a view exists the buffer is "exported" and
// may not be resized or reallocated (BufferError), exactly as CPython's buffer exports.
#pragma once

#include <string_view>

#include "objects/type.h"

namespace weft {

extern Type ByteArrayType;
extern Type ByteArrayIteratorType;

inline bool is_bytearray(const Object* o) { return is_instance_of(o, &ByteArrayType); }
inline bool is_bytearray_exact(const Object* o) { return o->ob_type == &ByteArrayType; }

// A new bytearray holding a copy of `data`.
Result<Ref<Object>> bytearray_from(std::string_view data);
// A new bytearray of `n` bytes whose contents the caller fills through *data before anyone else
// sees the object.
Result<Ref<Object>> bytearray_new_uninitialized(int64_t n, char** data);
// The current length (a relaxed read: exact only under the critical section or a ByteView).
int64_t bytearray_size(const Object* ba);

// Export bookkeeping for ByteView: export takes the critical section, counts one export and
// returns the (now stable) bytes; unexport drops the count (no lock needed).
std::string_view bytearray_export(Object* ba);
void bytearray_unexport(Object* ba);

}  // namespace weft
