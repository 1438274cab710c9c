// stdlib/_socket/socket_io.cpp — the I/O methods of _socket.socket: _accept, connect,
// connect_ex, recv, recv_into, recvfrom, recvfrom_into, send, sendall, sendto (CPython 3.14's
// Modules/socketmodule.c behaviour and messages).
//
// Every call goes through socket_call (socket_internal.h): detached from the runtime while it
// blocks, retried after EINTR once signal handlers ran (PEP 475), polled with the time left in
// timeout mode. connect is special, as in CPython: an interrupted or in-progress connect is never
// restarted; the socket is polled for writability and SO_ERROR says how it ended. sendall
// shares one deadline across its sends.
#include <sys/socket.h>
#include <unistd.h>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/tuple.h"
#include "stdlib/_socket/socket_internal.h"

namespace weft::socket_module {
namespace {

// A writable view of `buffer` (bytearray, writable memoryview or array), as recv_into needs.
Result<ByteView> writable_buffer(const char* fname, Object* buffer) {
  std::optional<ByteView> view = TRY(writable_byte_view(buffer));
  if (!view)
    return raise(exc::TypeError, "{}() argument 1 must be read-write bytes-like object, not {}",
                 fname, type_name_of(buffer));
  return std::move(*view);
}

Result<int64_t> size_argument(Object* arg) {
  if (!arg) return int64_t{0};
  return index_as_i64(arg, exc::OverflowError);
}

// ---- connect ----------------------------------------------------------------------------------

// Connects `s` to `addr`. Returns 0 or the errno of the failure when `raise_errors` is false
// (connect_ex); raises otherwise.
Result<int> do_connect(SocketObject* s, const SockAddr& addr, bool raise_errors) {
  int fd = s->fd.load(std::memory_order_acquire);
  if (fd < 0) return raise_os_error(EBADF);
  int rc, err;
  {
    core::DetachGuard detached;
    rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr.storage), addr.length);
    err = errno;
  }
  if (rc == 0) return 0;
  int64_t timeout = s->timeout_ns.load(std::memory_order_relaxed);
  bool wait;
  if (err == EINTR) {
    TRY(vm::signals::check_signals());
    wait = timeout != 0;
  } else {
    wait = timeout > 0 && err == EINPROGRESS;
  }
  if (wait) {
    int64_t deadline = timeout > 0 ? monotonic_ns() + timeout : 0;
    for (;;) {
      int64_t left = timeout > 0 ? deadline - monotonic_ns() : -1;
      int ready = 0;
      if (timeout < 0 || left >= 0) {
        core::DetachGuard detached;
        ready = wait_fd(fd, true, left);
        err = errno;
      }
      if (ready < 0 && err == EINTR) {
        TRY(vm::signals::check_signals());
        continue;
      }
      if (ready == 0) {
        if (raise_errors) return raise_timeout();
        return EWOULDBLOCK;
      }
      if (ready > 0) {
        socklen_t len = sizeof err;
        if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) err = errno;
        if (err == 0 || err == EISCONN) return 0;
      }
      break;
    }
  }
  if (raise_errors) return raise_os_error(err);
  return err;
}

// ---- receiving --------------------------------------------------------------------------------

// One recvfrom(2) into `dst`; `from` (may be nullptr) receives the sender's address.
Result<int64_t> receive(SocketObject* s, char* dst, size_t n, int flags, SockAddr* from) {
  return socket_call(s, false, [&](int fd) {
    if (!from) return ::recv(fd, dst, n, flags);
    from->length = sizeof from->storage;
    return ::recvfrom(fd, dst, n, flags, from->get(), &from->length);
  });
}

