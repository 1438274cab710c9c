// stdlib/_io/bufferedio.cpp — _io.BufferedReader, BufferedWriter and BufferedRandom (CPython's
// Modules/_io/bufferedio.c): one object layout with a read buffer and a write buffer over a raw
// stream; the three classes differ only in which side they enable and their method tables.
//
// Locking: each object has its own sync::Mutex (`lock`), held across a whole operation
// including the calls into the raw stream (which detach the thread for the system call). A
// thread waiting for the lock parks detached. So two threads writing one BufferedWriter never
// interleave inside one write() (stress/io_threads.py checks it). A call that re-enters the
// same object from the thread holding the lock (a raw stream calling back, a signal handler)
// raises RuntimeError "reentrant call inside ..." as CPython does, instead of deadlocking.
//
// Position model: the raw position is at the end of the read buffer; unread bytes are
// rbuf[rpos:], pending output is wbuf (always written at the logical position, since reads
// flush it first and writes first give back any read-ahead by seeking the raw stream).
#include <new>
#include <string>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/_io/io_internal.h"

namespace weft::io {

Type BufferedReaderType;
Type BufferedWriterType;
Type BufferedRandomType;

namespace {

struct BufferedObject : IOBaseObject {
  Object* raw;                      // owned; nullptr before __init__ and after detach()
  sync::Mutex lock;
  std::atomic<uintptr_t> owner;     // thread holding `lock` (reentrancy detection)
  bool readable, writable, detached;
  int64_t buffer_size;
  std::string rbuf;                 // read-ahead; unread part is rbuf[rpos:]
  size_t rpos;
  std::string wbuf;                 // pending output
};

BufferedObject* as_buf(Object* o) { return static_cast<BufferedObject*>(o); }

// Holds the object's lock for one operation; see the file comment.
class BufferedLock {
 public:
  explicit BufferedLock(BufferedObject* b) : b_(b) {}
  // The lock is taken conditionally (not on a reentrant call) and released by the destructor
  // only if taken (`held_`), which Clang's static lock analysis cannot follow; it is off for
  // these two members and the protocol is checked at run time and by TSan.
  Status acquire() WEFT_NO_THREAD_SAFETY_ANALYSIS {
    uintptr_t me = core::current_thread_id();
    if (b_->owner.load(std::memory_order_relaxed) == me) {
      Ref<Object> r = TRY(object_repr(b_));
      return raise(exc::RuntimeError, "reentrant call inside {}", str_to_std_string(r.get()));
    }
    b_->lock.lock();  // annotated: the same thread takes and releases it (TSan sees a mutex)
    b_->owner.store(me, std::memory_order_relaxed);
    held_ = true;
    return ok();
  }
  ~BufferedLock() WEFT_NO_THREAD_SAFETY_ANALYSIS {
    if (!held_) return;
    b_->owner.store(0, std::memory_order_relaxed);
    b_->lock.unlock();
  }
  BufferedLock(const BufferedLock&) = delete;
  BufferedLock& operator=(const BufferedLock&) = delete;

