// objects/tests/tuple_test.cpp — tuple and slice behaviour against CPython 3.14 (64-bit values).
#include "objects/list.h"
#include "objects/slice.h"
#include "objects/tests/container_test_util.h"

namespace weft::testing {
namespace {

TEST_F(RuntimeTest, EmptyTupleIsASingleton) {
  Ref<Object> a = MUST(tuple_new(0));
  Ref<Object> b = MUST(tuple_pack({}));
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(repr_of(a.get()), "()");
}

TEST_F(RuntimeTest, TupleRepr) {
  Ref<Object> one = I(1), two = I(2), s = S("x");
  EXPECT_EQ(repr_of(MUST(tuple_pack({one.get()})).get()), "(1,)");
  EXPECT_EQ(repr_of(MUST(tuple_pack({one.get(), two.get(), s.get()})).get()), "(1, 2, 'x')");
}

TEST_F(RuntimeTest, TupleHashMatchesCPython) {
  Ref<Object> one = I(1), two = I(2), three = I(3);
  EXPECT_EQ(MUST(object_hash(MUST(tuple_pack({one.get(), two.get()})).get())), -3550055125485641917);
  EXPECT_EQ(MUST(object_hash(MUST(tuple_pack({one.get(), two.get(), three.get()})).get())),
            529344067295497451);
  EXPECT_EQ(MUST(object_hash(MUST(tuple_new(0)).get())), 5740354900026072187);
  EXPECT_EQ(MUST(object_hash(MUST(tuple_pack({one.get()})).get())), -6644214454873602895);
}

TEST_F(RuntimeTest, TupleComparesLexicographically) {
  Ref<Object> one = I(1), two = I(2), three = I(3), zero = I(0);
  Ref<Object> a = MUST(tuple_pack({one.get(), two.get()}));
  Ref<Object> b = MUST(tuple_pack({one.get(), three.get()}));
  Ref<Object> c = MUST(tuple_pack({one.get(), two.get(), zero.get()}));
  EXPECT_TRUE(MUST(rich_compare_bool(a.get(), b.get(), CompareOp::Lt)));
  EXPECT_TRUE(MUST(rich_compare_bool(a.get(), c.get(), CompareOp::Lt)));
  EXPECT_FALSE(MUST(rich_compare_bool(c.get(), a.get(), CompareOp::Le)));
  EXPECT_TRUE(MUST(rich_compare_bool(a.get(), a.get(), CompareOp::Eq)));
  Ref<Object> a2 = MUST(tuple_pack({one.get(), two.get()}));
  EXPECT_TRUE(MUST(objects_equal(a.get(), a2.get())));
}

TEST_F(RuntimeTest, TupleConcatRepeatIndexCount) {
  Ref<Object> one = I(1), two = I(2);
  Ref<Object> a = MUST(tuple_pack({one.get(), two.get()}));
  Ref<Object> sum = MUST(binary_op(a.get(), a.get(), BinaryOp::Add));
  EXPECT_EQ(repr_of(sum.get()), "(1, 2, 1, 2)");
  Ref<Object> three = I(3);
  Ref<Object> rep = MUST(binary_op(a.get(), three.get(), BinaryOp::Multiply));
  EXPECT_EQ(tuple_size(rep.get()), 6);
  EXPECT_EQ(int_value(MUST(call_m(sum.get(), "index", {two.get()})).get()), 1);
  EXPECT_EQ(int_value(MUST(call_m(sum.get(), "count", {one.get()})).get()), 2);
  EXPECT_TRUE(call_m(a.get(), "index", {three.get()}).is_error());
  EXPECT_TRUE(take_error(exc::ValueError, "tuple.index(x): x not in tuple"));
  Ref<Object> list = MUST(list_from_array(tuple_items(a.get()), 2));
  EXPECT_TRUE(binary_op(a.get(), list.get(), BinaryOp::Add).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "can only concatenate tuple (not \"list\") to tuple"));
}

TEST_F(RuntimeTest, TupleIndexingAndSlicing) {
  Ref<Object> items[5] = {I(0), I(1), I(2), I(3), I(4)};
  Object* raw[5];
  for (int i = 0; i < 5; ++i) raw[i] = items[i].get();
  Ref<Object> t = MUST(tuple_from_array(raw, 5));
  Ref<Object> neg = I(-1);
  EXPECT_EQ(int_value(MUST(get_item(t.get(), neg.get())).get()), 4);
  Ref<Object> big = I(5);
  EXPECT_TRUE(get_item(t.get(), big.get()).is_error());
  EXPECT_TRUE(take_error(exc::IndexError, "tuple index out of range"));
  Ref<Object> m2 = I(-2);
  Ref<Object> sl = MUST(slice_new(nullptr, nullptr, m2.get()));
  EXPECT_EQ(repr_of(MUST(get_item(t.get(), sl.get())).get()), "(4, 2, 0)");
  EXPECT_TRUE(get_item(t.get(), none()).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "tuple indices must be integers or slices, not NoneType"));
}

