// stdlib/_socket/socket_internal.h — what the files of the `_socket` module share: the socket
// object's layout, socket addresses (Python object <-> struct sockaddr), the timeout machinery
// every blocking operation runs through, and the module's exception classes.
//
// Thread safety: a socket object is shared by threads in real servers. Its descriptor and
// timeout are atomics (close() exchanges the fd with -1, so it is closed once); family, type and
// proto are written only by __init__, before the object is shared.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <atomic>
#include <cstdint>

#include <cerrno>

#include "core/thread_state.h"
#include "objects/exceptions.h"
#include "objects/object.h"
#include "objects/ref.h"
#include "objects/type.h"
#include "vm/signals.h"

namespace weft::socket_module {

struct SocketObject : Object {
  std::atomic<int> fd;          // -1 once closed or detached
  int family;
  int type;                     // without SOCK_NONBLOCK / SOCK_CLOEXEC
  int proto;
  std::atomic<int64_t> timeout_ns;  // -1: blocking; 0: non-blocking; > 0: timeout mode
};

extern Type SocketType;  // _socket.socket
inline SocketObject* as_socket(Object* o) { return static_cast<SocketObject*>(o); }

// The module's exception classes (socket.herror, socket.gaierror), made at start-up.
extern Type* g_herror;
extern Type* g_gaierror;

// socket.getdefaulttimeout()'s value in ns (-1: None).
extern std::atomic<int64_t> g_default_timeout_ns;

// A socket address in its C form.
struct SockAddr {
  sockaddr_storage storage;
  socklen_t length = 0;
  sockaddr* get() { return reinterpret_cast<sockaddr*>(&storage); }
};

// Python address object -> sockaddr for a socket of `family` (CPython's getsockaddrarg), with
// CPython's messages naming `caller` ("bind(): port must be 0-65535."). Host names are resolved.
Status parse_address(int family, Object* address, const char* caller, SockAddr* out);
// CPython's idna_converter: a host name given as str (ASCII, else IDNA-encoded), bytes or
// bytearray, as the bytes to pass to the resolver; no NUL characters.
Status host_argument(Object* host, std::string* out);
// A host argument (str, bytes or bytearray) resolved to an address of `family` (AF_UNSPEC: any).
Status resolve_host_name(Object* host, int family, SockAddr* out);
// sockaddr -> Python address object (CPython's makesockaddr): None for an empty address,
// (host, port) for AF_INET, (host, port, flowinfo, scope_id) for AF_INET6, str or bytes
// (abstract names) for AF_UNIX, (family, raw bytes) otherwise.
Result<Ref<Object>> make_address(const sockaddr* addr, socklen_t length);
// The numeric text of an IPv4/IPv6 address.
Result<Ref<Object>> ip_text(const sockaddr* addr);

// type(code, message), as OSError subclasses with an errno-like first argument are raised.
Error raise_coded_error(Type* type, int code, const char* message);
// socket.gaierror(code, gai_strerror(code)) (OSError from errno for EAI_SYSTEM).
Error raise_gai_error(int code);
// TimeoutError("timed out").
Error raise_timeout();

// Timeout value (None or seconds) -> ns (-1 for None); CPython's messages.
Result<int64_t> parse_timeout(Object* value);
// Seconds as a float object, or None for -1.
Result<Ref<Object>> timeout_object(int64_t ns);

// Makes `fd` blocking or not (O_NONBLOCK).
Status set_fd_blocking(int fd, bool blocking);

// A new _socket.socket for an existing descriptor (socketpair, dup), adopting it; the timeout
// is the default timeout. Closes `fd` on failure.
Result<Ref<Object>> socket_from_fd(int fd, int family, int type, int proto);

// Socket operations with CPython's timeout semantics (sock_call_ex): the descriptor of `s`
// must be open (raises "Bad file descriptor" otherwise). `op(fd)` is one non-blocking attempt
// of the system call, returning < 0 with errno on failure. In timeout mode the fd is polled for
// `writing` readiness (POLLOUT, else POLLIN) with the time left before each attempt; EINTR
// runs the signal handlers and retries; a spent timeout raises TimeoutError. The result is the
// call's return value, or Error with the OSError raised. `deadline_ns` (monotonic, > 0) lets a
// caller share one deadline across several calls (sendall).
template <class Op>
Result<long> socket_call(SocketObject* s, bool writing, Op&& op, int64_t deadline_ns = 0);

// Monotonic clock in ns.
int64_t monotonic_ns();

// Waits until `fd` is ready for `writing` (or reading), at most `timeout_ns` (-1: forever):
// 1 ready, 0 timed out, -1 with errno set on failure. The caller detaches around it.
int wait_fd(int fd, bool writing, int64_t timeout_ns);

// close(2) of a socket descriptor, detached; ECONNRESET is not an error (as CPython).
Status close_socket_fd(int fd);
// An int argument fitting a C int (`default_value` when `arg` is nullptr).
Result<int> int_argument(Object* arg, int default_value);
// The open descriptor of socket `self` (OSError EBADF once closed).
Result<int> open_fd(Object* self);

// The I/O methods of the socket type (socket_io.cpp), listed by socket_object.cpp's table.
Result<Ref<Object>> socket_accept(Object* self, Object* const* args, size_t nargs, Object* kw);
Result<Ref<Object>> socket_connect(Object* self, Object* const* args, size_t nargs, Object* kw);
Result<Ref<Object>> socket_connect_ex(Object* self, Object* const* args, size_t nargs, Object* kw);
Result<Ref<Object>> socket_recv(Object* self, Object* const* args, size_t nargs, Object* kw);
Result<Ref<Object>> socket_recv_into(Object* self, Object* const* args, size_t nargs, Object* kw);
Result<Ref<Object>> socket_recvfrom(Object* self, Object* const* args, size_t nargs, Object* kw);
Result<Ref<Object>> socket_recvfrom_into(Object* self, Object* const* args, size_t nargs,
                                         Object* kw);
Result<Ref<Object>> socket_send(Object* self, Object* const* args, size_t nargs, Object* kw);
Result<Ref<Object>> socket_sendall(Object* self, Object* const* args, size_t nargs, Object* kw);
Result<Ref<Object>> socket_sendto(Object* self, Object* const* args, size_t nargs, Object* kw);
// socket_msg.cpp
Result<Ref<Object>> socket_sendmsg(Object* self, Object* const* args, size_t nargs, Object* kw);
Result<Ref<Object>> socket_recvmsg(Object* self, Object* const* args, size_t nargs, Object* kw);

// The function tables and constants, assembled by socket_module.cpp.
extern const MethodDef kNetdbFunctions[];   // socket_netdb.cpp
extern const MethodDef kMessageFunctions[];  // socket_msg.cpp: CMSG_LEN, CMSG_SPACE
Status add_socket_constants(Object* dict);  // socket_constants.cpp

template <class Op>
Result<long> socket_call(SocketObject* s, bool writing, Op&& op, int64_t deadline_ns) {
  int64_t timeout = s->timeout_ns.load(std::memory_order_relaxed);
  if (timeout > 0 && deadline_ns == 0) deadline_ns = monotonic_ns() + timeout;
  for (;;) {
    int fd = s->fd.load(std::memory_order_acquire);
    if (fd < 0) return raise_os_error(EBADF);
    if (timeout > 0) {
      int64_t left = deadline_ns - monotonic_ns();
      if (left < 0) return raise_timeout();
      int ready, err;
      {
        core::DetachGuard detached;
        ready = wait_fd(fd, writing, left);
        err = errno;
      }
      if (ready < 0) {
        if (err != EINTR) return raise_os_error(err);
        TRY(vm::signals::check_signals());
        continue;
      }
      if (ready == 0) return raise_timeout();
    }
    long rc;
    int err;
    {
      core::DetachGuard detached;
      rc = static_cast<long>(op(fd));
      err = errno;
    }
    if (rc >= 0) return rc;
    if (err == EINTR) {
      TRY(vm::signals::check_signals());
      continue;
    }
    if (timeout > 0 && (err == EAGAIN || err == EWOULDBLOCK)) continue;
    return raise_os_error(err);
  }
}

}  // namespace weft::socket_module