 private:
  BufferedObject* b_;
  bool held_ = false;
};

Status check_initialized(BufferedObject* b) {
  if (b->raw) return ok();
  if (b->detached) return raise(exc::ValueError, "raw stream has been detached");
  return raise(exc::ValueError, "I/O operation on uninitialized object");
}

// FileIO's closed state without an attribute lookup; -1 when `raw` is not an exact FileIO.
int fileio_closed_fast(Object* raw) {
  if (!is_instance_exact(raw, &FileIOType)) return -1;
  return static_cast<FileIOObject*>(raw)->fd.load(std::memory_order_acquire) < 0 ? 1 : 0;
}

Result<bool> raw_closed(BufferedObject* b) {
  if (int fast = fileio_closed_fast(b->raw); fast >= 0) return fast == 1;
  Ref<Object> c = TRY(get_attr(b->raw, "closed"));
  return object_is_true(c.get());
}

// ValueError for operations on a closed stream ("flush of closed file" etc. where CPython says so).
Status check_not_closed(BufferedObject* b, const char* message = "I/O operation on closed file.") {
  TRY(check_initialized(b));
  if (TRY(raw_closed(b))) return raise(exc::ValueError, "{}", message);
  return ok();
}

// ---- raw calls (lock held) --------------------------------------------------------------------

// raw.write() of all of `data`; BlockingIOError handling is not attempted (blocking streams).
Status raw_write_all(BufferedObject* b, std::string_view data) {
  while (!data.empty()) {
    Ref<Object> chunk = TRY(bytes_from(data));
    Object* a[] = {chunk.get()};
    Ref<Object> n = TRY(call_method(b->raw, "write", a, 1));
    if (is_none(n.get())) return raise(exc::BlockingIOError, "write could not complete without blocking");
    int64_t written = TRY(index_as_i64(n.get()));
    if (written < 0 || written > int64_t(data.size()))
      return raise(exc::OSError, "raw write() returned invalid length {} (should have been between 0 and {})",
                   written, data.size());
    data.remove_prefix(size_t(written));
  }
  return ok();
}

Status flush_locked(BufferedObject* b) {
  if (b->wbuf.empty()) return ok();
  std::string pending;
  pending.swap(b->wbuf);
  Status s = raw_write_all(b, pending);
  if (s.is_error()) {
    b->wbuf.swap(pending);  // keep the data for a later retry, as CPython keeps its buffer
    return s;
  }
  return ok();
}

Result<int64_t> raw_seek(BufferedObject* b, int64_t pos, int whence) {
  Ref<Object> p = TRY(int_from_i64(pos));
  Ref<Object> w = TRY(int_from_i64(whence));
  Object* a[] = {p.get(), w.get()};
  Ref<Object> r = TRY(call_method(b->raw, "seek", a, 2));
  int64_t n = TRY(index_as_i64(r.get()));
  if (n < 0) return raise(exc::OSError, "Raw stream returned invalid position {}", n);
  return n;
}

// Gives back unread read-ahead by seeking the raw stream (before a write or a seek).
Status drop_read_ahead(BufferedObject* b) {
  size_t unread = b->rbuf.size() - b->rpos;
  b->rbuf.clear();
  b->rpos = 0;
  if (unread > 0) TRY(raw_seek(b, -int64_t(unread), 1));
  return ok();
}

// One raw.read(n) into *out (empty bytes at EOF); false for "no data now" (the raw stream
// is non-blocking and returned None).
Result<bool> raw_read(BufferedObject* b, int64_t n, Ref<Object>* out) {
  Ref<Object> count = TRY(int_from_i64(n));
  Object* a[] = {count.get()};
  Ref<Object> r = TRY(call_method(b->raw, "read", a, 1));
  if (is_none(r.get())) return false;
  if (!is_bytes(r.get()))
    return raise(exc::TypeError, "read() should return bytes");
  *out = std::move(r);
  return true;
}

// Refills the read buffer with one raw read; returns false at EOF / no data.
Result<bool> fill_locked(BufferedObject* b) {
  TRY(flush_locked(b));
  if (b->rpos > 0) {
    b->rbuf.erase(0, b->rpos);
    b->rpos = 0;
  }
  Ref<Object> data;
  if (!TRY(raw_read(b, b->buffer_size, &data)) || bytes_size(data.get()) == 0) return false;
  b->rbuf.append(bytes_view(data.get()));
  return true;
}

Result<Ref<Object>> take_unread(BufferedObject* b, size_t n) {
  n = std::min(n, b->rbuf.size() - b->rpos);
  Ref<Object> out = TRY(bytes_from(std::string_view(b->rbuf).substr(b->rpos, n)));
  b->rpos += n;
  return out;
}

// read(size): size < 0 reads to EOF.
Result<Ref<Object>> read_locked(BufferedObject* b, int64_t size) {
  TRY(flush_locked(b));
  if (size < 0) {
    std::string data(b->rbuf, b->rpos);
    b->rbuf.clear();
    b->rpos = 0;
    Ref<Object> rest;
    Ref<Object> readall;
    TRY(lookup_attr(b->raw, str_intern("readall"), &readall));
    if (readall) {
      rest = TRY(call_noargs(readall.get()));
      if (!rest || is_none(rest.get())) {
        if (data.empty()) return new_none();
      } else {
        if (!is_bytes(rest.get())) return raise(exc::TypeError, "readall() should return bytes");
        data.append(bytes_view(rest.get()));
      }
      return bytes_from(data);
    }
    while (true) {
      Ref<Object> chunk;
      if (!TRY(raw_read(b, b->buffer_size, &chunk))) {
        if (data.empty()) return new_none();
        break;
      }
      if (bytes_size(chunk.get()) == 0) break;
      data.append(bytes_view(chunk.get()));
    }
    return bytes_from(data);
  }
  std::string out;
  while (int64_t(out.size()) < size) {
    if (b->rpos == b->rbuf.size()) {
      // Large reads go to the raw stream directly, as CPython does.
      int64_t want = size - int64_t(out.size());
      if (want >= b->buffer_size) {
        Ref<Object> chunk;
        bool got = TRY(raw_read(b, want, &chunk));
        if (!got || bytes_size(chunk.get()) == 0) {
          if (!got && out.empty()) return new_none();
          break;
        }
        out.append(bytes_view(chunk.get()));
        continue;
      }
      if (!TRY(fill_locked(b))) break;
    }
    size_t n = std::min(size_t(size) - out.size(), b->rbuf.size() - b->rpos);
    out.append(b->rbuf, b->rpos, n);
    b->rpos += n;
  }
  return bytes_from(out);
}

// ---- construction -----------------------------------------------------------------------------

Result<Ref<Object>> buffered_new(Type* type, Object* const*, size_t, Object*) {
  Ref<Object> self = TRY(object_generic_alloc(type));
  BufferedObject* b = as_buf(self.get());
  new (&b->lock) sync::Mutex();
  new (&b->rbuf) std::string();
  new (&b->wbuf) std::string();
  TRY(track_stream(self.get()));
  return self;
}

Status buffered_init_common(Object* self, Object* const* args, size_t nargs, Object* kwnames,
                            const char* fname, bool readable, bool writable) {
  static const ArgParser kReader("BufferedReader", "raw | buffer_size");
  static const ArgParser kWriter("BufferedWriter", "raw | buffer_size");
  static const ArgParser kRandom("BufferedRandom", "raw | buffer_size");
  const ArgParser& p = readable && writable ? kRandom : readable ? kReader : kWriter;
  Object* a[2];
  TRY(p.parse(args, nargs, kwnames, a));
  (void)fname;
  Object* raw = a[0];
  if (readable) TRY(check_readable(raw));
  if (writable) TRY(check_writable(raw));
  if (readable && writable) TRY(check_seekable(raw));
  int64_t size = a[1] ? TRY(index_as_i64(a[1])) : kDefaultBufferSize;
  if (size <= 0) return raise(exc::ValueError, "buffer size must be strictly positive");
  BufferedObject* b = as_buf(self);
  BufferedLock guard(b);
  TRY(guard.acquire());
  Object* old = std::exchange(b->raw, Ref<Object>::borrow(raw).release());
  if (old) Ref<Object>::steal(old).reset();
  b->readable = readable;
  b->writable = writable;
  b->detached = false;
  b->buffer_size = size;
  b->rbuf.clear();
  b->rpos = 0;
  b->wbuf.clear();
  return ok();
}

Status reader_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  return buffered_init_common(self, args, nargs, kwnames, "BufferedReader", true, false);
}
Status writer_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  return buffered_init_common(self, args, nargs, kwnames, "BufferedWriter", false, true);
}
Status random_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  return buffered_init_common(self, args, nargs, kwnames, "BufferedRandom", true, true);
}

