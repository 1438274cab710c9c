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

}  // namespace weft
