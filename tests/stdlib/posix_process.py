# oracle: python3.13
# os/posix process facts, environment, wait-status helpers, configuration names (only values
# that do not depend on the machine are printed).
import errno
import os
import signal

print(type(os.getpid()).__name__, os.getpid() > 0, os.getppid() > 0)
print([type(f()).__name__ for f in (os.getuid, os.geteuid, os.getgid, os.getegid, os.getpgrp)])
print(type(os.getgroups()).__name__)
u = os.uname()
print(type(u).__name__, u.sysname, len(u), all(isinstance(x, str) for x in u))
t = os.times()
print(type(t).__name__, len(t), all(isinstance(x, float) for x in t), t.elapsed == t[4])
print(os.cpu_count() >= 1, len(os.urandom(0)), len(os.urandom(33)), os.urandom(16) != os.urandom(16))
print(os.sysconf("SC_PAGESIZE") == os.sysconf(os.sysconf_names["SC_PAGESIZE"]) > 0)
print(os.sysconf("SC_CLK_TCK") > 0, isinstance(os.confstr("CS_PATH"), str))
print("PC_NAME_MAX" in os.pathconf_names, os.pathconf("/tmp", "PC_NAME_MAX") > 0)
for bad in ("SC_NOPE", 1.5):
    try:
        os.sysconf(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

print(os.strerror(errno.ENOENT), os.strerror(errno.EACCES))
old = os.umask(0o22)
print(os.umask(old) == 0o22)

# Wait statuses, built by hand: exit status 3, killed by SIGKILL, stopped by SIGSTOP.
exited, killed, stopped = 3 << 8, signal.SIGKILL, (signal.SIGSTOP << 8) | 0x7F
print(os.WIFEXITED(exited), os.WEXITSTATUS(exited), os.WIFSIGNALED(exited), os.WIFSTOPPED(exited))
print(os.WIFSIGNALED(killed), os.WTERMSIG(killed), os.WIFEXITED(killed), os.WCOREDUMP(killed))
print(os.WIFSTOPPED(stopped), os.WSTOPSIG(stopped), os.WIFCONTINUED(stopped))
print(os.waitstatus_to_exitcode(exited), os.waitstatus_to_exitcode(killed), os.waitstatus_to_exitcode(killed | 0x80))
print(os.WEXITSTATUS(status=exited))
for status in (stopped, 0xFFFF):
    try:
        os.waitstatus_to_exitcode(status)
    except ValueError as e:
        print(e)
try:
    os.waitpid(-1, os.WNOHANG)
except ChildProcessError as e:
    print(type(e).__name__, errno.errorcode[e.errno])
os.kill(os.getpid(), 0)
try:
    os.kill(2**22 + 12345, 0)
except ProcessLookupError as e:
    print(type(e).__name__)

# The environment: os.environ over posix.environ (bytes), putenv/unsetenv.
key = "WEFT_POSIX_TEST_VAR"
print(os.environ.get(key), key in os.environ)
os.environ[key] = "value é"
print(os.environ[key], os.environb[key.encode()], os.getenv(key))
import posix
print(type(next(iter(posix.environ))).__name__, posix.environ.get(key.encode()))
os.environ[key] = "second"
print(os.environ.pop(key), os.environ.get(key))
for args in (("", "x"), ("A=B", "x"), ("A\0", "x"), ("A", "x\0"), (1, "x")):
    try:
        os.putenv(*args)
    except (OSError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
for args in (("/bin/true", []), ("/bin/true", "ab"), ("/bin/true", [""])):
    try:
        os.execv(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(isinstance(os.environ.copy(), dict), "PATH" in os.environ)

# Terminals: a pipe is not one.
r, w = os.pipe()
print(os.isatty(r), os.device_encoding(r))
try:
    os.get_terminal_size(r)
except OSError as e:
    print(type(e).__name__, errno.errorcode[e.errno])
try:
    os.ttyname(r)
except OSError as e:
    print(type(e).__name__, errno.errorcode[e.errno])
os.set_blocking(r, False)
print(os.get_blocking(r))
try:
    os.read(r, 1)
except BlockingIOError as e:
    print(type(e).__name__)
os.set_inheritable(w, True)
print(os.get_inheritable(w))
os.close(r)
os.close(w)

# The working directory.
cwd = os.getcwd()
os.chdir("/tmp")
print(os.getcwd(), os.getcwdb())
os.chdir(cwd)
print(os.getcwd() == cwd)
print(sorted(f for f in ("stat", "open", "mkdir", "unlink", "rename", "utime", "chmod", "listdir")
             if f in {x.__name__ for x in os.supports_dir_fd} | {x.__name__ for x in os.supports_fd}))
print(os.stat in os.supports_follow_symlinks, os.scandir in os.supports_fd)