// Deallocation writes out pending output (CPython's finaliser closes the stream; dropping the
// raw reference then lets FileIO close its descriptor).
void buffered_dealloc(Object* self) {
  untrack_stream(self);
  BufferedObject* b = as_buf(self);
  if (b->raw && !b->wbuf.empty()) {
    Ref<Object> saved = take_exception();
    Result<bool> closed = raw_closed(b);
    if (!closed.is_error() && !closed.value() && flush_locked(b).is_error())
      write_unraisable("Exception ignored while finalizing file");
    clear_error();
    if (saved) set_exception(std::move(saved));
  }
  if (Object* raw = std::exchange(b->raw, nullptr)) Ref<Object>::steal(raw).reset();
  b->rbuf.~basic_string();
  b->wbuf.~basic_string();
  iobase_clear_dict(self);
  free_object(self);
}

void buffered_traverse(Object* self, VisitFn visit, void* arg) {
  if (Object* raw = as_buf(self)->raw) visit(raw, arg);
  iobase_traverse_dict(self, visit, arg);
}

void buffered_clear(Object* self) {
  if (Object* raw = std::exchange(as_buf(self)->raw, nullptr)) Ref<Object>::steal(raw).reset();
  iobase_clear_dict(self);
}

// ---- methods ----------------------------------------------------------------------------------

