// stdlib/_stat/stat_module.cpp — the `_stat` module (CPython's Modules/_stat.c): the S_IS*
// predicates, S_IMODE/S_IFMT, filemode() and the S_*/UF_*/SF_*/ST_* constants. Lib/stat.py
// imports it over its pure-Python definitions, so os.path and shutil test modes natively.
// Stateless: nothing here locks.
#include <sys/stat.h>

#include <cstdint>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "vm/module_table.h"

namespace weft::stat_module {
namespace {

// Constants with no Linux counterpart keep CPython's fallback values (0 for the file types
// Linux lacks, the BSD/macOS numbers for the file flags).
constexpr uint32_t kIFDOOR = 0, kIFPORT = 0, kIFWHT = 0;

// A mode argument (CPython's _PyLong_AsMode_t): an int fitting mode_t.
Result<mode_t> mode_arg(Object* arg) {
  Ref<Object> index = TRY(number_index(arg));
  if (int_sign(index.get()) < 0)
    return raise(exc::OverflowError, "can't convert negative value to unsigned int");
  int64_t v;
  if (!int_to_i64(index.get(), &v))
    return raise(exc::OverflowError, "Python int too large to convert to C unsigned long");
  if (static_cast<uint64_t>(v) > UINT32_MAX) return raise(exc::OverflowError, "mode out of range");
  return static_cast<mode_t>(v);
}

template <uint32_t kType>
Result<Ref<Object>> is_type(Object*, Object* const* args, size_t, Object*) {
  mode_t mode = TRY(mode_arg(args[0]));
  return new_bool(kType != 0 && (mode & S_IFMT) == kType);
}

Result<Ref<Object>> stat_imode(Object*, Object* const* args, size_t, Object*) {
  return int_from_i64(TRY(mode_arg(args[0])) & 07777);
}

Result<Ref<Object>> stat_ifmt(Object*, Object* const* args, size_t, Object*) {
  return int_from_i64(TRY(mode_arg(args[0])) & S_IFMT);
}

// The file type letter of ls -l.
char type_char(mode_t mode) {
  switch (mode & S_IFMT) {
    case S_IFREG: return '-';
    case S_IFDIR: return 'd';
    case S_IFLNK: return 'l';
    case S_IFBLK: return 'b';
    case S_IFCHR: return 'c';
    case S_IFIFO: return 'p';
    case S_IFSOCK: return 's';
    default: return '?';
  }
}

// One rwx triple; `special` (setuid, setgid or sticky) replaces the x with `set_exec` or, when
// not executable, `set_noexec`.
void permission_triple(mode_t mode, mode_t r, mode_t w, mode_t x, mode_t special, char set_exec,
                       char set_noexec, char* out) {
  out[0] = mode & r ? 'r' : '-';
  out[1] = mode & w ? 'w' : '-';
  if (mode & special) out[2] = mode & x ? set_exec : set_noexec;
  else out[2] = mode & x ? 'x' : '-';
}

Result<Ref<Object>> stat_filemode(Object*, Object* const* args, size_t, Object*) {
  mode_t mode = TRY(mode_arg(args[0]));
  char buf[10];
  buf[0] = type_char(mode);
  permission_triple(mode, S_IRUSR, S_IWUSR, S_IXUSR, S_ISUID, 's', 'S', buf + 1);
  permission_triple(mode, S_IRGRP, S_IWGRP, S_IXGRP, S_ISGID, 's', 'S', buf + 4);
  permission_triple(mode, S_IROTH, S_IWOTH, S_IXOTH, S_ISVTX, 't', 'T', buf + 7);
  return str_from_ascii(std::string_view(buf, sizeof buf));
}

#define WEFT_STAT_PREDICATE(name, type, what)                                                  \
  {#name, is_type<type>, kMethOneArg,                                                          \
   #name "(mode) -> bool\n\nReturn True if mode is from " what "."}
const MethodDef kStatFunctions[] = {
    WEFT_STAT_PREDICATE(S_ISDIR, S_IFDIR, "a directory"),
    WEFT_STAT_PREDICATE(S_ISCHR, S_IFCHR, "a character special device file"),
    WEFT_STAT_PREDICATE(S_ISBLK, S_IFBLK, "a block special device file"),
    WEFT_STAT_PREDICATE(S_ISREG, S_IFREG, "a regular file"),
    WEFT_STAT_PREDICATE(S_ISFIFO, S_IFIFO, "a FIFO (named pipe)"),
    WEFT_STAT_PREDICATE(S_ISLNK, S_IFLNK, "a symbolic link"),
    WEFT_STAT_PREDICATE(S_ISSOCK, S_IFSOCK, "a socket"),
    WEFT_STAT_PREDICATE(S_ISDOOR, kIFDOOR, "a door"),
    WEFT_STAT_PREDICATE(S_ISPORT, kIFPORT, "an event port"),
    WEFT_STAT_PREDICATE(S_ISWHT, kIFWHT, "a whiteout"),
    {"S_IMODE", stat_imode, kMethOneArg,
     "Return the portion of the file's mode that can be set by os.chmod()."},
    {"S_IFMT", stat_ifmt, kMethOneArg,
     "Return the portion of the file's mode that describes the file type."},
    {"filemode", stat_filemode, kMethOneArg,
     "Convert a file's mode to a string of the form '-rwxrwxrwx'"},
    {nullptr, nullptr, 0, nullptr},
};
#undef WEFT_STAT_PREDICATE

struct Constant {
  const char* name;
  int64_t value;
};
const Constant kConstants[] = {
    {"S_IFDIR", S_IFDIR},   {"S_IFCHR", S_IFCHR},     {"S_IFBLK", S_IFBLK},
    {"S_IFREG", S_IFREG},   {"S_IFIFO", S_IFIFO},     {"S_IFLNK", S_IFLNK},
    {"S_IFSOCK", S_IFSOCK}, {"S_IFDOOR", kIFDOOR},    {"S_IFPORT", kIFPORT},
    {"S_IFWHT", kIFWHT},    {"S_ISUID", S_ISUID},     {"S_ISGID", S_ISGID},
    {"S_ISVTX", S_ISVTX},   {"S_ENFMT", S_ISGID},     {"S_IREAD", S_IRUSR},
    {"S_IWRITE", S_IWUSR},  {"S_IEXEC", S_IXUSR},     {"S_IRWXU", S_IRWXU},
    {"S_IRUSR", S_IRUSR},   {"S_IWUSR", S_IWUSR},     {"S_IXUSR", S_IXUSR},
    {"S_IRWXG", S_IRWXG},   {"S_IRGRP", S_IRGRP},     {"S_IWGRP", S_IWGRP},
    {"S_IXGRP", S_IXGRP},   {"S_IRWXO", S_IRWXO},     {"S_IROTH", S_IROTH},
    {"S_IWOTH", S_IWOTH},   {"S_IXOTH", S_IXOTH},     {"UF_SETTABLE", 0x0000ffff},
    {"UF_NODUMP", 0x1},     {"UF_IMMUTABLE", 0x2},    {"UF_APPEND", 0x4},
    {"UF_OPAQUE", 0x8},     {"UF_NOUNLINK", 0x10},    {"UF_COMPRESSED", 0x20},
    {"UF_TRACKED", 0x40},   {"UF_DATAVAULT", 0x80},   {"UF_HIDDEN", 0x8000},
    {"SF_SETTABLE", 0xffff0000}, {"SF_ARCHIVED", 0x10000}, {"SF_IMMUTABLE", 0x20000},
    {"SF_APPEND", 0x40000}, {"SF_NOUNLINK", 0x100000}, {"SF_SNAPSHOT", 0x200000},
    {"SF_FIRMLINK", 0x800000}, {"SF_DATALESS", 0x40000000},
    {"ST_MODE", 0},         {"ST_INO", 1},            {"ST_DEV", 2},
    {"ST_NLINK", 3},        {"ST_UID", 4},            {"ST_GID", 5},
    {"ST_SIZE", 6},         {"ST_ATIME", 7},          {"ST_MTIME", 8},
    {"ST_CTIME", 9},        {nullptr, 0},
};

Result<Ref<Object>> create_stat_module() {
  Ref<Object> m = TRY(module_new("_stat"));
  Ref<Object> name = TRY(str_from_ascii("_stat"));
  TRY(add_functions_to_dict(module_dict(m.get()), kStatFunctions, m.get(), name.get()));
  for (const Constant* c = kConstants; c->name; ++c) {
    Ref<Object> v = TRY(int_from_i64(c->value));
    TRY(module_add_object(m.get(), c->name, v.get()));
  }
  return m;
}

WEFT_NATIVE_MODULE("_stat", create_stat_module);

}  // namespace
}  // namespace weft::stat_module
