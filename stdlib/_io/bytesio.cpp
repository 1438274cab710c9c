// stdlib/_io/bytesio.cpp — _io.BytesIO, a binary stream over an in-memory buffer (CPython's
// Modules/_io/bytesio.c), and _io._BytesIOBuffer, the exporter behind BytesIO.getbuffer().
//
// The buffer is a std::string constructed in place in the object (placement new in tp_new,
// destroyed in dealloc). Every method runs inside the object's critical section, so
// concurrent reads, writes and seeks on one BytesIO are serialised and never see a torn
// buffer; `pos` may lie beyond the end (a later write pads with zero bytes, as CPython).
//
// getbuffer() returns a memoryview over a _BytesIOBuffer, which holds the BytesIO and exports
// its bytes through Type::buffer. `exports` counts those exports: taken and checked inside the
// BytesIO's critical section, dropped atomically without it. While it is non-zero every
// operation that could resize or free the string (write, writelines, truncate, close) raises
// BufferError, so the exported pointer stays valid.
#include <new>
#include <optional>
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/memoryview.h"
#include "objects/object_impl.h"
#include "objects/type_registry.h"
#include "stdlib/_io/io_internal.h"
#include "sync/critical_section.h"

namespace weft::io {

Type BytesIOType;

namespace {

Type BytesIOBufferType;  // _io._BytesIOBuffer

struct BytesIOObject : IOBaseObject {
  std::string buf;
  int64_t pos;
  std::atomic<bool> closed;  // also read before taking the critical section (early checks)
  std::atomic<int64_t> exports;  // live exports of `buf` (getbuffer views); see the file comment
};

// The exporter a getbuffer() memoryview sits on.
struct BytesIOBufferObject : Object {
  Object* source;  // the BytesIO, owned
};

BytesIOObject* as_bio(Object* o) { return static_cast<BytesIOObject*>(o); }

Status check_open(BytesIOObject* b) {
  if (b->closed) return raise_closed_file();
  return ok();
}

// BufferError when the buffer may not change size (the critical section is held).
Status check_exports(BytesIOObject* b) {
  if (b->exports.load(std::memory_order_acquire) > 0)
    return raise(exc::BufferError, "Existing exports of data: object cannot be re-sized");
  return ok();
}

Result<Ref<Object>> bytesio_new(Type* type, Object* const*, size_t, Object*) {
  Ref<Object> self = TRY(object_generic_alloc(type));
  new (&as_bio(self.get())->buf) std::string();
  return self;
}

void bytesio_dealloc(Object* self) {
  as_bio(self)->buf.~basic_string();
  iobase_clear_dict(self);
  free_object(self);
}

// Writes `data` at pos (padding with zeros past the end); the critical section is held.
void write_locked(BytesIOObject* b, std::string_view data) {
  size_t pos = size_t(b->pos);
  if (pos > b->buf.size()) b->buf.resize(pos, '\0');
  size_t overlap = std::min(data.size(), b->buf.size() - pos);
  b->buf.replace(pos, overlap, data.data(), overlap);
  b->buf.append(data.data() + overlap, data.size() - overlap);
  b->pos = int64_t(pos + data.size());
}

Status bytesio_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kInit("BytesIO", "| initial_bytes");
  Object* a[1];
  TRY(kInit.parse(args, nargs, kwnames, a));
  BytesIOObject* b = as_bio(self);
  ByteView init;
  if (a[0] && !is_none(a[0])) init = TRY(byte_view(a[0]));
  sync::CriticalSection cs(self->ob_mutex);
  b->buf.assign(init.view());
  b->pos = 0;
  return ok();
}

Result<Ref<Object>> bytesio_getvalue(Object* self, Object* const*, size_t, Object*) {
  BytesIOObject* b = as_bio(self);
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_open(b));
  return bytes_from(b->buf);
}

// The next `size` bytes (all when size < 0), advancing pos.
Result<Ref<Object>> read_locked(BytesIOObject* b, int64_t size) {
  int64_t avail = std::max<int64_t>(0, int64_t(b->buf.size()) - b->pos);
  if (size < 0 || size > avail) size = avail;
  Ref<Object> out = TRY(bytes_from(std::string_view(b->buf).substr(size_t(std::min<int64_t>(b->pos, int64_t(b->buf.size()))), size_t(size))));
  b->pos += size;
  return out;
}

Result<Ref<Object>> bytesio_read(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("read", nargs, kwnames, 0, 1));
  int64_t size = TRY(size_argument(nargs ? args[0] : nullptr));
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_open(as_bio(self)));
  return read_locked(as_bio(self), size);
}

