// stdlib/posix/posix_process.cpp — the process and its system: ids (getpid, getuid...,
// getgroups, getlogin), uname, times, cpu_count, urandom, sysconf/confstr/pathconf with their
// name tables, kill/killpg, waitpid, the W* status macros, waitstatus_to_exitcode, _exit,
// execv/execve; and os.uname_result / os.times_result.
//
// waitpid runs detached and retries after EINTR once signal handlers ran (PEP 475). Not here:
// fork (the child must first drop every other thread's state, locks and parking-lot waiters,
// which needs runtime support that does not exist yet), posix_spawn, register_at_fork.
// Stateless: nothing here locks.
#include <signal.h>
#include <sys/random.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/posix/posix_internal.h"

namespace weft::posix_module {
namespace {

const StructSeqField kUnameFields[] = {
    {"sysname", "operating system name"},
    {"nodename", "name of machine on network (implementation-defined)"},
    {"release", "operating system release"},
    {"version", "operating system version"},
    {"machine", "hardware identifier"},
    {nullptr, nullptr},
};
const StructSeqDesc kUnameDesc = {
    "posix.uname_result",
    "uname_result: Result from os.uname().\n\nThis object may be accessed either as a tuple of\n"
    "  (sysname, nodename, release, version, machine),\nor via the attributes sysname, nodename, "
    "release, version, and machine.\n\nSee os.uname for more information.",
    kUnameFields, 5};
StructSeqType UnameResultType;
WEFT_REGISTER_STRUCTSEQ(UnameResultType, kUnameDesc);

const StructSeqField kTimesFields[] = {
    {"user", "user time"},
    {"system", "system time"},
    {"children_user", "user time of children"},
    {"children_system", "system time of children"},
    {"elapsed", "elapsed time since an arbitrary point in the past"},
    {nullptr, nullptr},
};
const StructSeqDesc kTimesDesc = {
    "posix.times_result",
    "times_result: Result from os.times().\n\nThis object may be accessed either as a tuple of\n"
    "  (user, system, children_user, children_system, elapsed),\nor via the attributes user, "
    "system, children_user, children_system,\nand elapsed.\n\nSee os.times for more "
    "information.",
    kTimesFields, 5};
StructSeqType TimesResultType;
WEFT_REGISTER_STRUCTSEQ(TimesResultType, kTimesDesc);

template <class Id, Id (*kGet)()>
Result<Ref<Object>> id_of(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(static_cast<int64_t>(kGet()));
}

Result<Ref<Object>> posix_getgroups(Object*, Object* const*, size_t, Object*) {
  int n = getgroups(0, nullptr);
  if (n < 0) return raise_errno(errno);
  std::vector<gid_t> groups(static_cast<size_t>(n));
  n = getgroups(n, groups.data());
  if (n < 0) return raise_errno(errno);
  Ref<Object> list = TRY(list_new());
  for (int i = 0; i < n; ++i) {
    Ref<Object> g = TRY(int_from_u64(groups[static_cast<size_t>(i)]));
    TRY(list_append(list.get(), g.get()));
  }
  return list;
}

Result<Ref<Object>> posix_getlogin(Object*, Object* const*, size_t, Object*) {
  char buf[256];
  int err = getlogin_r(buf, sizeof buf);
  if (err != 0) return raise_errno(err);
  return fs_decode(buf);
}

Result<Ref<Object>> posix_uname(Object*, Object* const*, size_t, Object*) {
  utsname u;
  if (uname(&u) != 0) return raise_errno(errno);
  const char* fields[5] = {u.sysname, u.nodename, u.release, u.version, u.machine};
  Ref<Object> items[5];
  for (int i = 0; i < 5; ++i) items[i] = TRY(fs_decode(fields[i]));
  return structseq_from_items(&UnameResultType, items);
}

Result<Ref<Object>> posix_times(Object*, Object* const*, size_t, Object*) {
  tms t;
  clock_t elapsed = times(&t);
  if (elapsed == static_cast<clock_t>(-1)) return raise_errno(errno);
  double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double values[5] = {t.tms_utime / ticks, t.tms_stime / ticks, t.tms_cutime / ticks,
                            t.tms_cstime / ticks, elapsed / ticks};
  Ref<Object> items[5];
  for (int i = 0; i < 5; ++i) items[i] = TRY(float_from_double(values[i]));
  return structseq_from_items(&TimesResultType, items);
}

// os.cpu_count(): online processors, or None when the system cannot tell.
Result<Ref<Object>> posix_cpu_count(Object*, Object* const*, size_t, Object*) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1) return new_none();
  return int_from_i64(n);
}

