// objects/tests/iterators_test.cpp — enumerate, zip, filter, reversed and the sequence iterator.
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/tests/container_test_util.h"

namespace weft::testing {
namespace {

Ref<Object> list_of(std::initializer_list<int64_t> values) {
  Ref<Object> l = MUST(list_new(0));
  for (int64_t v : values) MUST(list_append(l.get(), I(v).get()));
  return l;
}

std::string drain(Object* it) { return repr_of(MUST(list_from_iterable(it)).get()); }

TEST_F(RuntimeTest, EnumerateCountsFromStart) {
  Ref<Object> l = list_of({7, 8});
  EXPECT_EQ(drain(MUST(enumerate_new(l.get(), nullptr)).get()), "[(0, 7), (1, 8)]");
  Ref<Object> big = I(INT64_MAX);
  EXPECT_EQ(drain(MUST(enumerate_new(l.get(), big.get())).get()),
            "[(9223372036854775807, 7), (9223372036854775808, 8)]");
}

TEST_F(RuntimeTest, ZipStrictMessages) {
  Ref<Object> a = list_of({1, 2}), b = list_of({1});
  Object* args[2] = {a.get(), b.get()};
  EXPECT_EQ(drain(MUST(zip_new(args, 2, false)).get()), "[(1, 1)]");
  Ref<Object> z = MUST(zip_new(args, 2, true));
  EXPECT_TRUE(list_from_iterable(z.get()).is_error());
  EXPECT_TRUE(take_error(exc::ValueError, "zip() argument 2 is shorter than argument 1"));
  Object* rev[2] = {b.get(), a.get()};
  Ref<Object> z2 = MUST(zip_new(rev, 2, true));
  EXPECT_TRUE(list_from_iterable(z2.get()).is_error());
  EXPECT_TRUE(take_error(exc::ValueError, "zip() argument 2 is longer than argument 1"));
}

TEST_F(RuntimeTest, FilterReversedSeqIter) {
  Ref<Object> l = list_of({0, 1, 0, 2});
  EXPECT_EQ(drain(MUST(filter_new(none(), l.get())).get()), "[1, 2]");
  EXPECT_EQ(drain(MUST(reversed_new(l.get())).get()), "[2, 0, 1, 0]");
  EXPECT_EQ(drain(MUST(seq_iter_new(l.get())).get()), "[0, 1, 0, 2]");
  EXPECT_TRUE(reversed_new(I(1).get()).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "'int' object is not reversible"));
}

}  // namespace
}  // namespace weft::testing
