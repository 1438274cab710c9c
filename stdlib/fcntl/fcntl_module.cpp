// stdlib/fcntl/fcntl_module.cpp — `fcntl`: fcntl, ioctl, flock and lockf over the system calls,
// with CPython 3.14's argument rules and messages (Modules/fcntlmodule.c), plus the F_*, FD_*,
// LOCK_*, DN_*, F_SEAL_*, RWH_* and FICLONE constants Linux offers.
//
// The calls that may block (fcntl with F_SETLKW & co., ioctl, flock, lockf) run detached from the
// runtime and retry on EINTR after the Python signal handlers ran (PEP 475), through posix's
// blocking_call. A bytes/str argument is copied into a 1024-byte buffer the call may overwrite,
// and the buffer comes back as bytes, as CPython does. Stateless: safe from any thread.
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstring>
#include <utility>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytearray.h"
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
#include "stdlib/posix/posix_internal.h"
#include "stdlib/select/select_internal.h"
#include "vm/module_table.h"

namespace weft::fcntl_module {
namespace {

// The largest buffer argument fcntl()/ioctl() copy (CPython's 1024-byte stack buffer).
constexpr size_t kArgBufferSize = 1024;

using posix_module::blocking_call;

Result<int> fd_argument(Object* o) { return select_module::file_descriptor(o); }

// A C int argument (through __index__), OverflowError beyond int's range.
Result<int> c_int(Object* o) {
  int64_t v = TRY(index_as_i64(o));
  if (v > INT32_MAX || v < INT32_MIN)
    return raise(exc::OverflowError, "Python int too large to convert to C int");
  return static_cast<int>(v);
}

// The text of a read-only buffer argument: bytes-like, or str as UTF-8.
Result<bool> readonly_buffer(Object* arg, std::string* out) {
  if (is_str(arg)) {
    std::string_view utf8 = TRY(str_utf8(arg));
    out->assign(utf8);
    return true;
  }
  if (is_bytes_like(arg) || is_memoryview(arg)) {
    ByteView view = TRY(byte_view(arg));
    out->assign(view.view());
    return true;
  }
  return false;
}

// Runs `call` (a system call: -1 and errno on failure) detached with EINTR retries; its result,
// or OSError.
template <class Call>
Result<long> checked_call(Call&& call) {
  int err = 0;
  long rc = TRY(blocking_call(std::forward<Call>(call), &err));
  if (rc == -1) return raise_os_error(err);
  return rc;
}

// CPython's PyIndex_Check: ints and objects with __index__.
bool supports_index(Object* o) { return o->ob_type->number.index != nullptr; }

// TypeError "fcntl() argument 3 must be an integer, a bytes-like object, or a string, not X".
Error bad_third_argument(const char* function, Object* arg) {
  return raise(exc::TypeError,
               "{}() argument 3 must be an integer, a bytes-like object, or a string, not {}",
               function, type_name_of(arg));
}

// Runs `call(buf)` on a private copy of the read-only argument `text` (at most kArgBufferSize
// bytes, else ValueError "<function> argument 3 is too long") and returns the copy as bytes.
template <class Call>
Result<Ref<Object>> call_with_copy(const char* function, const std::string& text, Call&& call) {
  if (text.size() > kArgBufferSize)
    return raise(exc::ValueError, "{} argument 3 is too long", function);
  char buf[kArgBufferSize + 1];
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  TRY(checked_call([&] { return call(buf); }));
  return bytes_from(std::string_view(buf, text.size()));
}

// fcntl(fd, cmd, arg=0, /)
Result<Ref<Object>> fcntl_fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("fcntl.fcntl", kwnames));
  TRY(args_check_positional("fcntl", nargs, 2, 3));
  int fd = TRY(fd_argument(args[0]));
  int cmd = TRY(c_int(args[1]));
  Object* arg = nargs == 3 ? args[2] : nullptr;
  if (arg && !supports_index(arg)) {
    std::string text;
    if (!TRY(readonly_buffer(arg, &text))) return bad_third_argument("fcntl", arg);
    return call_with_copy("fcntl", text, [&](char* buf) { return ::fcntl(fd, cmd, buf); });
  }
  // An int argument is taken bitwise as a C unsigned int (CPython's "I" format).
  int value = arg ? static_cast<int>(static_cast<uint32_t>(TRY(index_as_i64(arg)))) : 0;
  return int_from_i64(TRY(checked_call([&] { return ::fcntl(fd, cmd, value); })));
}

