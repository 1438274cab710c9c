# oracle: python3.13
# errno: the Linux error numbers and errorcode.
import errno

print(errno.ENOENT, errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.EINTR, errno.EPIPE)
print(errno.errorcode[errno.ENOENT], errno.errorcode[errno.EAGAIN], errno.errorcode[errno.EDEADLK])
print(errno.errorcode[errno.EOPNOTSUPP], errno.ENOTSUP == errno.EOPNOTSUPP)
names = sorted(n for n in dir(errno) if n.startswith("E"))
print(len(names), names[:5], names[-5:])
print(all(errno.errorcode[getattr(errno, n)] in names for n in names))
print(sorted(errno.errorcode)[:10], len(errno.errorcode))
print(type(errno.errorcode).__name__, errno.__name__)
