// stdlib/tests/socket_test.cpp — socket addresses (Python object <-> sockaddr) and the timeout
// machinery of `_socket`, and the timeout converters of select's poll/epoll.
#include <sys/socket.h>
#include <unistd.h>

#include "objects/bytes.h"
#include "objects/float.h"
#include "objects/tests/container_test_util.h"
#include "objects/tuple.h"
#include "stdlib/_socket/socket_internal.h"
#include "stdlib/select/select_internal.h"

namespace weft::testing {
namespace {

using socket_module::SockAddr;

Ref<Object> pair(const char* host, int64_t port) {
  return MUST(tuple_pack({S(host).get(), I(port).get()}));
}

TEST_F(RuntimeTest, SocketInetAddressRoundTrips) {
  SockAddr addr;
  ASSERT_FALSE(socket_module::parse_address(AF_INET, pair("127.0.0.1", 8080).get(), "bind", &addr)
                   .is_error());
  EXPECT_EQ(addr.length, sizeof(sockaddr_in));
  Ref<Object> back = MUST(socket_module::make_address(addr.get(), addr.length));
  EXPECT_EQ(repr_of(back.get()), "('127.0.0.1', 8080)");
  // "" is the wildcard address.
  ASSERT_FALSE(socket_module::parse_address(AF_INET, pair("", 0).get(), "bind", &addr).is_error());
  EXPECT_EQ(repr_of(MUST(socket_module::make_address(addr.get(), addr.length)).get()),
            "('0.0.0.0', 0)");
  // IPv6 addresses carry flowinfo and scope id.
  ASSERT_FALSE(
      socket_module::parse_address(AF_INET6, pair("::1", 1).get(), "bind", &addr).is_error());
  EXPECT_EQ(repr_of(MUST(socket_module::make_address(addr.get(), addr.length)).get()),
            "('::1', 1, 0, 0)");
  // An empty address is None.
  EXPECT_EQ(repr_of(MUST(socket_module::make_address(addr.get(), 0)).get()), "None");
}

TEST_F(RuntimeTest, SocketAddressErrorsMatchCPython) {
  SockAddr addr;
  EXPECT_TRUE(socket_module::parse_address(AF_INET, I(1).get(), "bind", &addr).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "bind(): AF_INET address must be tuple, not int"));
  EXPECT_TRUE(
      socket_module::parse_address(AF_INET, pair("1.2.3.4", 70000).get(), "connect", &addr)
          .is_error());
  EXPECT_TRUE(take_error(exc::OverflowError, "connect(): port must be 0-65535."));
  std::string long_path(200, 'x');
  EXPECT_TRUE(
      socket_module::parse_address(AF_UNIX, S(long_path.c_str()).get(), "bind", &addr).is_error());
  EXPECT_TRUE(take_error(exc::OSError, "AF_UNIX path too long"));
}

TEST_F(RuntimeTest, SocketUnixAbstractNamesAreBytes) {
  SockAddr addr;
  Ref<Object> name = MUST(bytes_from(std::string_view("\0weft", 5)));
  ASSERT_FALSE(socket_module::parse_address(AF_UNIX, name.get(), "bind", &addr).is_error());
  EXPECT_EQ(repr_of(MUST(socket_module::make_address(addr.get(), addr.length)).get()),
            "b'\\x00weft'");
  ASSERT_FALSE(socket_module::parse_address(AF_UNIX, S("/tmp/s").get(), "bind", &addr).is_error());
  EXPECT_EQ(repr_of(MUST(socket_module::make_address(addr.get(), addr.length)).get()), "'/tmp/s'");
}

TEST_F(RuntimeTest, SocketCallTimesOutAndReportsClosedSockets) {
  int fds[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds), 0);
  Ref<Object> sock = MUST(socket_module::socket_from_fd(fds[0], AF_UNIX, SOCK_STREAM, 0));
  auto* s = socket_module::as_socket(sock.get());
  s->timeout_ns.store(20'000'000);
  char byte;
  auto recv_one = [&](int fd) { return ::recv(fd, &byte, 1, 0); };
  EXPECT_TRUE(socket_module::socket_call(s, false, recv_one).is_error());
  EXPECT_TRUE(take_error(exc::TimeoutError, "timed out"));
  ASSERT_EQ(::write(fds[1], "x", 1), 1);
  Result<long> got = socket_module::socket_call(s, false, recv_one);
  ASSERT_FALSE(got.is_error());
  EXPECT_EQ(got.value(), 1);
  EXPECT_EQ(byte, 'x');
  ::close(s->fd.exchange(-1));
  EXPECT_TRUE(socket_module::socket_call(s, false, recv_one).is_error());
  EXPECT_TRUE(take_error(exc::OSError, "[Errno 9] Bad file descriptor"));
  ::close(fds[1]);
}

TEST_F(RuntimeTest, SelectTimeoutsRoundAsCPython) {
  EXPECT_EQ(MUST(select_module::poll_timeout_ms(&NoneObject)), -1);
  EXPECT_EQ(MUST(select_module::poll_timeout_ms(I(-5).get())), -1);
  Ref<Object> half = MUST(float_from_double(0.5));
  EXPECT_EQ(MUST(select_module::poll_timeout_ms(half.get())), 1);  // ms, rounded up
  EXPECT_EQ(MUST(select_module::epoll_timeout_ms(half.get())), 500);  // seconds -> ms
  Ref<Object> tiny = MUST(float_from_double(0.0001));
  EXPECT_EQ(MUST(select_module::epoll_timeout_ms(tiny.get())), 1);
  EXPECT_TRUE(select_module::poll_timeout_ms(S("1").get()).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "timeout must be an integer or None"));
}

}  // namespace
}  // namespace weft::testing