Result<Ref<Object>> posix_urandom(Object*, Object* const* args, size_t, Object*) {
  int64_t n = TRY(index_as_i64(args[0]));
  if (n < 0) return raise(exc::ValueError, "negative argument not allowed");
  Ref<Object> out = TRY(bytes_new_uninitialized(n));
  char* data = bytes_mutable_data(out.get());
  int64_t done = 0;
  while (done < n) {
    int err = 0;
    long got = TRY(blocking_call(
        [&] { return getrandom(data + done, static_cast<size_t>(n - done), 0); }, &err));
    if (got < 0) return raise_errno(err);
    done += got;
  }
  return out;
}

// --- sysconf / confstr / pathconf ------------------------------------------------------------------

struct ConfName {
  const char* name;
  int value;
};
const ConfName kSysconfNames[] = {
    {"SC_ARG_MAX", _SC_ARG_MAX},
    {"SC_CHILD_MAX", _SC_CHILD_MAX},
    {"SC_CLK_TCK", _SC_CLK_TCK},
    {"SC_NGROUPS_MAX", _SC_NGROUPS_MAX},
    {"SC_OPEN_MAX", _SC_OPEN_MAX},
    {"SC_PAGESIZE", _SC_PAGESIZE},
    {"SC_PAGE_SIZE", _SC_PAGE_SIZE},
    {"SC_NPROCESSORS_CONF", _SC_NPROCESSORS_CONF},
    {"SC_NPROCESSORS_ONLN", _SC_NPROCESSORS_ONLN},
    {"SC_PHYS_PAGES", _SC_PHYS_PAGES},
    {"SC_AVPHYS_PAGES", _SC_AVPHYS_PAGES},
    {"SC_LINE_MAX", _SC_LINE_MAX},
    {"SC_HOST_NAME_MAX", _SC_HOST_NAME_MAX},
    {"SC_LOGIN_NAME_MAX", _SC_LOGIN_NAME_MAX},
    {"SC_IOV_MAX", _SC_IOV_MAX},
    {"SC_SEM_NSEMS_MAX", _SC_SEM_NSEMS_MAX},
    {"SC_THREAD_STACK_MIN", _SC_THREAD_STACK_MIN},
    {"SC_MINSIGSTKSZ", _SC_MINSIGSTKSZ},
    {nullptr, 0},
};
const ConfName kConfstrNames[] = {
    {"CS_PATH", _CS_PATH},
    {"CS_GNU_LIBC_VERSION", _CS_GNU_LIBC_VERSION},
    {"CS_GNU_LIBPTHREAD_VERSION", _CS_GNU_LIBPTHREAD_VERSION},
    {nullptr, 0},
};
const ConfName kPathconfNames[] = {
    {"PC_LINK_MAX", _PC_LINK_MAX},
    {"PC_MAX_CANON", _PC_MAX_CANON},
    {"PC_MAX_INPUT", _PC_MAX_INPUT},
    {"PC_NAME_MAX", _PC_NAME_MAX},
    {"PC_PATH_MAX", _PC_PATH_MAX},
    {"PC_PIPE_BUF", _PC_PIPE_BUF},
    {"PC_CHOWN_RESTRICTED", _PC_CHOWN_RESTRICTED},
    {"PC_NO_TRUNC", _PC_NO_TRUNC},
    {"PC_VDISABLE", _PC_VDISABLE},
    {nullptr, 0},
};

// A configuration name: an int, or a str from `table` ("unrecognized configuration name").
Result<int> conf_name(Object* arg, const ConfName* table) {
  if (is_int(arg)) return convert_int(arg);
  if (!is_str(arg))
    return raise(exc::TypeError, "configuration names must be strings or integers");
  for (const ConfName* c = table; c->name; ++c)
    if (str_equal_ascii(arg, c->name)) return c->value;
  return raise(exc::ValueError, "unrecognized configuration name");
}

