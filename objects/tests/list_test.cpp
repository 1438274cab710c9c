// objects/tests/list_test.cpp — list behaviour against CPython 3.14, the sort, and concurrent
// mutation (no lost appends, consistent reads).
#include <thread>
#include <vector>

#include "objects/list.h"
#include "objects/slice.h"
#include "objects/tests/container_test_util.h"

namespace weft::testing {
namespace {

Ref<Object> list_of(std::initializer_list<int64_t> values) {
  Ref<Object> l = MUST(list_new(0));
  for (int64_t v : values) MUST(list_append(l.get(), I(v).get()));
  return l;
}

TEST_F(RuntimeTest, ListAppendGetSet) {
  Ref<Object> l = MUST(list_new(0));
  for (int i = 0; i < 100; ++i) ASSERT_FALSE(list_append(l.get(), I(i).get()).is_error());
  EXPECT_EQ(list_size(l.get()), 100);
  EXPECT_EQ(int_value(MUST(list_get_item(l.get(), 42)).get()), 42);
  EXPECT_TRUE(list_get_item(l.get(), 100).is_error());
  EXPECT_TRUE(take_error(exc::IndexError, "list index out of range"));
  MUST(list_set_item(l.get(), 0, S("a").get()));
  EXPECT_EQ(repr_of(MUST(list_get_item(l.get(), 0)).get()), "'a'");
  EXPECT_TRUE(list_set_item(l.get(), 100, none()).is_error());
  EXPECT_TRUE(take_error(exc::IndexError, "list assignment index out of range"));
}

TEST_F(RuntimeTest, ListMethods) {
  Ref<Object> l = list_of({3, 1, 2});
  Ref<Object> zero = I(0), nine = I(9), one = I(1), m1 = I(-1);
  MUST(call_m(l.get(), "insert", {zero.get(), nine.get()}));
  EXPECT_EQ(repr_of(l.get()), "[9, 3, 1, 2]");
  EXPECT_EQ(int_value(MUST(call_m(l.get(), "pop")).get()), 2);
  EXPECT_EQ(int_value(MUST(call_m(l.get(), "pop", {zero.get()})).get()), 9);
  MUST(call_m(l.get(), "remove", {one.get()}));
  EXPECT_EQ(repr_of(l.get()), "[3]");
  EXPECT_TRUE(call_m(l.get(), "remove", {one.get()}).is_error());
  EXPECT_TRUE(take_error(exc::ValueError, "list.remove(x): x not in list"));
  MUST(call_m(l.get(), "extend", {l.get()}));  // extending with itself doubles once
  EXPECT_EQ(repr_of(l.get()), "[3, 3]");
  EXPECT_EQ(int_value(MUST(call_m(l.get(), "count", {I(3).get()})).get()), 2);
  MUST(call_m(l.get(), "clear"));
  EXPECT_TRUE(call_m(l.get(), "pop").is_error());
  EXPECT_TRUE(take_error(exc::IndexError, "pop from empty list"));
  Ref<Object> r = list_of({1, 2, 3});
  MUST(call_m(r.get(), "reverse"));
  EXPECT_EQ(repr_of(r.get()), "[3, 2, 1]");
  EXPECT_EQ(int_value(MUST(call_m(r.get(), "index", {I(1).get(), m1.get()})).get()), 2);
}

TEST_F(RuntimeTest, ListReprRecursion) {
  Ref<Object> l = list_of({1});
  MUST(list_append(l.get(), l.get()));
  EXPECT_EQ(repr_of(l.get()), "[1, [...]]");
  MUST(call_m(l.get(), "clear"));  // break the cycle
}

TEST_F(RuntimeTest, ListSortIsStableAndHandlesReverse) {
  // Sort (key, tag) tuples by key only via a list of tuples: equal keys keep their order.
  Ref<Object> l = MUST(list_new(0));
  for (int i = 0; i < 2000; ++i) {
    Ref<Object> t = MUST(tuple_pack({I((i * 7919) % 10).get(), I(i).get()}));
    MUST(list_append(l.get(), t.get()));
  }
  MUST(list_sort(l.get(), nullptr, false));
  for (int64_t i = 1; i < list_size(l.get()); ++i) {
    Ref<Object> a = MUST(list_get_item(l.get(), i - 1));
    Ref<Object> b = MUST(list_get_item(l.get(), i));
    ASSERT_TRUE(MUST(rich_compare_bool(a.get(), b.get(), CompareOp::Le)));
  }
  Ref<Object> ints = MUST(list_new(0));
  for (int i = 0; i < 5000; ++i) MUST(list_append(ints.get(), I((i * 104729) % 5003).get()));
  MUST(list_sort(ints.get(), nullptr, true));
  for (int64_t i = 1; i < list_size(ints.get()); ++i)
    ASSERT_GE(int_value(MUST(list_get_item(ints.get(), i - 1)).get()),
              int_value(MUST(list_get_item(ints.get(), i)).get()));
}

TEST_F(RuntimeTest, ListSortFailureKeepsAllItems) {
  Ref<Object> l = list_of({3, 1, 2});
  MUST(list_append(l.get(), S("x").get()));
  EXPECT_TRUE(list_sort(l.get(), nullptr, false).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "'<' not supported between instances of 'str' and 'int'"));
  EXPECT_EQ(list_size(l.get()), 4);
}

TEST_F(RuntimeTest, ListSlices) {
  Ref<Object> l = list_of({0, 1, 2, 3, 4, 5});
  Ref<Object> two = I(2), m1 = I(-1);
  Ref<Object> every2 = MUST(slice_new(nullptr, nullptr, two.get()));
  EXPECT_EQ(repr_of(MUST(get_item(l.get(), every2.get())).get()), "[0, 2, 4]");
  Ref<Object> rev = MUST(slice_new(nullptr, nullptr, m1.get()));
  EXPECT_EQ(repr_of(MUST(get_item(l.get(), rev.get())).get()), "[5, 4, 3, 2, 1, 0]");
  // l[1:3] = [9, 9, 9]
  Ref<Object> s13 = MUST(slice_new(I(1).get(), I(3).get(), nullptr));
  MUST(set_item(l.get(), s13.get(), list_of({9, 9, 9}).get()));
  EXPECT_EQ(repr_of(l.get()), "[0, 9, 9, 9, 3, 4, 5]");
  // del l[::2]
  MUST(del_item(l.get(), every2.get()));
  EXPECT_EQ(repr_of(l.get()), "[9, 9, 4]");
  EXPECT_TRUE(set_item(l.get(), every2.get(), list_of({1}).get()).is_error());
  EXPECT_TRUE(take_error(exc::ValueError,
                         "attempt to assign sequence of size 1 to extended slice of size 2"));
  MUST(set_item(l.get(), rev.get(), list_of({1, 2, 3}).get()));
  EXPECT_EQ(repr_of(l.get()), "[3, 2, 1]");
  // l[:] = l
  Ref<Object> all = MUST(slice_new(nullptr, nullptr, nullptr));
  MUST(set_item(l.get(), all.get(), l.get()));
  EXPECT_EQ(repr_of(l.get()), "[3, 2, 1]");
}

TEST_F(RuntimeTest, ListOperators) {
  Ref<Object> a = list_of({1, 2});
  Ref<Object> b = list_of({1, 3});
  EXPECT_TRUE(MUST(rich_compare_bool(a.get(), b.get(), CompareOp::Lt)));
  EXPECT_EQ(repr_of(MUST(binary_op(a.get(), b.get(), BinaryOp::Add)).get()), "[1, 2, 1, 3]");
  EXPECT_EQ(repr_of(MUST(binary_op(a.get(), I(2).get(), BinaryOp::Multiply)).get()),
            "[1, 2, 1, 2]");
  MUST(binary_op(a.get(), b.get(), BinaryOp::InplaceAdd));
  EXPECT_EQ(list_size(a.get()), 4);
  EXPECT_TRUE(MUST(contains(a.get(), I(3).get())));
  EXPECT_TRUE(object_hash(a.get()).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "unhashable type: 'list'"));
}

TEST_F(RuntimeTest, ListConcurrentAppendsAreNotLost) {
  Ref<Object> l = MUST(list_new(0));
  constexpr int kThreads = 4, kPerThread = 5000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      core::ThreadState* ts = core::ThreadState::attach_new(&core::interpreter());
      for (int i = 0; i < kPerThread; ++i) {
        Ref<Object> v = MUST(int_from_i64(t * kPerThread + i));
        MUST(list_append(l.get(), v.get()));
        // Concurrent readers: any index below the size we saw must be readable.
        int64_t n = list_size(l.get());
        if (n > 0) {
          Ref<Object> x = MUST(list_get_item(l.get(), n - 1));
          (void)x;
        }
      }
      core::ThreadState::detach_and_destroy(ts);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(list_size(l.get()), kThreads * kPerThread);
  MUST(list_sort(l.get(), nullptr, false));
  for (int64_t i = 0; i < kThreads * kPerThread; i += 997)
    EXPECT_EQ(int_value(MUST(list_get_item(l.get(), i)).get()), i);
}

}  // namespace
}  // namespace weft::testing
