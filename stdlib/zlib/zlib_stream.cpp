// stdlib/zlib/zlib_stream.cpp — zlib's streaming objects: compressobj() -> Compress,
// decompressobj() -> Decompress, and _ZlibDecompressor (the one gzip/_compression read with).
//
// All three share one layout (ZStream) and one pump (run_zlib) that feeds input through
// deflate/inflate into a growing output string until the input is used up, the stream ends,
// the output limit is reached or zlib reports an error; wbits picks the container (negative: raw
// deflate, 8..15: zlib, 16+: gzip, 32+: inflate auto-detects zlib/gzip), as zlib itself defines.
//
// Threads: two threads may share one object, so every use of `zs` and of the Python-visible
// state (eof, unused_data, unconsumed_tail, needs_input, pending) happens under the object's
// sync::Mutex. Big inputs run zlib detached while holding it (sync::Mutex parks detached, so a
// waiter never blocks a stop-the-world). No Python code runs under the mutex except reading a
// zdict's buffer (bytes-like objects only, no callbacks).
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <optional>
#include <string>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/memoryview.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/zlib/zlib_internal.h"
#include "sync/mutex.h"

namespace weft::zlib_module {
namespace {

Type CompressType;
Type DecompressType;
Type ZlibDecompressorType;

// Inputs at least this big run zlib detached from the thread state.
constexpr size_t kDetachMinSize = 64 * 1024;

struct ZStream : Object {
  sync::Mutex mutex;
  z_stream zs;             // guarded by mutex
  bool initialised;        // deflateInit2/inflateInit2 succeeded and no *End ran yet
  bool eof;                // decompressors: the end of the stream was reached
  bool needs_input;        // _ZlibDecompressor: more input is needed for more output
  Object* unused_data;     // owned bytes: data after the end of the stream (decompressors)
  Object* unconsumed_tail; // owned bytes: input not consumed for lack of output room (Decompress)
  Object* pending;         // owned bytes or nullptr: _ZlibDecompressor's kept input
  Object* zdict;           // owned or nullptr: the preset dictionary (decompressors)
};

ZStream* as_z(Object* o) { return static_cast<ZStream*>(o); }

void zstream_dealloc(Object* self) {
  ZStream* z = as_z(self);
  if (z->initialised) {
    if (self->ob_type == &CompressType) {
      deflateEnd(&z->zs);
    } else {
      inflateEnd(&z->zs);
    }
  }
  xdecref(z->unused_data);
  xdecref(z->unconsumed_tail);
  xdecref(z->pending);
  xdecref(z->zdict);
  free_object(self);
}

Result<Ref<ZStream>> new_zstream(Type* type) {
  Ref<ZStream> z = TRY(new_object<ZStream>(type));
  z->unused_data = TRY(bytes_from("")).release();
  z->unconsumed_tail = new_ref(z->unused_data).release();
  z->needs_input = true;
  return z;
}

// Replaces an owned field with a new reference.
void set_field(Object** field, Ref<Object> value) { xdecref(std::exchange(*field, value.release())); }

Status set_inflate_dict(ZStream* z) {
  ByteView dict = TRY(byte_view(z->zdict));
  if (dict.size() > UINT_MAX)
    return raise(exc::OverflowError, "zdict length does not fit in an unsigned int");
  int err = inflateSetDictionary(&z->zs, reinterpret_cast<const Bytef*>(dict.data()),
                                 static_cast<uInt>(dict.size()));
  if (err != Z_OK) return zlib_error(z->zs, err, "while setting zdict");
  return ok();
}

// What one run of the pump did.
struct PumpResult {
  int err = Z_OK;       // zlib's last status
  size_t consumed = 0;  // input bytes taken
};

// Feeds in[0..len) through deflate (`inflating` false) or inflate with `flush`, appending output
// to `out` (at most `limit` bytes in all), until the input is used up and zlib leaves output
// room, the stream ends, the limit is reached, or zlib fails. Z_NEED_DICT sets z's zdict when
// it has one. Caller holds z->mutex.
Result<PumpResult> run_zlib(ZStream* z, bool inflating, int flush, const char* in, size_t len,
                            std::string& out, size_t limit) {
  z_stream& zs = z->zs;
  PumpResult r;
  size_t produced = out.size();
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in));
  bool detach = len >= kDetachMinSize;
  for (;;) {
    if (produced == out.size()) {
      if (produced >= limit) break;
      size_t grown = std::max<size_t>(out.size() * 2, static_cast<size_t>(kDefBufSize));
      out.resize(std::min(grown, limit));
    }
    size_t in_chunk = std::min<size_t>(len - r.consumed, UINT_MAX);
    size_t out_room = std::min<size_t>(out.size() - produced, UINT_MAX);
    zs.avail_in = static_cast<uInt>(in_chunk);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(out_room);
    {
      std::optional<core::DetachGuard> detached;
      if (detach) detached.emplace();
      r.err = inflating ? inflate(&zs, flush) : deflate(&zs, flush);
    }
    r.consumed += in_chunk - zs.avail_in;
    produced += out_room - zs.avail_out;
    if (r.err == Z_NEED_DICT && z->zdict) {
      TRY(set_inflate_dict(z));
      continue;
    }
    if (r.err != Z_OK && r.err != Z_BUF_ERROR) break;  // the end, or a failure
    if (zs.avail_out != 0 && (r.consumed == len || r.err == Z_BUF_ERROR)) break;
  }
  out.resize(produced);
  return r;
}

