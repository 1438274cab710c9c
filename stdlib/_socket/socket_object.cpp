// stdlib/_socket/socket_object.cpp — the _socket.socket type: construction, close/detach/dup,
// blocking and timeout modes, socket options and the attributes (CPython 3.14's
// Modules/socketmodule.c behaviour and messages). The I/O methods are socket_io.cpp.
//
// Timeout modes, as CPython: timeout_ns -1 is blocking mode (the fd is blocking); 0 is
// non-blocking mode and > 0 is timeout mode (in both the fd is O_NONBLOCK, and timeout mode
// polls before each attempt: socket_call in socket_internal.h). Descriptors are created with
// SOCK_CLOEXEC. close() exchanges the fd with -1 first, so concurrent closes close it once.
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/_socket/socket_internal.h"
#include "stdlib/posix/posix_internal.h"
#include "stdlib/time/pytime.h"

namespace weft::socket_module {

Type SocketType;
std::atomic<int64_t> g_default_timeout_ns{-1};

int64_t monotonic_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

int wait_fd(int fd, bool writing, int64_t timeout_ns) {
  pollfd p{fd, static_cast<short>(writing ? POLLOUT : POLLIN), 0};
  // Round up to whole milliseconds so a short remaining time still waits.
  int ms = timeout_ns < 0 ? -1 : static_cast<int>(std::min<int64_t>((timeout_ns + 999999) / 1000000, INT32_MAX));
  return ::poll(&p, 1, ms);
}

Error raise_timeout() { return raise(exc::TimeoutError, "timed out"); }

Result<int64_t> parse_timeout(Object* value) {
  if (is_none(value)) return int64_t{-1};
  int64_t ns = TRY(pytime::seconds_to_ns(value));
  if (ns < 0) return raise(exc::ValueError, "Timeout value out of range");
  return ns;
}

Result<Ref<Object>> timeout_object(int64_t ns) {
  if (ns < 0) return new_none();
  return pytime::ns_to_seconds_float(ns);
}

Status set_fd_blocking(int fd, bool blocking) {
  int flags = ::fcntl(fd, F_GETFL, 0);
  if (flags >= 0) {
    int wanted = blocking ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK);
    if (wanted == flags || ::fcntl(fd, F_SETFL, wanted) == 0) return ok();
  }
  return raise_os_error(errno);
}

namespace {

// Records the descriptor and mode of a new or re-initialised socket (CPython's
// init_sockobject): SOCK_NONBLOCK in `type` means non-blocking mode, otherwise the default
// timeout applies.
Status init_socket(SocketObject* s, int fd, int family, int type, int proto) {
  s->family = family;
  s->type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  s->proto = proto;
  int64_t timeout = (type & SOCK_NONBLOCK) ? 0 : g_default_timeout_ns.load();
  s->timeout_ns.store(timeout, std::memory_order_relaxed);
  s->fd.store(fd, std::memory_order_release);
  if (timeout >= 0) TRY(set_fd_blocking(fd, false));
  return ok();
}

Result<int> getsockopt_int(int fd, int option) {
  int value = 0;
  socklen_t len = sizeof value;
  if (::getsockopt(fd, SOL_SOCKET, option, &value, &len) < 0) return raise_os_error(errno);
  return value;
}

Result<Ref<Object>> socket_new(Type* type, Object* const*, size_t, Object*) {
  Ref<Object> self = TRY(object_generic_alloc(type));
  SocketObject* s = as_socket(self.get());
  s->fd.store(-1, std::memory_order_relaxed);
  s->timeout_ns.store(-1, std::memory_order_relaxed);
  s->family = AF_INET;
  s->type = SOCK_STREAM;
  s->proto = 0;
  return self;
}

// socket(family=-1, type=-1, proto=-1, fileno=None)
Status socket_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kInit("socket", "| family type proto fileno");
  Object* a[4];
  TRY(kInit.parse(args, nargs, kwnames, a));
  int family = TRY(int_argument(a[0], -1));
  int type = TRY(int_argument(a[1], -1));
  int proto = TRY(int_argument(a[2], -1));
  SocketObject* s = as_socket(self);
  int fd;
  if (a[3] && !is_none(a[3])) {
    if (is_float(a[3]))
      return raise(exc::TypeError, "'float' object cannot be interpreted as an integer");
    int64_t v = TRY(index_as_i64(a[3], exc::OverflowError));
    if (v < 0) return raise(exc::ValueError, "negative file descriptor");
    if (v > INT32_MAX) return raise(exc::OverflowError, "file descriptor out of range");
    fd = static_cast<int>(v);
    // As CPython: the missing properties come from the descriptor itself.
    if (family == -1) {
      sockaddr_storage addr;
      socklen_t len = sizeof addr;
      if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) < 0)
        return raise_os_error(errno);
      family = addr.ss_family;
    }
    if (type == -1) type = TRY(getsockopt_int(fd, SO_TYPE));
    if (proto == -1) proto = TRY(getsockopt_int(fd, SO_PROTOCOL));
  } else {
    if (family == -1) family = AF_INET;
    if (type == -1) type = SOCK_STREAM;
    if (proto == -1) proto = 0;
    int err = 0;
    long rc = TRY(posix_module::blocking_call(
        [&] { return ::socket(family, type | SOCK_CLOEXEC, proto); }, &err));
    if (rc < 0) return raise_os_error(err);
    fd = static_cast<int>(rc);
  }
  if (int old = s->fd.exchange(-1); old >= 0) ::close(old);
  // On failure the descriptor stays with the object, which closes it.
  return init_socket(s, fd, family, type, proto);
}

