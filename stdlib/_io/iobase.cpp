// stdlib/_io/iobase.cpp — the abstract bases _io._IOBase, _RawIOBase, _BufferedIOBase and
// _TextIOBase (CPython's Modules/_io/iobase.c, bufferedio.c and textio.c base parts).
//
// As in CPython these methods work through the Python-visible protocol of `self` (self.closed,
// self.read, self.write, self.readline, ...), so a Python subclass that overrides only read()
// or write() gets readline, iteration, readlines and writelines for free. The closed state of
// a plain _IOBase lives in IOBaseObject::iobase_closed (atomic: close() may race with readers,
// and the worst outcome is the ValueError CPython would also give).
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/_io/io_internal.h"
#include "sync/critical_section.h"

namespace weft::io {

Type IOBaseType;
Type RawIOBaseType;
Type BufferedIOBaseType;
Type TextIOBaseType;

Error raise_closed_file() { return raise(exc::ValueError, "I/O operation on closed file."); }

Error raise_unsupported(std::string_view message) {
  return raise(unsupported_operation(), "{}", message);
}

Result<Ref<Object>> iobase_close(Object* self) {
  auto* io = static_cast<IOBaseObject*>(self);
  if (io->iobase_closed.load(std::memory_order_acquire)) return new_none();
  Result<Ref<Object>> flushed = call_method(self, "flush", nullptr, 0);
  io->iobase_closed.store(true, std::memory_order_release);
  if (flushed.is_error()) return Error{};
  return new_none();
}

Result<bool> iobase_is_closed(Object* self) {
  Ref<Object> closed = TRY(get_attr(self, "closed"));
  return object_is_true(closed.get());
}

Status check_closed(Object* self) {
  if (TRY(iobase_is_closed(self))) return raise_closed_file();
  return ok();
}

namespace {

// Calls self.<method>() and requires a true answer, else UnsupportedOperation(message).
Status check_capability(Object* self, const char* method, const char* message) {
  Ref<Object> r = TRY(call_method(self, method, nullptr, 0));
  if (r.get() != py_true()) return raise_unsupported(message);
  return ok();
}

}  // namespace

Status check_readable(Object* self) {
  return check_capability(self, "readable", "File or stream is not readable.");
}
Status check_writable(Object* self) {
  return check_capability(self, "writable", "File or stream is not writable.");
}
Status check_seekable(Object* self) {
  return check_capability(self, "seekable", "File or stream is not seekable.");
}

void iobase_clear_dict(Object* self) {
  auto* io = static_cast<IOBaseObject*>(self);
  if (Object* d = std::exchange(io->dict, nullptr)) Ref<Object>::steal(d).reset();
}

void iobase_traverse_dict(Object* self, VisitFn visit, void* arg) {
  if (Object* d = static_cast<IOBaseObject*>(self)->dict) visit(d, arg);
}

Result<int64_t> size_argument(Object* arg) {
  if (!arg || is_none(arg)) return -1;
  if (!is_int(arg) && !type_of(arg)->number.index)
    return raise(exc::TypeError, "argument should be integer or None, not '{}'", type_name_of(arg));
  return index_as_i64(arg, exc::OverflowError);
}

Status require_bytes_like(Object* b) {
  if (is_bytes_like(b)) return ok();
  return raise(exc::TypeError, "a bytes-like object is required, not '{}'", type_name_of(b));
}

namespace {

// ---- _IOBase ----------------------------------------------------------------------------------

Result<Ref<Object>> unsupported_method(const char* name) {
  return raise_unsupported(name);
}

Result<Ref<Object>> iobase_seek(Object*, Object* const*, size_t, Object*) {
  return unsupported_method("seek");
}

Result<Ref<Object>> iobase_tell(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> zero = TRY(int_from_i64(0));
  Ref<Object> one = TRY(int_from_i64(1));
  Object* a[] = {zero.get(), one.get()};
  return call_method(self, "seek", a, 2);
}

Result<Ref<Object>> iobase_truncate(Object*, Object* const*, size_t, Object*) {
  return unsupported_method("truncate");
}

Result<Ref<Object>> iobase_flush(Object* self, Object* const*, size_t, Object*) {
  if (static_cast<IOBaseObject*>(self)->iobase_closed.load(std::memory_order_acquire))
    return raise_closed_file();
  return new_none();
}

Result<Ref<Object>> iobase_close_method(Object* self, Object* const*, size_t, Object*) {
  return iobase_close(self);
}

Result<Ref<Object>> iobase_false(Object*, Object* const*, size_t, Object*) {
  return new_bool(false);
}

Result<Ref<Object>> iobase_check_closed(Object* self, Object* const*, size_t, Object*) {
  TRY(check_closed(self));
  return new_none();
}
Result<Ref<Object>> iobase_check_readable(Object* self, Object* const*, size_t, Object*) {
  TRY(check_readable(self));
  return new_none();
}
Result<Ref<Object>> iobase_check_writable(Object* self, Object* const*, size_t, Object*) {
  TRY(check_writable(self));
  return new_none();
}
Result<Ref<Object>> iobase_check_seekable(Object* self, Object* const*, size_t, Object*) {
  TRY(check_seekable(self));
  return new_none();
}

Result<Ref<Object>> iobase_fileno(Object*, Object* const*, size_t, Object*) {
  return unsupported_method("fileno");
}

Result<Ref<Object>> iobase_isatty(Object* self, Object* const*, size_t, Object*) {
  TRY(check_closed(self));
  return new_bool(false);
}

Result<Ref<Object>> iobase_enter(Object* self, Object* const*, size_t, Object*) {
  TRY(check_closed(self));
  return new_ref(self);
}

Result<Ref<Object>> iobase_exit(Object* self, Object* const*, size_t, Object*) {
  return call_method(self, "close", nullptr, 0);
}

// __del__ (CPython's iobase_finalize): closes a still-open object, flagging `_finalizing` so
// close() knows. An unreadable `closed` means an unusable object, which is left alone; a failing
// close() goes to the unraisable hook. Python subclasses (gzip.GzipFile...) call it through
// super().__del__(), and it makes every Python subclass close itself when it is finalized.
Result<Ref<Object>> iobase_del(Object* self, Object* const*, size_t, Object*) {
  Result<Ref<Object>> closed = get_attr(self, str_intern("closed"));
  Result<bool> is_closed = closed.is_error() ? Result<bool>(Error{})
                                             : object_is_true(closed.value().get());
  if (is_closed.is_error()) {
    clear_error();
    return new_none();
  }
  if (is_closed.value()) return new_none();
  if (set_attr(self, str_intern("_finalizing"), py_true()).is_error()) clear_error();
  if (call_method(self, "close", nullptr, 0).is_error()) {
    Ref<Object> failure = take_exception();
    Result<Ref<Object>> shown = object_repr(self);
    std::string what = "<file>";
    if (shown.is_error()) {
      clear_error();
    } else {
      what = str_to_std_string(shown.value().get());
    }
    set_exception(std::move(failure));
    write_unraisable("Exception ignored while finalizing file " + what);
  }
  return new_none();
}

// readline(size=-1): peek() (when the object has it) finds how much to read at once; otherwise
// one byte at a time, as CPython does.
Result<Ref<Object>> iobase_readline(Object* self, Object* const* args, size_t nargs,
                                    Object* kwnames) {
  TRY(args_positional_only("readline", nargs, kwnames, 0, 1));
  int64_t limit = TRY(size_argument(nargs ? args[0] : nullptr));
  Ref<Object> peek;
  Ref<Object> peek_name = TRY(str_from_ascii("peek"));
  TRY(lookup_attr(self, peek_name.get(), &peek));
  std::string line;
  while (limit < 0 || int64_t(line.size()) < limit) {
    int64_t nreadahead = 1;
    if (peek) {
      Ref<Object> one = TRY(int_from_i64(1));
      Ref<Object> ahead = TRY(call_one(peek.get(), one.get()));
      if (!is_bytes(ahead.get()))
        return raise(exc::OSError, "peek() should have returned a bytes object, not '{}'",
                     type_name_of(ahead.get()));
      std::string_view a = bytes_view(ahead.get());
      if (!a.empty()) {
        size_t n = 0;
        int64_t room = limit < 0 ? INT64_MAX : limit - int64_t(line.size());
        while (n < a.size() && int64_t(n) < room) {
          if (a[n++] == '\n') break;
        }
        nreadahead = int64_t(n);
      }
    }
    Ref<Object> count = TRY(int_from_i64(nreadahead));
    Object* ra[] = {count.get()};
    Ref<Object> b = TRY(call_method(self, "read", ra, 1));
    if (is_none(b.get())) break;
    if (!is_bytes(b.get()))
      return raise(exc::OSError, "read() should have returned a bytes object, not '{}'",
                   type_name_of(b.get()));
    std::string_view chunk = bytes_view(b.get());
    if (chunk.empty()) break;
    line.append(chunk);
    if (line.back() == '\n') break;
  }
  return bytes_from(line);
}

}  // namespace

Result<Ref<Object>> iter_self(Object* self) { return new_ref(self); }

namespace {

Result<Ref<Object>> iobase_iter(Object* self) {
  TRY(check_closed(self));
  return new_ref(self);
}

Next iobase_iternext(Object* self) {
  Result<Ref<Object>> r = call_method(self, "readline", nullptr, 0);
  if (r.is_error()) return Error{};
  Ref<Object> line = std::move(r).value();
  Result<int64_t> n = object_length(line.get());
  if (n.is_error()) return Error{};
  if (n.value() == 0) return Next::done();
  return Next(std::move(line));
}

Result<Ref<Object>> iobase_readlines(Object* self, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  TRY(args_positional_only("readlines", nargs, kwnames, 0, 1));
  int64_t hint = TRY(size_argument(nargs ? args[0] : nullptr));
  Ref<Object> lines = TRY(list_new());
  Ref<Object> it = TRY(get_iter(self));
  int64_t total = 0;
  while (true) {
    Ref<Object> line = TRY(iter_next(it.get()));
    if (!line) break;
    TRY(list_append(lines.get(), line.get()));
    if (hint > 0) {
      total += TRY(object_length(line.get()));
      if (total >= hint) break;
    }
  }
  return lines;
}

Result<Ref<Object>> iobase_writelines(Object* self, Object* const* args, size_t, Object*) {
  TRY(check_closed(self));
  Ref<Object> it = TRY(get_iter(args[0]));
  while (true) {
    Ref<Object> line = TRY(iter_next(it.get()));
    if (!line) break;
    Object* a[] = {line.get()};
    TRY(call_method(self, "write", a, 1));
  }
  return new_none();
}

Result<Ref<Object>> iobase_closed_get(Object* self) {
  return new_bool(static_cast<IOBaseObject*>(self)->iobase_closed.load(std::memory_order_acquire));
}

Result<Ref<Object>> iobase_dict_get(Object* self) {
  auto* io = static_cast<IOBaseObject*>(self);
  if (!io->dict) {
    Ref<Object> d = TRY(dict_new());
    sync::CriticalSection cs(self->ob_mutex);
    if (!io->dict) io->dict = d.release();
  }
  return new_ref(io->dict);
}

void iobase_dealloc(Object* self) {
  iobase_clear_dict(self);
  free_object(self);
}

const MethodDef kIOBaseMethods[] = {
    {"seek", iobase_seek, kMethFastcall, "Change the stream position to the given byte offset."},
    {"tell", iobase_tell, kMethNoArgs, "Return current stream position."},
    {"truncate", iobase_truncate, kMethFastcall, "Truncate file to size bytes."},
    {"flush", iobase_flush, kMethNoArgs, "Flush write buffers, if applicable."},
    {"close", iobase_close_method, kMethNoArgs, "Flush and close the IO object."},
    {"seekable", iobase_false, kMethNoArgs, "Return whether object supports random access."},
    {"readable", iobase_false, kMethNoArgs, "Return whether object was opened for reading."},
    {"writable", iobase_false, kMethNoArgs, "Return whether object was opened for writing."},
    {"_checkClosed", iobase_check_closed, kMethFastcall, nullptr},
    {"_checkSeekable", iobase_check_seekable, kMethFastcall, nullptr},
    {"_checkReadable", iobase_check_readable, kMethFastcall, nullptr},
    {"_checkWritable", iobase_check_writable, kMethFastcall, nullptr},
    {"fileno", iobase_fileno, kMethNoArgs, "Return underlying file descriptor if one exists."},
    {"isatty", iobase_isatty, kMethNoArgs, "Return whether this is an 'interactive' stream."},
    {"__enter__", iobase_enter, kMethNoArgs, nullptr},
    {"__exit__", iobase_exit, kMethFastcall, nullptr},
    {"__del__", iobase_del, kMethNoArgs, nullptr},
    {"readline", iobase_readline, kMethFastcall, "Read and return a line from the stream."},
    {"readlines", iobase_readlines, kMethFastcall, "Return a list of lines from the stream."},
    {"writelines", iobase_writelines, kMethOneArg, "Write a list of lines to stream."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kIOBaseGetSets[] = {
    {"__dict__", iobase_dict_get, nullptr, nullptr},
    {"closed", iobase_closed_get, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// ---- _RawIOBase -------------------------------------------------------------------------------

Result<Ref<Object>> rawiobase_readall(Object* self, Object* const*, size_t, Object*) {
  std::string data;
  Ref<Object> chunk_size = TRY(int_from_i64(kDefaultBufferSize));
  while (true) {
    Object* a[] = {chunk_size.get()};
    Ref<Object> b = TRY(call_method(self, "read", a, 1));
    if (is_none(b.get())) {
      if (data.empty()) return b;
      break;
    }
    if (!is_bytes(b.get()))
      return raise(exc::TypeError, "read() should return bytes");
    if (bytes_size(b.get()) == 0) break;
    data.append(bytes_view(b.get()));
  }
  return bytes_from(data);
}

Result<Ref<Object>> rawiobase_read(Object* self, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  TRY(args_positional_only("read", nargs, kwnames, 0, 1));
  int64_t n = TRY(size_argument(nargs ? args[0] : nullptr));
  if (n < 0) return call_method(self, "readall", nullptr, 0);
  char* data = nullptr;
  Ref<Object> buf = TRY(bytearray_new_uninitialized(n, &data));
  Object* a[] = {buf.get()};
  Ref<Object> got = TRY(call_method(self, "readinto", a, 1));
  if (is_none(got.get())) return got;
  int64_t count = TRY(index_as_i64(got.get()));
  if (count < 0 || count > n)
    return raise(exc::ValueError, "readinto returned {} outside buffer size {}", count, n);
  ByteView v = ByteView::of(buf.get());
  return bytes_from(v.view().substr(0, size_t(count)));
}

const MethodDef kRawIOBaseMethods[] = {
    {"read", rawiobase_read, kMethFastcall, nullptr},
    {"readall", rawiobase_readall, kMethNoArgs, "Read until EOF, using multiple read() call."},
    {nullptr, nullptr, 0, nullptr},
};

// ---- _BufferedIOBase and _TextIOBase ----------------------------------------------------------

Result<Ref<Object>> unsupported_read(Object*, Object* const*, size_t, Object*) {
  return unsupported_method("read");
}
Result<Ref<Object>> unsupported_read1(Object*, Object* const*, size_t, Object*) {
  return unsupported_method("read1");
}
Result<Ref<Object>> unsupported_write(Object*, Object* const*, size_t, Object*) {
  return unsupported_method("write");
}
Result<Ref<Object>> unsupported_detach(Object*, Object* const*, size_t, Object*) {
  return unsupported_method("detach");
}
Result<Ref<Object>> unsupported_readline(Object*, Object* const*, size_t, Object*) {
  return unsupported_method("readline");
}

// readinto(b) / readinto1(b) over read() / read1(): copies into a bytearray.
Result<Ref<Object>> readinto_via(Object* self, Object* target, const char* method) {
  if (!is_bytearray(target))
    return raise(exc::TypeError, "{}() argument must be read-write bytes-like object, not {}",
                 method[4] == '1' ? "readinto1" : "readinto", type_name_of(target));
  ByteView dest = ByteView::of(target);
  Ref<Object> n = TRY(int_from_i64(int64_t(dest.size())));
  Object* a[] = {n.get()};
  Ref<Object> data = TRY(call_method(self, method, a, 1));
  if (!is_bytes(data.get()))
    return raise(exc::TypeError, "read() should return bytes");
  std::string_view got = bytes_view(data.get());
  if (got.size() > dest.size())
    return raise(exc::ValueError, "read() returned too much data: {} bytes requested, {} returned",
                 dest.size(), got.size());
  std::copy(got.begin(), got.end(), const_cast<char*>(dest.data()));
  return int_from_i64(int64_t(got.size()));
}

Result<Ref<Object>> bufferediobase_readinto(Object* self, Object* const* args, size_t, Object*) {
  return readinto_via(self, args[0], "read");
}
Result<Ref<Object>> bufferediobase_readinto1(Object* self, Object* const* args, size_t, Object*) {
  return readinto_via(self, args[0], "read1");
}

const MethodDef kBufferedIOBaseMethods[] = {
    {"detach", unsupported_detach, kMethNoArgs, "Disconnect this buffer from its underlying raw stream and return it."},
    {"read", unsupported_read, kMethFastcall, "Read and return up to n bytes."},
    {"read1", unsupported_read1, kMethFastcall, "Read and return up to size bytes, with at most one read() call to the underlying raw stream."},
    {"readinto", bufferediobase_readinto, kMethOneArg, nullptr},
    {"readinto1", bufferediobase_readinto1, kMethOneArg, nullptr},
    {"write", unsupported_write, kMethFastcall, "Write buffer b to the IO stream."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> textiobase_none(Object*) { return new_none(); }

const MethodDef kTextIOBaseMethods[] = {
    {"detach", unsupported_detach, kMethNoArgs, "Separate the underlying buffer from the TextIOBase and return it."},
    {"read", unsupported_read, kMethFastcall, "Read at most size characters from stream."},
    {"readline", unsupported_readline, kMethFastcall, "Read until newline or EOF."},
    {"write", unsupported_write, kMethFastcall, "Write string s to stream."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kTextIOBaseGetSets[] = {
    {"encoding", textiobase_none, nullptr, "Encoding of the text stream."},
    {"newlines", textiobase_none, nullptr, "Line endings translated so far."},
    {"errors", textiobase_none, nullptr, "The error setting of the decoder or encoder."},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_base_types() {
  fill_io_type(&IOBaseType, "_io._IOBase", nullptr, sizeof(IOBaseObject),
               "The abstract base class for all I/O classes.");
  IOBaseType.dealloc = iobase_dealloc;
  IOBaseType.methods = kIOBaseMethods;
  IOBaseType.getsets = kIOBaseGetSets;
  IOBaseType.iter = iobase_iter;
  IOBaseType.iternext = iobase_iternext;
  fill_io_type(&RawIOBaseType, "_io._RawIOBase", &IOBaseType, sizeof(IOBaseObject),
               "Base class for raw binary I/O.");
  RawIOBaseType.methods = kRawIOBaseMethods;
  fill_io_type(&BufferedIOBaseType, "_io._BufferedIOBase", &IOBaseType, sizeof(IOBaseObject),
               "Base class for buffered IO objects.");
  BufferedIOBaseType.methods = kBufferedIOBaseMethods;
  fill_io_type(&TextIOBaseType, "_io._TextIOBase", &IOBaseType, sizeof(IOBaseObject),
               "Base class for text I/O.");
  TextIOBaseType.methods = kTextIOBaseMethods;
  TextIOBaseType.getsets = kTextIOBaseGetSets;
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_base_types);

}  // namespace

void fill_io_type(Type* t, const char* name, Type* base, int64_t basicsize, const char* doc) {
  t->name = name;
  t->doc = doc;
  t->base = base;
  t->basicsize = basicsize;
  t->flags = kTypeBaseType | kTypeImmutable | kTypeHaveGc;
  t->dictoffset = offsetof(IOBaseObject, dict);
  t->traverse = iobase_traverse_dict;
  t->clear = iobase_clear_dict;
  t->new_ = [](Type* type, Object* const*, size_t, Object*) -> Result<Ref<Object>> {
    return object_generic_alloc(type);
  };
}

}  // namespace weft::io
