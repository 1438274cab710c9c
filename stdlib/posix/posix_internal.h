// stdlib/posix/posix_internal.h — what the theme files of the `posix` module share: the path and
// file-descriptor argument converters (CPython's path_converter / dir_fd_converter with their
// messages), EINTR-retrying system calls, and each file's function table.
#pragma once

#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdint>
#include <string>

#include "core/thread_state.h"
#include "objects/args.h"
#include "objects/ref.h"
#include "objects/structseq.h"
#include "objects/type.h"
#include "vm/signals.h"

namespace weft::posix_module {

// A path argument: str, bytes or os.PathLike (and, when allowed, an int file descriptor or None).
// `text` is the file-system encoding (UTF-8, surrogateescape) of the path, NUL-terminated; it
// decodes back to the same str (path_result), so path arithmetic may work on it directly.
struct PathArg {
  PathArg(const char* function_name, const char* argument_name)
      : function(function_name), argname(argument_name) {}

  const char* function;   // "stat": used in messages
  const char* argname;    // "path"
  bool nullable = false;  // None accepted (means "." for listdir/scandir)
  bool allow_fd = false;  // an int accepted as a file descriptor
  bool allow_nul = false; // embedded NUL characters accepted (pure path arithmetic)
  Ref<Object> object;     // the argument as given (for OSError.filename); None when omitted
  std::string text;
  int fd = -1;            // >= 0 when an fd was given
  bool is_bytes = false;  // results made from this path are bytes (bytes or bytes __fspath__)
  bool given_none = false;
  const char* c_str() const { return text.c_str(); }
};
// Fills `path` from `arg` (nullptr = omitted, only for nullable paths). Messages as CPython:
// "stat: path should be string, bytes, os.PathLike or integer, not list",
// "stat: embedded null character in path".
Status convert_path(Object* arg, PathArg* path);

// CPython's PyUnicode_FSConverter: str (encoded), bytes or os.PathLike into `out`; TypeError
// "expected str, bytes or os.PathLike object, not int", ValueError "embedded null byte".
Status fs_convert(Object* arg, std::string* out);

// dir_fd=None -> AT_FDCWD, else an int fd.
Result<int> convert_dir_fd(Object* arg);
// A file descriptor argument (through __index__, fitting a C int).
Result<int> convert_fd(Object* arg);
// An integer argument fitting a C int (OverflowError otherwise).
Result<int> convert_int(Object* arg);
// follow_symlinks and other bool keyword flags (object truth; default when nullptr).
Result<bool> convert_bool(Object* arg, bool default_value);

// OSError for errno (with path.object as filename when given).
Error raise_errno(int err);
Error raise_errno_path(int err, const PathArg& path);
Error raise_errno_paths(int err, const PathArg& a, const PathArg& b);

// A path (or directory entry name) as str (UTF-8 surrogateescape) or bytes, as `as_bytes` says.
Result<Ref<Object>> path_result(std::string_view text, bool as_bytes);
// The file-system decoding of `text` as a str.
Result<Ref<Object>> fs_decode(std::string_view text);

// Runs `call` (a system call returning -1 and errno on failure) detached from the runtime,
// retrying after EINTR once Python signal handlers ran (PEP 475). Returns its result, or an
// error with errno preserved in *err (the caller raises).
template <class F>
Result<long> blocking_call(F&& call, int* err) {
  for (;;) {
    long rc;
    int saved;
    {
      core::DetachGuard detached;
      rc = static_cast<long>(call());
      saved = errno;
    }
    if (rc != -1 || saved != EINTR) {
      *err = saved;
      return rc;
    }
    TRY(vm::signals::check_signals());
  }
}

// listdir/scandir's argument: parses the optional path (str, bytes, PathLike, fd or None for
// ".") into *path with `parser` and opens the directory (for an fd, a rewound duplicate of it),
// detached. posix_files.cpp.
Result<DIR*> open_directory_argument(const ArgParser& parser, Object* const* args, size_t nargs,
                                     Object* kwnames, PathArg* path);

// The struct sequences posix returns.
extern StructSeqType StatResultType;
extern StructSeqType TerminalSizeType;
// os.stat_result from a struct stat (posix_stat.cpp).
Result<Ref<Object>> stat_result_from(const struct stat& st);

// Function tables of the theme files, assembled by posix_module.cpp.
extern const MethodDef kPathFunctions[];     // posix_path.cpp: fspath, strerror
extern const MethodDef kFileFunctions[];     // posix_files.cpp
extern const MethodDef kStatFunctions[];     // posix_stat.cpp
extern const MethodDef kFdFunctions[];       // posix_fd.cpp
extern const MethodDef kProcessFunctions[];  // posix_process.cpp
extern const MethodDef kEnvFunctions[];      // posix_env.cpp
extern const MethodDef kScandirFunctions[];  // posix_scandir.cpp

// Module attributes that are not functions.
Status add_environ(Object* module);            // posix_env.cpp: environ (bytes -> bytes)
Status add_process_objects(Object* module);    // posix_process.cpp: result types, W* constants
Status add_stat_objects(Object* module);       // posix_stat.cpp: stat_result, statvfs_result
Status add_fd_objects(Object* module);         // posix_fd.cpp: terminal_size
Status add_scandir_objects(Object* module);    // posix_scandir.cpp: DirEntry

}  // namespace weft::posix_module
