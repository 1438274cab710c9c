// objects/tests/str_test.cpp — str storage, hashing, interning, builder, repr and methods.
// Expected values come from CPython 3.14 (../shared/tools/cpython314).
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/exceptions.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/testing.h"

namespace weft {
namespace {

using testing::RuntimeTest;

Ref<Object> S(const char* utf8) { return MUST(str_from_utf8(utf8)); }
std::string U(Object* s) { return str_to_std_string(s); }
std::string R(Object* s) { return U(MUST(str_repr(s)).get()); }
std::string Call(Object* self, const char* method, std::initializer_list<Object*> args = {}) {
  Ref<Object> r = MUST(call_method(self, method, args.begin(), args.size()));
  return U(MUST(object_repr(r.get())).get());
}

TEST_F(RuntimeTest, KindIsNarrowest) {
  EXPECT_EQ(str_kind(S("abc").get()), 1);
  EXPECT_TRUE(str_is_ascii(S("abc").get()));
  EXPECT_EQ(str_kind(S("caf\xc3\xa9").get()), 1);
  EXPECT_FALSE(str_is_ascii(S("caf\xc3\xa9").get()));
  EXPECT_EQ(str_kind(S("\xe2\x82\xac").get()), 2);
  EXPECT_EQ(str_kind(S("\xf0\x9f\x98\x80").get()), 4);
  EXPECT_EQ(str_length(S("\xf0\x9f\x98\x80!").get()), 2);
  EXPECT_EQ(str_char_at(S("\xf0\x9f\x98\x80!").get(), 0), 0x1f600u);
}

TEST_F(RuntimeTest, Utf8RoundTripAndErrors) {
  Ref<Object> s = S("\xe2\x82\xacuro");
  EXPECT_EQ(MUST(str_utf8(s.get())), "\xe2\x82\xacuro");
  EXPECT_TRUE(str_from_utf8("\xff").is_error());
  EXPECT_TRUE(error_matches(exc::UnicodeDecodeError));
  clear_error();
  uint32_t lone = 0xd800;
  Ref<Object> sur = MUST(str_from_code_points(&lone, 1));
  EXPECT_TRUE(str_utf8(sur.get()).is_error());
  EXPECT_TRUE(error_matches(exc::UnicodeEncodeError));
  clear_error();
  EXPECT_EQ(str_to_std_string(sur.get()), "\\ud800");
}

// CPython hashes the PEP 393 code-point array (hash_test.cpp checks SipHash itself against
// CPython's values); changing the key here would invalidate the interned table's hashes.
TEST_F(RuntimeTest, HashUsesPep393Data) {
  const uint16_t euro[] = {0x20ac, 'u', 'r', 'o'};
  EXPECT_EQ(str_hash(S("hello world!").get()), hash_bytes("hello world!", 12));
  EXPECT_EQ(str_hash(S("\xc3\xa9").get()), hash_bytes("\xe9", 1));
  EXPECT_EQ(str_hash(S("\xe2\x82\xacuro").get()), hash_bytes(euro, sizeof euro));
  EXPECT_EQ(str_hash(S("").get()), 0);
  EXPECT_EQ(bytes_hash(MUST(bytes_from("abc")).get()), hash_bytes("abc", 3));
}

TEST_F(RuntimeTest, EqualityAndOrdering) {
  EXPECT_TRUE(str_equal(S("abc").get(), S("abc").get()));
  EXPECT_FALSE(str_equal(S("abc").get(), S("abd").get()));
  EXPECT_LT(str_compare(S("ab").get(), S("abc").get()), 0);
  EXPECT_GT(str_compare(S("\xe2\x82\xac").get(), S("z").get()), 0);
  EXPECT_TRUE(str_equal_ascii(S("spam").get(), "spam"));
}

TEST_F(RuntimeTest, InternReturnsOneImmortalInstance) {
  Object* a = str_intern("__init__");
  Object* b = str_intern("__init__");
  EXPECT_EQ(a, b);
  std::string copy = "__init__";
  EXPECT_EQ(str_intern(copy.c_str()), a);
  Ref<Object> fresh = S("__init__");
  Ref<Object> canon = MUST(str_intern_object(std::move(fresh)));
  EXPECT_EQ(canon.get(), a);
  EXPECT_TRUE(is_immortal(a));
}

TEST_F(RuntimeTest, BuilderWidens) {
  StrBuilder b;
  b.append_ascii("ab");
  b.append_code_point(0xe9);
  b.append_code_point(0x20ac);
  b.append_code_point(0x1f600);
  Ref<Object> s = MUST(b.finish());
  EXPECT_EQ(str_kind(s.get()), 4);
  EXPECT_EQ(str_length(s.get()), 5);
  StrBuilder narrow;
  Ref<Object> wide = S("x\xe2\x82\xac");
  narrow.append_substr(wide.get(), 0, 1);
  EXPECT_EQ(str_kind(MUST(narrow.finish()).get()), 1);
}

TEST_F(RuntimeTest, ReprQuotesAndEscapes) {
  EXPECT_EQ(R(S("it's").get()), "\"it's\"");
  EXPECT_EQ(R(S("a'b\"c").get()), "'a\\'b\"c'");
  EXPECT_EQ(R(S("\t\n\x01\x7f").get()), "'\\t\\n\\x01\\x7f'");
  EXPECT_EQ(R(S("caf\xc3\xa9 \xc2\xa0").get()), "'caf\xc3\xa9 \\xa0'");
}

TEST_F(RuntimeTest, Methods) {
  Ref<Object> s = S("  a,b,,c  ");
  EXPECT_EQ(Call(s.get(), "strip"), "'a,b,,c'");
  EXPECT_EQ(Call(S("a,b,,c").get(), "split", {S(",").get()}), "['a', 'b', '', 'c']");
  EXPECT_EQ(Call(S(" a  b ").get(), "split"), "['a', 'b']");
  EXPECT_EQ(Call(S("a b c").get(), "rsplit", {none(), MUST(int_from_i64(1)).get()}), "['a b', 'c']");
  EXPECT_EQ(Call(S("x\r\ny\nz").get(), "splitlines"), "['x', 'y', 'z']");
  EXPECT_EQ(Call(S("abcabc").get(), "find", {S("c").get()}), "2");
  EXPECT_EQ(Call(S("abcabc").get(), "rfind", {S("c").get()}), "5");
  EXPECT_EQ(Call(S("abcabc").get(), "count", {S("bc").get()}), "2");
  EXPECT_EQ(Call(S("aaa").get(), "replace", {S("a").get(), S("bb").get(), MUST(int_from_i64(2)).get()}), "'bbbba'");
  EXPECT_EQ(Call(S("a-b-c").get(), "rpartition", {S("-").get()}), "('a-b', '-', 'c')");
  EXPECT_EQ(Call(S("stra\xc3\x9f" "e").get(), "upper"), "'STRASSE'");
  EXPECT_EQ(Call(S("hello world").get(), "title"), "'Hello World'");
  EXPECT_EQ(Call(S("-42").get(), "zfill", {MUST(int_from_i64(5)).get()}), "'-0042'");
  EXPECT_EQ(Call(S("ab").get(), "center", {MUST(int_from_i64(5)).get(), S("*").get()}), "'**ab*'");
  EXPECT_EQ(Call(S("a\tb").get(), "expandtabs", {MUST(int_from_i64(4)).get()}), "'a   b'");
  EXPECT_EQ(Call(S("_x1").get(), "isidentifier"), "True");
  EXPECT_EQ(Call(S("\xc2\xb2").get(), "isdigit"), "True");
  EXPECT_EQ(Call(S("\xc2\xb2").get(), "isdecimal"), "False");
  EXPECT_EQ(Call(S("caf\xc3\xa9").get(), "encode"), "b'caf\\xc3\\xa9'");
  EXPECT_EQ(Call(S("caf\xc3\xa9").get(), "encode", {S("ascii").get(), S("backslashreplace").get()}), "b'caf\\\\xe9'");
}

TEST_F(RuntimeTest, FormatAndPercent) {
  Ref<Object> one = MUST(int_from_i64(1));
  Ref<Object> x = S("x");
  EXPECT_EQ(Call(S("{} {!r} {{}}").get(), "format", {one.get(), x.get()}), "\"1 'x' {}\"");
  EXPECT_EQ(Call(S("{0}{0}").get(), "format", {x.get()}), "'xx'");
  Ref<Object> args = MUST(tuple_pack({x.get(), one.get()}));
  Ref<Object> r = MUST(binary_op(S("%-3s|%03d|%x").get(), MUST(tuple_pack({x.get(), one.get(), MUST(int_from_i64(255)).get()})).get(), BinaryOp::Remainder));
  EXPECT_EQ(U(r.get()), "x  |001|ff");
  EXPECT_TRUE(binary_op(S("%s %s").get(), x.get(), BinaryOp::Remainder).is_error());
  EXPECT_TRUE(error_matches(exc::TypeError));
  clear_error();
  (void)args;
}

TEST_F(RuntimeTest, IndexingAndSlicing) {
  Ref<Object> s = S("hello");
  EXPECT_EQ(U(MUST(get_item(s.get(), MUST(int_from_i64(-1)).get())).get()), "o");
  EXPECT_TRUE(get_item(s.get(), MUST(int_from_i64(5)).get()).is_error());
  EXPECT_TRUE(error_matches(exc::IndexError));
  clear_error();
  EXPECT_EQ(MUST(object_length(s.get())), 5);
  EXPECT_TRUE(MUST(contains(s.get(), S("ell").get())));
}

}  // namespace
}  // namespace weft
