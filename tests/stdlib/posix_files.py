# oracle: python3.13
# os/posix files and directories under /tmp: stat, listdir, scandir, rename, links, chmod, utime,
# access, low-level fds, errors as OSError subclasses carrying errno and the file names.
import errno
import os
import stat

base = "/tmp/weft_posix_files_test"

def rmtree(path):
    for entry in os.scandir(path):
        if entry.is_dir(follow_symlinks=False):
            rmtree(entry.path)
        else:
            os.unlink(entry.path)
    os.rmdir(path)

if os.path.exists(base):
    rmtree(base)
os.mkdir(base)
os.mkdir(base + "/sub", 0o755)
print(os.listdir(base), os.path.isdir(base + "/sub"))

# Low-level file descriptors.
fd = os.open(base + "/a.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
print(type(fd).__name__, os.get_inheritable(fd), os.get_blocking(fd))
print(os.write(fd, b"hello "), os.write(fd, bytearray(b"world\n")))
print(os.lseek(fd, 0, os.SEEK_CUR), os.lseek(fd, 0, os.SEEK_END))
os.fsync(fd)
st = os.fstat(fd)
print(st.st_size, stat.S_ISREG(st.st_mode), stat.S_IMODE(st.st_mode) & 0o600)
os.close(fd)
fd = os.open(base + "/a.txt", os.O_RDONLY)
print(os.read(fd, 5), os.read(fd, 100), os.read(fd, 100))
print(os.pread(fd, 5, 6))
fd2 = os.dup(fd)
print(fd2 != fd, os.get_inheritable(fd2), os.lseek(fd2, 0, os.SEEK_SET), os.read(fd2, 3))
os.close(fd2)
os.close(fd)
try:
    os.close(fd)
except OSError as e:
    print(type(e).__name__, e.errno == errno.EBADF)

r, w = os.pipe()
os.write(w, b"through the pipe")
os.close(w)
print(os.read(r, 100), os.read(r, 100))
os.close(r)

# stat and friends.
st = os.stat(base + "/a.txt")
print(st.st_size, st.st_nlink, stat.S_ISREG(st.st_mode), stat.S_ISDIR(os.stat(base).st_mode))
print(st.st_mtime_ns // 10**9 == st[8] == int(st.st_mtime), st == tuple(st))
print(os.stat(base + "/a.txt", follow_symlinks=False).st_size, os.lstat(base + "/a.txt").st_ino == st.st_ino)
os.utime(base + "/a.txt", (1_000_000, 2_000_000))
st = os.stat(base + "/a.txt")
print(st.st_atime, st.st_mtime, st.st_atime_ns, st.st_mtime_ns)
os.utime(base + "/a.txt", ns=(5 * 10**9 + 7, 6 * 10**9 + 8))
st = os.stat(base + "/a.txt")
print(st.st_atime_ns, st.st_mtime_ns)
os.chmod(base + "/a.txt", 0o600)
print(oct(stat.S_IMODE(os.stat(base + "/a.txt").st_mode)))
print(os.access(base + "/a.txt", os.F_OK), os.access(base + "/nope", os.F_OK))
os.truncate(base + "/a.txt", 3)
print(os.path.getsize(base + "/a.txt"))

# Renames, links.
os.rename(base + "/a.txt", base + "/b.txt")
os.replace(base + "/b.txt", base + "/sub/c.txt")
print(sorted(os.listdir(base)), os.listdir(base + "/sub"))
os.link(base + "/sub/c.txt", base + "/hard")
print(os.stat(base + "/hard").st_nlink)
os.symlink("sub/c.txt", base + "/soft")
print(os.readlink(base + "/soft"), os.readlink(os.fsencode(base + "/soft")))
print(os.path.islink(base + "/soft"), os.stat(base + "/soft").st_size, stat.S_ISLNK(os.lstat(base + "/soft").st_mode))

# scandir.
with os.scandir(base) as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print(repr(e), e.name, e.path == os.path.join(base, e.name), e.is_dir(), e.is_file(),
          e.is_symlink(), e.is_file(follow_symlinks=False), e.inode() == e.stat(follow_symlinks=False).st_ino)
print(os.fspath(entries[0]) == entries[0].path, isinstance(entries[0], os.PathLike))
print(sorted(e.name for e in os.scandir(os.fsencode(base))))
it = os.scandir(base)
next(it)
it.close()
print(list(it))

# Paths: str, bytes, PathLike; bytes in, bytes out.
class P:
    def __fspath__(self):
        return base + "/sub"
print(os.listdir(P()), os.listdir(os.fsencode(base + "/sub")), os.fspath(P()) == base + "/sub")
print(os.fspath("x"), os.fspath(b"x"))

# Errors.
def err(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except Exception as e:
        extra = ""
        if isinstance(e, OSError):
            extra = " errno=%s filename=%r filename2=%r" % (errno.errorcode.get(e.errno), e.filename, e.filename2)
        print(type(e).__name__, str(e) if not isinstance(e, OSError) else e.strerror is not None, extra)

err(os.stat, base + "/missing")
err(os.stat, [1])
err(os.stat, "a\0b")
err(os.listdir, 3.5)
err(os.rename, 1, "x")
err(os.rename, base + "/missing", base + "/x")
err(os.rename, base, os.fsencode(base + "/x"))
err(os.mkdir, base)
err(os.rmdir, base + "/sub")
err(os.unlink, base + "/sub")
err(os.open, base + "/missing", os.O_RDONLY)
err(os.read, 10**6, 1)
err(os.fspath, 1)
class Bad:
    def __fspath__(self):
        return 1
err(os.fspath, Bad())
err(os.stat, base, dir_fd=3.5)
err(os.utime, base, (1, 2), ns=(1, 2))

# dir_fd variants.
dfd = os.open(base, os.O_RDONLY)
print(os.stat("sub", dir_fd=dfd).st_ino == os.stat(base + "/sub").st_ino)
os.mkdir("made", dir_fd=dfd)
print(sorted(os.listdir(dfd)))
os.rmdir("made", dir_fd=dfd)
os.close(dfd)

rmtree(base)
print(os.path.exists(base))