#define LOCKED(b)              \
  BufferedLock guard_(b);      \
  TRY(guard_.acquire())

Result<Ref<Object>> buffered_read(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("read", nargs, kwnames, 0, 1));
  int64_t size = TRY(size_argument(nargs ? args[0] : nullptr));
  BufferedObject* b = as_buf(self);
  TRY(check_not_closed(b, "read of closed file"));
  if (size < -1) return raise(exc::ValueError, "read length must be non-negative or -1");
  LOCKED(b);
  return read_locked(b, size);
}

Result<Ref<Object>> buffered_read1(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("read1", nargs, kwnames, 0, 1));
  int64_t size = TRY(size_argument(nargs ? args[0] : nullptr));
  BufferedObject* b = as_buf(self);
  TRY(check_not_closed(b, "read of closed file"));
  LOCKED(b);
  if (size < 0) size = b->buffer_size;
  if (size == 0) return bytes_from("");
  if (b->rpos == b->rbuf.size()) TRY(fill_locked(b));
  return take_unread(b, size_t(size));
}

Result<Ref<Object>> buffered_peek(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("peek", nargs, kwnames, 0, 1));
  BufferedObject* b = as_buf(self);
  TRY(check_not_closed(b, "peek of closed file"));
  LOCKED(b);
  if (b->rpos == b->rbuf.size()) TRY(fill_locked(b));
  return bytes_from(std::string_view(b->rbuf).substr(b->rpos));
}

Result<Ref<Object>> buffered_readline(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  TRY(args_positional_only("readline", nargs, kwnames, 0, 1));
  int64_t limit = TRY(size_argument(nargs ? args[0] : nullptr));
  BufferedObject* b = as_buf(self);
  TRY(check_not_closed(b, "readline of closed file"));
  LOCKED(b);
  TRY(flush_locked(b));
  std::string line;
  while (limit < 0 || int64_t(line.size()) < limit) {
    if (b->rpos == b->rbuf.size() && !TRY(fill_locked(b))) break;
    std::string_view avail = std::string_view(b->rbuf).substr(b->rpos);
    size_t nl = avail.find('\n');
    size_t n = nl == std::string_view::npos ? avail.size() : nl + 1;
    if (limit >= 0) n = std::min(n, size_t(limit) - line.size());
    line.append(avail.substr(0, n));
    b->rpos += n;
    if (!line.empty() && line.back() == '\n') break;
  }
  return bytes_from(line);
}

