// objects/memoryview.h — memoryview: a typed, shaped window on the bytes of a buffer exporter
// (bytes, bytearray, another memoryview, or a type with Type::buffer procs such as array.array),
// CPython 3.14's Objects/memoryobject.c behaviour for the native single-character struct formats.
#pragma once

#include <string_view>

#include "objects/type.h"

namespace weft {

extern Type MemoryViewType;          // memoryview
extern Type MemoryViewIteratorType;  // memory_iterator

inline bool is_memoryview(const Object* o) { return o->ob_type == &MemoryViewType; }

// memoryview(obj): TypeError "memoryview: a bytes-like object is required, not 'T'" for objects
// that export no buffer.
Result<Ref<Object>> memoryview_from_object(Object* obj);

// Buffer export of a memoryview to C++ readers (objects/bytes_like.h ByteView): the view's bytes
// when it is C-contiguous (BufferError "memoryview: underlying buffer is not C-contiguous"
// otherwise, ValueError once released). Each successful export must be paired with one
// memoryview_unexport; while exports exist, release() raises BufferError.
Result<std::string_view> memoryview_export(Object* mv);
void memoryview_unexport(Object* mv);

// The view's bytes in C order (m.tobytes()).
Result<Ref<Object>> memoryview_tobytes(Object* mv);

}  // namespace weft
