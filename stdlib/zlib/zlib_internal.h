// stdlib/zlib/zlib_internal.h — what zlib_module.cpp (one-shot functions, the module) and
// zlib_stream.cpp (the streaming objects) share.
#pragma once

#include <zlib.h>

#include "core/result.h"
#include "objects/type.h"

namespace weft::zlib_module {

inline constexpr int64_t kDefBufSize = 16384;
inline constexpr int kDefMemLevel = 8;

// zlib.error("Error <code> <action>: <zlib's message>"), CPython's zlib_error().
Error zlib_error(const z_stream& zs, int err, const char* action);

// Adds compressobj, decompressobj and _ZlibDecompressor to the module dict.
Status add_stream_api(Object* module_dict, Object* module, Object* module_name);

}  // namespace weft::zlib_module