Result<Ref<Object>> buffered_readinto(Object* self, Object* const* args, size_t, Object*) {
  std::optional<ByteView> dest = TRY(writable_byte_view(args[0]));
  if (!dest)
    return raise(exc::TypeError, "readinto() argument must be read-write bytes-like object, not {}",
                 type_name_of(args[0]));
  BufferedObject* b = as_buf(self);
  TRY(check_not_closed(b, "readinto of closed file"));
  LOCKED(b);
  Ref<Object> data = TRY(read_locked(b, int64_t(dest->size())));
  if (is_none(data.get())) return data;
  std::string_view got = bytes_view(data.get());
  std::copy(got.begin(), got.end(), dest->mutable_data());
  return int_from_i64(int64_t(got.size()));
}

Result<Ref<Object>> buffered_write(Object* self, Object* const* args, size_t, Object*) {
  BufferedObject* b = as_buf(self);
  TRY(check_initialized(b));
  ByteView data = TRY(byte_view(args[0]));
  if (TRY(raw_closed(b))) return raise(exc::ValueError, "write to closed file");
  LOCKED(b);
  if (b->rpos != b->rbuf.size() || !b->rbuf.empty()) TRY(drop_read_ahead(b));
  std::string_view rest = data.view();
  if (int64_t(b->wbuf.size() + rest.size()) > b->buffer_size) {
    // As CPython: write out what is pending; data larger than the buffer goes to the raw
    // stream directly, a smaller piece is buffered.
    TRY(flush_locked(b));
    if (int64_t(rest.size()) > b->buffer_size) {
      TRY(raw_write_all(b, rest));
      rest = {};
    }
  }
  b->wbuf.append(rest);
  return int_from_i64(int64_t(data.size()));
}

Result<Ref<Object>> buffered_flush(Object* self, Object* const*, size_t, Object*) {
  BufferedObject* b = as_buf(self);
  TRY(check_not_closed(b, "flush of closed file"));
  LOCKED(b);
  TRY(flush_locked(b));
  return new_none();
}

Result<Ref<Object>> buffered_tell(Object* self, Object* const*, size_t, Object*) {
  BufferedObject* b = as_buf(self);
  TRY(check_initialized(b));
  LOCKED(b);
  Ref<Object> r = TRY(call_method(b->raw, "tell", nullptr, 0));
  int64_t pos = TRY(index_as_i64(r.get()));
  if (pos < 0) return raise(exc::OSError, "Raw stream returned invalid position {}", pos);
  pos = pos - int64_t(b->rbuf.size() - b->rpos) + int64_t(b->wbuf.size());
  return int_from_i64(pos < 0 ? 0 : pos);
}

Result<Ref<Object>> buffered_seek(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("seek", nargs, kwnames, 1, 2));
  BufferedObject* b = as_buf(self);
  TRY(check_not_closed(b, "seek of closed file"));
  if (!is_int(args[0]) && !type_of(args[0])->number.index)
    return raise(exc::TypeError, "an integer is required");
  int64_t pos = TRY(index_as_i64(args[0]));
  int64_t whence = nargs > 1 ? TRY(index_as_i64(args[1])) : 0;
  if (whence < 0 || whence > 2)
    return raise(exc::ValueError, "whence value {} unsupported", whence);
  TRY(check_seekable(b->raw));
  LOCKED(b);
  TRY(flush_locked(b));
  if (whence == 1) pos -= int64_t(b->rbuf.size() - b->rpos);
  b->rbuf.clear();
  b->rpos = 0;
  int64_t r = TRY(raw_seek(b, pos, int(whence)));
  return int_from_i64(r);
}