void socket_dealloc(Object* self) {
  int fd = as_socket(self)->fd.exchange(-1);
  if (fd >= 0) ::close(fd);
  free_object(self);
}

Result<Ref<Object>> socket_repr(Object* self) {
  SocketObject* s = as_socket(self);
  return str_from_utf8("<socket object, fd=" + std::to_string(s->fd.load()) +
                       ", family=" + std::to_string(s->family) + ", type=" +
                       std::to_string(s->type) + ", proto=" + std::to_string(s->proto) + ">");
}

// ---- lifecycle --------------------------------------------------------------------------------

Result<Ref<Object>> socket_close(Object* self, Object* const*, size_t, Object*) {
  int fd = as_socket(self)->fd.exchange(-1);
  if (fd >= 0) TRY(close_socket_fd(fd));
  return new_none();
}

Result<Ref<Object>> socket_detach(Object* self, Object* const*, size_t, Object*) {
  return int_from_i64(as_socket(self)->fd.exchange(-1));
}

Result<Ref<Object>> socket_fileno(Object* self, Object* const*, size_t, Object*) {
  return int_from_i64(as_socket(self)->fd.load(std::memory_order_acquire));
}

Result<Ref<Object>> socket_dup(Object* self, Object* const*, size_t, Object*) {
  SocketObject* s = as_socket(self);
  int fd = ::fcntl(s->fd.load(std::memory_order_acquire), F_DUPFD_CLOEXEC, 0);
  if (fd < 0) return raise_os_error(errno);
  return socket_from_fd(fd, s->family, s->type, s->proto);
}

// ---- modes ------------------------------------------------------------------------------------

// Puts `s` in the mode `timeout` says and sets the fd's O_NONBLOCK to match.
Status apply_timeout(SocketObject* s, int64_t timeout) {
  s->timeout_ns.store(timeout, std::memory_order_relaxed);
  int fd = s->fd.load(std::memory_order_acquire);
  if (fd < 0) return ok();
  return set_fd_blocking(fd, timeout < 0);
}

Result<Ref<Object>> socket_settimeout(Object* self, Object* const* args, size_t, Object*) {
  int64_t timeout = TRY(parse_timeout(args[0]));
  TRY(apply_timeout(as_socket(self), timeout));
  return new_none();
}

Result<Ref<Object>> socket_gettimeout(Object* self, Object* const*, size_t, Object*) {
  return timeout_object(as_socket(self)->timeout_ns.load(std::memory_order_relaxed));
}

Result<Ref<Object>> socket_setblocking(Object* self, Object* const* args, size_t, Object*) {
  bool blocking = TRY(object_is_true(args[0]));
  TRY(apply_timeout(as_socket(self), blocking ? -1 : 0));
  return new_none();
}