Result<Ref<Object>> bytesio_readline(Object* self, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  TRY(args_positional_only("readline", nargs, kwnames, 0, 1));
  int64_t size = TRY(size_argument(nargs ? args[0] : nullptr));
  BytesIOObject* b = as_bio(self);
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_open(b));
  int64_t n = 0;
  if (b->pos < int64_t(b->buf.size())) {
    size_t nl = b->buf.find('\n', size_t(b->pos));
    n = (nl == std::string::npos ? int64_t(b->buf.size()) : int64_t(nl) + 1) - b->pos;
  }
  if (size >= 0 && size < n) n = size;
  return read_locked(b, n);
}

Result<Ref<Object>> bytesio_readinto(Object* self, Object* const* args, size_t, Object*) {
  std::optional<ByteView> dest = TRY(writable_byte_view(args[0]));
  if (!dest)
    return raise(exc::TypeError, "readinto() argument must be read-write bytes-like object, not {}",
                 type_name_of(args[0]));
  BytesIOObject* b = as_bio(self);
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_open(b));
  int64_t avail = std::max<int64_t>(0, int64_t(b->buf.size()) - b->pos);
  int64_t n = std::min<int64_t>(avail, int64_t(dest->size()));
  if (n > 0) b->buf.copy(dest->mutable_data(), size_t(n), size_t(b->pos));
  b->pos += n;
  return int_from_i64(n);
}

Result<Ref<Object>> bytesio_write(Object* self, Object* const* args, size_t, Object*) {
  BytesIOObject* b = as_bio(self);
  if (b->closed) return raise_closed_file();
  ByteView data = TRY(byte_view(args[0]));
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_open(b));
  TRY(check_exports(b));
  write_locked(b, data.view());
  return int_from_i64(int64_t(data.size()));
}

Result<Ref<Object>> bytesio_seek(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("seek", nargs, kwnames, 1, 2));
  int64_t pos = TRY(index_as_i64(args[0], exc::OverflowError));
  int64_t whence = nargs > 1 ? TRY(index_as_i64(args[1])) : 0;
  BytesIOObject* b = as_bio(self);
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_open(b));
  if (whence < 0 || whence > 2)
    return raise(exc::ValueError, "invalid whence ({}, should be 0, 1 or 2)", whence);
  if (whence == 0 && pos < 0) return raise(exc::ValueError, "negative seek value {}", pos);
  if (whence == 1) pos += b->pos;
  if (whence == 2) pos += int64_t(b->buf.size());
  b->pos = pos < 0 ? 0 : pos;
  return int_from_i64(b->pos);
}

Result<Ref<Object>> bytesio_tell(Object* self, Object* const*, size_t, Object*) {
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_open(as_bio(self)));
  return int_from_i64(as_bio(self)->pos);
}

Result<Ref<Object>> bytesio_truncate(Object* self, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  TRY(args_positional_only("truncate", nargs, kwnames, 0, 1));
  BytesIOObject* b = as_bio(self);
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_open(b));
  TRY(check_exports(b));
  int64_t size = nargs && !is_none(args[0]) ? TRY(index_as_i64(args[0])) : b->pos;
  if (size < 0) return raise(exc::ValueError, "negative size value {}", size);
  if (size < int64_t(b->buf.size())) b->buf.resize(size_t(size));
  return int_from_i64(size);
}

Result<Ref<Object>> bytesio_true_if_open(Object* self, Object* const*, size_t, Object*) {
  TRY(check_open(as_bio(self)));
  return new_bool(true);
}

Result<Ref<Object>> bytesio_flush(Object* self, Object* const*, size_t, Object*) {
  TRY(check_open(as_bio(self)));
  return new_none();
}

Result<Ref<Object>> bytesio_isatty(Object* self, Object* const*, size_t, Object*) {
  TRY(check_open(as_bio(self)));
  return new_bool(false);
}

Result<Ref<Object>> bytesio_close(Object* self, Object* const*, size_t, Object*) {
  BytesIOObject* b = as_bio(self);
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_exports(b));
  b->closed = true;
  std::string().swap(b->buf);
  return new_none();
}

// getbuffer(): a writable memoryview of the current contents, pinning the buffer's size.
Result<Ref<Object>> bytesio_getbuffer(Object* self, Object* const*, size_t, Object*) {
  TRY(check_open(as_bio(self)));
  Ref<BytesIOBufferObject> exporter = TRY(new_object<BytesIOBufferObject>(&BytesIOBufferType));
  exporter->source = new_ref(self).release();
  return memoryview_from_object(exporter.get());
}

