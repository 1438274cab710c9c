// objects/tests/set_test.cpp — set/frozenset behaviour against CPython 3.14 (64-bit hashes,
// iteration order for int keys, messages).
#include "objects/list.h"
#include "objects/range.h"
#include "objects/set.h"
#include "objects/tests/container_test_util.h"

namespace weft::testing {
namespace {

Ref<Object> range_list(int64_t n) { return MUST(list_from_iterable(MUST(range_from_i64(0, n, 1)).get())); }

TEST_F(RuntimeTest, SetAddContainsDiscard) {
  Ref<Object> s = MUST(set_new(nullptr));
  EXPECT_EQ(repr_of(s.get()), "set()");
  MUST(set_add(s.get(), I(3).get()));
  MUST(set_add(s.get(), I(1).get()));
  MUST(set_add(s.get(), I(3).get()));
  EXPECT_EQ(set_size(s.get()), 2);
  EXPECT_EQ(repr_of(s.get()), "{1, 3}");
  EXPECT_TRUE(MUST(set_contains(s.get(), I(1).get())));
  EXPECT_FALSE(MUST(set_contains(s.get(), I(2).get())));
  EXPECT_TRUE(MUST(set_discard(s.get(), I(1).get())));
  EXPECT_FALSE(MUST(set_discard(s.get(), I(1).get())));
  EXPECT_TRUE(call_m(s.get(), "remove", {I(7).get()}).is_error());
  EXPECT_TRUE(take_error(exc::KeyError, "7"));
  Ref<Object> empty = MUST(set_new(nullptr));
  EXPECT_TRUE(call_m(empty.get(), "pop").is_error());
  EXPECT_TRUE(take_error(exc::KeyError, "'pop from an empty set'"));
}

TEST_F(RuntimeTest, SetOrderAndPopMatchCPython) {
  Ref<Object> s = MUST(set_new(range_list(40).get()));
  for (int i = 0; i < 40; i += 3) MUST(set_discard(s.get(), I(i).get()));
  std::string popped;
  for (int i = 0; i < 5; ++i) popped += repr_of(MUST(call_m(s.get(), "pop")).get()) + " ";
  EXPECT_EQ(popped, "1 2 4 5 7 ");
  Ref<Object> t = MUST(set_new(nullptr));
  for (int i = 0; i < 10; ++i) MUST(set_add(t.get(), I(i * 8).get()));
  EXPECT_EQ(repr_of(t.get()), "{0, 32, 64, 8, 40, 72, 16, 48, 24, 56}");
}

TEST_F(RuntimeTest, FrozensetHashMatchesCPython) {
  Ref<Object> l = MUST(list_new(0));
  MUST(list_append(l.get(), I(1).get()));
  MUST(list_append(l.get(), I(2).get()));
  EXPECT_EQ(MUST(object_hash(MUST(frozenset_new(l.get())).get())), -1826646154956904602);
  EXPECT_EQ(MUST(object_hash(MUST(frozenset_new(nullptr)).get())), 133146708735736);
  EXPECT_EQ(MUST(object_hash(MUST(frozenset_new(range_list(10).get())).get())),
            3895031357313128696);
  EXPECT_EQ(repr_of(MUST(frozenset_new(l.get())).get()), "frozenset({1, 2})");
  EXPECT_TRUE(object_hash(MUST(set_new(nullptr)).get()).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "unhashable type: 'set'"));
  Ref<Object> s = MUST(set_new(nullptr));
  EXPECT_TRUE(set_add(s.get(), l.get()).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "cannot use 'list' as a set element (unhashable type: 'list')"));
}

TEST_F(RuntimeTest, SetAlgebra) {
  Ref<Object> a = MUST(set_new(range_list(6).get()));  // {0..5}
  Ref<Object> evens = MUST(set_new(nullptr));
  for (int i = 0; i < 10; i += 2) MUST(set_add(evens.get(), I(i).get()));  // {0,2,4,6,8}
  EXPECT_EQ(repr_of(MUST(binary_op(a.get(), evens.get(), BinaryOp::And)).get()), "{0, 2, 4}");
  EXPECT_EQ(repr_of(MUST(binary_op(a.get(), evens.get(), BinaryOp::Subtract)).get()), "{1, 3, 5}");
  EXPECT_EQ(repr_of(MUST(binary_op(a.get(), evens.get(), BinaryOp::Xor)).get()), "{1, 3, 5, 6, 8}");
  EXPECT_EQ(repr_of(MUST(binary_op(a.get(), evens.get(), BinaryOp::Or)).get()),
            "{0, 1, 2, 3, 4, 5, 6, 8}");
  Ref<Object> small = MUST(set_new(nullptr));
  MUST(set_add(small.get(), I(2).get()));
  EXPECT_TRUE(MUST(rich_compare_bool(small.get(), a.get(), CompareOp::Lt)));
  EXPECT_FALSE(MUST(rich_compare_bool(a.get(), evens.get(), CompareOp::Le)));
  EXPECT_TRUE(MUST(objects_equal(MUST(frozenset_new(a.get())).get(), a.get())));
  EXPECT_TRUE(is_none(MUST(call_m(a.get(), "intersection_update", {evens.get()})).get()));
  EXPECT_EQ(repr_of(a.get()), "{0, 2, 4}");
  Ref<Object> l = MUST(list_new(0));
  EXPECT_TRUE(binary_op(a.get(), l.get(), BinaryOp::Or).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "unsupported operand type(s) for |: 'set' and 'list'"));
  EXPECT_EQ(repr_of(MUST(call_m(a.get(), "union", {l.get(), small.get()})).get()), "{0, 2, 4}");
  // A set is looked up as a frozenset inside another set.
  Ref<Object> outer = MUST(set_new(nullptr));
  MUST(set_add(outer.get(), MUST(frozenset_new(small.get())).get()));
  EXPECT_TRUE(MUST(set_contains(outer.get(), small.get())));
}

TEST_F(RuntimeTest, SetIteratorDetectsSizeChange) {
  Ref<Object> s = MUST(set_new(range_list(3).get()));
  Ref<Object> it = MUST(get_iter(s.get()));
  Ref<Object> first = iter_next(it.get()).release_value();
  MUST(set_add(s.get(), I(99).get()));
  EXPECT_TRUE(iter_next(it.get()).is_error());
  EXPECT_TRUE(take_error(exc::RuntimeError, "Set changed size during iteration"));
}

}  // namespace
}  // namespace weft::testing
