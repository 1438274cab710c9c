// stdlib/tests/marshal_test.cpp — unit tests of the marshal format (stdlib/marshal/): reading
// bytes CPython 3.14 wrote, round trips of values and code objects, back-references, and the
// errors for truncated or malformed input.
#include <string>

#include "objects/abstract.h"
#include "objects/code.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/marshal/marshal_format.h"
#include "vm/compiler/compile.h"
#include "vm/testing.h"

namespace weft {
namespace {

using testing::RuntimeTest;

std::string from_hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

std::string repr_of(Object* o) {
  Ref<Object> r = MUST(object_repr(o));
  return str_to_std_string(r.get());
}

Ref<Object> load(std::string_view data) {
  size_t consumed = 0;
  return MUST(marshal::read_object(data, true, &consumed));
}

TEST_F(RuntimeTest, MarshalReadsCPythonOutput) {
  // marshal.dumps((1, "ab", 2**40, -2**70, 1.5, None, True, ..., frozenset(), [], {1: 2}, "é"))
  // as CPython 3.14 writes it (refs, short ASCII interned, small tuple, longs).
  std::string data = from_hex(
      "290ce901000000da026162ec030000000000000000046cfbffffff00000000000000000004e7000000000000"
      "f83f4e542e3e000000005b000000007b7200000000e90200000030f402000000c3a9");
  Ref<Object> v = load(data);
  EXPECT_EQ(repr_of(v.get()),
            "(1, 'ab', 1099511627776, -1180591620717411303424, 1.5, None, True, Ellipsis, "
            "frozenset(), [], {1: 2}, 'é')");
}

TEST_F(RuntimeTest, MarshalRoundTripsSharedObjects) {
  Ref<Object> s = MUST(str_from_utf8("shared"));
  Ref<Object> t = MUST(tuple_pack({s.get(), s.get(), s.get()}));
  std::string data = MUST(marshal::write_object(t.get(), marshal::kVersion, true));
  Ref<Object> back = load(data);
  ASSERT_TRUE(is_tuple(back.get()));
  EXPECT_EQ(tuple_item(back.get(), 0), tuple_item(back.get(), 2));  // one object, two refs
  // Version 2 writes no references: three separate strings, longer output.
  std::string v2 = MUST(marshal::write_object(t.get(), 2, true));
  EXPECT_GT(v2.size(), data.size());
  Ref<Object> back2 = load(v2);
  EXPECT_EQ(repr_of(back2.get()), "('shared', 'shared', 'shared')");
}

TEST_F(RuntimeTest, MarshalRoundTripsCodeObjects) {
  Ref<Object> filename = MUST(str_from_utf8("m.py"));
  Ref<Object> code = MUST(compiler::compile_source("def f(a, *b, c=1):\n    return [a, b, c]\n",
                                                    filename.get(), compiler::CompileMode::Exec, {}));
  std::string data = MUST(marshal::write_object(code.get(), marshal::kVersion, true));
  Ref<Object> back = load(data);
  ASSERT_TRUE(is_code(back.get()));
  auto* a = static_cast<CodeObject*>(code.get());
  auto* b = static_cast<CodeObject*>(back.get());
  EXPECT_EQ(repr_of(a->code), repr_of(b->code));
  EXPECT_EQ(repr_of(a->linetable), repr_of(b->linetable));
  EXPECT_EQ(a->stacksize, b->stacksize);
  Object* inner = nullptr;  // f's code, among the module's constants
  for (int64_t i = 0; i < tuple_size(b->consts); i++)
    if (is_code(tuple_item(b->consts, i))) inner = tuple_item(b->consts, i);
  ASSERT_NE(inner, nullptr);
  EXPECT_EQ(static_cast<CodeObject*>(inner)->argcount, 1);
  EXPECT_EQ(static_cast<CodeObject*>(inner)->kwonlyargcount, 1);
  // allow_code=False refuses both ways.
  EXPECT_TRUE(marshal::write_object(code.get(), marshal::kVersion, false).is_error());
  EXPECT_TRUE(error_matches(exc::ValueError));
  clear_error();
  size_t consumed = 0;
  EXPECT_TRUE(marshal::read_object(data, false, &consumed).is_error());
  clear_error();
}

TEST_F(RuntimeTest, MarshalRejectsMalformedInput) {
  size_t consumed = 0;
  const std::pair<std::string, Type*> cases[] = {
      {"", exc::EOFError},                                   // nothing at all
      {std::string("i\x01", 2), exc::EOFError},              // truncated int
      {"\x07", exc::ValueError},                             // unknown type code
      {std::string("r\x05\x00\x00\x00", 5), exc::ValueError},  // reference to nothing
      {std::string("[\x02\x00\x00\x00i", 6), exc::EOFError},   // list shorter than its count
      {std::string("(\x01\x00\x00\x00" "0", 6), exc::TypeError},  // NULL inside a tuple
  };
  for (const auto& [data, type] : cases) {
    EXPECT_TRUE(marshal::read_object(data, true, &consumed).is_error()) << data;
    EXPECT_TRUE(error_matches(type)) << data;
    clear_error();
  }
  // Trailing bytes are left for the caller: load() reports how much one value used.
  Ref<Object> v = MUST(marshal::read_object(std::string("i\x07\x00\x00\x00rest", 9), true, &consumed));
  EXPECT_EQ(consumed, 5u);
  EXPECT_EQ(int_small_value(v.get()), 7);
}

}  // namespace
}  // namespace weft