Status bytesiobuf_getbuffer(Object* self, BufferInfo* view) {
  Object* source = static_cast<BytesIOBufferObject*>(self)->source;
  BytesIOObject* b = as_bio(source);
  sync::CriticalSection cs(source->ob_mutex);
  TRY(check_open(b));
  *view = BufferInfo{b->buf.data(), int64_t(b->buf.size()), 1, 'B', false};
  b->exports.fetch_add(1, std::memory_order_relaxed);
  return ok();
}

// No lock (this may run from a memoryview's dealloc); release order puts the view's last access
// before a later resize, which loads the count with acquire inside the critical section.
void bytesiobuf_releasebuffer(Object* self) {
  BytesIOObject* b = as_bio(static_cast<BytesIOBufferObject*>(self)->source);
  b->exports.fetch_sub(1, std::memory_order_release);
}

void bytesiobuf_dealloc(Object* self) {
  decref(static_cast<BytesIOBufferObject*>(self)->source);
  free_object(self);
}

void bytesiobuf_traverse(Object* self, VisitFn visit, void* arg) {
  visit(static_cast<BytesIOBufferObject*>(self)->source, arg);
}

Result<Ref<Object>> bytesio_closed_get(Object* self) { return new_bool(as_bio(self)->closed); }

Next bytesio_iternext(Object* self) {
  Result<Ref<Object>> line = bytesio_readline(self, nullptr, 0, nullptr);
  if (line.is_error()) return Error{};
  Ref<Object> l = std::move(line).value();
  if (bytes_size(l.get()) == 0) return Next::done();
  return Next(std::move(l));
}

const MethodDef kBytesIOMethods[] = {
    {"getbuffer", bytesio_getbuffer, kMethNoArgs,
     "Get a read-write view over the contents of the BytesIO object."},
    {"getvalue", bytesio_getvalue, kMethNoArgs, "Retrieve the entire contents of the BytesIO object."},
    {"read", bytesio_read, kMethFastcall, "Read at most size bytes, returned as a bytes object."},
    {"read1", bytesio_read, kMethFastcall, "Read at most size bytes, returned as a bytes object."},
    {"readline", bytesio_readline, kMethFastcall, "Next line from the file, as a bytes object."},
    {"readinto", bytesio_readinto, kMethOneArg, "Read bytes into buffer."},
    {"write", bytesio_write, kMethOneArg, "Write bytes to file."},
    {"seek", bytesio_seek, kMethFastcall, "Change stream position."},
    {"tell", bytesio_tell, kMethNoArgs, "Current file position, an integer."},
    {"truncate", bytesio_truncate, kMethFastcall, "Truncate the file to at most size bytes."},
    {"readable", bytesio_true_if_open, kMethNoArgs, "Returns True if the IO object can be read."},
    {"writable", bytesio_true_if_open, kMethNoArgs, "Returns True if the IO object can be written."},
    {"seekable", bytesio_true_if_open, kMethNoArgs, "Returns True if the IO object can be seeked."},
    {"flush", bytesio_flush, kMethNoArgs, "Does nothing."},
    {"isatty", bytesio_isatty, kMethNoArgs, "Always returns False."},
    {"close", bytesio_close, kMethNoArgs, "Disable all I/O operations."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kBytesIOGetSets[] = {
    {"closed", bytesio_closed_get, nullptr, "True if the file is closed."},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_bytesio_type() {
  fill_io_type(&BytesIOType, "_io.BytesIO", &BufferedIOBaseType, sizeof(BytesIOObject),
               "Buffered I/O implementation using an in-memory bytes buffer.");
  BytesIOType.new_ = bytesio_new;
  BytesIOType.init = bytesio_init;
  BytesIOType.dealloc = bytesio_dealloc;
  BytesIOType.iter = iter_self;
  BytesIOType.iternext = bytesio_iternext;
  BytesIOType.methods = kBytesIOMethods;
  BytesIOType.getsets = kBytesIOGetSets;

  Type& t = BytesIOBufferType;
  t.name = "_io._BytesIOBuffer";
  t.basicsize = sizeof(BytesIOBufferObject);
  t.flags = kTypeHaveGc | kTypeImmutable | kTypeDisallowInstantiation;
  t.dealloc = bytesiobuf_dealloc;
  t.traverse = bytesiobuf_traverse;
  t.buffer = {bytesiobuf_getbuffer, bytesiobuf_releasebuffer};
  return ok();
}

Status ready_bytesio_buffer_type() { return type_ready(&BytesIOBufferType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_bytesio_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_bytesio_buffer_type);

}  // namespace
}  // namespace weft::io