// Decompress: after a run, keeps what the stream did not take (CPython's save_unconsumed_input):
// past the end it joins unused_data; short of output room it becomes unconsumed_tail.
Status save_unconsumed(ZStream* z, std::string_view in, const PumpResult& r) {
  std::string_view left = in.substr(r.consumed);
  if (r.err == Z_STREAM_END && !left.empty()) {
    std::string joined(bytes_view(z->unused_data));
    joined.append(left);
    set_field(&z->unused_data, TRY(bytes_from(joined)));
    left = {};
  }
  if (!left.empty() || bytes_view(z->unconsumed_tail).size() != 0)
    set_field(&z->unconsumed_tail, TRY(bytes_from(left)));
  return ok();
}

Result<int64_t> int_or(Object* v, int64_t default_value) {
  return v ? index_as_i64(v) : Result<int64_t>(default_value);
}

Result<int> c_int(Object* v, int default_value) {
  int64_t n = TRY(int_or(v, default_value));
  if (n > INT_MAX || n < INT_MIN)
    return raise(exc::OverflowError, n > 0 ? "signed integer is greater than maximum"
                                           : "signed integer is less than minimum");
  return static_cast<int>(n);
}

// decompressobj/_ZlibDecompressor's zdict: any object exporting a buffer.
Status check_zdict(Object* zdict) {
  if (!zdict || is_bytes_like(zdict) || is_memoryview(zdict) || zdict->ob_type->buffer.get)
    return ok();
  return raise(exc::TypeError, "zdict argument must support the buffer protocol");
}

// inflateInit2 for a new decompressor, with CPython's messages; raw streams take zdict now.
Status init_inflate(ZStream* z, int wbits) {
  int err = inflateInit2(&z->zs, wbits);
  if (err == Z_OK) {
    z->initialised = true;
    if (z->zdict && wbits < 0) TRY(set_inflate_dict(z));
    return ok();
  }
  if (err == Z_STREAM_ERROR) return raise(exc::ValueError, "Invalid initialization option");
  if (err == Z_MEM_ERROR)
    return raise(exc::MemoryError, "Can't allocate memory for decompression object");
  return zlib_error(z->zs, err, "while creating decompression object");
}

// ---- module functions ---------------------------------------------------------------------------

Result<Ref<Object>> compressobj(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("compressobj", "| level method wbits memLevel strategy zdict");
  Object* a[6];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int level = TRY(c_int(a[0], Z_DEFAULT_COMPRESSION));
  int method = TRY(c_int(a[1], Z_DEFLATED));
  int wbits = TRY(c_int(a[2], MAX_WBITS));
  int mem_level = TRY(c_int(a[3], kDefMemLevel));
  int strategy = TRY(c_int(a[4], Z_DEFAULT_STRATEGY));
  std::optional<ByteView> zdict;
  if (a[5]) zdict.emplace(TRY(byte_view(a[5])));
  if (zdict && zdict->size() > UINT_MAX)
    return raise(exc::OverflowError, "zdict length does not fit in an unsigned int");
  Ref<ZStream> z = TRY(new_zstream(&CompressType));
  int err = deflateInit2(&z->zs, level, method, wbits, mem_level, strategy);
  if (err == Z_MEM_ERROR)
    return raise(exc::MemoryError, "Can't allocate memory for compression object");
  if (err == Z_STREAM_ERROR) return raise(exc::ValueError, "Invalid initialization option");
  if (err != Z_OK) return zlib_error(z->zs, err, "while creating compression object");
  z->initialised = true;
  if (zdict) {
    err = deflateSetDictionary(&z->zs, reinterpret_cast<const Bytef*>(zdict->data()),
                               static_cast<uInt>(zdict->size()));
    if (err == Z_STREAM_ERROR) return raise(exc::ValueError, "Invalid dictionary");
    if (err != Z_OK) return raise(exc::ValueError, "deflateSetDictionary()");
  }
  return Ref<Object>(std::move(z));
}

