// stdlib/posix/posix_fd.cpp — file-descriptor operations: open, close, closerange, read, write,
// pread, pwrite, lseek, fsync, ftruncate, dup, dup2, pipe, pipe2, get/set_inheritable,
// get/set_blocking, isatty, ttyname, device_encoding, get_terminal_size (+ os.terminal_size).
//
// New descriptors are non-inheritable (O_CLOEXEC, PEP 446) unless asked otherwise. Blocking
// calls run detached and retry after EINTR once signal handlers ran (PEP 475). Stateless.
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/posix/posix_internal.h"

namespace weft::posix_module {

namespace {

const StructSeqField kTerminalSizeFields[] = {
    {"columns", "width of the terminal window in characters"},
    {"lines", "height of the terminal window in characters"},
    {nullptr, nullptr},
};
const StructSeqDesc kTerminalSizeDesc = {
    "os.terminal_size", "A tuple of (columns, lines) for holding terminal window size",
    kTerminalSizeFields, 2};

Result<Ref<Object>> none_result(long rc, int err) {
  if (rc < 0) return raise_errno(err);
  return new_none();
}

// open(path, flags, mode=0o777, *, dir_fd=None) -> fd
Result<Ref<Object>> posix_open(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("open", "path flags | mode * | dir_fd");
  Object* a[4];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg path{"open", "path"};
  TRY(convert_path(a[0], &path));
  int flags = TRY(convert_int(a[1])) | O_CLOEXEC;
  int mode = a[2] ? TRY(convert_int(a[2])) : 0777;
  int dir_fd = TRY(convert_dir_fd(a[3]));
  int err = 0;
  long fd = TRY(blocking_call([&] { return openat(dir_fd, path.c_str(), flags, mode); }, &err));
  if (fd < 0) return raise_errno_path(err, path);
  return int_from_i64(fd);
}

Result<Ref<Object>> posix_close(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("close", "fd");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int fd = TRY(convert_fd(a[0]));
  // close() is not retried on EINTR: the descriptor is released either way on Linux.
  if (::close(fd) != 0 && errno != EINTR) return raise_errno(errno);
  return new_none();
}

Result<Ref<Object>> posix_closerange(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("closerange", nargs, kwnames, 2, 2));
  int low = TRY(convert_fd(args[0])), high = TRY(convert_fd(args[1]));
  for (int fd = low < 0 ? 0 : low; fd < high; ++fd) ::close(fd);
  return new_none();
}

Result<Ref<Object>> read_into_bytes(int fd, int64_t n, int64_t offset, bool positional) {
  if (n < 0) return raise_errno(EINVAL);
  Ref<Object> buf = TRY(bytes_new_uninitialized(n));
  char* data = bytes_mutable_data(buf.get());
  int err = 0;
  long got = TRY(blocking_call(
      [&] {
        return positional ? pread(fd, data, static_cast<size_t>(n), offset)
                          : ::read(fd, data, static_cast<size_t>(n));
      },
      &err));
  if (got < 0) return raise_errno(err);
  if (got == n) return buf;
  return bytes_from(std::string_view(data, static_cast<size_t>(got)));
}

Result<Ref<Object>> posix_read(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("read", nargs, kwnames, 2, 2));
  int fd = TRY(convert_fd(args[0]));
  int64_t n = TRY(index_as_i64(args[1]));
  return read_into_bytes(fd, n, 0, false);
}

Result<Ref<Object>> posix_pread(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("pread", nargs, kwnames, 3, 3));
  int fd = TRY(convert_fd(args[0]));
  int64_t n = TRY(index_as_i64(args[1])), offset = TRY(index_as_i64(args[2]));
  return read_into_bytes(fd, n, offset, true);
}

Result<Ref<Object>> write_buffer(Object* const* args, bool positional) {
  int fd = TRY(convert_fd(args[0]));
  ByteView view = TRY(byte_view(args[1]));
  int64_t offset = positional ? TRY(index_as_i64(args[2])) : 0;
  int err = 0;
  long n = TRY(blocking_call(
      [&] {
        return positional ? pwrite(fd, view.data(), view.size(), offset)
                          : ::write(fd, view.data(), view.size());
      },
      &err));
  if (n < 0) return raise_errno(err);
  return int_from_i64(n);
}

Result<Ref<Object>> posix_write(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("write", nargs, kwnames, 2, 2));
  return write_buffer(args, false);
}

Result<Ref<Object>> posix_pwrite(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("pwrite", nargs, kwnames, 3, 3));
  return write_buffer(args, true);
}

