// objects/tests/bytes_test.cpp — bytes construction, repr, hashing and methods (expected values
// from CPython 3.14).
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
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

}  // namespace
}  // namespace weft
