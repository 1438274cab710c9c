// objects/bytes.h — bytes (immutable byte string).
#pragma once

#include <string_view>

#include "objects/type.h"

namespace weft {

extern Type BytesType;

inline bool is_bytes(const Object* o) { return type_has_flag(o->ob_type, kTypeBytesSubclass); }
Result<Ref<Object>> bytes_from(std::string_view data);
std::string_view bytes_view(const Object* b);
int64_t bytes_hash(Object* b);  // SipHash-1-3, same as CPython

// A bytes object of `n` bytes whose contents the caller fills (through bytes_mutable_data) before
// anyone else sees it. n == 0 returns the shared empty bytes, which must not be written.
Result<Ref<Object>> bytes_new_uninitialized(int64_t n);
char* bytes_mutable_data(Object* fresh_bytes);
int64_t bytes_size(const Object* b);
// repr(b) with CPython's quoting and escapes.
Result<Ref<Object>> bytes_repr(Object* b);
// bytes(x) for any x (bytes(int), iterables of ints, the buffer of bytes/bytearray).
Result<Ref<Object>> bytes_from_object(Object* x);

}  // namespace weft