Result<Ref<Object>> socket_getblocking(Object* self, Object* const*, size_t, Object*) {
  return new_bool(as_socket(self)->timeout_ns.load(std::memory_order_relaxed) != 0);
}

// ---- options ----------------------------------------------------------------------------------

// setsockopt(level, option, value: int | buffer)
// setsockopt(level, option, None, optlen: int)
Result<Ref<Object>> socket_setsockopt(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  TRY(args_positional_only("setsockopt", nargs, kwnames, 3, 4));
  int level = TRY(int_argument(args[0], 0));
  int option = TRY(int_argument(args[1], 0));
  int fd = TRY(open_fd(self));
  int rc;
  if (nargs == 4) {
    if (!is_none(args[2]))
      return raise(exc::TypeError, "setsockopt() argument 3 must be NoneType, not {}",
                   type_name_of(args[2]));
    int length = TRY(int_argument(args[3], 0));
    rc = ::setsockopt(fd, level, option, nullptr, static_cast<socklen_t>(length));
  } else if (is_int(args[2])) {
    int value = TRY(int_argument(args[2], 0));
    rc = ::setsockopt(fd, level, option, &value, sizeof value);
  } else {
    ByteView data = TRY(byte_view(args[2]));
    rc = ::setsockopt(fd, level, option, data.data(), static_cast<socklen_t>(data.size()));
  }
  if (rc < 0) return raise_os_error(errno);
  return new_none();
}

// getsockopt(level, option[, buflen])
Result<Ref<Object>> socket_getsockopt(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  TRY(args_positional_only("getsockopt", nargs, kwnames, 2, 3));
  int level = TRY(int_argument(args[0], 0));
  int option = TRY(int_argument(args[1], 0));
  int buflen = nargs > 2 ? TRY(int_argument(args[2], 0)) : 0;
  int fd = TRY(open_fd(self));
  if (buflen == 0) {
    int value = 0;
    socklen_t len = sizeof value;
    if (::getsockopt(fd, level, option, &value, &len) < 0) return raise_os_error(errno);
    return int_from_i64(value);
  }
  if (buflen < 0 || buflen > 1024) return raise(exc::OSError, "getsockopt buflen out of range");
  std::string buf(static_cast<size_t>(buflen), '\0');
  socklen_t len = static_cast<socklen_t>(buflen);
  if (::getsockopt(fd, level, option, buf.data(), &len) < 0) return raise_os_error(errno);
  buf.resize(len);
  return bytes_from(buf);
}

// ---- names ------------------------------------------------------------------------------------

template <class Fn>
Result<Ref<Object>> socket_name(Object* self, Fn name_call) {
  int fd = TRY(open_fd(self));
  SockAddr addr;
  addr.length = sizeof addr.storage;
  if (name_call(fd, addr.get(), &addr.length) < 0) return raise_os_error(errno);
  return make_address(addr.get(), addr.length);
}

Result<Ref<Object>> socket_getsockname(Object* self, Object* const*, size_t, Object*) {
  return socket_name(self, ::getsockname);
}

Result<Ref<Object>> socket_getpeername(Object* self, Object* const*, size_t, Object*) {
  return socket_name(self, ::getpeername);
}

Result<Ref<Object>> socket_bind(Object* self, Object* const* args, size_t, Object*) {
  SocketObject* s = as_socket(self);
  SockAddr addr;
  TRY(parse_address(s->family, args[0], "bind", &addr));
  int fd = TRY(open_fd(self));
  if (::bind(fd, addr.get(), addr.length) < 0) return raise_os_error(errno);
  return new_none();
}

Result<Ref<Object>> socket_listen(Object* self, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  TRY(args_positional_only("listen", nargs, kwnames, 0, 1));
  int backlog = nargs ? TRY(int_argument(args[0], 0)) : std::min(SOMAXCONN, 128);
  if (backlog < 0) backlog = 0;
  int fd = TRY(open_fd(self));
  if (::listen(fd, backlog) < 0) return raise_os_error(errno);
  return new_none();
}

Result<Ref<Object>> socket_shutdown(Object* self, Object* const* args, size_t, Object*) {
  int how = TRY(int_argument(args[0], 0));
  int fd = TRY(open_fd(self));
  if (::shutdown(fd, how) < 0) return raise_os_error(errno);
  return new_none();
}