// The received bytes as a bytes object of exactly their size.
Result<Ref<Object>> receive_bytes(SocketObject* s, int64_t size, int flags, SockAddr* from) {
  constexpr int64_t kStackBuffer = 8192;
  if (size <= kStackBuffer) {
    char buf[kStackBuffer];
    int64_t n = TRY(receive(s, buf, static_cast<size_t>(size), flags, from));
    return bytes_from(std::string_view(buf, static_cast<size_t>(n)));
  }
  Ref<Object> out = TRY(bytes_new_uninitialized(size));
  char* data = bytes_mutable_data(out.get());
  int64_t n = TRY(receive(s, data, static_cast<size_t>(size), flags, from));
  if (n == size) return out;
  return bytes_from(std::string_view(data, static_cast<size_t>(n)));
}

// recv_into/recvfrom_into: parses (buffer, nbytes=0, flags=0) with `parser` and receives into
// the buffer (the first nbytes of it; all of it for 0). `from` as for receive().
Result<int64_t> receive_into(Object* self, const ArgParser& parser, Object* const* args,
                             size_t nargs, Object* kw, const char* too_big_message,
                             SockAddr* from) {
  Object* a[3];
  TRY(parser.parse(args, nargs, kw, a));
  ByteView buffer = TRY(writable_buffer(parser.fname(), a[0]));
  int64_t nbytes = TRY(size_argument(a[1]));
  if (nbytes < 0) return raise(exc::ValueError, "negative buffersize in {}", parser.fname());
  if (nbytes > static_cast<int64_t>(buffer.size()))
    return raise(exc::ValueError, too_big_message);
  size_t n = nbytes == 0 ? buffer.size() : static_cast<size_t>(nbytes);
  int flags = TRY(int_argument(a[2], 0));
  return receive(as_socket(self), const_cast<char*>(buffer.data()), n, flags, from);
}

// ---- sending ----------------------------------------------------------------------------------

// The `data[, flags]` prefix of send/sendall/sendto.
Status send_arguments(const char* fname, Object* const* args, size_t nargs, Object* kwnames,
                      size_t max, ByteView* data, int* flags) {
  TRY(args_positional_only(fname, nargs, kwnames, 1, max));
  *data = TRY(byte_view(args[0]));
  *flags = nargs > 1 && max == 2 ? TRY(int_argument(args[1], 0)) : 0;
  return ok();
}

}  // namespace

Result<Ref<Object>> socket_accept(Object* self, Object* const*, size_t, Object*) {
  SockAddr addr;
  long fd = TRY(socket_call(as_socket(self), false, [&](int listener) {
    addr.length = sizeof addr.storage;
    return ::accept4(listener, addr.get(), &addr.length, SOCK_CLOEXEC);
  }));
  Result<Ref<Object>> address = make_address(addr.get(), addr.length);
  Result<Ref<Object>> result = address.is_error() ? Result<Ref<Object>>(Error{})
                                                  : int_from_i64(fd);
  if (!result.is_error()) result = tuple_pack({result.value().get(), address.value().get()});
  if (result.is_error()) ::close(static_cast<int>(fd));
  return result;
}

Result<Ref<Object>> socket_connect(Object* self, Object* const* args, size_t, Object*) {
  SocketObject* s = as_socket(self);
  SockAddr addr;
  TRY(parse_address(s->family, args[0], "connect", &addr));
  TRY(do_connect(s, addr, true));
  return new_none();
}

Result<Ref<Object>> socket_connect_ex(Object* self, Object* const* args, size_t, Object*) {
  SocketObject* s = as_socket(self);
  SockAddr addr;
  TRY(parse_address(s->family, args[0], "connect_ex", &addr));
  return int_from_i64(TRY(do_connect(s, addr, false)));
}

// recv(bufsize[, flags])
Result<Ref<Object>> socket_recv(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("recv", nargs, kw, 1, 2));
  int64_t size = TRY(size_argument(args[0]));
  int flags = nargs > 1 ? TRY(int_argument(args[1], 0)) : 0;
  if (size < 0) return raise(exc::ValueError, "negative buffersize in recv");
  return receive_bytes(as_socket(self), size, flags, nullptr);
}

