// objects/tests/buffer_test.cpp — the consumer side of the buffer protocol (objects/bytes_like.h):
// writable views, memoryviews over exporters, export pinning, and Type::buffer lookup along bases.
#include <string>

#include "objects/abstract.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/exceptions.h"
#include "objects/memoryview.h"
#include "objects/str.h"
#include "vm/testing.h"

namespace weft {
namespace {

using testing::RuntimeTest;

Status fake_get(Object*, BufferInfo*) { return ok(); }
void fake_release(Object*) {}

TEST(BufferProcs, InheritedAlongBases) {
  Type base{}, derived{}, unrelated{};
  base.buffer = {fake_get, fake_release};
  derived.base = &base;
  EXPECT_EQ(buffer_procs_of(&derived), &base.buffer);
  EXPECT_EQ(buffer_procs_of(&base), &base.buffer);
  EXPECT_EQ(buffer_procs_of(&unrelated), nullptr);
}

TEST_F(RuntimeTest, WritableByteView) {
  Ref<Object> b = MUST(bytes_from("abc"));
  Ref<Object> ba = MUST(bytearray_from("abc"));
  Ref<Object> s = MUST(str_from_utf8("abc"));
  EXPECT_FALSE(MUST(writable_byte_view(b.get())).has_value());
  EXPECT_FALSE(MUST(writable_byte_view(s.get())).has_value());
  EXPECT_FALSE(MUST(writable_byte_view(MUST(memoryview_from_object(b.get())).get())).has_value());
  std::optional<ByteView> view = MUST(writable_byte_view(ba.get()));
  ASSERT_TRUE(view.has_value());
  EXPECT_FALSE(view->readonly());
  view->mutable_data()[0] = 'X';
  EXPECT_EQ(MUST(byte_view(ba.get())).view(), "Xbc");
}

TEST_F(RuntimeTest, AcquireAndReleasePinExporter) {
  Ref<Object> ba = MUST(bytearray_from("xyz"));
  BufferInfo info;
  ASSERT_TRUE(MUST(buffer_acquire(ba.get(), &info)));
  EXPECT_EQ(std::string(info.buf, size_t(info.len)), "xyz");
  EXPECT_EQ(info.format, 'B');
  EXPECT_FALSE(info.readonly);
  EXPECT_TRUE(call_method(ba.get(), "clear", nullptr, 0).is_error());
  EXPECT_TRUE(error_matches(exc::BufferError));
  clear_error();
  buffer_release(ba.get());
  MUST(call_method(ba.get(), "clear", nullptr, 0));
  Ref<Object> s = MUST(str_from_utf8("s"));
  EXPECT_FALSE(MUST(buffer_acquire(s.get(), &info)));
}

TEST_F(RuntimeTest, MemoryViewHoldsExport) {
  Ref<Object> ba = MUST(bytearray_from("abcd"));
  {
    Ref<Object> mv = MUST(memoryview_from_object(ba.get()));
    EXPECT_TRUE(call_method(ba.get(), "clear", nullptr, 0).is_error());
    clear_error();
    ByteView view = MUST(byte_view(mv.get()));
    EXPECT_EQ(view.view(), "abcd");
    EXPECT_FALSE(view.readonly());
  }
  MUST(call_method(ba.get(), "clear", nullptr, 0));
  Ref<Object> s = MUST(str_from_utf8("s"));
  EXPECT_TRUE(memoryview_from_object(s.get()).is_error());
  EXPECT_TRUE(error_matches(exc::TypeError));
  clear_error();
}

}  // namespace
}  // namespace weft
