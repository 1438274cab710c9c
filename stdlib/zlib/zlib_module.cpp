// stdlib/zlib/zlib_module.cpp — `zlib`, the one-shot part: compress, decompress, crc32, adler32,
// `error` and the constants, over the system zlib (already linked for vm/zipimport.cpp).
//
// The streaming objects (compressobj, decompressobj, _ZlibDecompressor) are in zlib_stream.cpp.
// Lib/zipimport.py inflates archive members with zlib.decompress(data, -15), so importlib can
// load modules from the stdlib zip. Not yet: crc32_combine.
// Stateless apart from the `error` class, made once under the import lock and never changed:
// safe from any thread; the (de)compression loops run detached from the thread state.
#include <zlib.h>

#include <atomic>
#include <string>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/zlib/zlib_internal.h"
#include "vm/module_table.h"

namespace weft::zlib_module {
namespace {
std::atomic<Object*> g_error{nullptr};  // zlib.error, created with the first module
}  // namespace

Error zlib_error(const z_stream& zs, int err, const char* action) {
  const char* msg = zs.msg;
  if (err == Z_VERSION_ERROR) msg = "library version mismatch";
  if (!msg) {
    switch (err) {
      case Z_BUF_ERROR: msg = "incomplete or truncated stream"; break;
      case Z_STREAM_ERROR: msg = "inconsistent stream state"; break;
      case Z_DATA_ERROR: msg = "invalid input data"; break;
      default: break;
    }
  }
  Object* cls = g_error.load(std::memory_order_acquire);
  if (!msg) return raise(reinterpret_cast<Type*>(cls), "Error {} {}", err, action);
  return raise(reinterpret_cast<Type*>(cls), "Error {} {}: {}", err, action, msg);
}

namespace {

Result<int64_t> int_argument(Object* v, int64_t default_value) {
  return v ? index_as_i64(v) : Result<int64_t>(default_value);
}

Result<Ref<Object>> compress(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("compress", "data / | level wbits");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  ByteView data = TRY(byte_view(a[0]));
  int level = static_cast<int>(TRY(int_argument(a[1], Z_DEFAULT_COMPRESSION)));
  int wbits = static_cast<int>(TRY(int_argument(a[2], MAX_WBITS)));
  z_stream zs{};
  int err = deflateInit2(&zs, level, Z_DEFLATED, wbits, kDefMemLevel, Z_DEFAULT_STRATEGY);
  if (err == Z_MEM_ERROR) return raise(exc::MemoryError, "Out of memory while compressing data");
  if (err == Z_STREAM_ERROR) {
    deflateEnd(&zs);
    return raise(reinterpret_cast<Type*>(g_error.load(std::memory_order_acquire)),
                 "Bad compression level");
  }
  if (err != Z_OK) {
    deflateEnd(&zs);
    return zlib_error(zs, err, "while compressing data");
  }
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  {
    core::DetachGuard detach;
    err = deflate(&zs, Z_FINISH);
  }
  size_t produced = zs.total_out;
  deflateEnd(&zs);
  if (err != Z_STREAM_END) return zlib_error(zs, err, "while compressing data");
  return bytes_from(std::string_view(out.data(), produced));
}

Result<Ref<Object>> decompress(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("decompress", "data / | wbits bufsize");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  ByteView data = TRY(byte_view(a[0]));
  int wbits = static_cast<int>(TRY(int_argument(a[1], MAX_WBITS)));
  int64_t bufsize = TRY(int_argument(a[2], kDefBufSize));
  if (bufsize < 0) return raise(exc::ValueError, "bufsize must be non-negative");
  z_stream zs{};
  int err = inflateInit2(&zs, wbits);
  if (err == Z_MEM_ERROR) return raise(exc::MemoryError, "Out of memory while decompressing data");
  if (err != Z_OK) {
    inflateEnd(&zs);
    return zlib_error(zs, err, "while preparing to decompress data");
  }
  std::string out;
  out.resize(static_cast<size_t>(bufsize > 0 ? bufsize : 1));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  {
    core::DetachGuard detach;
    do {
      if (zs.total_out == out.size()) out.resize(out.size() * 2);
      zs.next_out = reinterpret_cast<Bytef*>(out.data() + zs.total_out);
      zs.avail_out = static_cast<uInt>(out.size() - zs.total_out);
      err = inflate(&zs, Z_NO_FLUSH);
    } while (err == Z_OK || (err == Z_BUF_ERROR && zs.avail_out == 0));
  }
  size_t produced = zs.total_out;
  if (err != Z_STREAM_END) {
    // Input exhausted before the end of the stream: zlib says Z_BUF_ERROR without a message.
    Error e = zlib_error(zs, err, "while decompressing data");
    inflateEnd(&zs);
    return e;
  }
  inflateEnd(&zs);
  return bytes_from(std::string_view(out.data(), produced));
}

using ChecksumFn = uLong (*)(uLong, const Bytef*, uInt);

Result<Ref<Object>> checksum(const char* name, ChecksumFn fn, uLong initial, Object* const* args,
                             size_t nargs, Object* kwnames) {
  TRY(args_positional_only(name, nargs, kwnames, 1, 2));
  ByteView data = TRY(byte_view(args[0]));
  uLong value = initial;
  if (nargs == 2) {
    // CPython takes the start value modulo 2**32 (an unsigned int with wrap-around).
    Ref<Object> mask = TRY(int_from_u64(0xffffffffu));
    Ref<Object> start = TRY(binary_op(args[1], mask.get(), BinaryOp::And));
    value = static_cast<uLong>(TRY(int_as_i64(start.get())));
  }
  const char* p = data.data();
  size_t left = data.size();
  do {
    uInt chunk = static_cast<uInt>(std::min<size_t>(left, 1u << 30));
    value = fn(value, reinterpret_cast<const Bytef*>(p), chunk);
    p += chunk;
    left -= chunk;
  } while (left > 0);
  return int_from_u64(value & 0xffffffffu);
}

Result<Ref<Object>> crc32_fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  return checksum("crc32", crc32, 0, args, nargs, kwnames);
}

Result<Ref<Object>> adler32_fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  return checksum("adler32", adler32, 1, args, nargs, kwnames);
}