Result<Ref<Object>> make_decompressor(Type* type, Object* wbits_arg, Object* zdict) {
  int wbits = TRY(c_int(wbits_arg, MAX_WBITS));
  TRY(check_zdict(zdict));
  Ref<ZStream> z = TRY(new_zstream(type));
  z->zdict = zdict ? new_ref(zdict).release() : nullptr;
  TRY(init_inflate(z.get(), wbits));
  return Ref<Object>(std::move(z));
}

Result<Ref<Object>> decompressobj(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("decompressobj", "| wbits zdict");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  return make_decompressor(&DecompressType, a[0], a[1]);
}

Result<Ref<Object>> zlib_decompressor_new(Type* type, Object* const* args, size_t nargs,
                                          Object* kwnames) {
  static const ArgParser kParser("_ZlibDecompressor", "| wbits zdict");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  return make_decompressor(type, a[0], a[1]);
}

// ---- Compress -----------------------------------------------------------------------------------

Result<Ref<Object>> compress_compress(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  TRY(args_positional_only("compress", nargs, kwnames, 1, 1));
  ByteView data = TRY(byte_view(args[0]));
  ZStream* z = as_z(self);
  std::string out;
  {
    sync::MutexLock lock(z->mutex);
    PumpResult r = TRY(run_zlib(z, false, Z_NO_FLUSH, data.data(), data.size(), out, SIZE_MAX));
    if (r.err == Z_STREAM_ERROR) return zlib_error(z->zs, r.err, "while compressing data");
  }
  return bytes_from(out);
}

Result<Ref<Object>> compress_flush(Object* self, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  TRY(args_positional_only("flush", nargs, kwnames, 0, 1));
  int mode = TRY(c_int(nargs ? args[0] : nullptr, Z_FINISH));
  if (mode == Z_NO_FLUSH) return bytes_from("");
  ZStream* z = as_z(self);
  std::string out;
  {
    sync::MutexLock lock(z->mutex);
    PumpResult r = TRY(run_zlib(z, false, mode, nullptr, 0, out, SIZE_MAX));
    if (r.err == Z_STREAM_END && mode == Z_FINISH) {
      int err = deflateEnd(&z->zs);
      if (err != Z_OK) return zlib_error(z->zs, err, "while finishing compression");
      z->initialised = false;
    } else if (r.err != Z_OK && r.err != Z_BUF_ERROR) {
      return zlib_error(z->zs, r.err, "while flushing");
    }
  }
  return bytes_from(out);
}

// copy(), __copy__() and __deepcopy__(memo) of both Compress and Decompress.
Result<Ref<Object>> zstream_copy(Object* self) {
  ZStream* z = as_z(self);
  bool deflating = self->ob_type == &CompressType;
  Ref<ZStream> copy = TRY(new_zstream(self->ob_type));
  sync::MutexLock lock(z->mutex);
  int err = deflating ? deflateCopy(&copy->zs, &z->zs) : inflateCopy(&copy->zs, &z->zs);
  if (err == Z_STREAM_ERROR) return raise(exc::ValueError, "Inconsistent stream state");
  if (err == Z_MEM_ERROR)
    return raise(exc::MemoryError, deflating ? "Can't allocate memory for compression object"
                                             : "Can't allocate memory for decompression object");
  if (err != Z_OK)
    return zlib_error(z->zs, err, deflating ? "while copying compression object"
                                            : "while copying decompression object");
  copy->initialised = true;
  set_field(&copy->unused_data, new_ref(z->unused_data));
  set_field(&copy->unconsumed_tail, new_ref(z->unconsumed_tail));
  if (z->zdict) copy->zdict = new_ref(z->zdict).release();
  copy->eof = z->eof;
  return Ref<Object>(std::move(copy));
}

Result<Ref<Object>> copy_method(Object* self, Object* const*, size_t, Object*) {
  return zstream_copy(self);
}

Result<Ref<Object>> deepcopy_method(Object* self, Object* const*, size_t, Object*) {
  return zstream_copy(self);
}

// ---- Decompress ---------------------------------------------------------------------------------

