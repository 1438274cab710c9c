// objects/tests/args_test.cpp — argument checking messages (objects/args.h) against the exact
// CPython 3.14 texts, and the "Did you mean" distance.
#include <string>

#include "objects/args.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/testing.h"

namespace weft {
namespace {

using testing::RuntimeTest;

std::string take_message() {
  Ref<Object> e = take_exception();
  if (!e) return "<no exception>";
  Object* args = exception_args(e.get());
  return std::string(type_name_of(e.get())) + ": " + str_to_std_string(tuple_item(args, 0));
}

Ref<Object> kwnames(std::initializer_list<const char*> names) {
  Ref<Object> t = MUST(tuple_new(static_cast<int64_t>(names.size())));
  int64_t i = 0;
  for (const char* n : names) tuple_init_item(t.get(), i++, new_ref(str_intern(n)));
  return t;
}

TEST(SuggestionTest, DistanceAndClosest) {
  EXPECT_EQ(suggestion_edit_distance("sep", "sepp", 100), 2);
  EXPECT_EQ(suggestion_edit_distance("abc", "ABC", 100), 3);
  std::string_view cands[] = {"sep", "maxsplit"};
  EXPECT_EQ(suggest_closest("sepp", cands, 2), 0);
  EXPECT_EQ(suggest_closest("MAXSPLIT", cands, 2), -1);  // 8 case flips > limit 6
  EXPECT_EQ(suggest_closest("zzzz", cands, 2), -1);
}

TEST_F(RuntimeTest, PositionalCounts) {
  EXPECT_TRUE(args_check_positional("pop", 2, 0, 1).is_error());
  EXPECT_EQ(take_message(), "TypeError: pop expected at most 1 argument, got 2");
  EXPECT_TRUE(args_check_positional("divmod", 1, 2, 2).is_error());
  EXPECT_EQ(take_message(), "TypeError: divmod expected 2 arguments, got 1");
  EXPECT_TRUE(args_exactly_one("len", 2).is_error());
  EXPECT_EQ(take_message(), "TypeError: len() takes exactly one argument (2 given)");
  Ref<Object> kw = kwnames({"x"});
  EXPECT_TRUE(args_no_keywords("str.upper", kw.get()).is_error());
  EXPECT_EQ(take_message(), "TypeError: str.upper() takes no keyword arguments");
  EXPECT_FALSE(args_no_keywords("f", nullptr).is_error());
}

TEST_F(RuntimeTest, ParserMessages) {
  static const ArgParser split("split", "| sep maxsplit");
  Object* out[2];
  Object* a = str_intern("a");
  Object* three[] = {a, a, a};
  EXPECT_TRUE(split.parse(three, 3, nullptr, out).is_error());
  EXPECT_EQ(take_message(), "TypeError: split() takes at most 2 arguments (3 given)");
  Ref<Object> kw = kwnames({"sepp"});
  EXPECT_TRUE(split.parse(three, 0, kw.get(), out).is_error());
  EXPECT_EQ(take_message(),
            "TypeError: split() got an unexpected keyword argument 'sepp'. Did you mean 'sep'?");
  Ref<Object> kw2 = kwnames({"sep"});
  EXPECT_TRUE(split.parse(three, 1, kw2.get(), out).is_error());
  EXPECT_EQ(take_message(), "TypeError: argument for split() given by name ('sep') and position (1)");
  Object* kwv[] = {a};
  ASSERT_FALSE(split.parse(kwv, 0, kw2.get(), out).is_error());
  EXPECT_EQ(out[0], a);
  EXPECT_EQ(out[1], nullptr);

  static const ArgParser to_bytes("to_bytes", "| length byteorder * signed");
  Object* args3[] = {a, a, a};
  EXPECT_TRUE(to_bytes.parse(args3, 3, nullptr, out).is_error());
  EXPECT_EQ(take_message(), "TypeError: to_bytes() takes at most 2 positional arguments (3 given)");

  static const ArgParser from_bytes("from_bytes", "bytes | byteorder * signed");
  EXPECT_TRUE(from_bytes.parse(nullptr, 0, nullptr, out).is_error());
  EXPECT_EQ(take_message(), "TypeError: from_bytes() missing required argument 'bytes' (pos 1)");

  static const ArgParser sum("sum", "iterable / | start");
  EXPECT_TRUE(sum.parse(nullptr, 0, nullptr, out).is_error());
  EXPECT_EQ(take_message(), "TypeError: sum() takes at least 1 positional argument (0 given)");
}

}  // namespace
}  // namespace weft