// ioctl(fd, request, arg=0, mutate_flag=True, /)
Result<Ref<Object>> ioctl_fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("fcntl.ioctl", kwnames));
  TRY(args_check_positional("ioctl", nargs, 2, 4));
  int fd = TRY(fd_argument(args[0]));
  // The request is a C unsigned long taken bitwise: negative values wrap.
  int64_t request_bits = TRY(index_as_i64(args[1]));
  auto request = static_cast<unsigned long>(request_bits);
  Object* arg = nargs >= 3 ? args[2] : nullptr;
  bool mutate = nargs == 4 ? TRY(object_is_true(args[3])) : true;
  if (arg && !supports_index(arg)) {
    if (mutate && (is_bytearray(arg) || is_memoryview(arg))) {
      // A mutable buffer: the call writes into it (through a copy when it is small) and the
      // result is the call's int.
      ByteView view = TRY(byte_view(arg));
      auto* data = const_cast<char*>(view.data());
      char buf[kArgBufferSize + 1];
      char* target = data;
      if (view.size() <= kArgBufferSize) {
        std::memcpy(buf, data, view.size());
        buf[view.size()] = '\0';
        target = buf;
      }
      long rc = TRY(checked_call([&] { return ::ioctl(fd, request, target); }));
      if (target == buf) std::memcpy(data, buf, view.size());
      return int_from_i64(rc);
    }
    std::string text;
    if (!TRY(readonly_buffer(arg, &text))) return bad_third_argument("ioctl", arg);
    return call_with_copy("ioctl", text, [&](char* buf) { return ::ioctl(fd, request, buf); });
  }
  int value = arg ? TRY(c_int(arg)) : 0;
  return int_from_i64(TRY(checked_call([&] { return ::ioctl(fd, request, value); })));
}

// flock(fd, operation, /)
Result<Ref<Object>> flock_fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("fcntl.flock", kwnames));
  TRY(args_check_positional("flock", nargs, 2, 2));
  int fd = TRY(fd_argument(args[0]));
  int operation = TRY(c_int(args[1]));
  TRY(checked_call([&] { return ::flock(fd, operation); }));
  return new_none();
}

// lockf(fd, cmd, len=0, start=0, whence=0, /): POSIX record locks through fcntl(F_SETLK[W]).
Result<Ref<Object>> lockf_fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("fcntl.lockf", kwnames));
  TRY(args_check_positional("lockf", nargs, 2, 5));
  int fd = TRY(fd_argument(args[0]));
  int code = TRY(c_int(args[1]));
  struct flock lock {};
  if (code == LOCK_UN) {
    lock.l_type = F_UNLCK;
  } else if (code & LOCK_SH) {
    lock.l_type = F_RDLCK;
  } else if (code & LOCK_EX) {
    lock.l_type = F_WRLCK;
  } else {
    return raise(exc::ValueError, "unrecognized lockf argument");
  }
  lock.l_len = nargs > 2 ? static_cast<off_t>(TRY(index_as_i64(args[2]))) : 0;
  lock.l_start = nargs > 3 ? static_cast<off_t>(TRY(index_as_i64(args[3]))) : 0;
  lock.l_whence = static_cast<short>(nargs > 4 ? TRY(c_int(args[4])) : 0);
  int cmd = (code & LOCK_NB) ? F_SETLK : F_SETLKW;
  TRY(checked_call([&] { return ::fcntl(fd, cmd, &lock); }));
  return new_none();
}

