// objects/tests/structseq_test.cpp — struct sequences: visible vs hidden fields, attribute access,
// repr with unnamed fields, the constructor's rules and messages, __reduce__, concurrent reads.
#include "objects/dict.h"
#include "objects/structseq.h"
#include "objects/tests/container_test_util.h"

namespace weft::testing {
namespace {

// Two visible named fields, one visible unnamed field, two hidden fields.
const StructSeqField kDemoFields[] = {
    {"alpha", "first"},  {"beta", "second"}, {kStructSeqUnnamed, "third, by index only"},
    {"gamma", "hidden"}, {"delta", "hidden"}, {nullptr, nullptr},
};
const StructSeqDesc kDemoDesc = {"weft_test.demo", "A demo record.", kDemoFields, 3};
StructSeqType DemoType;
WEFT_REGISTER_STRUCTSEQ(DemoType, kDemoDesc);

Ref<Object> make_demo() {
  Ref<Object> items[5] = {I(1), I(2), I(3), I(4), I(5)};
  return MUST(structseq_from_items(&DemoType, items));
}

TEST_F(RuntimeTest, StructSeqCountsAndLayout) {
  EXPECT_EQ(DemoType.n_fields, 5);
  EXPECT_EQ(DemoType.n_unnamed, 1);
  Ref<Object> d = make_demo();
  EXPECT_TRUE(is_tuple(d.get()));
  EXPECT_EQ(tuple_size(d.get()), 3);
  EXPECT_EQ(repr_of(MUST(get_attr(d.get(), "gamma")).get()), "4");
  EXPECT_EQ(repr_of(MUST(get_attr(d.get(), "delta")).get()), "5");
  EXPECT_EQ(repr_of(MUST(get_attr(&DemoType, "n_sequence_fields")).get()), "3");
  EXPECT_EQ(repr_of(MUST(get_attr(&DemoType, "__match_args__")).get()), "('alpha', 'beta')");
}

TEST_F(RuntimeTest, StructSeqReprNamesUnnamedFieldsLikeCPython) {
  // The unnamed third item is shown under the next named field's name, as CPython does.
  EXPECT_EQ(repr_of(make_demo().get()), "weft_test.demo(alpha=1, beta=2, gamma=3)");
}

TEST_F(RuntimeTest, StructSeqConstructorRules) {
  Ref<Object> three = MUST(tuple_pack({I(7).get(), I(8).get(), I(9).get()}));
  Ref<Object> d = MUST(call(&DemoType, std::initializer_list<Object*>{three.get()}.begin(), 1));
  EXPECT_EQ(repr_of(MUST(get_attr(d.get(), "delta")).get()), "None");

  Ref<Object> two = MUST(tuple_pack({I(7).get(), I(8).get()}));
  EXPECT_TRUE(call(&DemoType, std::initializer_list<Object*>{two.get()}.begin(), 1).is_error());
  EXPECT_TRUE(take_error(exc::TypeError,
                         "weft_test.demo() takes an at least 3-sequence (2-sequence given)"));

  Ref<Object> extra = MUST(dict_new());
  MUST(dict_set_item_str(extra.get(), "delta", I(6).get()));
  Object* args[] = {three.get(), extra.get()};
  Ref<Object> e = MUST(call(&DemoType, args, 2));
  EXPECT_EQ(repr_of(MUST(get_attr(e.get(), "delta")).get()), "6");
  EXPECT_EQ(repr_of(MUST(call_m(e.get(), "__reduce__")).get()),
            "(<class 'weft_test.demo'>, ((7, 8, 9), {'gamma': None, 'delta': 6}))");

  MUST(dict_set_item_str(extra.get(), "bogus", I(1).get()));
  EXPECT_TRUE(call(&DemoType, args, 2).is_error());
  EXPECT_TRUE(take_error(exc::TypeError,
                         "weft_test.demo() got duplicate or unexpected field name(s)"));
}

TEST_F(RuntimeTest, StructSeqIsReadOnlyAndSharedSafely) {
  Ref<Object> d = make_demo();
  EXPECT_TRUE(set_attr(d.get(), str_intern("alpha"), I(0).get()).is_error());
  EXPECT_TRUE(error_matches(exc::AttributeError));
  clear_error();
  // Immutable once built: many threads read fields without any lock.
  std::atomic<int> bad{0};
  run_threads(4, [&](int) {
    for (int i = 0; i < 2000; ++i) {
      Result<Ref<Object>> v = get_attr(d.get(), "delta");
      if (v.is_error() || int_value(v.value().get()) != 5) bad.fetch_add(1);
    }
  });
  EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace weft::testing
