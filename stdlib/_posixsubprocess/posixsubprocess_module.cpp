// stdlib/_posixsubprocess/posixsubprocess_module.cpp — `_posixsubprocess.fork_exec`, the call
// Lib/subprocess.py's POSIX Popen._execute_child makes to start a child: CPython 3.14's 22
// positional arguments and its child-to-parent error protocol.
//
// Why it is built this way: after fork() only the calling thread exists in the child, and any
// lock another thread held (malloc's, the runtime's) stays locked forever there. So everything
// the child needs — argv, envp, the executable candidates, the cwd, the groups, the descriptors
// to keep, a listing of open descriptors — is converted in the parent first (ChildPlan), and the
// child (run_child) makes only async-signal-safe system calls before it execs or _exits: no
// allocation, no locks, no Python. The parent forks while attached to the runtime and returns
// at once; the child never returns into the runtime.
//
// Error protocol (read by subprocess.py): on failure the child writes to errpipe_write
// "OSError:<errno in hex>:" followed by "noexec" (failed before exec), "noexec:chdir" (cwd could
// not be entered) or nothing (every exec candidate failed), then _exits with 255; a successful
// exec closes errpipe_write (it is close-on-exec), so the parent reads EOF.
//
// Not supported: preexec_fn (it runs Python in the child, which needs the after-fork runtime
// reset this runtime does not have yet): NotImplementedError.
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/posix/posix_internal.h"
#include "vm/module_table.h"

namespace weft::posixsubprocess_module {
namespace {

// Strings made in the parent and the NUL-terminated pointer array the exec calls take.
struct CStringArray {
  std::vector<std::string> storage;
  std::vector<char*> pointers;  // storage's c_str()s, then nullptr