// ---- attributes -------------------------------------------------------------------------------

Result<Ref<Object>> socket_family_get(Object* self) { return int_from_i64(as_socket(self)->family); }
Result<Ref<Object>> socket_type_get(Object* self) { return int_from_i64(as_socket(self)->type); }
Result<Ref<Object>> socket_proto_get(Object* self) { return int_from_i64(as_socket(self)->proto); }
Result<Ref<Object>> socket_timeout_get(Object* self) {
  return timeout_object(as_socket(self)->timeout_ns.load(std::memory_order_relaxed));
}

const GetSetDef kSocketGetSets[] = {
    {"family", socket_family_get, nullptr, "the socket family"},
    {"type", socket_type_get, nullptr, "the socket type"},
    {"proto", socket_proto_get, nullptr, "the socket protocol"},
    {"timeout", socket_timeout_get, nullptr, "the socket timeout"},
    {nullptr, nullptr, nullptr, nullptr},
};

const MethodDef kSocketMethods[] = {
    {"close", socket_close, kMethNoArgs, "close()\n\nClose the socket.  It cannot be used after this call."},
    {"detach", socket_detach, kMethNoArgs,
     "detach()\n\nClose the socket object without closing the underlying file descriptor.\nThe "
     "object cannot be used after this call, but the file descriptor\ncan be reused for other "
     "purposes.  The file descriptor is returned."},
    {"fileno", socket_fileno, kMethNoArgs, "fileno() -> integer\n\nReturn the integer file descriptor of the socket."},
    {"dup", socket_dup, kMethNoArgs, "dup() -> socket object\n\nDuplicate the socket. Return a new socket object connected to the same\nsystem resource. The new socket is non-inheritable."},
    {"settimeout", socket_settimeout, kMethOneArg, "settimeout(timeout)\n\nSet a timeout on socket operations.  'timeout' can be a float,\ngiving in seconds, or None.  Setting a timeout of None disables\nthe timeout feature and is equivalent to setblocking(1).\nSetting a timeout of zero is the same as setblocking(0)."},
    {"gettimeout", socket_gettimeout, kMethNoArgs, "gettimeout() -> timeout\n\nReturns the timeout in seconds (float) associated with socket\noperations. A timeout of None indicates that timeouts on socket\noperations are disabled."},
    {"setblocking", socket_setblocking, kMethOneArg, "setblocking(flag)\n\nSet the socket to blocking (flag is true) or non-blocking (false).\nsetblocking(True) is equivalent to settimeout(None);\nsetblocking(False) is equivalent to settimeout(0.0)."},
    {"getblocking", socket_getblocking, kMethNoArgs, "getblocking()\n\nReturns True if socket is in blocking mode, or False if it\nis in non-blocking mode."},
    {"setsockopt", socket_setsockopt, kMethFastcall, "setsockopt(level, option, value: int)\nsetsockopt(level, option, value: buffer)\nsetsockopt(level, option, None, optlen: int)\n\nSet a socket option."},
    {"getsockopt", socket_getsockopt, kMethFastcall, "getsockopt(level, option[, buffersize]) -> value\n\nGet a socket option."},
    {"getsockname", socket_getsockname, kMethNoArgs, "getsockname() -> address info\n\nReturn the address of the local endpoint."},
    {"getpeername", socket_getpeername, kMethNoArgs, "getpeername() -> address info\n\nReturn the address of the remote endpoint."},
    {"bind", socket_bind, kMethOneArg, "bind(address)\n\nBind the socket to a local address."},
    {"listen", socket_listen, kMethFastcall, "listen([backlog])\n\nEnable a server to accept connections."},
    {"_accept", socket_accept, kMethNoArgs, "_accept() -> (integer, address info)\n\nWait for an incoming connection.  Return a new socket file descriptor\nrepresenting the connection, and the address of the client.\nFor IP sockets, the address info is a pair (hostaddr, port)."},
    {"connect", socket_connect, kMethOneArg, "connect(address)\n\nConnect the socket to a remote address.  For IP sockets, the address\nis a pair (host, port)."},
    {"connect_ex", socket_connect_ex, kMethOneArg, "connect_ex(address) -> errno\n\nThis is like connect(address), but returns an error code (the errno value)\ninstead of raising an exception when an error occurs."},
    {"recv", socket_recv, kMethFastcall, "recv(buffersize[, flags]) -> data\n\nReceive up to buffersize bytes from the socket."},
    {"recv_into", socket_recv_into, kMethFastcall, "recv_into(buffer, [nbytes[, flags]]) -> nbytes_read\n\nA version of recv() that stores its data into a buffer rather than creating\na new string."},
    {"recvfrom", socket_recvfrom, kMethFastcall, "recvfrom(buffersize[, flags]) -> (data, address info)\n\nLike recv(buffersize, flags) but also return the sender's address info."},
    {"recvfrom_into", socket_recvfrom_into, kMethFastcall, "recvfrom_into(buffer[, nbytes[, flags]]) -> (nbytes, address info)\n\nLike recv_into(buffer[, nbytes[, flags]]) but also return the sender's address info."},
    {"send", socket_send, kMethFastcall, "send(data[, flags]) -> count\n\nSend a data string to the socket."},
    {"sendall", socket_sendall, kMethFastcall, "sendall(data[, flags])\n\nSend a data string to the socket.  For the optional flags\nargument, see the Unix manual.  This calls send() repeatedly\nuntil all data is sent.  If an error occurs, it's impossible\nto tell how much data has been sent."},
    {"sendto", socket_sendto, kMethFastcall, "sendto(data[, flags], address) -> count\n\nLike send(data, flags) but allows specifying the destination address."},
    {"sendmsg", socket_sendmsg, kMethFastcall, "sendmsg(buffers[, ancdata[, flags[, address]]]) -> count\n\nSend normal and ancillary data to the socket, gathering the\nnon-ancillary data from a series of buffers and concatenating it into\na single message."},
    {"recvmsg", socket_recvmsg, kMethFastcall, "recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address)\n\nReceive normal data (up to bufsize bytes) and ancillary data from the\nsocket."},
    {"shutdown", socket_shutdown, kMethOneArg, "shutdown(flag)\n\nShut down the reading side of the socket (flag == SHUT_RD), the writing side\nof the socket (flag == SHUT_WR), or both ends (flag == SHUT_RDWR)."},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_socket_type() {
  Type& t = SocketType;
  t.name = "_socket.socket";
  t.doc = "socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object\n"
          "socket(family=-1, type=-1, proto=-1, fileno=None) -> socket object\n\n"
          "Open a socket of the given type.";
  t.basicsize = sizeof(SocketObject);
  t.flags = kTypeBaseType;
  t.new_ = socket_new;
  t.init = socket_init;
  t.dealloc = socket_dealloc;
  t.repr = socket_repr;
  t.methods = kSocketMethods;
  t.getsets = kSocketGetSets;
  return ok();
}

Status ready_socket_type() { return type_ready(&SocketType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_socket_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_socket_type);

}  // namespace

Status close_socket_fd(int fd) {
  int rc, err;
  {
    core::DetachGuard detached;
    rc = ::close(fd);
    err = errno;
  }
  // As CPython: ECONNRESET from close() means the peer went away, not a failure to close.
  if (rc < 0 && err != ECONNRESET) return raise_os_error(err);
  return ok();
}

Result<int> int_argument(Object* arg, int default_value) {
  if (!arg) return default_value;
  int64_t v = TRY(index_as_i64(arg, exc::OverflowError));
  if (v < INT32_MIN || v > INT32_MAX)
    return raise(exc::OverflowError, "Python int too large to convert to C int");
  return static_cast<int>(v);
}

Result<int> open_fd(Object* self) {
  int fd = as_socket(self)->fd.load(std::memory_order_acquire);
  if (fd < 0) return raise_os_error(EBADF);
  return fd;
}

Result<Ref<Object>> socket_from_fd(int fd, int family, int type, int proto) {
  Result<Ref<Object>> made = socket_new(&SocketType, nullptr, 0, nullptr);
  if (made.is_error()) {
    ::close(fd);
    return Error{};
  }
  Ref<Object> sock = made.release_value();
  if (init_socket(as_socket(sock.get()), fd, family, type, proto).is_error()) return Error{};
  return sock;
}

}  // namespace weft::socket_module