Result<Ref<Object>> conf_names_dict(const ConfName* table) {
  Ref<Object> d = TRY(dict_new());
  for (const ConfName* c = table; c->name; ++c) {
    Ref<Object> v = TRY(int_from_i64(c->value));
    TRY(dict_set_item_str(d.get(), c->name, v.get()));
  }
  return d;
}

Result<Ref<Object>> posix_sysconf(Object*, Object* const* args, size_t, Object*) {
  int name = TRY(conf_name(args[0], kSysconfNames));
  errno = 0;
  long v = sysconf(name);
  if (v == -1 && errno != 0) return raise_errno(errno);
  return int_from_i64(v);
}

Result<Ref<Object>> posix_confstr(Object*, Object* const* args, size_t, Object*) {
  int name = TRY(conf_name(args[0], kConfstrNames));
  errno = 0;
  size_t n = confstr(name, nullptr, 0);
  if (n == 0) {
    if (errno != 0) return raise_errno(errno);
    return new_none();
  }
  std::string buf(n, '\0');
  confstr(name, buf.data(), n);
  buf.resize(n - 1);
  return str_from_utf8(buf);
}

Result<Ref<Object>> posix_pathconf(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("pathconf", "path name");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  PathArg path{"pathconf", "path"};
  path.allow_fd = true;
  TRY(convert_path(a[0], &path));
  int name = TRY(conf_name(a[1], kPathconfNames));
  errno = 0;
  long v = path.fd >= 0 ? fpathconf(path.fd, name) : pathconf(path.c_str(), name);
  if (v == -1 && errno != 0) return raise_errno_path(errno, path);
  return int_from_i64(v);
}

// --- signals and children ------------------------------------------------------------------------

Result<Ref<Object>> posix_kill(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("kill", nargs, kwnames, 2, 2));
  int64_t pid = TRY(index_as_i64(args[0]));
  int sig = TRY(convert_int(args[1]));
  if (kill(static_cast<pid_t>(pid), sig) != 0) return raise_errno(errno);
  // A signal sent to ourselves may already be pending: serve it now, as CPython does.
  TRY(vm::signals::check_signals());
  return new_none();
}

Result<Ref<Object>> posix_killpg(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("killpg", nargs, kwnames, 2, 2));
  int64_t pgid = TRY(index_as_i64(args[0]));
  int sig = TRY(convert_int(args[1]));
  if (killpg(static_cast<pid_t>(pgid), sig) != 0) return raise_errno(errno);
  return new_none();
}

Result<Ref<Object>> posix_waitpid(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("waitpid", nargs, kwnames, 2, 2));
  int64_t pid = TRY(index_as_i64(args[0]));
  int options = TRY(convert_int(args[1]));
  int status = 0, err = 0;
  long r = TRY(blocking_call([&] { return waitpid(static_cast<pid_t>(pid), &status, options); },
                             &err));
  if (r < 0) return raise_errno(err);
  Ref<Object> rpid = TRY(int_from_i64(r)), rstatus = TRY(int_from_i64(status));
  return tuple_pack({rpid.get(), rstatus.get()});
}