  void seal() {
    pointers.clear();
    for (std::string& s : storage) pointers.push_back(s.data());
    pointers.push_back(nullptr);
  }
};

// Everything the child needs, prepared before fork().
struct ChildPlan {
  CStringArray argv;
  CStringArray executables;
  CStringArray env;
  bool has_env = false;
  std::string cwd;
  bool has_cwd = false;
  std::vector<int> fds_to_keep;  // sorted ascending
  std::vector<int> open_fds;     // /proc/self/fd before the fork (close_range fallback)
  std::vector<gid_t> groups;
  bool set_groups = false;
  int p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write;
  bool close_fds, restore_signals, call_setsid;
  pid_t pgid_to_set;
  bool set_gid = false, set_uid = false;
  gid_t gid = 0;
  uid_t uid = 0;
  int child_umask;
};

// ---- the child: async-signal-safe calls only ---------------------------------------------------

void write_all(int fd, const char* data, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
}

void write_text(int fd, const char* text) {
  size_t n = 0;
  while (text[n]) ++n;
  write_all(fd, text, n);
}

// Reports `err` to the parent ("OSError:<hex>:<suffix>") and exits.
[[noreturn]] void child_fail(const ChildPlan& p, int err, const char* suffix) {
  char hex[2 * sizeof(int) + 1];
  char* cur = hex + sizeof(hex);
  unsigned value = static_cast<unsigned>(err);
  do {
    *--cur = "0123456789abcdef"[value % 16];
    value /= 16;
  } while (value != 0 && cur != hex);
  write_text(p.errpipe_write, "OSError:");
  write_all(p.errpipe_write, cur, static_cast<size_t>(hex + sizeof(hex) - cur));
  write_text(p.errpipe_write, ":");
  write_text(p.errpipe_write, suffix);
  _exit(255);
}

bool set_inheritable(int fd, bool inheritable) {
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return false;
  int wanted = inheritable ? (flags & ~FD_CLOEXEC) : (flags | FD_CLOEXEC);
  return wanted == flags || fcntl(fd, F_SETFD, wanted) == 0;
}

bool keeps(const ChildPlan& p, int fd) {
  for (int k : p.fds_to_keep)
    if (k == fd) return true;
  return false;
}

// Closes every descriptor >= 3 that is not in fds_to_keep.
void close_open_fds(const ChildPlan& p) {
  unsigned start = 3;
  bool ranges_work = true;
  for (int keep : p.fds_to_keep) {
    if (keep < static_cast<int>(start)) continue;
    if (static_cast<unsigned>(keep) > start &&
        close_range(start, static_cast<unsigned>(keep) - 1, 0) != 0) {
      ranges_work = false;
      break;
    }
    start = static_cast<unsigned>(keep) + 1;
  }
  if (ranges_work && close_range(start, UINT_MAX, 0) == 0) return;
  // No close_range (old kernel): close what was open before the fork.
  for (int fd : p.open_fds)
    if (fd >= 3 && !keeps(p, fd)) close(fd);
}

[[noreturn]] void run_child(ChildPlan& p) {
  // The parent's ends of the pipes.
  if (p.p2cwrite != -1) close(p.p2cwrite);
  if (p.c2pread != -1) close(p.c2pread);
  if (p.errread != -1) close(p.errread);
  close(p.errpipe_read);

  // Moving descriptors onto 0, 1, 2 must not clobber one still to be moved.
  if (p.c2pwrite == 0) {
    p.c2pwrite = dup(p.c2pwrite);
    if (p.c2pwrite < 0 || !set_inheritable(p.c2pwrite, false)) child_fail(p, errno, "noexec");
  }
  while (p.errwrite == 0 || p.errwrite == 1) {
    p.errwrite = dup(p.errwrite);
    if (p.errwrite < 0 || !set_inheritable(p.errwrite, false)) child_fail(p, errno, "noexec");
  }
  // dup2 clears close-on-exec, except when it is a no-op: then clear it explicitly.
  const int sources[3] = {p.p2cread, p.c2pwrite, p.errwrite};
  for (int target = 0; target < 3; ++target) {
    int source = sources[target];
    if (source == target) {
      if (!set_inheritable(source, true)) child_fail(p, errno, "noexec");
    } else if (source != -1 && dup2(source, target) < 0) {
      child_fail(p, errno, "noexec");
    }
  }
  if (p.has_cwd && chdir(p.cwd.c_str()) != 0) child_fail(p, errno, "noexec:chdir");
  if (p.child_umask >= 0) umask(static_cast<mode_t>(p.child_umask));
  if (p.restore_signals) {
    signal(SIGPIPE, SIG_DFL);
    signal(SIGXFSZ, SIG_DFL);
  }
  if (p.call_setsid && setsid() < 0) child_fail(p, errno, "noexec");
  if (p.pgid_to_set >= 0 && setpgid(0, p.pgid_to_set) < 0) child_fail(p, errno, "noexec");
  if (p.set_groups && setgroups(p.groups.size(), p.groups.data()) < 0)
    child_fail(p, errno, "noexec");
  if (p.set_gid && setregid(p.gid, p.gid) < 0) child_fail(p, errno, "noexec");
  if (p.set_uid && setreuid(p.uid, p.uid) < 0) child_fail(p, errno, "noexec");

  // pass_fds stay open in the child (errpipe_write keeps its close-on-exec flag).
  for (int fd : p.fds_to_keep)
    if (fd != p.errpipe_write && !set_inheritable(fd, true)) child_fail(p, errno, "noexec");
  if (p.close_fds) close_open_fds(p);

  // The PATH search subprocess.py prepared (os._execvpe's rules): report the first error that
  // is not "no such file", else the last one.
  int first_error = 0;
  for (char* const* exe = p.executables.pointers.data(); *exe; ++exe) {
    if (p.has_env)
      execve(*exe, p.argv.pointers.data(), p.env.pointers.data());
    else
      execv(*exe, p.argv.pointers.data());
    if (errno != ENOENT && errno != ENOTDIR && first_error == 0) first_error = errno;
  }
  child_fail(p, first_error ? first_error : errno, "");
}

// ---- the parent: converting the arguments -------------------------------------------------------

// The items of a sequence argument, each through os.fsencode's rules.
Status fs_strings(Object* sequence, CStringArray* out) {
  Ref<Object> items = TRY(tuple_from_iterable(sequence));
  for (int64_t i = 0; i < tuple_size(items.get()); ++i) {
    std::string text;
    TRY(posix_module::fs_convert(tuple_item(items.get(), i), &text));
    out->storage.push_back(std::move(text));
  }
  out->seal();
  return ok();
}

// pass_fds: a tuple of distinct non-negative ints in ascending order.
Status fds_to_keep(Object* fds, std::vector<int>* out) {
  if (!is_tuple(fds))
    return raise(exc::TypeError, "fork_exec() argument 4 must be tuple, not {}",
                 type_name_of(fds));
  int64_t previous = -1;
  for (int64_t i = 0; i < tuple_size(fds); ++i) {
    Object* item = tuple_item(fds, i);
    int64_t fd;
    if (!is_int(item) || !int_to_i64(item, &fd) || fd <= previous || fd > INT_MAX)
      return raise(exc::ValueError, "bad value(s) in fds_to_keep");
    out->push_back(static_cast<int>(fd));
    previous = fd;
  }
  return ok();
}

// A uid/gid argument (None = leave unchanged).
Result<bool> id_argument(Object* value, const char* what, int64_t* out) {
  if (is_none(value)) return false;
  int64_t id = TRY(index_as_i64(value));
  if (id < -1 || id > UINT32_MAX)
    return raise(exc::OverflowError, "{} is greater than maximum", what);
  *out = id;
  return true;
}

Status groups_argument(Object* value, ChildPlan* plan) {
  if (is_none(value)) return ok();
  if (!is_list(value)) return raise(exc::TypeError, "setgroups argument must be a list");
  Ref<Object> items = TRY(tuple_from_iterable(value));
  for (int64_t i = 0; i < tuple_size(items.get()); ++i) {
    int64_t gid;
    TRY(id_argument(tuple_item(items.get(), i), "gid", &gid));
    plan->groups.push_back(static_cast<gid_t>(gid));
  }
  plan->set_groups = true;
  return ok();
}

// The descriptors open now, for the child's fallback when close_range(2) is missing.
void list_open_fds(std::vector<int>* out) {
  DIR* dir = opendir("/proc/self/fd");
  if (!dir) return;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    out->push_back(std::atoi(entry->d_name));
  }
  closedir(dir);
}

// fork_exec(args, executable_list, close_fds, pass_fds, cwd, env, p2cread, p2cwrite, c2pread,
//           c2pwrite, errread, errwrite, errpipe_read, errpipe_write, restore_signals,
//           call_setsid, pgid_to_set, gid, extra_groups, uid, child_umask, preexec_fn, /)
Result<Ref<Object>> fork_exec(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("_posixsubprocess.fork_exec", kwnames));
  TRY(args_check_positional("fork_exec", nargs, 22, 22));
  ChildPlan plan;
  plan.close_fds = TRY(object_is_true(args[2]));
  TRY(fds_to_keep(args[3], &plan.fds_to_keep));
  int* const fds[8] = {&plan.p2cread, &plan.p2cwrite,     &plan.c2pread,      &plan.c2pwrite,
                       &plan.errread, &plan.errwrite,     &plan.errpipe_read, &plan.errpipe_write};
  for (int i = 0; i < 8; ++i) *fds[i] = TRY(posix_module::convert_int(args[6 + i]));
  if (plan.close_fds && plan.errpipe_write < 3)
    return raise(exc::ValueError, "errpipe_write must be >= 3");
  plan.restore_signals = TRY(object_is_true(args[14]));
  plan.call_setsid = TRY(object_is_true(args[15]));
  plan.pgid_to_set = static_cast<pid_t>(TRY(posix_module::convert_int(args[16])));
  int64_t id;
  if ((plan.set_gid = TRY(id_argument(args[17], "gid", &id)))) plan.gid = static_cast<gid_t>(id);
  TRY(groups_argument(args[18], &plan));
  if ((plan.set_uid = TRY(id_argument(args[19], "uid", &id)))) plan.uid = static_cast<uid_t>(id);
  plan.child_umask = TRY(posix_module::convert_int(args[20]));
  if (!is_none(args[21]))
    return raise(exc::NotImplementedError,
                 "preexec_fn is not supported: it would run Python code in the forked child");
  if (!is_none(args[0])) TRY(fs_strings(args[0], &plan.argv));
  else plan.argv.seal();
  TRY(fs_strings(args[1], &plan.executables));
  if (!is_none(args[4])) {
    TRY(posix_module::fs_convert(args[4], &plan.cwd));
    plan.has_cwd = true;
  }
  if (!is_none(args[5])) {
    TRY(fs_strings(args[5], &plan.env));
    plan.has_env = true;
  }
  if (plan.close_fds) list_open_fds(&plan.open_fds);

