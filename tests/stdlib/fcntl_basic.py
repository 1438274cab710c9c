# oracle: python3.13
# fcntl on pipes and files: descriptor and status flags, buffer arguments, flock, lockf, ioctl,
# the constants, and the error messages.
import fcntl
import os
import tempfile

r, w = os.pipe()
flags = fcntl.fcntl(r, fcntl.F_GETFL)
print(bool(flags & os.O_NONBLOCK))
fcntl.fcntl(r, fcntl.F_SETFL, flags | os.O_NONBLOCK)
print(bool(fcntl.fcntl(r, fcntl.F_GETFL) & os.O_NONBLOCK), os.get_blocking(r))
print(fcntl.fcntl(w, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
fcntl.fcntl(w, fcntl.F_SETFD, 0)
print(fcntl.fcntl(w, fcntl.F_GETFD) & fcntl.FD_CLOEXEC, os.get_inheritable(w))
dup = fcntl.fcntl(w, fcntl.F_DUPFD_CLOEXEC, 10)
print(dup >= 10, os.get_inheritable(dup))
os.close(dup)
print(fcntl.fcntl(r, fcntl.F_GETPIPE_SZ) > 0)

class FileLike:
    def fileno(self):
        return r
print(fcntl.fcntl(FileLike(), fcntl.F_GETFL) == fcntl.fcntl(r, fcntl.F_GETFL))

# ioctl: FIONREAD counts the bytes waiting in the pipe (int, bytes and mutable-buffer forms).
import struct
FIONREAD = 0x541B  # Linux's FIONREAD
os.write(w, b"12345")
print(struct.unpack("i", fcntl.ioctl(r, FIONREAD, b"\0\0\0\0"))[0])
buf = bytearray(4)
print(fcntl.ioctl(r, FIONREAD, buf), struct.unpack("i", buf)[0])
buf = bytearray(4)
print(fcntl.ioctl(r, FIONREAD, buf, False), buf)
os.close(r)
os.close(w)

with tempfile.TemporaryFile() as f:
    fd = f.fileno()
    fcntl.flock(fd, fcntl.LOCK_EX)
    fcntl.flock(f, fcntl.LOCK_UN)
    fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    fcntl.flock(fd, fcntl.LOCK_UN)
    fcntl.lockf(fd, fcntl.LOCK_EX, 10, 0, os.SEEK_SET)
    fcntl.lockf(f, fcntl.LOCK_UN)
    fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    fcntl.lockf(fd, fcntl.LOCK_UN)
    # F_GETLK with a struct flock in a bytes buffer: no conflicting lock, so l_type becomes F_UNLCK.
    lock = struct.pack("hhqqi", fcntl.F_WRLCK, 0, 0, 0, 0)
    result = fcntl.fcntl(fd, fcntl.F_GETLK, lock)
    print(len(result), struct.unpack("hhqqi", result)[0] == fcntl.F_UNLCK)
    print("locks ok")

print(fcntl.LOCK_SH, fcntl.LOCK_EX, fcntl.LOCK_NB, fcntl.LOCK_UN, fcntl.F_GETFD, fcntl.F_SETFD,
      fcntl.F_GETFL, fcntl.F_SETFL, fcntl.F_DUPFD, fcntl.F_RDLCK, fcntl.F_WRLCK, fcntl.F_UNLCK,
      fcntl.F_SETLK, fcntl.F_SETLKW, fcntl.F_GETLK, fcntl.FD_CLOEXEC, fcntl.F_OFD_SETLK,
      fcntl.F_ADD_SEALS, fcntl.F_SEAL_WRITE)

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for f in [lambda: fcntl.fcntl(-1, 1),
          lambda: fcntl.fcntl("x", 1), lambda: fcntl.fcntl(999, fcntl.F_GETFD),
          lambda: fcntl.lockf(0, 0), lambda: fcntl.fcntl(0, 2**40),
          lambda: fcntl.flock(999, fcntl.LOCK_EX), lambda: fcntl.fcntl(0, fcntl.F_GETFD, 1, 2),
          lambda: fcntl.fcntl(fd=0, cmd=1)]:
    show(f)
