// stdlib/_io/fileio.cpp — _io.FileIO, raw unbuffered I/O on a file descriptor (CPython's
// Modules/_io/fileio.c).
//
// Every system call runs with the thread state detached (core::DetachGuard) and is retried on
// EINTR after running pending signal handlers (PEP 475; a handler that raises ends the call).
// Files are opened with O_CLOEXEC. The fd is atomic: close() exchanges it with -1, so two
// threads closing one FileIO close the descriptor once; other fields are fixed after __init__.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
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
#include "objects/float.h"
#include "objects/int.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/_io/io_internal.h"
#include "vm/signals.h"

namespace weft::io {

Type FileIOType;

namespace {

FileIOObject* as_file(Object* o) { return static_cast<FileIOObject*>(o); }

Error raise_closed_fileio() { return raise(exc::ValueError, "I/O operation on closed file"); }

Error raise_mode(const char* action) {
  return raise(unsupported_operation(), "File not open for {}", action);
}

Status check_open(Object* self) {
  if (as_file(self)->fd.load(std::memory_order_acquire) < 0) return raise_closed_fileio();
  return ok();
}

// Runs `op` (a system call returning -1 + errno on failure) detached, retrying on EINTR after
// the signal handlers ran. Returns the call's result; on failure errno is preserved for the
// caller and -1 is returned (no exception set unless a handler raised: then Error).
template <class Op>
Result<int64_t> retry_syscall(Op op, int* err) {
  while (true) {
    int64_t r;
    {
      core::DetachGuard detached;
      r = op();
      *err = errno;
    }
    if (r >= 0 || *err != EINTR) return r;
    TRY(vm::signals::check_signals());
  }
}

Error raise_errno(int err, Object* filename = nullptr) { return raise_os_error(err, filename); }

// ---- construction -----------------------------------------------------------------------------

struct ParsedMode {
  int flags = 0;
  bool created = false, readable = false, writable = false, appending = false;
};

Result<ParsedMode> parse_mode(Object* mode_obj) {
  std::string_view mode = TRY(str_utf8(mode_obj));
  ParsedMode m;
  int rwa = 0, plus = 0;
  for (char c : mode) {
    switch (c) {
      case 'x': ++rwa; m.created = m.writable = true; m.flags |= O_EXCL | O_CREAT; break;
      case 'r': ++rwa; m.readable = true; break;
      case 'w': ++rwa; m.writable = true; m.flags |= O_CREAT | O_TRUNC; break;
      case 'a': ++rwa; m.writable = m.appending = true; m.flags |= O_APPEND | O_CREAT; break;
      case 'b': break;
      case '+': ++plus; m.readable = m.writable = true; break;
      default: return raise(exc::ValueError, "invalid mode: {}", mode);
    }
  }
  if (rwa != 1 || plus > 1)
    return raise(exc::ValueError,
                 "Must have exactly one of create/read/write/append mode and at most one plus");
  if (m.readable && m.writable) m.flags |= O_RDWR;
  else if (m.readable) m.flags |= O_RDONLY;
  else m.flags |= O_WRONLY;
  m.flags |= O_CLOEXEC;
  return m;
}

// os.fspath(file) as the bytes to pass to open(2); `*keep` owns what the view borrows.
Result<std::string_view> path_bytes(Object* file, Ref<Object>* keep) {
  Ref<Object> path = new_ref(file);
  if (!is_str(file) && !is_bytes(file)) {
    Ref<Object> fspath;
    Ref<Object> name = TRY(str_from_ascii("__fspath__"));
    if (!TRY(lookup_special(file, name.get(), &fspath)))
      return raise(exc::TypeError, "expected str, bytes or os.PathLike object, not {}",
                   type_name_of(file));
    path = TRY(call_noargs(fspath.get()));
    if (!is_str(path.get()) && !is_bytes(path.get()))
      return raise(exc::TypeError, "expected {}.__fspath__() to return str or bytes, not {}",
                   type_name_of(file), type_name_of(path.get()));
  }
  if (is_str(path.get())) {
    std::string_view s = TRY(str_utf8(path.get()));
    *keep = std::move(path);
    if (s.find('\0') != std::string_view::npos)
      return raise(exc::ValueError, "embedded null byte");
    return s;
  }
  std::string_view b = bytes_view(path.get());
  *keep = std::move(path);
  if (b.find('\0') != std::string_view::npos) return raise(exc::ValueError, "embedded null byte");
  return b;
}

Status fileio_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kInit("FileIO", "file | mode closefd opener");
  Object* a[4];
  TRY(kInit.parse(args, nargs, kwnames, a));
  FileIOObject* f = as_file(self);
  if (int old = f->fd.exchange(-1); old >= 0 && f->closefd) ::close(old);
  Object* file = a[0];
  Ref<Object> mode_obj = a[1] ? new_ref(a[1]) : TRY(str_from_ascii("r"));
  if (!is_str(mode_obj.get()))
    return raise(exc::TypeError, "FileIO() argument 'mode' must be str, not {}",
                 type_name_of(mode_obj.get()));
  bool closefd = a[2] ? TRY(object_is_true(a[2])) : true;
  Object* opener = a[3] && !is_none(a[3]) ? a[3] : nullptr;
  ParsedMode m = TRY(parse_mode(mode_obj.get()));