  pid_t pid = fork();
  if (pid == 0) run_child(plan);  // never returns
  if (pid < 0) return raise_os_error(errno);
  return int_from_i64(pid);
}

const MethodDef kFunctions[] = {
    {"fork_exec", fork_exec, kMethFastcall,
     "Spawn a fresh new child process.\n\nFork a child process, close parent file descriptors "
     "as appropriate in the\nchild and duplicate the few that are needed before calling exec() "
     "in the\nchild process.\n\nIf close_fds is True, close file descriptors 3 and higher, "
     "except those listed\nin the sorted tuple pass_fds.\n\nThe preexec_fn, if supplied, will be "
     "called immediately before closing file\ndescriptors and exec.\n\nWARNING: preexec_fn is "
     "NOT SAFE if your application uses threads.\n         It may trigger infrequent, difficult "
     "to debug deadlocks.\n\nIf an error occurs in the child process before the exec, it is\n"
     "serialized and written to the errpipe_write fd per subprocess.py.\n\nReturns: the child "
     "process's PID.\n\nRaises: Only on an error in the parent process."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_posixsubprocess_module() {
  Ref<Object> m = TRY(module_new("_posixsubprocess"));
  Object* dict = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("_posixsubprocess"));
  TRY(add_functions_to_dict(dict, kFunctions, m.get(), name.get()));
  Ref<Object> doc = TRY(str_from_ascii("A POSIX helper for the subprocess module."));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  return m;
}

WEFT_NATIVE_MODULE("_posixsubprocess", create_posixsubprocess_module);

}  // namespace
}  // namespace weft::posixsubprocess_module