TEST_F(RuntimeTest, TupleFromIterableAndIterator) {
  Ref<Object> one = I(1), two = I(2);
  Ref<Object> list = MUST(list_new(0));
  MUST(list_append(list.get(), one.get()));
  MUST(list_append(list.get(), two.get()));
  Ref<Object> t = MUST(tuple_from_iterable(list.get()));
  EXPECT_EQ(repr_of(t.get()), "(1, 2)");
  EXPECT_EQ(MUST(tuple_from_iterable(t.get())).get(), t.get());  // exact tuples are returned as-is
  Ref<Object> it = MUST(get_iter(t.get()));
  int64_t sum = 0;
  for (;;) {
    Next n = iter_next(it.get());
    ASSERT_FALSE(n.is_error());
    if (n.is_done()) break;
    sum += int_value(n.release_value().get());
  }
  EXPECT_EQ(sum, 3);
  EXPECT_TRUE(tuple_from_iterable(one.get()).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "'int' object is not iterable"));
}

TEST_F(RuntimeTest, SliceIndexArithmetic) {
  int64_t start = -3, stop = INT64_MAX, step = 1;
  EXPECT_EQ(slice_adjust_indices(10, &start, &stop, step), 3);
  EXPECT_EQ(start, 7);
  start = INT64_MAX, stop = INT64_MIN, step = -2;
  EXPECT_EQ(slice_adjust_indices(5, &start, &stop, step), 3);
  EXPECT_EQ(start, 4);
  Ref<Object> zero = I(0);
  Ref<Object> s = MUST(slice_new(nullptr, nullptr, zero.get()));
  EXPECT_TRUE(slice_unpack(s.get(), &start, &stop, &step).is_error());
  EXPECT_TRUE(take_error(exc::ValueError, "slice step cannot be zero"));
}

TEST_F(RuntimeTest, SliceReprHashIndices) {
  Ref<Object> one = I(1), two = I(2), three = I(3), m1 = I(-1), ten = I(10);
  Ref<Object> s = MUST(slice_new(one.get(), two.get(), three.get()));
  EXPECT_EQ(repr_of(s.get()), "slice(1, 2, 3)");
  EXPECT_EQ(MUST(object_hash(s.get())), -2340833382717974474);
  Ref<Object> all = MUST(slice_new(nullptr, nullptr, nullptr));
  EXPECT_EQ(MUST(object_hash(all.get())), 4032618106351268893);
  Ref<Object> back = MUST(slice_new(one.get(), nullptr, m1.get()));
  EXPECT_EQ(MUST(object_hash(back.get())), 3532804058354403008);
  EXPECT_EQ(repr_of(MUST(call_m(back.get(), "indices", {ten.get()})).get()), "(1, -1, -1)");
}

}  // namespace
}  // namespace weft::testing
