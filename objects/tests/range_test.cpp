// objects/tests/range_test.cpp — range behaviour against CPython 3.14, including big ranges.
#include "objects/list.h"
#include "objects/range.h"
#include "objects/slice.h"
#include "objects/tests/container_test_util.h"

namespace weft::testing {
namespace {

TEST_F(RuntimeTest, RangeBasics) {
  Ref<Object> r = MUST(range_from_i64(1, 10, 3));
  EXPECT_EQ(repr_of(r.get()), "range(1, 10, 3)");
  EXPECT_EQ(repr_of(MUST(range_from_i64(0, 5, 1)).get()), "range(0, 5)");
  EXPECT_EQ(MUST(object_length(r.get())), 3);
  EXPECT_EQ(repr_of(MUST(list_from_iterable(r.get())).get()), "[1, 4, 7]");
  EXPECT_TRUE(MUST(contains(r.get(), I(7).get())));
  EXPECT_FALSE(MUST(contains(r.get(), I(8).get())));
  EXPECT_EQ(int_value(MUST(call_m(r.get(), "index", {I(7).get()})).get()), 2);
  EXPECT_TRUE(call_m(r.get(), "index", {I(8).get()}).is_error());
  EXPECT_TRUE(take_error(exc::ValueError, "range.index(x): x not in range"));
  EXPECT_EQ(int_value(MUST(get_item(r.get(), I(-1).get())).get()), 7);
  EXPECT_TRUE(get_item(r.get(), I(3).get()).is_error());
  EXPECT_TRUE(take_error(exc::IndexError, "range object index out of range"));
  EXPECT_TRUE(range_from_i64(1, 2, 0).is_error());
  EXPECT_TRUE(take_error(exc::ValueError, "range() arg 3 must not be zero"));
}

TEST_F(RuntimeTest, RangeSlicingReversedEquality) {
  Ref<Object> r = MUST(range_from_i64(0, 10, 3));
  Ref<Object> s = MUST(slice_new(I(1).get(), I(5).get(), I(2).get()));
  EXPECT_EQ(repr_of(MUST(get_item(r.get(), s.get())).get()), "range(3, 12, 6)");
  Ref<Object> five = MUST(range_from_i64(0, 5, 1));
  Ref<Object> back = MUST(slice_new(nullptr, nullptr, I(-1).get()));
  EXPECT_EQ(repr_of(MUST(get_item(five.get(), back.get())).get()), "range(4, -1, -1)");
  Ref<Object> rev = MUST(call_m(five.get(), "__reversed__"));
  EXPECT_EQ(repr_of(MUST(list_from_iterable(rev.get())).get()), "[4, 3, 2, 1, 0]");
  EXPECT_TRUE(MUST(objects_equal(MUST(range_from_i64(0, -5, -2)).get(),
                                 MUST(range_from_i64(0, -6, -2)).get())));
  EXPECT_EQ(MUST(object_hash(MUST(range_from_i64(0, 0, 1)).get())),
            MUST(object_hash(MUST(tuple_pack({I(0).get(), none(), none()})).get())));
  EXPECT_FALSE(MUST(object_is_true(MUST(range_from_i64(3, 3, 1)).get())));
}

TEST_F(RuntimeTest, RangeBeyondInt64) {
  Ref<Object> big = MUST(binary_op(I(1).get(), I(64).get(), BinaryOp::Lshift));  // 2**64
  Ref<Object> r = MUST(range_new(I(0).get(), big.get(), I(1).get()));
  EXPECT_TRUE(object_length(r.get()).is_error());
  EXPECT_TRUE(take_error(exc::OverflowError, "Python int too large to convert to C ssize_t"));
  Ref<Object> last = MUST(get_item(r.get(), I(-1).get()));
  EXPECT_EQ(repr_of(last.get()), "18446744073709551615");
  Ref<Object> it = MUST(get_iter(r.get()));
  EXPECT_STREQ(type_name_of(it.get()), "longrange_iterator");
  EXPECT_EQ(int_value(iter_next(it.get()).release_value().get()), 0);
  EXPECT_TRUE(MUST(contains(r.get(), last.get())));
}

}  // namespace
}  // namespace weft::testing