Result<Ref<Object>> decompress_decompress(Object* self, Object* const* args, size_t nargs,
                                          Object* kwnames) {
  static const ArgParser kParser("decompress", "data / | max_length");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  ByteView data = TRY(byte_view(a[0]));
  int64_t max_length = TRY(int_or(a[1], 0));
  if (max_length < 0) return raise(exc::ValueError, "max_length must be non-negative");
  size_t limit = max_length == 0 ? SIZE_MAX : static_cast<size_t>(max_length);
  ZStream* z = as_z(self);
  std::string out;
  {
    sync::MutexLock lock(z->mutex);
    PumpResult r = TRY(run_zlib(z, true, Z_SYNC_FLUSH, data.data(), data.size(), out, limit));
    TRY(save_unconsumed(z, data.view(), r));
    if (r.err == Z_STREAM_END) {
      z->eof = true;
    } else if (r.err != Z_OK && r.err != Z_BUF_ERROR) {
      return zlib_error(z->zs, r.err, "while decompressing data");
    }
  }
  return bytes_from(out);
}

Result<Ref<Object>> decompress_flush(Object* self, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  TRY(args_positional_only("flush", nargs, kwnames, 0, 1));
  int64_t length = TRY(int_or(nargs ? args[0] : nullptr, kDefBufSize));
  if (length <= 0) return raise(exc::ValueError, "length must be greater than zero");
  ZStream* z = as_z(self);
  std::string out;
  out.reserve(static_cast<size_t>(std::min<int64_t>(length, 1 << 20)));
  {
    sync::MutexLock lock(z->mutex);
    Ref<Object> tail = new_ref(z->unconsumed_tail);
    std::string_view in = bytes_view(tail.get());
    PumpResult r = TRY(run_zlib(z, true, Z_FINISH, in.data(), in.size(), out, SIZE_MAX));
    TRY(save_unconsumed(z, in, r));
    // As in CPython, a failure here is not reported: flush() returns what it got.
    if (r.err == Z_STREAM_END) {
      z->eof = true;
      z->initialised = false;
      int err = inflateEnd(&z->zs);
      if (err != Z_OK) return zlib_error(z->zs, err, "while finishing decompression");
    }
  }
  return bytes_from(out);
}

// A locked read of one owned bytes field.
Result<Ref<Object>> read_field(Object* self, Object* ZStream::*field) {
  ZStream* z = as_z(self);
  sync::MutexLock lock(z->mutex);
  return new_ref(z->*field);
}

Result<Ref<Object>> read_flag(Object* self, bool ZStream::*flag) {
  ZStream* z = as_z(self);
  sync::MutexLock lock(z->mutex);
  return new_bool(z->*flag);
}

Result<Ref<Object>> get_unused_data(Object* self) { return read_field(self, &ZStream::unused_data); }
Result<Ref<Object>> get_unconsumed_tail(Object* self) {
  return read_field(self, &ZStream::unconsumed_tail);
}
Result<Ref<Object>> get_eof(Object* self) { return read_flag(self, &ZStream::eof); }
Result<Ref<Object>> get_needs_input(Object* self) { return read_flag(self, &ZStream::needs_input); }

// ---- _ZlibDecompressor --------------------------------------------------------------------------

Result<Ref<Object>> zlib_decompressor_decompress(Object* self, Object* const* args, size_t nargs,
                                                 Object* kwnames) {
  static const ArgParser kParser("decompress", "data | max_length");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  ByteView data = TRY(byte_view(a[0]));
  int64_t max_length = TRY(int_or(a[1], -1));
  size_t limit = max_length < 0 ? SIZE_MAX : static_cast<size_t>(max_length);
  ZStream* z = as_z(self);
  std::string out;
  sync::MutexLock lock(z->mutex);
  if (z->eof) return raise(exc::EOFError, "End of stream already reached");
  // Input kept from the last call goes first.
  std::string joined;
  std::string_view in = data.view();
  if (z->pending) {
    joined.assign(bytes_view(z->pending));
    joined.append(in);
    in = joined;
  }
  PumpResult r = TRY(run_zlib(z, true, Z_SYNC_FLUSH, in.data(), in.size(), out, limit));
  if (r.err == Z_STREAM_END) {
    z->eof = true;
    z->initialised = false;
    int err = inflateEnd(&z->zs);
    if (err != Z_OK) return zlib_error(z->zs, err, "while finishing decompression");
  } else if (r.err != Z_OK && r.err != Z_BUF_ERROR) {
    return zlib_error(z->zs, r.err, "while decompressing data");
  }
  std::string_view left = in.substr(r.consumed);
  Object* old_pending = std::exchange(z->pending, nullptr);
  xdecref(old_pending);
  if (z->eof) {
    z->needs_input = false;
    if (!left.empty()) set_field(&z->unused_data, TRY(bytes_from(left)));
  } else if (left.empty()) {
    z->needs_input = true;
  } else {
    z->needs_input = false;
    z->pending = TRY(bytes_from(left)).release();
  }
  return bytes_from(out);
}