Result<Ref<Object>> posix_waitstatus_to_exitcode(Object*, Object* const* args, size_t nargs,
                                                 Object* kwnames) {
  static const ArgParser kParser("waitstatus_to_exitcode", "status");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int status = TRY(convert_int(a[0]));
  if (WIFEXITED(status)) return int_from_i64(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return int_from_i64(-WTERMSIG(status));
  if (WIFSTOPPED(status))
    return raise(exc::ValueError, "process stopped by delivery of signal {}", WSTOPSIG(status));
  return raise(exc::ValueError, "invalid wait status: {}", status);
}

// The W* macros: each takes `status` (positional or keyword) and returns bool or int.
template <int (*kMacro)(int), bool kIsBool>
Result<Ref<Object>> wait_macro(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("W", "status");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int status = TRY(convert_int(a[0]));
  int r = kMacro(status);
  if constexpr (kIsBool) return new_bool(r != 0);
  else return int_from_i64(r);
}
int w_coredump(int s) { return WCOREDUMP(s); }
int w_ifcontinued(int s) { return WIFCONTINUED(s); }
int w_ifstopped(int s) { return WIFSTOPPED(s); }
int w_ifsignaled(int s) { return WIFSIGNALED(s); }
int w_ifexited(int s) { return WIFEXITED(s); }
int w_exitstatus(int s) { return WEXITSTATUS(s); }
int w_termsig(int s) { return WTERMSIG(s); }
int w_stopsig(int s) { return WSTOPSIG(s); }

Result<Ref<Object>> posix_exit(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("_exit", "status");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int status = TRY(convert_int(a[0]));
  _exit(status);
}

// argv for execv/execve: a non-empty tuple or list of paths.
Status exec_argv(const char* fname, Object* seq, std::vector<std::string>* out) {
  if (!is_tuple(seq) && !type_has_flag(seq->ob_type, kTypeListSubclass))
    return raise(exc::TypeError, "{}() arg 2 must be a tuple or list", fname);
  Ref<Object> items = TRY(tuple_from_iterable(seq));
  if (tuple_size(items.get()) < 1)
    return raise(exc::ValueError, "{}() arg 2 must not be empty", fname);
  for (int64_t i = 0; i < tuple_size(items.get()); ++i) {
    std::string arg;
    TRY(fs_convert(tuple_item(items.get(), i), &arg));
    out->push_back(std::move(arg));
  }
  if ((*out)[0].empty())
    return raise(exc::ValueError, "{}() arg 2 first element cannot be empty", fname);
  return ok();
}

std::vector<char*> c_pointers(std::vector<std::string>& strings) {
  std::vector<char*> p;
  for (std::string& s : strings) p.push_back(s.data());
  p.push_back(nullptr);
  return p;
}

Result<Ref<Object>> do_exec(const char* fname, Object* path_arg, Object* argv_arg,
                            Object* env_arg) {
  PathArg path{fname, "path"};
  path.allow_fd = env_arg != nullptr;
  TRY(convert_path(path_arg, &path));
  std::vector<std::string> argv, env;
  TRY(exec_argv(fname, argv_arg, &argv));
  if (env_arg) {
    Ref<Object> keys = TRY(call_method(env_arg, "keys", nullptr, 0));
    Ref<Object> list = TRY(list_from_iterable(keys.get()));
    Ref<Object> items = TRY(list_as_tuple(list.get()));
    for (int64_t i = 0; i < tuple_size(items.get()); ++i) {
      Object* key = tuple_item(items.get(), i);
      Ref<Object> value = TRY(get_item(env_arg, key));
      std::string k, v;
      TRY(fs_convert(key, &k));
      TRY(fs_convert(value.get(), &v));
      if (k.empty() || k.find('=') != std::string::npos)
        return raise(exc::ValueError, "illegal environment variable name");
      env.push_back(k + "=" + v);
    }
  }
  std::vector<char*> argv_p = c_pointers(argv), env_p = c_pointers(env);
  if (!env_arg) execv(path.c_str(), argv_p.data());
  else if (path.fd >= 0) fexecve(path.fd, argv_p.data(), env_p.data());
  else execve(path.c_str(), argv_p.data(), env_p.data());
  return raise_errno(errno);  // exec returns only on failure; CPython names no file either
}

Result<Ref<Object>> posix_execv(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("execv", nargs, kwnames, 2, 2));
  return do_exec("execv", args[0], args[1], nullptr);
}

Result<Ref<Object>> posix_execve(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("execve", "path argv env");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  return do_exec("execve", a[0], a[1], a[2]);
}

Result<Ref<Object>> posix_getpid(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(getpid());
}

Result<Ref<Object>> posix_getppid(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(getppid());
}

}  // namespace

