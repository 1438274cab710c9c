// stdlib/sys/stdio_stream.cpp — UTF-8 text streams over fds 0/1/2 (see stdio_stream.h).
//
// Locking: each stream has its own sync::Mutex (`io_lock`) held across a whole write, flush or
// readline, including the system call. A thread blocked on it parks (detaching its thread state),
// and the holder may detach around write(2)/read(2) without letting another thread interleave
// bytes in the middle of a write: output from concurrent print() calls is never torn inside one
// write() call. The object's critical section is not used because detaching would release it.
#include "stdlib/sys/stdio_stream.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <string>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "sync/mutex.h"

namespace weft::sys {

Type StdioStreamType;

namespace {

constexpr size_t kBufferSize = 8192;

struct StdioStreamObject : Object {
  sync::Mutex io_lock;
  int fd;
  StdioKind kind;
  bool line_buffered;   // flush after a write that contains '\n'
  bool write_through;   // flush after every write
  bool closed;
  char* buf;            // pending output (Out/Err) or read-ahead input (In); raw_alloc'd
  size_t len;           // bytes in buf
  size_t pos;           // In: next unread byte
};

StdioStreamObject* as_stream(Object* o) { return static_cast<StdioStreamObject*>(o); }

// Writes all of [data, data+n) to fd, retrying on EINTR; the thread is detached meanwhile.
Status write_all(int fd, const char* data, size_t n) {
  core::DetachGuard detached;
  while (n > 0) {
    ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      // Re-attach happens in the guard's destructor; raising needs the thread attached, so
      // report through a flag and raise after.
      errno = err;
      return Error{};
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
  return ok();
}

Error raise_errno(int err) {
  Result<Ref<Object>> code = int_from_i64(err);
  if (code.is_error()) return Error{};
  Result<Ref<Object>> msg = str_from_utf8(std::strerror(err));
  if (msg.is_error()) return Error{};
  Object* raw[] = {code.value().get(), msg.value().get()};
  Result<Ref<Object>> exc = call(reinterpret_cast<Object*>(exc::OSError), raw, 2);
  if (exc.is_error()) return Error{};
  return raise_object(exc.value().get());
}

// Flushes the pending output; io_lock held.
Status flush_locked(StdioStreamObject* s) {
  if (s->len == 0) return ok();
  size_t n = s->len;
  s->len = 0;
  if (write_all(s->fd, s->buf, n).is_error()) return raise_errno(errno);
  return ok();
}

Result<Ref<Object>> stream_write(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  StdioStreamObject* s = as_stream(self);
  Object* text = args[0];
  if (!is_str(text))
    return raise(exc::TypeError, "write() argument must be str, not {}", type_name_of(text));
  if (s->kind == StdioKind::In) return raise(exc::OSError, "not writable");
  std::string_view utf8;
  std::string escaped;
  if (s->kind == StdioKind::Err) {
    escaped = str_to_std_string(text);  // stderr uses backslashreplace
    utf8 = escaped;
  } else {
    utf8 = TRY(str_utf8(text));
  }
  {
    sync::MutexLock lock(s->io_lock);
    if (s->closed) return raise(exc::ValueError, "I/O operation on closed file.");
    if (s->len + utf8.size() > kBufferSize) TRY(flush_locked(s));
    if (utf8.size() >= kBufferSize) {
      if (write_all(s->fd, utf8.data(), utf8.size()).is_error()) return raise_errno(errno);
    } else {
      std::memcpy(s->buf + s->len, utf8.data(), utf8.size());
      s->len += utf8.size();
    }
    if (s->write_through || (s->line_buffered && utf8.find('\n') != std::string_view::npos))
      TRY(flush_locked(s));
  }
  return int_from_i64(str_length(text));
}

Result<Ref<Object>> stream_flush(Object* self, Object* const*, size_t, Object*) {
  StdioStreamObject* s = as_stream(self);
  sync::MutexLock lock(s->io_lock);
  if (s->kind != StdioKind::In) TRY(flush_locked(s));
  return new_none();
}

// Reads one line (up to and including '\n') from fd 0; "" at end of input.
Result<Ref<Object>> stream_readline(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("readline", nargs, kwnames, 0, 1));
  StdioStreamObject* s = as_stream(self);
  if (s->kind != StdioKind::In) return raise(exc::OSError, "not readable");
  std::string line;
  {
    sync::MutexLock lock(s->io_lock);
    while (true) {
      if (s->pos < s->len) {
        const char* start = s->buf + s->pos;
        const char* nl = static_cast<const char*>(std::memchr(start, '\n', s->len - s->pos));
        size_t take = nl ? static_cast<size_t>(nl - start) + 1 : s->len - s->pos;
        line.append(start, take);
        s->pos += take;
        if (nl) break;
      }
      ssize_t r;
      {
        core::DetachGuard detached;
        do {
          r = ::read(s->fd, s->buf, kBufferSize);
        } while (r < 0 && errno == EINTR);
      }
      if (r < 0) return raise_errno(errno);
      s->pos = 0;
      s->len = static_cast<size_t>(r);
      if (r == 0) break;
    }
  }
  return str_from_utf8(line);
}

Result<Ref<Object>> stream_fileno(Object* self, Object* const*, size_t, Object*) {
  return int_from_i64(as_stream(self)->fd);
}
Result<Ref<Object>> stream_isatty(Object* self, Object* const*, size_t, Object*) {
  return new_bool(::isatty(as_stream(self)->fd) == 1);
}
Result<Ref<Object>> stream_readable(Object* self, Object* const*, size_t, Object*) {
  return new_bool(as_stream(self)->kind == StdioKind::In);
}
Result<Ref<Object>> stream_writable(Object* self, Object* const*, size_t, Object*) {
  return new_bool(as_stream(self)->kind != StdioKind::In);
}

const MethodDef kStreamMethods[] = {
    {"write", stream_write, kMethOneArg, "Write string s to stream; return the number of characters written."},
    {"flush", stream_flush, kMethNoArgs, "Flush the write buffer."},
    {"readline", stream_readline, kMethFastcall, "Read until newline or EOF."},
    {"fileno", stream_fileno, kMethNoArgs, "Return the underlying file descriptor."},
    {"isatty", stream_isatty, kMethNoArgs, "Return whether this is an 'interactive' stream."},
    {"readable", stream_readable, kMethNoArgs, "Return whether the stream can be read."},
    {"writable", stream_writable, kMethNoArgs, "Return whether the stream can be written."},
    {nullptr, nullptr, 0, nullptr},
};

const char* stream_name(const StdioStreamObject* s) {
  switch (s->kind) {
    case StdioKind::In: return "<stdin>";
    case StdioKind::Out: return "<stdout>";
    case StdioKind::Err: return "<stderr>";
  }
  return "?";
}

Result<Ref<Object>> get_name(Object* self) { return str_from_ascii(stream_name(as_stream(self))); }
Result<Ref<Object>> get_encoding(Object*) { return str_from_ascii("utf-8"); }
Result<Ref<Object>> get_errors(Object* self) {
  switch (as_stream(self)->kind) {
    case StdioKind::Err: return str_from_ascii("backslashreplace");
    default: return str_from_ascii("strict");
  }
}
Result<Ref<Object>> get_mode(Object* self) {
  return str_from_ascii(as_stream(self)->kind == StdioKind::In ? "r" : "w");
}
Result<Ref<Object>> get_closed(Object* self) { return new_bool(as_stream(self)->closed); }
Result<Ref<Object>> get_line_buffering(Object* self) {
  return new_bool(as_stream(self)->line_buffered);
}

const GetSetDef kStreamGetSets[] = {
    {"name", get_name, nullptr, nullptr},
    {"encoding", get_encoding, nullptr, nullptr},
    {"errors", get_errors, nullptr, nullptr},
    {"mode", get_mode, nullptr, nullptr},
    {"closed", get_closed, nullptr, nullptr},
    {"line_buffering", get_line_buffering, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Result<Ref<Object>> stream_repr(Object* self) {
  StdioStreamObject* s = as_stream(self);
  std::string r = std::string("<weft.StdioStream name='") + stream_name(s) + "' mode='" +
                  (s->kind == StdioKind::In ? "r" : "w") + "' encoding='utf-8'>";
  return str_from_utf8(r);
}

void stream_dealloc(Object* self) {
  StdioStreamObject* s = as_stream(self);
  if (s->kind != StdioKind::In && s->len) (void)write_all(s->fd, s->buf, s->len);
  gc::raw_free(s->buf);
  free_object(self);
}

Status fill_stdio_stream_type() {
  Type& t = StdioStreamType;
  t.name = "weft.StdioStream";
  t.doc = "A UTF-8 text stream over a standard file descriptor.";
  t.basicsize = sizeof(StdioStreamObject);
  t.flags = kTypeImmutable | kTypeDisallowInstantiation;
  t.dealloc = stream_dealloc;
  t.repr = stream_repr;
  t.methods = kStreamMethods;
  t.getsets = kStreamGetSets;
  return ok();
}
Status ready_stdio_stream_type() { return type_ready(&StdioStreamType); }
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_stdio_stream_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_stdio_stream_type);

}  // namespace

Result<Ref<Object>> stdio_stream_new(StdioKind kind, bool unbuffered) {
  Ref<StdioStreamObject> s = TRY(new_object<StdioStreamObject>(&StdioStreamType));
  s->buf = static_cast<char*>(gc::raw_alloc(kBufferSize));
  if (!s->buf) return raise_no_memory();
  s->kind = kind;
  s->fd = kind == StdioKind::In ? 0 : kind == StdioKind::Out ? 1 : 2;
  s->line_buffered = kind == StdioKind::Err || (kind == StdioKind::Out && ::isatty(1) == 1);
  s->write_through = unbuffered && kind != StdioKind::In;
  return Ref<Object>(std::move(s));
}

void stdio_stream_flush_quiet(Object* stream) {
  if (stream->ob_type != &StdioStreamType) return;
  StdioStreamObject* s = as_stream(stream);
  sync::MutexLock lock(s->io_lock);
  if (s->kind != StdioKind::In && s->len) {
    if (flush_locked(s).is_error()) clear_error();
  }
}

}  // namespace weft::sys