const MethodDef kFcntlFunctions[] = {
    {"fcntl", fcntl_fn, kMethFastcall,
     "Perform the operation `cmd` on file descriptor fd.\n\nThe values used for `cmd` are "
     "operating system dependent, and are available\nas constants in the fcntl module, using "
     "the same names as used in\nthe relevant C header files.  The argument arg is optional, "
     "and\ndefaults to 0; it may be an int or a string.  If arg is given as a string,\nthe "
     "return value of fcntl is a string of that length, containing the\nresulting value put in "
     "the arg buffer by the operating system.  The length\nof the arg string is not allowed to "
     "exceed 1024 bytes.  If the arg given\nis an integer or if none is specified, the result "
     "value is an integer\ncorresponding to the return value of the fcntl call in the C code."},
    {"ioctl", ioctl_fn, kMethFastcall,
     "Perform the operation `request` on file descriptor `fd`.\n\nThe values used for "
     "`request` are operating system dependent, and are available\nas constants in the fcntl "
     "or termios library modules, using the same names as\nused in the relevant C header "
     "files."},
    {"flock", flock_fn, kMethFastcall,
     "Perform the lock operation `operation` on file descriptor `fd`.\n\nSee the Unix manual "
     "page for flock(2) for details (On some systems, this\nfunction is emulated using "
     "fcntl())."},
    {"lockf", lockf_fn, kMethFastcall,
     "A wrapper around the fcntl() locking calls.\n\n`fd` is the file descriptor of the file "
     "to lock or unlock, and operation is one\nof the following values:\n\n    LOCK_UN - unlock\n"
     "    LOCK_SH - acquire a shared lock\n    LOCK_EX - acquire an exclusive lock\n\nWhen "
     "operation is LOCK_SH or LOCK_EX, it can also be bitwise ORed with\nLOCK_NB to avoid "
     "blocking on lock acquisition."},
    {nullptr, nullptr, 0, nullptr},
};

#define WEFT_FCNTL_CONSTANT(name) {#name, static_cast<int64_t>(name)}

