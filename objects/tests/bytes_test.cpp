// objects/tests/bytes_test.cpp — bytes construction, repr, hashing and methods (expected values
// from CPython 3.14).
#include <string>

#include "objects/abstract.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/testing.h"

namespace weft {
namespace {

using testing::RuntimeTest;

std::string Repr(Object* o) { return str_to_std_string(MUST(object_repr(o)).get()); }
std::string Call(Object* self, const char* method, std::initializer_list<Object*> args = {}) {
  Ref<Object> r = MUST(call_method(self, method, args.begin(), args.size()));
  return Repr(r.get());
}
Ref<Object> B(std::string_view v) { return MUST(bytes_from(v)); }
Ref<Object> S(const char* v) { return MUST(str_from_utf8(v)); }

TEST_F(RuntimeTest, BytesRepr) {
  EXPECT_EQ(Repr(B("a'b").get()), "b\"a'b\"");
  EXPECT_EQ(Repr(B(std::string_view("\x00\xff\t\\", 4)).get()), "b'\\x00\\xff\\t\\\\'");
}

TEST_F(RuntimeTest, BytesDecode) {
  EXPECT_EQ(Call(B("caf\xc3\xa9").get(), "decode"), "'caf\xc3\xa9'");
  EXPECT_EQ(Call(B("a\xff").get(), "decode", {S("utf-8").get(), S("replace").get()}), "'a\xef\xbf\xbd'");
  EXPECT_TRUE(call_method(B("\xe2\x82").get(), "decode", nullptr, 0).is_error());
  Ref<Object> e = take_exception();
  EXPECT_EQ(str_to_std_string(MUST(object_str(e.get())).get()),
            "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data");
}

TEST_F(RuntimeTest, BytesMethods) {
  EXPECT_EQ(Call(B("a,b").get(), "split", {B(",").get()}), "[b'a', b'b']");
  EXPECT_EQ(Call(B(" x ").get(), "strip"), "b'x'");
  EXPECT_EQ(Call(B("\x01\xab").get(), "hex"), "'01ab'");
  EXPECT_EQ(Call(B("abcb").get(), "find", {B("b").get()}), "1");
  EXPECT_EQ(Call(B("abcb").get(), "count", {MUST(int_from_i64('b')).get()}), "2");
  EXPECT_EQ(Call(B("aXa").get(), "replace", {B("a").get(), B("bb").get()}), "b'bbXbb'");
  EXPECT_EQ(Repr(MUST(get_item(B("abc").get(), MUST(int_from_i64(1)).get())).get()), "98");
}

TEST_F(RuntimeTest, BytesSharedMethods) {
  EXPECT_EQ(Call(B("hello World").get(), "swapcase"), "b'HELLO wORLD'");
  EXPECT_EQ(Call(B("ab cd").get(), "title"), "b'Ab Cd'");
  EXPECT_EQ(Call(B("ab").get(), "center", {MUST(int_from_i64(7)).get(), B("*").get()}), "b'***ab**'");
  EXPECT_EQ(Call(B("-42").get(), "zfill", {MUST(int_from_i64(6)).get()}), "b'-00042'");
  EXPECT_EQ(Call(B("a.b.c").get(), "rpartition", {B(".").get()}), "(b'a.b', b'.', b'c')");
  EXPECT_EQ(Call(B("a\tb").get(), "expandtabs", {MUST(int_from_i64(4)).get()}), "b'a   b'");
  EXPECT_EQ(Call(B("abc").get(), "hex", {S(":").get(), MUST(int_from_i64(2)).get()}), "'61:6263'");
  EXPECT_EQ(Call(B("a\nb\r\nc").get(), "splitlines"), "[b'a', b'b', b'c']");
}

TEST_F(RuntimeTest, BytesPercentFormat) {
  Ref<Object> args = MUST(tuple_pack({MUST(int_from_i64(255)).get(), B("x").get()}));
  Ref<Object> r = MUST(binary_op(B("%#x %5s").get(), args.get(), BinaryOp::Remainder));
  EXPECT_EQ(Repr(r.get()), "b'0xff     x'");
  EXPECT_TRUE(binary_op(B("%s").get(), S("x").get(), BinaryOp::Remainder).is_error());
  EXPECT_TRUE(error_matches(exc::TypeError));
  clear_error();
}

TEST_F(RuntimeTest, ByteArrayMutationAndGrowth) {
  Ref<Object> ba = MUST(bytearray_from("ab"));
  Ref<Object> c = MUST(int_from_i64('c'));
  Object* argv[] = {c.get()};
  for (int i = 0; i < 100; ++i) MUST(call_method(ba.get(), "append", argv, 1));
  EXPECT_EQ(bytearray_size(ba.get()), 102);
  // Amortised growth: the block is larger than the contents but not absurdly so.
  int64_t alloc = MUST(int_as_i64(MUST(call_method(ba.get(), "__alloc__", nullptr, 0)).get()));
  EXPECT_GT(alloc, 102);
  EXPECT_LT(alloc, 2 * 102);
  Ref<Object> slice = MUST(slice_from_indices(0, 100));
  MUST(del_item(ba.get(), slice.get()));
  EXPECT_EQ(Repr(ba.get()), "bytearray(b'cc')");
  EXPECT_EQ(Call(ba.get(), "upper"), "bytearray(b'CC')");
}

TEST_F(RuntimeTest, ByteViewPinsByteArray) {
  Ref<Object> ba = MUST(bytearray_from("xyz"));
  {
    ByteView view = MUST(byte_view(ba.get()));
    EXPECT_EQ(view.view(), "xyz");
    // Resizing while exported raises BufferError; same-size writes are allowed.
    EXPECT_TRUE(call_method(ba.get(), "clear", nullptr, 0).is_error());
    EXPECT_TRUE(error_matches(exc::BufferError));
    clear_error();
    MUST(set_item(ba.get(), MUST(int_from_i64(0)).get(), MUST(int_from_i64('X')).get()));
    EXPECT_EQ(view.view(), "Xyz");
  }
  MUST(call_method(ba.get(), "clear", nullptr, 0));
  EXPECT_EQ(bytearray_size(ba.get()), 0);
  EXPECT_TRUE(byte_view(S("s").get()).is_error());
  EXPECT_TRUE(error_matches(exc::TypeError));
  clear_error();
}

}  // namespace
}  // namespace weft
