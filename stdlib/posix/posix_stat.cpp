// stdlib/posix/posix_stat.cpp — os.stat_result and os.statvfs_result, and the calls that make
// them: stat (path, fd, dir_fd, follow_symlinks), lstat, fstat, statvfs, fstatvfs.
//
// Each call runs detached (a stat on a network file system may block) and retries on EINTR.
// The results are immutable struct sequences; nothing here locks.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/tuple.h"
#include "stdlib/posix/posix_internal.h"

namespace weft::posix_module {

namespace {

const StructSeqField kStatResultFields[] = {
    {"st_mode", "protection bits"},
    {"st_ino", "inode"},
    {"st_dev", "device"},
    {"st_nlink", "number of hard links"},
    {"st_uid", "user ID of owner"},
    {"st_gid", "group ID of owner"},
    {"st_size", "total size, in bytes"},
    // The integer times, visible by index only.
    {kStructSeqUnnamed, "integer time of last access"},
    {kStructSeqUnnamed, "integer time of last modification"},
    {kStructSeqUnnamed, "integer time of last change"},
    {"st_atime", "time of last access"},
    {"st_mtime", "time of last modification"},
    {"st_ctime", "time of last change"},
    {"st_atime_ns", "time of last access in nanoseconds"},
    {"st_mtime_ns", "time of last modification in nanoseconds"},
    {"st_ctime_ns", "time of last change in nanoseconds"},
    {"st_blksize", "blocksize for filesystem I/O"},
    {"st_blocks", "number of blocks allocated"},
    {"st_rdev", "device type (if inode device)"},
    {nullptr, nullptr},
};
// os.stat_result(...) made from a 10-sequence has None float times: take the integer ones, as
// CPython's statresult_new does.
Result<Ref<Object>> stat_result_vnew(Type* type, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  Ref<Object> r = TRY(structseq_vnew(type, args, nargs, kwnames));
  // `r` is still private to this call, so its items may be replaced in place.
  Object** items = static_cast<TupleObject*>(r.get())->items;
  for (int k = 0; k < 3; ++k) {
    if (!is_none(items[10 + k])) continue;
    Object* old = items[10 + k];
    items[10 + k] = new_ref(items[7 + k]).release();
    decref(old);
  }
  return r;
}

const StructSeqDesc kStatResultDesc = {
    "os.stat_result",
    "stat_result: Result from stat, fstat, or lstat.\n\nThis object may be accessed either as a "
    "tuple of\n  (mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime)\nor via the "
    "attributes st_mode, st_ino, st_dev, st_nlink, st_uid, and so on.\n\nPosix/windows: If your "
    "platform supports st_blksize, st_blocks, st_rdev,\nor st_flags, they are available as "
    "attributes only.\n\nSee os.stat for more information.",
    kStatResultFields, 10, true, stat_result_vnew};

const StructSeqField kStatvfsResultFields[] = {
    {"f_bsize", nullptr}, {"f_frsize", nullptr}, {"f_blocks", nullptr}, {"f_bfree", nullptr},
    {"f_bavail", nullptr}, {"f_files", nullptr}, {"f_ffree", nullptr}, {"f_favail", nullptr},
    {"f_flag", nullptr}, {"f_namemax", nullptr}, {"f_fsid", nullptr}, {nullptr, nullptr},
};
const StructSeqDesc kStatvfsResultDesc = {
    "os.statvfs_result",
    "statvfs_result: Result from statvfs or fstatvfs.\n\nThis object may be accessed either as a "
    "tuple of\n  (bsize, frsize, blocks, bfree, bavail, files, ffree, favail, flag, namemax),\nor "
    "via the attributes f_bsize, f_frsize, f_blocks, f_bfree, and so on.\n\nSee os.statvfs for "
    "more information.",
    kStatvfsResultFields, 10};
StructSeqType StatvfsResultType;
WEFT_REGISTER_STRUCTSEQ(StatvfsResultType, kStatvfsResultDesc);

Result<Ref<Object>> u64(uint64_t v) { return int_from_u64(v); }
Result<Ref<Object>> i64(int64_t v) { return int_from_i64(v); }

}  // namespace

StructSeqType StatResultType;
WEFT_REGISTER_STRUCTSEQ(StatResultType, kStatResultDesc);

Result<Ref<Object>> stat_result_from(const struct stat& st) {
  const timespec* times[3] = {&st.st_atim, &st.st_mtim, &st.st_ctim};
  Ref<Object> items[19];
  items[0] = TRY(u64(st.st_mode));
  items[1] = TRY(u64(st.st_ino));
  items[2] = TRY(u64(st.st_dev));
  items[3] = TRY(u64(st.st_nlink));
  items[4] = TRY(u64(st.st_uid));
  items[5] = TRY(u64(st.st_gid));
  items[6] = TRY(i64(st.st_size));
  for (int k = 0; k < 3; ++k) {
    int64_t sec = times[k]->tv_sec, nsec = times[k]->tv_nsec;
    items[7 + k] = TRY(i64(sec));
    items[10 + k] = TRY(float_from_double(static_cast<double>(sec) + nsec * 1e-9));
    // sec * 10**9 + nsec may exceed int64 for far-future times: compute it as a Python int.
    Ref<Object> billion = TRY(i64(1'000'000'000));
    Ref<Object> scaled = TRY(binary_op(items[7 + k].get(), billion.get(), BinaryOp::Multiply));
    Ref<Object> frac = TRY(i64(nsec));
    items[13 + k] = TRY(binary_op(scaled.get(), frac.get(), BinaryOp::Add));
  }
  items[16] = TRY(i64(st.st_blksize));
  items[17] = TRY(i64(st.st_blocks));
  items[18] = TRY(u64(st.st_rdev));
  return structseq_from_items(&StatResultType, items);
}

namespace {

// stat(path, *, dir_fd=None, follow_symlinks=True) and lstat (follow_symlinks forced off).
Result<Ref<Object>> do_stat(const char* fname, Object* path_arg, Object* dir_fd_arg,
                            bool follow_symlinks) {
  PathArg path{fname, "path"};
  path.allow_fd = true;
  TRY(convert_path(path_arg, &path));
  int dir_fd = TRY(convert_dir_fd(dir_fd_arg));
  if (path.fd >= 0 && (dir_fd != AT_FDCWD || !follow_symlinks))
    return raise(exc::ValueError, "{}: cannot use fd and {} together", fname,
                 dir_fd != AT_FDCWD ? "dir_fd" : "follow_symlinks");
  struct stat st;
  int err = 0;
  long rc = TRY(blocking_call(
      [&] {
        if (path.fd >= 0) return fstat(path.fd, &st);
        return fstatat(dir_fd, path.c_str(), &st, follow_symlinks ? 0 : AT_SYMLINK_NOFOLLOW);
      },
      &err));
  if (rc != 0) return raise_errno_path(err, path);
  return stat_result_from(st);
}

Result<Ref<Object>> posix_stat(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("stat", "path * | dir_fd follow_symlinks");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  return do_stat("stat", a[0], a[1], TRY(convert_bool(a[2], true)));
}

Result<Ref<Object>> posix_lstat(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("lstat", "path * | dir_fd");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  return do_stat("lstat", a[0], a[1], false);
}

Result<Ref<Object>> posix_fstat(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("fstat", "fd");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int fd = TRY(convert_fd(a[0]));
  struct stat st;
  int err = 0;
  long rc = TRY(blocking_call([&] { return fstat(fd, &st); }, &err));
  if (rc != 0) return raise_errno(err);
  return stat_result_from(st);
}

Result<Ref<Object>> statvfs_result_from(const struct statvfs& st) {
  Ref<Object> items[11];
  const uint64_t values[10] = {st.f_bsize, st.f_frsize, st.f_blocks, st.f_bfree, st.f_bavail,
                               st.f_files, st.f_ffree, st.f_favail, st.f_flag,  st.f_namemax};
  for (int i = 0; i < 10; ++i) items[i] = TRY(u64(values[i]));
  items[10] = TRY(u64(st.f_fsid));
  return structseq_from_items(&StatvfsResultType, items);
}

Result<Ref<Object>> posix_statvfs(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("statvfs", "path");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg path{"statvfs", "path"};
  path.allow_fd = true;
  TRY(convert_path(a[0], &path));
  struct statvfs st;
  int err = 0;
  long rc = TRY(blocking_call(
      [&] { return path.fd >= 0 ? fstatvfs(path.fd, &st) : statvfs(path.c_str(), &st); }, &err));
  if (rc != 0) return raise_errno_path(err, path);
  return statvfs_result_from(st);
}

Result<Ref<Object>> posix_fstatvfs(Object*, Object* const* args, size_t, Object*) {
  int fd = TRY(convert_fd(args[0]));
  struct statvfs st;
  int err = 0;
  long rc = TRY(blocking_call([&] { return fstatvfs(fd, &st); }, &err));
  if (rc != 0) return raise_errno(err);
  return statvfs_result_from(st);
}

}  // namespace

const MethodDef kStatFunctions[] = {
    {"stat", posix_stat, kMethFastcall,
     "Perform a stat system call on the given path.\n\n  path\n    Path to be examined; can be "
     "string, bytes, a path-like object or open-file-descriptor int.\n  dir_fd\n    If not None, "
     "it should be a file descriptor open to a directory,\n    and path should be a relative "
     "string; path will then be relative to\n    that directory.\n  follow_symlinks\n    If "
     "False, and the last element of the path is a symbolic link,\n    stat will examine the "
     "symbolic link itself instead of the file\n    the link points to."},
    {"lstat", posix_lstat, kMethFastcall,
     "Perform a stat system call on the given path, without following symbolic links.\n\nLike "
     "stat(), but do not follow symbolic links.\nEquivalent to stat(path, "
     "follow_symlinks=False)."},
    {"fstat", posix_fstat, kMethFastcall,
     "Perform a stat system call on the given file descriptor.\n\nLike stat(), but for an open "
     "file descriptor.\nEquivalent to os.stat(fd)."},
    {"statvfs", posix_statvfs, kMethFastcall,
     "Perform a statvfs system call on the given path.\n\npath may always be specified as a "
     "string.\nOn some platforms, path may also be specified as an open file descriptor.\n  If "
     "this functionality is unavailable, using it raises an exception."},
    {"fstatvfs", posix_fstatvfs, kMethOneArg,
     "Perform an fstatvfs system call on the given fd.\n\nEquivalent to statvfs(fd)."},
    {nullptr, nullptr, 0, nullptr},
};

Status add_stat_objects(Object* module) {
  TRY(module_add_object(module, "stat_result", &StatResultType));
  return module_add_object(module, "statvfs_result", &StatvfsResultType);
}

}  // namespace weft::posix_module