  int fd = -1;
  if (is_int(file)) {
    int64_t v = TRY(index_as_i64(file));
    if (v < 0) return raise(exc::ValueError, "negative file descriptor");
    if (v > INT32_MAX) return raise(exc::OverflowError, "fd is greater than maximum");
    fd = int(v);
    f->closefd = closefd;
  } else {
    if (!closefd) return raise(exc::ValueError, "Cannot use closefd=False with file name");
    f->closefd = true;
    Ref<Object> keep;
    if (opener) {
      Ref<Object> flags = TRY(int_from_i64(m.flags));
      Object* oa[] = {file, flags.get()};
      Ref<Object> r = TRY(call(opener, oa, 2));
      if (!is_int(r.get()))
        return raise(exc::TypeError, "expected integer from opener");
      int64_t v = TRY(index_as_i64(r.get()));
      if (v < 0) return raise(exc::ValueError, "opener returned {}", v);
      fd = int(v);
    } else {
      std::string path(TRY(path_bytes(file, &keep)));
      int err = 0;
      int64_t r = TRY(retry_syscall([&] { return int64_t(::open(path.c_str(), m.flags, 0666)); }, &err));
      if (r < 0) return raise_errno(err, file);
      fd = int(r);
    }
  }
  f->fd.store(fd, std::memory_order_release);
  f->created = m.created;
  f->readable = m.readable;
  f->writable = m.writable;
  f->appending = m.appending;
  f->seekable = -1;
  f->blksize = kDefaultBufferSize;
  struct stat st;
  int err = 0;
  int64_t r = TRY(retry_syscall([&] { return int64_t(::fstat(fd, &st)); }, &err));
  if (r < 0) {
    if (err == EBADF) {
      f->fd.store(-1);
      return raise_errno(err);
    }
  } else {
    if (S_ISDIR(st.st_mode)) {
      if (f->closefd) ::close(fd);
      f->fd.store(-1);
      return raise_errno(EISDIR, file);
    }
    if (st.st_blksize > 1) f->blksize = st.st_blksize;
  }
  TRY(set_attr(self, str_intern("name"), file));
  if (m.appending) {
    // As CPython: position at the end so tell() is right; failures are ignored here.
    core::DetachGuard detached;
    ::lseek(fd, 0, SEEK_END);
  }
  return ok();
}

Result<Ref<Object>> fileio_new(Type* type, Object* const*, size_t, Object*) {
  Ref<Object> self = TRY(object_generic_alloc(type));
  FileIOObject* f = as_file(self.get());
  f->fd.store(-1, std::memory_order_relaxed);
  f->seekable = -1;
  f->closefd = true;
  return self;
}

void fileio_dealloc(Object* self) {
  FileIOObject* f = as_file(self);
  int fd = f->fd.exchange(-1);
  if (fd >= 0 && f->closefd) ::close(fd);
  iobase_clear_dict(self);
  free_object(self);
}

// ---- I/O --------------------------------------------------------------------------------------

// read(2) into `dst`; returns the count, or -1 with *err set (EAGAIN: no data on a
// non-blocking fd).
Result<int64_t> read_into(FileIOObject* f, char* dst, size_t n, int* err) {
  int fd = f->fd.load(std::memory_order_acquire);
  return retry_syscall([&] { return int64_t(::read(fd, dst, n)); }, err);
}

Result<Ref<Object>> fileio_readall(Object* self, Object* const*, size_t, Object*) {
  TRY(check_open(self));
  FileIOObject* f = as_file(self);
  std::string data;
  size_t chunk = 8192;
  {
    struct stat st;
    off_t pos = -1;
    int fd = f->fd.load(std::memory_order_acquire);
    core::DetachGuard detached;
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      pos = ::lseek(fd, 0, SEEK_CUR);
      if (pos >= 0 && st.st_size >= pos) chunk = size_t(st.st_size - pos) + 1;
    }
  }
  while (true) {
    size_t old = data.size();
    data.resize(old + chunk);
    int err = 0;
    int64_t n = TRY(read_into(f, data.data() + old, chunk, &err));
    if (n < 0) {
      data.resize(old);
      if (err == EAGAIN) {
        if (old == 0) return new_none();
        break;
      }
      return raise_errno(err);
    }
    data.resize(old + size_t(n));
    if (n == 0) break;
    if (chunk < (1u << 20)) chunk *= 2;
  }
  return bytes_from(data);
}