const MethodDef kProcessFunctions[] = {
    {"getpid", posix_getpid, kMethNoArgs, "Return the current process id."},
    {"getppid", posix_getppid, kMethNoArgs,
     "Return the parent's process id.\n\nIf the parent process has already exited, Windows "
     "machines will still\nreturn its id; others systems will return the id of the 'init' "
     "process (1)."},
    {"getuid", id_of<uid_t, getuid>, kMethNoArgs, "Return the current process's user id."},
    {"geteuid", id_of<uid_t, geteuid>, kMethNoArgs, "Return the current process's effective user id."},
    {"getgid", id_of<gid_t, getgid>, kMethNoArgs, "Return the current process's group id."},
    {"getegid", id_of<gid_t, getegid>, kMethNoArgs, "Return the current process's effective group id."},
    {"getpgrp", id_of<pid_t, getpgrp>, kMethNoArgs, "Return the current process group id."},
    {"getgroups", posix_getgroups, kMethNoArgs, "Return list of supplemental group IDs for the process."},
    {"getlogin", posix_getlogin, kMethNoArgs, "Return the actual login name."},
    {"uname", posix_uname, kMethNoArgs,
     "Return an object identifying the current operating system.\n\nThe object behaves like a "
     "named tuple with the following fields:\n  (sysname, nodename, release, version, machine)"},
    {"times", posix_times, kMethNoArgs,
     "Return a collection containing process timing information.\n\nThe object returned behaves "
     "like a named tuple with these fields:\n  (utime, stime, cutime, cstime, elapsed_time)\nAll "
     "fields are floating-point numbers."},
    {"cpu_count", posix_cpu_count, kMethNoArgs,
     "Return the number of logical CPUs in the system.\n\nReturn None if indeterminable."},
    {"urandom", posix_urandom, kMethOneArg, "Return a bytes object containing random bytes suitable for cryptographic use."},
    {"sysconf", posix_sysconf, kMethOneArg, "Return an integer-valued system configuration variable."},
    {"confstr", posix_confstr, kMethOneArg, "Return a string-valued system configuration variable."},
    {"pathconf", posix_pathconf, kMethFastcall, "Return the configuration limit name for the file or directory path."},
    {"kill", posix_kill, kMethFastcall, "Kill a process with a signal."},
    {"killpg", posix_killpg, kMethFastcall, "Kill a process group with a signal."},
    {"waitpid", posix_waitpid, kMethFastcall, "Wait for completion of a given child process."},
    {"waitstatus_to_exitcode", posix_waitstatus_to_exitcode, kMethFastcall, "Convert a wait status to an exit code."},
    {"WCOREDUMP", wait_macro<w_coredump, true>, kMethFastcall, "Return True if the process returning status was dumped to a core file."},
    {"WIFCONTINUED", wait_macro<w_ifcontinued, true>, kMethFastcall, "Return True if a particular process was continued from a job control stop."},
    {"WIFSTOPPED", wait_macro<w_ifstopped, true>, kMethFastcall, "Return True if the process returning status was stopped."},
    {"WIFSIGNALED", wait_macro<w_ifsignaled, true>, kMethFastcall, "Return True if the process returning status was terminated by a signal."},
    {"WIFEXITED", wait_macro<w_ifexited, true>, kMethFastcall, "Return True if the process returning status exited via the exit() system call."},
    {"WEXITSTATUS", wait_macro<w_exitstatus, false>, kMethFastcall, "Return the process return code from status."},
    {"WTERMSIG", wait_macro<w_termsig, false>, kMethFastcall, "Return the signal that terminated the process that provided the status value."},
    {"WSTOPSIG", wait_macro<w_stopsig, false>, kMethFastcall, "Return the signal that stopped the process that provided the status value."},
    {"_exit", posix_exit, kMethFastcall, "Exit to the system with specified status, without normal exit processing."},
    {"execv", posix_execv, kMethFastcall, "Execute an executable path with arguments, replacing current process."},
    {"execve", posix_execve, kMethFastcall, "Execute an executable path with arguments, replacing current process."},
    {nullptr, nullptr, 0, nullptr},
};

Status add_process_objects(Object* module) {
  TRY(module_add_object(module, "uname_result", &UnameResultType));
  TRY(module_add_object(module, "times_result", &TimesResultType));
  Ref<Object> sysconf_names = TRY(conf_names_dict(kSysconfNames));
  TRY(module_add_object(module, "sysconf_names", sysconf_names.get()));
  Ref<Object> confstr_names = TRY(conf_names_dict(kConfstrNames));
  TRY(module_add_object(module, "confstr_names", confstr_names.get()));
  Ref<Object> pathconf_names = TRY(conf_names_dict(kPathconfNames));
  return module_add_object(module, "pathconf_names", pathconf_names.get());
}

}  // namespace weft::posix_module
