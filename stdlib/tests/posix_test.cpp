// stdlib/tests/posix_test.cpp — the posix argument converters (path, fd, FSConverter) and the
// EINTR-retrying blocking call helper.
#include <cerrno>

#include "objects/bytes.h"
#include "objects/list.h"
#include "objects/tests/container_test_util.h"
#include "stdlib/posix/posix_internal.h"

namespace weft::testing {
namespace {

using posix_module::PathArg;

TEST_F(RuntimeTest, PosixPathAcceptsStrBytesAndFd) {
  PathArg p{"stat", "path"};
  p.allow_fd = true;
  ASSERT_FALSE(posix_module::convert_path(S("/tmp/x\xc3\xa9").get(), &p).is_error());
  EXPECT_EQ(p.text, "/tmp/x\xc3\xa9");
  EXPECT_FALSE(p.is_bytes);

  PathArg b{"stat", "path"};
  Ref<Object> raw = MUST(bytes_from("/tmp/\xff"));
  ASSERT_FALSE(posix_module::convert_path(raw.get(), &b).is_error());
  EXPECT_EQ(b.text, "/tmp/\xff");
  EXPECT_TRUE(b.is_bytes);
  // Undecodable bytes round-trip through str (surrogateescape).
  Ref<Object> as_str = MUST(posix_module::path_result(b.text, false));
  PathArg back{"stat", "path"};
  ASSERT_FALSE(posix_module::convert_path(as_str.get(), &back).is_error());
  EXPECT_EQ(back.text, b.text);

  PathArg f{"stat", "path"};
  f.allow_fd = true;
  ASSERT_FALSE(posix_module::convert_path(I(7).get(), &f).is_error());
  EXPECT_EQ(f.fd, 7);
}

TEST_F(RuntimeTest, PosixPathMessagesMatchCPython) {
  PathArg p{"stat", "path"};
  p.allow_fd = true;
  Ref<Object> list = MUST(list_new());
  EXPECT_TRUE(posix_module::convert_path(list.get(), &p).is_error());
  EXPECT_TRUE(take_error(exc::TypeError,
                         "stat: path should be string, bytes, os.PathLike or integer, not list"));
  PathArg q{"rename", "src"};
  EXPECT_TRUE(posix_module::convert_path(I(1).get(), &q).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "rename: src should be string, bytes or os.PathLike, not int"));
  PathArg n{"listdir", "path"};
  n.nullable = true;
  EXPECT_TRUE(posix_module::convert_path(MUST(str_from_utf8(std::string_view("a\0b", 3))).get(), &n)
                  .is_error());
  EXPECT_TRUE(take_error(exc::ValueError, "listdir: embedded null character in path"));
  std::string out;
  EXPECT_TRUE(posix_module::fs_convert(I(1).get(), &out).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "expected str, bytes or os.PathLike object, not int"));
}

TEST_F(RuntimeTest, PosixBlockingCallRetriesEintr) {
  int calls = 0, err = 0;
  long rc = MUST(posix_module::blocking_call(
      [&]() -> int {
        if (++calls < 3) {
          errno = EINTR;
          return -1;
        }
        return 42;
      },
      &err));
  EXPECT_EQ(rc, 42);
  EXPECT_EQ(calls, 3);
  rc = MUST(posix_module::blocking_call(
      [&]() -> int {
        errno = ENOENT;
        return -1;
      },
      &err));
  EXPECT_EQ(rc, -1);
  EXPECT_EQ(err, ENOENT);
}

}  // namespace
}  // namespace weft::testing
