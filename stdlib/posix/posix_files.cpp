// stdlib/posix/posix_files.cpp — files and directories by path: getcwd/getcwdb, chdir, fchdir,
// listdir, mkdir, rmdir, unlink/remove, rename/replace, link, symlink, readlink, chmod, fchmod,
// chown, access, umask, truncate, utime (CPython's Modules/posixmodule.c).
//
// Every system call runs detached from the runtime (DESIGN §5) and is retried after EINTR once
// signal handlers ran (PEP 475). Errors are OSError subclasses carrying errno, strerror and the
// path(s) as given. Stateless: nothing here locks.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/posix/posix_internal.h"

namespace weft::posix_module {
namespace {

// Converts args[i] of a one-path call and runs `call(path, dir_fd)`; OSError names the path.
template <class F>
Result<Ref<Object>> path_call(const char* fname, Object* path_arg, Object* dir_fd_arg, F&& call) {
  PathArg path{fname, "path"};
  TRY(convert_path(path_arg, &path));
  int dir_fd = TRY(convert_dir_fd(dir_fd_arg));
  int err = 0;
  long rc = TRY(blocking_call([&] { return call(path, dir_fd); }, &err));
  if (rc != 0) return raise_errno_path(err, path);
  return new_none();
}

Result<Ref<Object>> cwd(bool as_bytes) {
  std::string buf(256, '\0');
  for (;;) {
    if (getcwd(buf.data(), buf.size())) break;
    if (errno != ERANGE) return raise_errno(errno);
    buf.resize(buf.size() * 2);
  }
  buf.resize(std::char_traits<char>::length(buf.c_str()));
  return path_result(buf, as_bytes);
}

Result<Ref<Object>> posix_getcwd(Object*, Object* const*, size_t, Object*) { return cwd(false); }
Result<Ref<Object>> posix_getcwdb(Object*, Object* const*, size_t, Object*) { return cwd(true); }

Result<Ref<Object>> posix_chdir(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("chdir", "path");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg path{"chdir", "path"};
  path.allow_fd = true;
  TRY(convert_path(a[0], &path));
  int err = 0;
  long rc = TRY(blocking_call(
      [&] { return path.fd >= 0 ? fchdir(path.fd) : chdir(path.c_str()); }, &err));
  if (rc != 0) return raise_errno_path(err, path);
  return new_none();
}

Result<Ref<Object>> posix_fchdir(Object*, Object* const* args, size_t, Object*) {
  int fd = TRY(convert_fd(args[0]));
  int err = 0;
  if (TRY(blocking_call([&] { return fchdir(fd); }, &err)) != 0) return raise_errno(err);
  return new_none();
}

// listdir(path=None): names (str, or bytes for a bytes path) in directory order, without . and ..
Result<Ref<Object>> posix_listdir(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("listdir", "| path");
  PathArg path{"listdir", "path"};
  Ref<Object> names = TRY(list_new());
  DIR* dir = TRY(open_directory_argument(kParser, args, nargs, kwnames, &path));
  int err = 0;
  for (;;) {
    errno = 0;
    dirent* entry = readdir(dir);
    if (!entry) {
      err = errno;
      break;
    }
    std::string_view name(entry->d_name);
    if (name == "." || name == "..") continue;
    Result<Ref<Object>> item = path_result(name, path.is_bytes);
    if (item.is_error() || list_append(names.get(), item.value().get()).is_error()) {
      closedir(dir);
      return Error{};
    }
  }
  closedir(dir);
  if (err != 0) return raise_errno_path(err, path);
  return names;
}

Result<Ref<Object>> posix_mkdir(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("mkdir", "path | mode * | dir_fd");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int mode = a[1] ? TRY(convert_int(a[1])) : 0777;
  return path_call("mkdir", a[0], a[2], [mode](const PathArg& p, int dir_fd) {
    return mkdirat(dir_fd, p.c_str(), static_cast<mode_t>(mode));
  });
}

Result<Ref<Object>> posix_rmdir(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("rmdir", "path * | dir_fd");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  return path_call("rmdir", a[0], a[1], [](const PathArg& p, int dir_fd) {
    return unlinkat(dir_fd, p.c_str(), AT_REMOVEDIR);
  });
}

template <const char* kName>
Result<Ref<Object>> posix_unlink(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser(kName, "path * | dir_fd");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  return path_call(kName, a[0], a[1], [](const PathArg& p, int dir_fd) {
    return unlinkat(dir_fd, p.c_str(), 0);
  });
}
constexpr char kUnlink[] = "unlink";
constexpr char kRemove[] = "remove";

// rename/replace(src, dst, *, src_dir_fd=None, dst_dir_fd=None): rename(2) replaces on POSIX.
template <const char* kName>
Result<Ref<Object>> posix_rename(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser(kName, "src dst * | src_dir_fd dst_dir_fd");
  Object* a[4];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg src{kName, "src"}, dst{kName, "dst"};
  TRY(convert_path(a[0], &src));
  TRY(convert_path(a[1], &dst));
  int src_dir = TRY(convert_dir_fd(a[2])), dst_dir = TRY(convert_dir_fd(a[3]));
  int err = 0;
  long rc = TRY(blocking_call(
      [&] { return renameat(src_dir, src.c_str(), dst_dir, dst.c_str()); }, &err));
  if (rc != 0) return raise_errno_paths(err, src, dst);
  return new_none();
}
constexpr char kRename[] = "rename";
constexpr char kReplace[] = "replace";

Result<Ref<Object>> posix_link(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("link", "src dst * | src_dir_fd dst_dir_fd follow_symlinks");
  Object* a[5];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg src{"link", "src"}, dst{"link", "dst"};
  TRY(convert_path(a[0], &src));
  TRY(convert_path(a[1], &dst));
  int src_dir = TRY(convert_dir_fd(a[2])), dst_dir = TRY(convert_dir_fd(a[3]));
  bool follow = TRY(convert_bool(a[4], true));
  int err = 0;
  long rc = TRY(blocking_call(
      [&] {
        return linkat(src_dir, src.c_str(), dst_dir, dst.c_str(), follow ? AT_SYMLINK_FOLLOW : 0);
      },
      &err));
  if (rc != 0) return raise_errno_paths(err, src, dst);
  return new_none();
}

Result<Ref<Object>> posix_symlink(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("symlink", "src dst | target_is_directory * | dir_fd");
  Object* a[4];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg src{"symlink", "src"}, dst{"symlink", "dst"};
  TRY(convert_path(a[0], &src));
  TRY(convert_path(a[1], &dst));
  int dir_fd = TRY(convert_dir_fd(a[3]));
  int err = 0;
  long rc = TRY(blocking_call([&] { return symlinkat(src.c_str(), dir_fd, dst.c_str()); }, &err));
  if (rc != 0) return raise_errno_paths(err, src, dst);
  return new_none();
}

Result<Ref<Object>> posix_readlink(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("readlink", "path * | dir_fd");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg path{"readlink", "path"};
  TRY(convert_path(a[0], &path));
  int dir_fd = TRY(convert_dir_fd(a[1]));
  std::string buf(256, '\0');
  for (;;) {
    int err = 0;
    long n = TRY(blocking_call(
        [&] { return readlinkat(dir_fd, path.c_str(), buf.data(), buf.size()); }, &err));
    if (n < 0) return raise_errno_path(err, path);
    if (static_cast<size_t>(n) < buf.size()) {
      buf.resize(static_cast<size_t>(n));
      return path_result(buf, path.is_bytes);
    }
    buf.resize(buf.size() * 2);
  }
}

Result<Ref<Object>> posix_chmod(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("chmod", "path mode * | dir_fd follow_symlinks");
  Object* a[4];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg path{"chmod", "path"};
  path.allow_fd = true;
  TRY(convert_path(a[0], &path));
  int mode = TRY(convert_int(a[1]));
  int dir_fd = TRY(convert_dir_fd(a[2]));
  bool follow = TRY(convert_bool(a[3], true));
  int err = 0;
  long rc = TRY(blocking_call(
      [&] {
        if (path.fd >= 0) return fchmod(path.fd, static_cast<mode_t>(mode));
        return fchmodat(dir_fd, path.c_str(), static_cast<mode_t>(mode),
                        follow ? 0 : AT_SYMLINK_NOFOLLOW);
      },
      &err));
  if (rc != 0) return raise_errno_path(err, path);
  return new_none();
}

Result<Ref<Object>> posix_fchmod(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("fchmod", "fd mode");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int fd = TRY(convert_fd(a[0])), mode = TRY(convert_int(a[1]));
  int err = 0;
  if (TRY(blocking_call([&] { return fchmod(fd, static_cast<mode_t>(mode)); }, &err)) != 0)
    return raise_errno(err);
  return new_none();
}

Result<Ref<Object>> posix_chown(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("chown", "path uid gid * | dir_fd follow_symlinks");
  Object* a[5];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg path{"chown", "path"};
  path.allow_fd = true;
  TRY(convert_path(a[0], &path));
  int64_t uid = TRY(index_as_i64(a[1])), gid = TRY(index_as_i64(a[2]));
  int dir_fd = TRY(convert_dir_fd(a[3]));
  bool follow = TRY(convert_bool(a[4], true));
  int err = 0;
  long rc = TRY(blocking_call(
      [&] {
        if (path.fd >= 0)
          return fchown(path.fd, static_cast<uid_t>(uid), static_cast<gid_t>(gid));
        return fchownat(dir_fd, path.c_str(), static_cast<uid_t>(uid), static_cast<gid_t>(gid),
                        follow ? 0 : AT_SYMLINK_NOFOLLOW);
      },
      &err));
  if (rc != 0) return raise_errno_path(err, path);
  return new_none();
}

// access(path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True) -> bool
Result<Ref<Object>> posix_access(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("access", "path mode * | dir_fd effective_ids follow_symlinks");
  Object* a[5];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg path{"access", "path"};
  TRY(convert_path(a[0], &path));
  int mode = TRY(convert_int(a[1]));
  int dir_fd = TRY(convert_dir_fd(a[2]));
  bool effective = TRY(convert_bool(a[3], false)), follow = TRY(convert_bool(a[4], true));
  int flags = (effective ? AT_EACCESS : 0) | (follow ? 0 : AT_SYMLINK_NOFOLLOW);
  int err = 0;
  long rc = TRY(blocking_call([&] { return faccessat(dir_fd, path.c_str(), mode, flags); }, &err));
  return new_bool(rc == 0);
}

Result<Ref<Object>> posix_umask(Object*, Object* const* args, size_t, Object*) {
  int mask = TRY(convert_int(args[0]));
  return int_from_i64(umask(static_cast<mode_t>(mask)));
}

Result<Ref<Object>> posix_truncate(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("truncate", "path length");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg path{"truncate", "path"};
  path.allow_fd = true;
  TRY(convert_path(a[0], &path));
  int64_t length = TRY(index_as_i64(a[1]));
  int err = 0;
  long rc = TRY(blocking_call(
      [&] { return path.fd >= 0 ? ftruncate(path.fd, length) : truncate(path.c_str(), length); },
      &err));
  if (rc != 0) return raise_errno_path(err, path);
  return new_none();
}

// One utime() timestamp (int or float seconds) as a timespec, rounding as CPython (floor).
Status seconds_to_timespec(Object* value, timespec* out) {
  if (is_float(value)) {
    double d = float_value(value);
    double sec = std::floor(d);
    out->tv_sec = static_cast<time_t>(sec);
    out->tv_nsec = static_cast<long>((d - sec) * 1e9);
    return ok();
  }
  out->tv_sec = static_cast<time_t>(TRY(index_as_i64(value)));
  out->tv_nsec = 0;
  return ok();
}

// utime(path, times=None, *, ns=<unset>, dir_fd=None, follow_symlinks=True)
Result<Ref<Object>> posix_utime(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("utime", "path | times * | ns dir_fd follow_symlinks");
  Object* a[5];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg path{"utime", "path"};
  path.allow_fd = true;
  TRY(convert_path(a[0], &path));
  Object* times = a[1] && !is_none(a[1]) ? a[1] : nullptr;
  if (times && a[2])
    return raise(exc::ValueError, "utime: you may specify either 'times' or 'ns' but not both");
  timespec ts[2];
  timespec* tsp = nullptr;
  if (times) {
    if (!is_tuple(times) || tuple_size(times) != 2)
      return raise(exc::TypeError, "utime: 'times' must be either a tuple of two ints or None");
    TRY(seconds_to_timespec(tuple_item(times, 0), &ts[0]));
    TRY(seconds_to_timespec(tuple_item(times, 1), &ts[1]));
    tsp = ts;
  } else if (a[2]) {
    if (!is_tuple(a[2]) || tuple_size(a[2]) != 2)
      return raise(exc::TypeError, "utime: 'ns' must be a tuple of two ints");
    for (int k = 0; k < 2; ++k) {
      int64_t ns = TRY(index_as_i64(tuple_item(a[2], k)));
      int64_t sec = ns / 1'000'000'000, rem = ns % 1'000'000'000;
      if (rem < 0) rem += 1'000'000'000, --sec;
      ts[k] = timespec{static_cast<time_t>(sec), static_cast<long>(rem)};
    }
    tsp = ts;
  }
  int dir_fd = TRY(convert_dir_fd(a[3]));
  bool follow = TRY(convert_bool(a[4], true));
  int err = 0;
  long rc = TRY(blocking_call(
      [&] {
        if (path.fd >= 0) return futimens(path.fd, tsp);
        return utimensat(dir_fd, path.c_str(), tsp, follow ? 0 : AT_SYMLINK_NOFOLLOW);
      },
      &err));
  if (rc != 0) return raise_errno_path(err, path);
  return new_none();
}

}  // namespace

Result<DIR*> open_directory_argument(const ArgParser& parser, Object* const* args, size_t nargs,
                                     Object* kwnames, PathArg* path) {
  Object* a[1];
  TRY(parser.parse(args, nargs, kwnames, a));
  path->nullable = path->allow_fd = true;
  TRY(convert_path(a[0], path));
  DIR* dir = nullptr;
  int err = 0;
  {
    core::DetachGuard detached;
    if (path->fd >= 0) {
      // fdopendir takes ownership of its fd: give it a duplicate, rewound (CPython does the same).
      int fd = dup(path->fd);
      if (fd >= 0) {
        dir = fdopendir(fd);
        if (!dir) {
          int saved = errno;
          close(fd);
          errno = saved;
        } else {
          rewinddir(dir);
        }
      }
    } else {
      dir = opendir(path->c_str());
    }
    err = errno;
  }
  if (!dir) return raise_errno_path(err, *path);
  return dir;
}

const MethodDef kFileFunctions[] = {
    {"getcwd", posix_getcwd, kMethNoArgs, "Return a unicode string representing the current working directory."},
    {"getcwdb", posix_getcwdb, kMethNoArgs, "Return a bytes string representing the current working directory."},
    {"chdir", posix_chdir, kMethFastcall, "Change the current working directory to the specified path."},
    {"fchdir", posix_fchdir, kMethOneArg, "Change to the directory of the given file descriptor."},
    {"listdir", posix_listdir, kMethFastcall, "Return a list containing the names of the files in the directory."},
    {"mkdir", posix_mkdir, kMethFastcall, "Create a directory."},
    {"rmdir", posix_rmdir, kMethFastcall, "Remove a directory."},
    {"unlink", posix_unlink<kUnlink>, kMethFastcall, "Remove a file (same as remove())."},
    {"remove", posix_unlink<kRemove>, kMethFastcall, "Remove a file (same as unlink())."},
    {"rename", posix_rename<kRename>, kMethFastcall, "Rename a file or directory."},
    {"replace", posix_rename<kReplace>, kMethFastcall, "Rename a file or directory, overwriting the destination."},
    {"link", posix_link, kMethFastcall, "Create a hard link to a file."},
    {"symlink", posix_symlink, kMethFastcall, "Create a symbolic link pointing to src named dst."},
    {"readlink", posix_readlink, kMethFastcall, "Return a string representing the path to which the symbolic link points."},
    {"chmod", posix_chmod, kMethFastcall, "Change the access permissions of a file."},
    {"fchmod", posix_fchmod, kMethFastcall, "Change the access permissions of the file given by file descriptor fd."},
    {"chown", posix_chown, kMethFastcall, "Change the owner and group id of path to the numeric uid and gid."},
    {"access", posix_access, kMethFastcall, "Use the real uid/gid to test for access to a path."},
    {"umask", posix_umask, kMethOneArg, "Set the current numeric umask and return the previous umask."},
    {"truncate", posix_truncate, kMethFastcall, "Truncate a file, specified by path, to a specific length."},
    {"utime", posix_utime, kMethFastcall, "Set the access and modified time of path."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::posix_module