Result<Ref<Object>> buffered_truncate(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  TRY(args_positional_only("truncate", nargs, kwnames, 0, 1));
  BufferedObject* b = as_buf(self);
  TRY(check_not_closed(b, "truncate of closed file"));
  if (!b->writable) return raise_unsupported("truncate");
  LOCKED(b);
  TRY(flush_locked(b));
  TRY(drop_read_ahead(b));
  Object* a[] = {nargs ? args[0] : nullptr};
  Ref<Object> none = new_none();
  if (!a[0]) a[0] = none.get();
  return call_method(b->raw, "truncate", a, 1);
}

Result<Ref<Object>> buffered_close(Object* self, Object* const*, size_t, Object*) {
  BufferedObject* b = as_buf(self);
  TRY(check_initialized(b));
  if (TRY(raw_closed(b))) return new_none();
  Status flushed = ok();
  {
    LOCKED(b);
    flushed = flush_locked(b);
  }
  Ref<Object> saved = flushed.is_error() ? take_exception() : Ref<Object>();
  Result<Ref<Object>> r = call_method(b->raw, "close", nullptr, 0);
  b->rbuf.clear();
  b->rpos = 0;
  if (saved) {
    if (r.is_error()) clear_error();  // CPython chains; the flush error is the one reported
    set_exception(std::move(saved));
    return Error{};
  }
  return r;
}

Result<Ref<Object>> buffered_detach(Object* self, Object* const*, size_t, Object*) {
  BufferedObject* b = as_buf(self);
  TRY(check_initialized(b));
  {
    LOCKED(b);
    TRY(flush_locked(b));
  }
  Ref<Object> raw = Ref<Object>::steal(std::exchange(b->raw, nullptr));
  b->detached = true;
  return raw;
}

Result<Ref<Object>> forward(Object* self, const char* method) {
  BufferedObject* b = as_buf(self);
  TRY(check_initialized(b));
  return call_method(b->raw, method, nullptr, 0);
}

Result<Ref<Object>> buffered_fileno(Object* self, Object* const*, size_t, Object*) {
  return forward(self, "fileno");
}
Result<Ref<Object>> buffered_isatty(Object* self, Object* const*, size_t, Object*) {
  return forward(self, "isatty");
}
Result<Ref<Object>> buffered_seekable(Object* self, Object* const*, size_t, Object*) {
  return forward(self, "seekable");
}
Result<Ref<Object>> buffered_readable(Object* self, Object* const*, size_t, Object*) {
  return forward(self, "readable");
}
Result<Ref<Object>> buffered_writable(Object* self, Object* const*, size_t, Object*) {
  return forward(self, "writable");
}

Result<Ref<Object>> attribute_of_raw(Object* self, const char* name) {
  BufferedObject* b = as_buf(self);
  TRY(check_initialized(b));
  return get_attr(b->raw, name);
}

Result<Ref<Object>> buffered_raw_get(Object* self) {
  BufferedObject* b = as_buf(self);
  TRY(check_initialized(b));
  return new_ref(b->raw);
}
Result<Ref<Object>> buffered_closed_get(Object* self) { return attribute_of_raw(self, "closed"); }
Result<Ref<Object>> buffered_name_get(Object* self) { return attribute_of_raw(self, "name"); }
Result<Ref<Object>> buffered_mode_get(Object* self) { return attribute_of_raw(self, "mode"); }

Result<Ref<Object>> buffered_repr(Object* self) {
  std::string text = std::string("<") + type_name_of(self);
  BufferedObject* b = as_buf(self);
  if (b->raw) {
    Ref<Object> name;
    Result<bool> found = lookup_attr(self, str_intern("name"), &name);
    if (found.is_error()) {
      if (!error_matches(exc::ValueError)) return Error{};
      clear_error();
    } else if (name) {
      Ref<Object> r = TRY(object_repr(name.get()));
      text += " name=" + str_to_std_string(r.get());
    }
  }
  return str_from_utf8(text + ">");
}

Next buffered_iternext(Object* self) {
  Result<Ref<Object>> line = buffered_readline(self, nullptr, 0, nullptr);
  if (line.is_error()) return Error{};
  Ref<Object> l = std::move(line).value();
  if (bytes_size(l.get()) == 0) return Next::done();
  return Next(std::move(l));
}

