// stdlib/posix/posix_module.cpp — assembles the `posix` module (CPython's Modules/posixmodule.c),
// the platform layer `os` is built on: the theme files' functions (posix_path.cpp: fspath,
// strerror; posix_stat.cpp; posix_files.cpp; posix_scandir.cpp; posix_fd.cpp; posix_process.cpp;
// posix_env.cpp), the result types, the O_* / F_* / SEEK_* / W* / EX_* constants and
// `_have_functions` (the HAVE_* names os.py turns into supports_dir_fd, supports_fd...).
//
// Everything else of posix is absent (AttributeError), never faked. The module's attributes are
// set once at creation; `environ` is an ordinary dict that os.environ keeps in step.
#include <fcntl.h>
#include <limits.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "objects/descr.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "stdlib/posix/posix_internal.h"
#include "vm/module_table.h"

namespace weft::posix_module {
namespace {

struct IntConstant {
  const char* name;
  long value;
};

#define WEFT_POSIX_CONSTANT(name) {#name, name}
const IntConstant kConstants[] = {
    // access()
    WEFT_POSIX_CONSTANT(F_OK), WEFT_POSIX_CONSTANT(R_OK), WEFT_POSIX_CONSTANT(W_OK),
    WEFT_POSIX_CONSTANT(X_OK),
    WEFT_POSIX_CONSTANT(NGROUPS_MAX), WEFT_POSIX_CONSTANT(TMP_MAX),
    // waitpid()
    WEFT_POSIX_CONSTANT(WCONTINUED), WEFT_POSIX_CONSTANT(WNOHANG), WEFT_POSIX_CONSTANT(WUNTRACED),
    WEFT_POSIX_CONSTANT(WEXITED), WEFT_POSIX_CONSTANT(WSTOPPED), WEFT_POSIX_CONSTANT(WNOWAIT),
    // open()
    WEFT_POSIX_CONSTANT(O_RDONLY), WEFT_POSIX_CONSTANT(O_WRONLY), WEFT_POSIX_CONSTANT(O_RDWR),
    WEFT_POSIX_CONSTANT(O_NDELAY), WEFT_POSIX_CONSTANT(O_NONBLOCK), WEFT_POSIX_CONSTANT(O_APPEND),
    WEFT_POSIX_CONSTANT(O_DSYNC), WEFT_POSIX_CONSTANT(O_RSYNC), WEFT_POSIX_CONSTANT(O_SYNC),
    WEFT_POSIX_CONSTANT(O_NOCTTY), WEFT_POSIX_CONSTANT(O_CREAT), WEFT_POSIX_CONSTANT(O_EXCL),
    WEFT_POSIX_CONSTANT(O_TRUNC), WEFT_POSIX_CONSTANT(O_LARGEFILE), WEFT_POSIX_CONSTANT(O_PATH),
    WEFT_POSIX_CONSTANT(O_TMPFILE), WEFT_POSIX_CONSTANT(O_ACCMODE), WEFT_POSIX_CONSTANT(O_FSYNC),
    WEFT_POSIX_CONSTANT(O_ASYNC), WEFT_POSIX_CONSTANT(O_DIRECT), WEFT_POSIX_CONSTANT(O_DIRECTORY),
    WEFT_POSIX_CONSTANT(O_NOFOLLOW), WEFT_POSIX_CONSTANT(O_NOATIME), WEFT_POSIX_CONSTANT(O_CLOEXEC),
    // lseek()
    WEFT_POSIX_CONSTANT(SEEK_SET), WEFT_POSIX_CONSTANT(SEEK_CUR), WEFT_POSIX_CONSTANT(SEEK_END),
    WEFT_POSIX_CONSTANT(SEEK_DATA), WEFT_POSIX_CONSTANT(SEEK_HOLE),
    // lockf()
    WEFT_POSIX_CONSTANT(F_LOCK), WEFT_POSIX_CONSTANT(F_TLOCK), WEFT_POSIX_CONSTANT(F_ULOCK),
    WEFT_POSIX_CONSTANT(F_TEST),
    // exit statuses (<sysexits.h>)
    WEFT_POSIX_CONSTANT(EX_OK), WEFT_POSIX_CONSTANT(EX_USAGE), WEFT_POSIX_CONSTANT(EX_DATAERR),
    WEFT_POSIX_CONSTANT(EX_NOINPUT), WEFT_POSIX_CONSTANT(EX_NOUSER), WEFT_POSIX_CONSTANT(EX_NOHOST),
    WEFT_POSIX_CONSTANT(EX_UNAVAILABLE), WEFT_POSIX_CONSTANT(EX_SOFTWARE),
    WEFT_POSIX_CONSTANT(EX_OSERR), WEFT_POSIX_CONSTANT(EX_OSFILE), WEFT_POSIX_CONSTANT(EX_CANTCREAT),
    WEFT_POSIX_CONSTANT(EX_IOERR), WEFT_POSIX_CONSTANT(EX_TEMPFAIL), WEFT_POSIX_CONSTANT(EX_PROTOCOL),
    WEFT_POSIX_CONSTANT(EX_NOPERM), WEFT_POSIX_CONSTANT(EX_CONFIG),
    // statvfs() f_flag bits
    WEFT_POSIX_CONSTANT(ST_RDONLY), WEFT_POSIX_CONSTANT(ST_NOSUID), WEFT_POSIX_CONSTANT(ST_NODEV),
    WEFT_POSIX_CONSTANT(ST_NOEXEC), WEFT_POSIX_CONSTANT(ST_SYNCHRONOUS),
    WEFT_POSIX_CONSTANT(ST_MANDLOCK), WEFT_POSIX_CONSTANT(ST_WRITE), WEFT_POSIX_CONSTANT(ST_APPEND),
    WEFT_POSIX_CONSTANT(ST_NOATIME), WEFT_POSIX_CONSTANT(ST_NODIRATIME),
    WEFT_POSIX_CONSTANT(ST_RELATIME),
    {nullptr, 0},
};
#undef WEFT_POSIX_CONSTANT

// The HAVE_* features of the functions above (os.py builds supports_dir_fd, supports_fd,
// supports_follow_symlinks and supports_effective_ids from these).
const char* const kHaveFunctions[] = {
    "HAVE_FACCESSAT", "HAVE_FCHDIR",   "HAVE_FCHMOD",     "HAVE_FCHMODAT",  "HAVE_FCHOWN",
    "HAVE_FCHOWNAT",  "HAVE_FDOPENDIR", "HAVE_FEXECVE",   "HAVE_FPATHCONF", "HAVE_FSTATAT",
    "HAVE_FSTATVFS",  "HAVE_FTRUNCATE", "HAVE_FUTIMENS",  "HAVE_LINKAT",    "HAVE_LSTAT",
    "HAVE_MKDIRAT",   "HAVE_OPENAT",    "HAVE_READLINKAT", "HAVE_RENAMEAT", "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT",  "HAVE_UTIMENSAT",
};

Result<Ref<Object>> create_posix_module() {
  Ref<Object> m = TRY(module_new("posix"));
  Ref<Object> name = TRY(str_from_ascii("posix"));
  Object* d = module_dict(m.get());
  for (const MethodDef* table : {kPathFunctions, kStatFunctions, kFileFunctions, kScandirFunctions,
                                 kFdFunctions, kProcessFunctions, kEnvFunctions})
    TRY(add_functions_to_dict(d, table, m.get(), name.get()));
  for (const IntConstant* c = kConstants; c->name; ++c) {
    Ref<Object> v = TRY(int_from_i64(c->value));
    TRY(module_add_object(m.get(), c->name, v.get()));
  }
  Ref<Object> have = TRY(list_new());
  for (const char* feature : kHaveFunctions) {
    Ref<Object> s = TRY(str_from_ascii(feature));
    TRY(list_append(have.get(), s.get()));
  }
  TRY(module_add_object(m.get(), "_have_functions", have.get()));
  TRY(add_environ(m.get()));
  TRY(add_stat_objects(m.get()));
  TRY(add_fd_objects(m.get()));
  TRY(add_process_objects(m.get()));
  TRY(add_scandir_objects(m.get()));
  return m;
}

WEFT_NATIVE_MODULE("posix", create_posix_module);

}  // namespace
}  // namespace weft::posix_module