const std::pair<const char*, int64_t> kConstants[] = {
    WEFT_FCNTL_CONSTANT(LOCK_SH), WEFT_FCNTL_CONSTANT(LOCK_EX), WEFT_FCNTL_CONSTANT(LOCK_NB),
    WEFT_FCNTL_CONSTANT(LOCK_UN), WEFT_FCNTL_CONSTANT(LOCK_MAND), WEFT_FCNTL_CONSTANT(LOCK_READ),
    WEFT_FCNTL_CONSTANT(LOCK_WRITE), WEFT_FCNTL_CONSTANT(LOCK_RW),
    WEFT_FCNTL_CONSTANT(F_DUPFD), WEFT_FCNTL_CONSTANT(F_DUPFD_CLOEXEC),
    WEFT_FCNTL_CONSTANT(F_GETFD), WEFT_FCNTL_CONSTANT(F_SETFD), WEFT_FCNTL_CONSTANT(F_GETFL),
    WEFT_FCNTL_CONSTANT(F_SETFL), WEFT_FCNTL_CONSTANT(F_GETLK), WEFT_FCNTL_CONSTANT(F_SETLK),
    WEFT_FCNTL_CONSTANT(F_SETLKW), WEFT_FCNTL_CONSTANT(F_GETLK64),
    WEFT_FCNTL_CONSTANT(F_SETLK64), WEFT_FCNTL_CONSTANT(F_SETLKW64),
    WEFT_FCNTL_CONSTANT(F_OFD_GETLK), WEFT_FCNTL_CONSTANT(F_OFD_SETLK),
    WEFT_FCNTL_CONSTANT(F_OFD_SETLKW), WEFT_FCNTL_CONSTANT(F_GETOWN),
    WEFT_FCNTL_CONSTANT(F_SETOWN), WEFT_FCNTL_CONSTANT(F_GETOWN_EX),
    WEFT_FCNTL_CONSTANT(F_SETOWN_EX), WEFT_FCNTL_CONSTANT(F_OWNER_TID),
    WEFT_FCNTL_CONSTANT(F_OWNER_PID), WEFT_FCNTL_CONSTANT(F_OWNER_PGRP),
    WEFT_FCNTL_CONSTANT(F_GETSIG), WEFT_FCNTL_CONSTANT(F_SETSIG), WEFT_FCNTL_CONSTANT(F_RDLCK),
    WEFT_FCNTL_CONSTANT(F_WRLCK), WEFT_FCNTL_CONSTANT(F_UNLCK), WEFT_FCNTL_CONSTANT(F_EXLCK),
    WEFT_FCNTL_CONSTANT(F_SHLCK), WEFT_FCNTL_CONSTANT(F_GETLEASE),
    WEFT_FCNTL_CONSTANT(F_SETLEASE), WEFT_FCNTL_CONSTANT(F_NOTIFY),
    WEFT_FCNTL_CONSTANT(F_GETPIPE_SZ), WEFT_FCNTL_CONSTANT(F_SETPIPE_SZ),
    WEFT_FCNTL_CONSTANT(F_ADD_SEALS), WEFT_FCNTL_CONSTANT(F_GET_SEALS),
    WEFT_FCNTL_CONSTANT(F_SEAL_SEAL), WEFT_FCNTL_CONSTANT(F_SEAL_SHRINK),
    WEFT_FCNTL_CONSTANT(F_SEAL_GROW), WEFT_FCNTL_CONSTANT(F_SEAL_WRITE),
    WEFT_FCNTL_CONSTANT(F_SEAL_FUTURE_WRITE), WEFT_FCNTL_CONSTANT(F_GET_RW_HINT),
    WEFT_FCNTL_CONSTANT(F_SET_RW_HINT), WEFT_FCNTL_CONSTANT(F_GET_FILE_RW_HINT),
    WEFT_FCNTL_CONSTANT(F_SET_FILE_RW_HINT), WEFT_FCNTL_CONSTANT(RWH_WRITE_LIFE_NOT_SET),
    WEFT_FCNTL_CONSTANT(RWH_WRITE_LIFE_NONE), WEFT_FCNTL_CONSTANT(RWH_WRITE_LIFE_SHORT),
    WEFT_FCNTL_CONSTANT(RWH_WRITE_LIFE_MEDIUM), WEFT_FCNTL_CONSTANT(RWH_WRITE_LIFE_LONG),
    WEFT_FCNTL_CONSTANT(RWH_WRITE_LIFE_EXTREME), WEFT_FCNTL_CONSTANT(FD_CLOEXEC),
    WEFT_FCNTL_CONSTANT(FASYNC), WEFT_FCNTL_CONSTANT(DN_ACCESS), WEFT_FCNTL_CONSTANT(DN_MODIFY),
    WEFT_FCNTL_CONSTANT(DN_CREATE), WEFT_FCNTL_CONSTANT(DN_DELETE),
    WEFT_FCNTL_CONSTANT(DN_RENAME), WEFT_FCNTL_CONSTANT(DN_ATTRIB),
    WEFT_FCNTL_CONSTANT(DN_MULTISHOT), WEFT_FCNTL_CONSTANT(FICLONE),
    WEFT_FCNTL_CONSTANT(FICLONERANGE),
};

#undef WEFT_FCNTL_CONSTANT

Result<Ref<Object>> create_fcntl_module() {
  Ref<Object> m = TRY(module_new("fcntl"));
  Object* dict = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("fcntl"));
  TRY(add_functions_to_dict(dict, kFcntlFunctions, m.get(), name.get()));
  for (const auto& [key, value] : kConstants) {
    Ref<Object> v = TRY(int_from_i64(value));
    TRY(dict_set_item_str(dict, key, v.get()));
  }
  return m;
}

WEFT_NATIVE_MODULE("fcntl", create_fcntl_module);

}  // namespace
}  // namespace weft::fcntl_module