Result<Ref<Object>> fileio_read(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("read", nargs, kwnames, 0, 1));
  TRY(check_open(self));
  FileIOObject* f = as_file(self);
  if (!f->readable) return raise_mode("reading");
  int64_t size = TRY(size_argument(nargs ? args[0] : nullptr));
  if (size < 0) return fileio_readall(self, nullptr, 0, nullptr);
  std::string buf(size_t(size), '\0');
  int err = 0;
  int64_t n = TRY(read_into(f, buf.data(), buf.size(), &err));
  if (n < 0) {
    if (err == EAGAIN) return new_none();
    return raise_errno(err);
  }
  buf.resize(size_t(n));
  return bytes_from(buf);
}

Result<Ref<Object>> fileio_readinto(Object* self, Object* const* args, size_t, Object*) {
  TRY(check_open(self));
  FileIOObject* f = as_file(self);
  if (!f->readable) return raise_mode("reading");
  std::optional<ByteView> dest = TRY(writable_byte_view(args[0]));
  if (!dest)
    return raise(exc::TypeError, "readinto() argument must be read-write bytes-like object, not {}",
                 type_name_of(args[0]));
  int err = 0;
  int64_t n = TRY(read_into(f, dest->mutable_data(), dest->size(), &err));
  if (n < 0) {
    if (err == EAGAIN) return new_none();
    return raise_errno(err);
  }
  return int_from_i64(n);
}

Result<Ref<Object>> fileio_write(Object* self, Object* const* args, size_t, Object*) {
  TRY(check_open(self));
  FileIOObject* f = as_file(self);
  if (!f->writable) return raise_mode("writing");
  ByteView data = TRY(byte_view(args[0]));
  int fd = f->fd.load(std::memory_order_acquire);
  int err = 0;
  int64_t n = TRY(retry_syscall([&] { return int64_t(::write(fd, data.data(), data.size())); }, &err));
  if (n < 0) {
    if (err == EAGAIN) return new_none();
    return raise_errno(err);
  }
  return int_from_i64(n);
}