Result<Ref<Object>> posix_lseek(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("lseek", nargs, kwnames, 3, 3));
  int fd = TRY(convert_fd(args[0]));
  int64_t pos = TRY(index_as_i64(args[1]));
  int how = TRY(convert_int(args[2]));
  int err = 0;
  long r = TRY(blocking_call([&] { return lseek(fd, pos, how); }, &err));
  if (r < 0) return raise_errno(err);
  return int_from_i64(r);
}

// fsync(fd): fd may also be an object with fileno().
Result<Ref<Object>> posix_fsync(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("fsync", "fd");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> fd_obj = new_ref(a[0]);
  if (!is_int(a[0])) fd_obj = TRY(call_method(a[0], str_intern("fileno"), nullptr, 0));
  int fd = TRY(convert_fd(fd_obj.get()));
  int err = 0;
  long rc = TRY(blocking_call([&] { return fsync(fd); }, &err));
  return none_result(rc, err);
}

Result<Ref<Object>> posix_ftruncate(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("ftruncate", nargs, kwnames, 2, 2));
  int fd = TRY(convert_fd(args[0]));
  int64_t length = TRY(index_as_i64(args[1]));
  int err = 0;
  long rc = TRY(blocking_call([&] { return ftruncate(fd, length); }, &err));
  return none_result(rc, err);
}

Result<Ref<Object>> posix_dup(Object*, Object* const* args, size_t, Object*) {
  int fd = TRY(convert_fd(args[0]));
  int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (r < 0) return raise_errno(errno);
  return int_from_i64(r);
}

Result<Ref<Object>> posix_dup2(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("dup2", "fd fd2 | inheritable");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int fd = TRY(convert_fd(a[0])), fd2 = TRY(convert_fd(a[1]));
  bool inheritable = TRY(convert_bool(a[2], true));
  // dup3 refuses fd == fd2, which dup2 accepts (after checking that fd is open).
  int r = fd == fd2 ? fcntl(fd, F_GETFD) : dup3(fd, fd2, inheritable ? 0 : O_CLOEXEC);
  if (r < 0) return raise_errno(errno);
  r = fd2;
  return int_from_i64(r);
}

Result<Ref<Object>> make_pipe(int flags) {
  int fds[2];
  if (pipe2(fds, flags) != 0) return raise_errno(errno);
  Ref<Object> r = TRY(int_from_i64(fds[0])), w = TRY(int_from_i64(fds[1]));
  return tuple_pack({r.get(), w.get()});
}

Result<Ref<Object>> posix_pipe(Object*, Object* const*, size_t, Object*) {
  return make_pipe(O_CLOEXEC);
}

Result<Ref<Object>> posix_pipe2(Object*, Object* const* args, size_t, Object*) {
  return make_pipe(TRY(convert_int(args[0])));
}

// A descriptor flag (FD_CLOEXEC through F_GETFD/F_SETFD, O_NONBLOCK through F_GETFL/F_SETFL).
struct FdFlag {
  int get_cmd, set_cmd, bit;
};
constexpr FdFlag kCloexec{F_GETFD, F_SETFD, FD_CLOEXEC};
constexpr FdFlag kNonblock{F_GETFL, F_SETFL, O_NONBLOCK};

Result<bool> fd_flag_is_set(Object* fd_arg, FdFlag flag) {
  int fd = TRY(convert_fd(fd_arg));
  int flags = fcntl(fd, flag.get_cmd);
  if (flags < 0) return raise_errno(errno);
  return (flags & flag.bit) != 0;
}

Result<Ref<Object>> set_fd_flag(const char* fname, Object* const* args, size_t nargs,
                                Object* kwnames, FdFlag flag, bool set_when_true) {
  TRY(args_positional_only(fname, nargs, kwnames, 2, 2));
  int fd = TRY(convert_fd(args[0]));
  bool on = TRY(object_is_true(args[1])) == set_when_true;
  int flags = fcntl(fd, flag.get_cmd);
  if (flags < 0) return raise_errno(errno);
  int wanted = on ? flags | flag.bit : flags & ~flag.bit;
  if (wanted != flags && fcntl(fd, flag.set_cmd, wanted) < 0) return raise_errno(errno);
  return new_none();
}

Result<Ref<Object>> posix_get_inheritable(Object*, Object* const* args, size_t, Object*) {
  return new_bool(!TRY(fd_flag_is_set(args[0], kCloexec)));
}

Result<Ref<Object>> posix_set_inheritable(Object*, Object* const* args, size_t nargs,
                                          Object* kwnames) {
  return set_fd_flag("set_inheritable", args, nargs, kwnames, kCloexec, false);
}

Result<Ref<Object>> posix_get_blocking(Object*, Object* const* args, size_t, Object*) {
  return new_bool(!TRY(fd_flag_is_set(args[0], kNonblock)));
}