// recvfrom(bufsize[, flags]) -> (data, address)
Result<Ref<Object>> socket_recvfrom(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("recvfrom", nargs, kw, 1, 2));
  int64_t size = TRY(size_argument(args[0]));
  int flags = nargs > 1 ? TRY(int_argument(args[1], 0)) : 0;
  if (size < 0) return raise(exc::ValueError, "negative buffersize in recvfrom");
  SockAddr from;
  Ref<Object> data = TRY(receive_bytes(as_socket(self), size, flags, &from));
  Ref<Object> address = TRY(make_address(from.get(), from.length));
  return tuple_pack({data.get(), address.get()});
}

// recv_into(buffer, nbytes=0, flags=0) -> nbytes received
Result<Ref<Object>> socket_recv_into(Object* self, Object* const* args, size_t nargs,
                                     Object* kw) {
  static const ArgParser kParser("recv_into", "buffer | nbytes flags");
  return int_from_i64(TRY(receive_into(self, kParser, args, nargs, kw,
                                       "buffer too small for requested bytes", nullptr)));
}

// recvfrom_into(buffer, nbytes=0, flags=0) -> (nbytes, address)
Result<Ref<Object>> socket_recvfrom_into(Object* self, Object* const* args, size_t nargs,
                                         Object* kw) {
  static const ArgParser kParser("recvfrom_into", "buffer | nbytes flags");
  SockAddr from;
  int64_t got = TRY(receive_into(self, kParser, args, nargs, kw,
                                 "nbytes is greater than the length of the buffer", &from));
  Ref<Object> count = TRY(int_from_i64(got));
  Ref<Object> address = TRY(make_address(from.get(), from.length));
  return tuple_pack({count.get(), address.get()});
}

// send(data[, flags]) -> bytes sent
Result<Ref<Object>> socket_send(Object* self, Object* const* args, size_t nargs, Object* kw) {
  ByteView data;
  int flags;
  TRY(send_arguments("send", args, nargs, kw, 2, &data, &flags));
  long sent = TRY(socket_call(as_socket(self), true, [&](int fd) {
    return ::send(fd, data.data(), data.size(), flags | MSG_NOSIGNAL);
  }));
  return int_from_i64(sent);
}

// sendall(data[, flags]): sends everything, or raises (the timeout covers the whole call).
Result<Ref<Object>> socket_sendall(Object* self, Object* const* args, size_t nargs, Object* kw) {
  ByteView data;
  int flags;
  TRY(send_arguments("sendall", args, nargs, kw, 2, &data, &flags));
  SocketObject* s = as_socket(self);
  int64_t timeout = s->timeout_ns.load(std::memory_order_relaxed);
  int64_t deadline = timeout > 0 ? monotonic_ns() + timeout : 0;
  size_t done = 0;
  while (done < data.size()) {
    long sent = TRY(socket_call(s, true, [&](int fd) {
      return ::send(fd, data.data() + done, data.size() - done, flags | MSG_NOSIGNAL);
    }, deadline));
    done += static_cast<size_t>(sent);
    // As CPython: signal handlers run between chunks, so a long send is interruptible.
    TRY(vm::signals::check_signals());
  }
  return new_none();
}

// sendto(data[, flags], address) -> bytes sent
Result<Ref<Object>> socket_sendto(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_no_keywords("sendto", kw));
  if (nargs != 2 && nargs != 3)
    return raise(exc::TypeError, "sendto() takes 2 or 3 arguments ({} given)", nargs);
  ByteView data = TRY(byte_view(args[0]));
  int flags = nargs == 3 ? TRY(int_argument(args[1], 0)) : 0;
  SocketObject* s = as_socket(self);
  SockAddr addr;
  TRY(parse_address(s->family, args[nargs - 1], "sendto", &addr));
  long sent = TRY(socket_call(s, true, [&](int fd) {
    return ::sendto(fd, data.data(), data.size(), flags | MSG_NOSIGNAL, addr.get(), addr.length);
  }));
  return int_from_i64(sent);
}

}  // namespace weft::socket_module