Result<Ref<Object>> fileio_seek(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("seek", nargs, kwnames, 1, 2));
  TRY(check_open(self));
  if (is_float(args[0])) return raise(exc::TypeError, "an integer is required");
  int64_t pos = TRY(index_as_i64(args[0]));
  int64_t whence = nargs > 1 ? TRY(index_as_i64(args[1])) : 0;
  int fd = as_file(self)->fd.load(std::memory_order_acquire);
  int err = 0;
  int64_t r = TRY(retry_syscall([&] { return int64_t(::lseek(fd, off_t(pos), int(whence))); }, &err));
  int8_t unknown = -1;
  as_file(self)->seekable.compare_exchange_strong(unknown, r >= 0 ? 1 : 0);
  if (r < 0) return raise_errno(err);
  return int_from_i64(r);
}

Result<Ref<Object>> fileio_tell(Object* self, Object* const*, size_t, Object*) {
  TRY(check_open(self));
  int fd = as_file(self)->fd.load(std::memory_order_acquire);
  int err = 0;
  int64_t r = TRY(retry_syscall([&] { return int64_t(::lseek(fd, 0, SEEK_CUR)); }, &err));
  if (r < 0) return raise_errno(err);
  return int_from_i64(r);
}

Result<Ref<Object>> fileio_truncate(Object* self, Object* const* args, size_t nargs,
                                    Object* kwnames) {
  TRY(args_positional_only("truncate", nargs, kwnames, 0, 1));
  TRY(check_open(self));
  if (!as_file(self)->writable) return raise_mode("writing");
  Ref<Object> size = nargs && !is_none(args[0]) ? new_ref(args[0]) : TRY(fileio_tell(self, nullptr, 0, nullptr));
  int64_t n = TRY(index_as_i64(size.get()));
  int fd = as_file(self)->fd.load(std::memory_order_acquire);
  int err = 0;
  int64_t r = TRY(retry_syscall([&] { return int64_t(::ftruncate(fd, off_t(n))); }, &err));
  if (r < 0) return raise_errno(err);
  return size;
}

Result<Ref<Object>> fileio_seekable(Object* self, Object* const*, size_t, Object*) {
  TRY(check_open(self));
  FileIOObject* f = as_file(self);
  if (f->seekable.load() < 0) {
    int fd = f->fd.load(std::memory_order_acquire);
    bool can;
    {
      core::DetachGuard detached;
      can = ::lseek(fd, 0, SEEK_CUR) >= 0;
    }
    f->seekable.store(can ? 1 : 0);
  }
  return new_bool(f->seekable.load() > 0);
}

Result<Ref<Object>> fileio_readable(Object* self, Object* const*, size_t, Object*) {
  TRY(check_open(self));
  return new_bool(as_file(self)->readable);
}

Result<Ref<Object>> fileio_writable(Object* self, Object* const*, size_t, Object*) {
  TRY(check_open(self));
  return new_bool(as_file(self)->writable);
}

Result<Ref<Object>> fileio_fileno(Object* self, Object* const*, size_t, Object*) {
  TRY(check_open(self));
  return int_from_i64(as_file(self)->fd.load(std::memory_order_acquire));
}

Result<Ref<Object>> fileio_isatty(Object* self, Object* const*, size_t, Object*) {
  TRY(check_open(self));
  int fd = as_file(self)->fd.load(std::memory_order_acquire);
  bool tty;
  {
    core::DetachGuard detached;
    tty = ::isatty(fd) != 0;
  }
  return new_bool(tty);
}

// close(): _IOBase.close (flush, mark closed), then the descriptor when closefd.
Result<Ref<Object>> fileio_close(Object* self, Object* const*, size_t, Object*) {
  FileIOObject* f = as_file(self);
  Result<Ref<Object>> base = iobase_close(self);
  int fd = f->fd.exchange(-1);
  if (fd >= 0 && f->closefd) {
    int rc;
    int err;
    {
      core::DetachGuard detached;
      rc = ::close(fd);
      err = errno;
    }
    if (rc < 0 && !base.is_error()) return raise_errno(err);
  }
  return base;
}