const MethodDef kZlibFunctions[] = {
    {"adler32", adler32_fn, kMethFastcall,
     "Compute an Adler-32 checksum of data.\n\n  value\n    Starting value of the checksum.\n\n"
     "The returned checksum is an integer."},
    {"compress", compress, kMethFastcall,
     "Returns a bytes object containing compressed data.\n\n  data\n    Binary data to be "
     "compressed.\n  level\n    Compression level, in 0-9 or -1.\n  wbits\n    The window buffer "
     "size and container format."},
    {"crc32", crc32_fn, kMethFastcall,
     "Compute a CRC-32 checksum of data.\n\n  value\n    Starting value of the checksum.\n\n"
     "The returned checksum is an integer."},
    {"decompress", decompress, kMethFastcall,
     "Returns a bytes object containing the uncompressed data.\n\n  data\n    Compressed data.\n"
     "  wbits\n    The window buffer size and container format.\n  bufsize\n    The initial "
     "output buffer size."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Object*> error_class() {
  if (Object* cls = g_error.load(std::memory_order_acquire)) return cls;
  Ref<Object> name = TRY(str_from_ascii("error"));
  Ref<Object> bases = TRY(tuple_pack({reinterpret_cast<Object*>(exc::Exception)}));
  Ref<Object> ns = TRY(dict_new());
  Ref<Object> module = TRY(str_from_ascii("zlib"));
  TRY(dict_set_item_str(ns.get(), "__module__", module.get()));
  Object* a[] = {name.get(), bases.get(), ns.get()};
  Ref<Object> cls = TRY(call(reinterpret_cast<Object*>(&TypeType), a, 3));
  g_error.store(cls.get(), std::memory_order_release);
  return cls.release();  // owned by g_error for the life of the process
}

Result<Ref<Object>> create_zlib_module() {
  Ref<Object> m = TRY(module_new("zlib"));
  Object* dict = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("zlib"));
  TRY(add_functions_to_dict(dict, kZlibFunctions, m.get(), name.get()));
  TRY(dict_set_item_str(dict, "error", TRY(error_class())));
  TRY(add_stream_api(dict, m.get(), name.get()));
  const std::pair<const char*, int64_t> constants[] = {
      {"MAX_WBITS", MAX_WBITS}, {"DEFLATED", Z_DEFLATED}, {"DEF_MEM_LEVEL", kDefMemLevel},
      {"DEF_BUF_SIZE", kDefBufSize}, {"Z_NO_COMPRESSION", Z_NO_COMPRESSION},
      {"Z_BEST_SPEED", Z_BEST_SPEED}, {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
      {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION}, {"Z_FILTERED", Z_FILTERED},
      {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY}, {"Z_RLE", Z_RLE}, {"Z_FIXED", Z_FIXED},
      {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY}, {"Z_NO_FLUSH", Z_NO_FLUSH},
      {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH}, {"Z_SYNC_FLUSH", Z_SYNC_FLUSH},
      {"Z_FULL_FLUSH", Z_FULL_FLUSH}, {"Z_FINISH", Z_FINISH}, {"Z_BLOCK", Z_BLOCK},
      {"Z_TREES", Z_TREES},
  };
  for (const auto& [key, value] : constants) {
    Ref<Object> v = TRY(int_from_i64(value));
    TRY(dict_set_item_str(dict, key, v.get()));
  }
  Ref<Object> version = TRY(str_from_ascii(ZLIB_VERSION));
  TRY(dict_set_item_str(dict, "ZLIB_VERSION", version.get()));
  Ref<Object> runtime = TRY(str_from_ascii(zlibVersion()));
  TRY(dict_set_item_str(dict, "ZLIB_RUNTIME_VERSION", runtime.get()));
  return m;
}

WEFT_NATIVE_MODULE("zlib", create_zlib_module);

}  // namespace
}  // namespace weft::zlib_module