// ---- types --------------------------------------------------------------------------------------

// copy(), __copy__() and __deepcopy__(memo), shared by Compress and Decompress.
#define WEFT_ZLIB_COPY_METHODS(what)                                          \
  {"copy", copy_method, kMethNoArgs, "Return a copy of the " what " object."}, \
  {"__copy__", copy_method, kMethNoArgs, nullptr},                           \
  {"__deepcopy__", deepcopy_method, kMethOneArg, nullptr},                   \
  {nullptr, nullptr, 0, nullptr}

const MethodDef kCompressMethods[] = {
    {"compress", compress_compress, kMethFastcall,
     "Returns a bytes object containing compressed data."},
    {"flush", compress_flush, kMethFastcall,
     "Return a bytes object containing any remaining compressed data."},
    WEFT_ZLIB_COPY_METHODS("compression"),
};

const MethodDef kDecompressMethods[] = {
    {"decompress", decompress_decompress, kMethFastcall,
     "Return a bytes object containing the decompressed version of the data."},
    {"flush", decompress_flush, kMethFastcall,
     "Return a bytes object containing any remaining decompressed data."},
    WEFT_ZLIB_COPY_METHODS("decompression"),
};

#undef WEFT_ZLIB_COPY_METHODS

const GetSetDef kDecompressGetSets[] = {
    {"unused_data", get_unused_data, nullptr, nullptr},
    {"unconsumed_tail", get_unconsumed_tail, nullptr, nullptr},
    {"eof", get_eof, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

const MethodDef kZlibDecompressorMethods[] = {
    {"decompress", zlib_decompressor_decompress, kMethFastcall,
     "Decompress *data*, returning uncompressed data as bytes."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kZlibDecompressorGetSets[] = {
    {"eof", get_eof, nullptr, "True if the end-of-stream marker has been reached."},
    {"unused_data", get_unused_data, nullptr, "Data found after the end of the compressed stream."},
    {"needs_input", get_needs_input, nullptr,
     "True if more input is needed before more decompressed data can be produced."},
    {nullptr, nullptr, nullptr, nullptr},
};

void fill_one(Type* t, const char* name, const MethodDef* methods, const GetSetDef* getsets) {
  t->name = name;
  t->basicsize = sizeof(ZStream);
  t->flags = kTypeImmutable | kTypeDisallowInstantiation;
  t->dealloc = zstream_dealloc;
  t->methods = methods;
  t->getsets = getsets;
}

Status fill_zlib_types() {
  fill_one(&CompressType, "zlib.Compress", kCompressMethods, nullptr);
  fill_one(&DecompressType, "zlib.Decompress", kDecompressMethods, kDecompressGetSets);
  fill_one(&ZlibDecompressorType, "zlib._ZlibDecompressor", kZlibDecompressorMethods,
           kZlibDecompressorGetSets);
  ZlibDecompressorType.flags = kTypeImmutable;
  ZlibDecompressorType.new_ = zlib_decompressor_new;
  ZlibDecompressorType.doc =
      "Create a decompressor object for decompressing data incrementally.\n\n  wbits = 15\n"
      "  zdict\n     The predefined compression dictionary. This must be the same\n"
      "     dictionary as used by the compressor that produced the input data.\n";
  return ok();
}

Status ready_zlib_types() {
  TRY(type_ready(&CompressType));
  TRY(type_ready(&DecompressType));
  return type_ready(&ZlibDecompressorType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_zlib_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_zlib_types);

const MethodDef kStreamFunctions[] = {
    {"compressobj", compressobj, kMethFastcall, "Return a compressor object."},
    {"decompressobj", decompressobj, kMethFastcall, "Return a decompressor object."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Status add_stream_api(Object* module_dict, Object* module, Object* module_name) {
  TRY(add_functions_to_dict(module_dict, kStreamFunctions, module, module_name));
  return dict_set_item_str(module_dict, "_ZlibDecompressor",
                           reinterpret_cast<Object*>(&ZlibDecompressorType));
}

}  // namespace weft::zlib_module