const char* mode_string(const FileIOObject* f) {
  if (f->created) return f->readable ? "xb+" : "xb";
  if (f->appending) return f->readable ? "ab+" : "ab";
  if (f->readable) return f->writable ? "rb+" : "rb";
  return "wb";
}

Result<Ref<Object>> fileio_mode_get(Object* self) { return str_from_ascii(mode_string(as_file(self))); }
Result<Ref<Object>> fileio_closed_get(Object* self) {
  return new_bool(as_file(self)->fd.load(std::memory_order_acquire) < 0);
}
Result<Ref<Object>> fileio_closefd_get(Object* self) { return new_bool(as_file(self)->closefd); }
Result<Ref<Object>> fileio_blksize_get(Object* self) { return int_from_i64(as_file(self)->blksize); }

Result<Ref<Object>> fileio_repr(Object* self) {
  FileIOObject* f = as_file(self);
  std::string type = type_name_of(self);
  if (f->fd.load(std::memory_order_acquire) < 0) return str_from_utf8("<" + type + " [closed]>");
  std::string text = "<" + type;
  Ref<Object> name;
  TRY(lookup_attr(self, str_intern("name"), &name));
  if (name) {
    Ref<Object> r = TRY(object_repr(name.get()));
    text += " name=" + str_to_std_string(r.get());
  } else {
    text += " fd=" + std::to_string(f->fd.load(std::memory_order_acquire));
  }
  text += std::string(" mode='") + mode_string(f) + "' closefd=" + (f->closefd ? "True" : "False") + ">";
  return str_from_utf8(text);
}

const MethodDef kFileIOMethods[] = {
    {"read", fileio_read, kMethFastcall, "Read at most size bytes, returned as bytes."},
    {"readall", fileio_readall, kMethNoArgs, "Read all data from the file, returned as bytes."},
    {"readinto", fileio_readinto, kMethOneArg, "Same as RawIOBase.readinto()."},
    {"write", fileio_write, kMethOneArg, "Write buffer b to file, return number of bytes written."},
    {"seek", fileio_seek, kMethFastcall, "Move to new file position and return the file position."},
    {"tell", fileio_tell, kMethNoArgs, "Current file position."},
    {"truncate", fileio_truncate, kMethFastcall, "Truncate the file to at most size bytes."},
    {"close", fileio_close, kMethNoArgs, "Close the file."},
    {"seekable", fileio_seekable, kMethNoArgs, "True if file supports random-access."},
    {"readable", fileio_readable, kMethNoArgs, "True if file was opened in a read mode."},
    {"writable", fileio_writable, kMethNoArgs, "True if file was opened in a write mode."},
    {"fileno", fileio_fileno, kMethNoArgs, "Return the underlying file descriptor (an integer)."},
    {"isatty", fileio_isatty, kMethNoArgs, "True if the file is connected to a TTY device."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kFileIOGetSets[] = {
    {"closed", fileio_closed_get, nullptr, "True if the file is closed"},
    {"closefd", fileio_closefd_get, nullptr, "True if the file descriptor will be closed by close()."},
    {"mode", fileio_mode_get, nullptr, "String giving the file mode"},
    {"_blksize", fileio_blksize_get, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_fileio_type() {
  fill_io_type(&FileIOType, "_io.FileIO", &RawIOBaseType, sizeof(FileIOObject),
               "Open a file.");
  FileIOType.new_ = fileio_new;
  FileIOType.init = fileio_init;
  FileIOType.dealloc = fileio_dealloc;
  FileIOType.repr = fileio_repr;
  FileIOType.methods = kFileIOMethods;
  FileIOType.getsets = kFileIOGetSets;
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_fileio_type);

}  // namespace
}  // namespace weft::io