Result<Ref<Object>> posix_set_blocking(Object*, Object* const* args, size_t nargs,
                                       Object* kwnames) {
  return set_fd_flag("set_blocking", args, nargs, kwnames, kNonblock, false);
}

Result<Ref<Object>> posix_isatty(Object*, Object* const* args, size_t, Object*) {
  int fd = TRY(convert_fd(args[0]));
  return new_bool(isatty(fd) == 1);
}

Result<Ref<Object>> posix_ttyname(Object*, Object* const* args, size_t, Object*) {
  int fd = TRY(convert_fd(args[0]));
  char buf[256];
  int err = ttyname_r(fd, buf, sizeof buf);
  if (err != 0) return raise_errno(err);
  return fs_decode(buf);
}

// device_encoding(fd): 'UTF-8' for a terminal (Weft's locale encoding is UTF-8), else None.
Result<Ref<Object>> posix_device_encoding(Object*, Object* const* args, size_t nargs,
                                          Object* kwnames) {
  static const ArgParser kParser("device_encoding", "fd");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int fd = TRY(convert_fd(a[0]));
  if (isatty(fd) != 1) return new_none();
  return str_from_ascii("UTF-8");
}

Result<Ref<Object>> posix_get_terminal_size(Object*, Object* const* args, size_t nargs,
                                            Object* kwnames) {
  TRY(args_positional_only("get_terminal_size", nargs, kwnames, 0, 1));
  int fd = nargs ? TRY(convert_fd(args[0])) : 1;
  winsize w;
  if (ioctl(fd, TIOCGWINSZ, &w) != 0) return raise_errno(errno);
  Ref<Object> items[2];
  items[0] = TRY(int_from_i64(w.ws_col));
  items[1] = TRY(int_from_i64(w.ws_row));
  return structseq_from_items(&TerminalSizeType, items);
}

}  // namespace

StructSeqType TerminalSizeType;
WEFT_REGISTER_STRUCTSEQ(TerminalSizeType, kTerminalSizeDesc);

const MethodDef kFdFunctions[] = {
    {"open", posix_open, kMethFastcall, "Open a file for low level IO.  Returns a file descriptor (integer)."},
    {"close", posix_close, kMethFastcall, "Close a file descriptor."},
    {"closerange", posix_closerange, kMethFastcall, "Closes all file descriptors in [fd_low, fd_high), ignoring errors."},
    {"read", posix_read, kMethFastcall, "Read from a file descriptor.  Returns a bytes object."},
    {"pread", posix_pread, kMethFastcall, "Read a number of bytes from a file descriptor starting at a particular offset."},
    {"write", posix_write, kMethFastcall, "Write a bytes object to a file descriptor."},
    {"pwrite", posix_pwrite, kMethFastcall, "Write bytes to a file descriptor starting at a particular offset."},
    {"lseek", posix_lseek, kMethFastcall, "Set the position of a file descriptor.  Return the new position."},
    {"fsync", posix_fsync, kMethFastcall, "Force write of fd to disk."},
    {"ftruncate", posix_ftruncate, kMethFastcall, "Truncate a file, specified by file descriptor, to a specific length."},
    {"dup", posix_dup, kMethOneArg, "Return a duplicate of a file descriptor."},
    {"dup2", posix_dup2, kMethFastcall, "Duplicate file descriptor."},
    {"pipe", posix_pipe, kMethNoArgs, "Create a pipe.\n\nReturns a tuple of two file descriptors:\n  (read_fd, write_fd)"},
    {"pipe2", posix_pipe2, kMethOneArg, "Create a pipe with flags set atomically."},
    {"get_inheritable", posix_get_inheritable, kMethOneArg, "Get the close-on-exe flag of the specified file descriptor."},
    {"set_inheritable", posix_set_inheritable, kMethFastcall, "Set the inheritable flag of the specified file descriptor."},
    {"get_blocking", posix_get_blocking, kMethOneArg, "Get the blocking mode of the file descriptor."},
    {"set_blocking", posix_set_blocking, kMethFastcall, "Set the blocking mode of the specified file descriptor."},
    {"isatty", posix_isatty, kMethOneArg, "Return True if the fd is connected to a terminal."},
    {"ttyname", posix_ttyname, kMethOneArg, "Return the name of the terminal device connected to 'fd'."},
    {"device_encoding", posix_device_encoding, kMethFastcall, "Return a string describing the encoding of a terminal's file descriptor."},
    {"get_terminal_size", posix_get_terminal_size, kMethFastcall, "Return the size of the terminal window as (columns, lines)."},
    {nullptr, nullptr, 0, nullptr},
};

Status add_fd_objects(Object* module) {
  return module_add_object(module, "terminal_size", &TerminalSizeType);
}

}  // namespace weft::posix_module