#define COMMON_METHODS                                                                 \
  {"flush", buffered_flush, kMethNoArgs, nullptr},                                     \
  {"close", buffered_close, kMethNoArgs, nullptr},                                     \
  {"detach", buffered_detach, kMethNoArgs, nullptr},                                   \
  {"seek", buffered_seek, kMethFastcall, nullptr},                                     \
  {"tell", buffered_tell, kMethNoArgs, nullptr},                                       \
  {"truncate", buffered_truncate, kMethFastcall, nullptr},                             \
  {"fileno", buffered_fileno, kMethNoArgs, nullptr},                                   \
  {"isatty", buffered_isatty, kMethNoArgs, nullptr},                                   \
  {"seekable", buffered_seekable, kMethNoArgs, nullptr},                               \
  {"readable", buffered_readable, kMethNoArgs, nullptr},                               \
  {"writable", buffered_writable, kMethNoArgs, nullptr}

#define READ_METHODS                                                                   \
  {"read", buffered_read, kMethFastcall, nullptr},                                     \
  {"read1", buffered_read1, kMethFastcall, nullptr},                                   \
  {"peek", buffered_peek, kMethFastcall, nullptr},                                     \
  {"readline", buffered_readline, kMethFastcall, nullptr},                             \
  {"readinto", buffered_readinto, kMethOneArg, nullptr},                               \
  {"readinto1", buffered_readinto, kMethOneArg, nullptr}

const MethodDef kReaderMethods[] = {COMMON_METHODS, READ_METHODS, {nullptr, nullptr, 0, nullptr}};
const MethodDef kWriterMethods[] = {
    COMMON_METHODS, {"write", buffered_write, kMethOneArg, nullptr}, {nullptr, nullptr, 0, nullptr}};
const MethodDef kRandomMethods[] = {COMMON_METHODS, READ_METHODS,
                                    {"write", buffered_write, kMethOneArg, nullptr},
                                    {nullptr, nullptr, 0, nullptr}};

const GetSetDef kBufferedGetSets[] = {
    {"raw", buffered_raw_get, nullptr, nullptr},
    {"closed", buffered_closed_get, nullptr, nullptr},
    {"name", buffered_name_get, nullptr, nullptr},
    {"mode", buffered_mode_get, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

void fill_buffered(Type* t, const char* name, InitFn init, const MethodDef* methods,
                   const char* doc) {
  fill_io_type(t, name, &BufferedIOBaseType, sizeof(BufferedObject), doc);
  t->new_ = buffered_new;
  t->init = init;
  t->dealloc = buffered_dealloc;
  t->traverse = buffered_traverse;
  t->clear = buffered_clear;
  t->repr = buffered_repr;
  t->iternext = buffered_iternext;
  t->methods = methods;
  t->getsets = kBufferedGetSets;
}

Status fill_buffered_types() {
  fill_buffered(&BufferedReaderType, "_io.BufferedReader", reader_init, kReaderMethods,
                "Create a new buffered reader using the given readable raw IO object.");
  fill_buffered(&BufferedWriterType, "_io.BufferedWriter", writer_init, kWriterMethods,
                "A buffer for a writeable sequential RawIO object.");
  fill_buffered(&BufferedRandomType, "_io.BufferedRandom", random_init, kRandomMethods,
                "A buffered interface to random access streams.");
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_buffered_types);

}  // namespace

int buffered_closed_fast(Object* buffer) {
  Type* t = type_of(buffer);
  if (t == &FileIOType) return fileio_closed_fast(buffer);
  if (t != &BufferedReaderType && t != &BufferedWriterType && t != &BufferedRandomType) return -1;
  Object* raw = as_buf(buffer)->raw;
  return raw ? fileio_closed_fast(raw) : -1;
}

}  // namespace weft::io
