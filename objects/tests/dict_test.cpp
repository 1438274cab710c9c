// objects/tests/dict_test.cpp — dict behaviour against CPython 3.14 and concurrent use.
#include <thread>
#include <vector>

#include "objects/dict.h"
#include "objects/list.h"
#include "objects/tests/container_test_util.h"

namespace weft::testing {
namespace {

TEST_F(RuntimeTest, DictSetGetDelete) {
  Ref<Object> d = MUST(dict_new());
  MUST(dict_set_item(d.get(), S("a").get(), I(1).get()));
  MUST(dict_set_item(d.get(), I(2).get(), S("two").get()));
  Ref<Object> out;
  EXPECT_TRUE(MUST(dict_get_item(d.get(), S("a").get(), &out)));
  EXPECT_EQ(int_value(out.get()), 1);
  // 2.0 == 2 and hashes equal: the same key.
  Ref<Object> two_f = MUST(binary_op(I(4).get(), I(2).get(), BinaryOp::TrueDivide));
  EXPECT_TRUE(MUST(dict_get_item(d.get(), two_f.get(), &out)));
  EXPECT_EQ(repr_of(out.get()), "'two'");
  EXPECT_FALSE(MUST(dict_get_item(d.get(), S("zz").get(), &out)));
  EXPECT_EQ(dict_size(d.get()), 2);
  EXPECT_TRUE(dict_del_item(d.get(), S("zz").get()).is_error());
  EXPECT_TRUE(take_error(exc::KeyError, "'zz'"));
  MUST(dict_del_item(d.get(), S("a").get()));
  EXPECT_EQ(dict_size(d.get()), 1);
  EXPECT_EQ(repr_of(d.get()), "{2: 'two'}");
  Ref<Object> list = MUST(list_new(0));
  EXPECT_TRUE(dict_set_item(d.get(), list.get(), none()).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "cannot use 'list' as a dict key (unhashable type: 'list')"));
  Ref<Object> empty = MUST(dict_new());
  EXPECT_FALSE(MUST(dict_pop(empty.get(), list.get(), nullptr)));  // empty: no hashing at all
}

TEST_F(RuntimeTest, DictKeepsInsertionOrderAcrossResizesAndDeletes) {
  Ref<Object> d = MUST(dict_new());
  for (int i = 0; i < 1000; ++i) MUST(dict_set_item(d.get(), I(i).get(), I(i * i).get()));
  for (int i = 0; i < 1000; i += 2) MUST(dict_del_item(d.get(), I(i).get()));
  for (int i = 0; i < 10; ++i) MUST(dict_set_item(d.get(), I(i).get(), I(-i).get()));
  EXPECT_EQ(dict_size(d.get()), 505);
  Ref<Object> keys = MUST(dict_keys_list(d.get()));
  EXPECT_EQ(int_value(list_item_locked(keys.get(), 0)), 1);
  EXPECT_EQ(int_value(list_item_locked(keys.get(), 499)), 999);
  EXPECT_EQ(int_value(list_item_locked(keys.get(), 500)), 0);  // re-inserted keys go last
  Ref<Object> out;
  EXPECT_TRUE(MUST(dict_get_item(d.get(), I(777).get(), &out)));
  EXPECT_EQ(int_value(out.get()), 777 * 777);
}

TEST_F(RuntimeTest, DictMethods) {
  Ref<Object> d = MUST(dict_new());
  Ref<Object> k = S("k");
  EXPECT_EQ(int_value(MUST(call_m(d.get(), "setdefault", {k.get(), I(5).get()})).get()), 5);
  EXPECT_EQ(int_value(MUST(call_m(d.get(), "setdefault", {k.get(), I(6).get()})).get()), 5);
  EXPECT_TRUE(is_none(MUST(call_m(d.get(), "get", {S("nope").get()})).get()));
  MUST(dict_set_item(d.get(), S("z").get(), I(26).get()));
  EXPECT_EQ(repr_of(MUST(call_m(d.get(), "popitem")).get()), "('z', 26)");
  EXPECT_EQ(int_value(MUST(call_m(d.get(), "pop", {k.get()})).get()), 5);
  EXPECT_TRUE(call_m(d.get(), "popitem").is_error());
  EXPECT_TRUE(take_error(exc::KeyError, "'popitem(): dictionary is empty'"));
  EXPECT_EQ(int_value(MUST(call_m(d.get(), "pop", {k.get(), I(0).get()})).get()), 0);
  Ref<Object> pairs = MUST(list_new(0));
  MUST(list_append(pairs.get(), MUST(tuple_pack({S("a").get(), I(1).get()})).get()));
  MUST(list_append(pairs.get(), MUST(tuple_pack({S("b").get(), I(2).get()})).get()));
  MUST(dict_update(d.get(), pairs.get()));
  EXPECT_EQ(repr_of(d.get()), "{'a': 1, 'b': 2}");
  Ref<Object> copy = MUST(dict_copy(d.get()));
  EXPECT_TRUE(MUST(objects_equal(copy.get(), d.get())));
  MUST(dict_set_item(copy.get(), S("a").get(), I(9).get()));
  EXPECT_FALSE(MUST(objects_equal(copy.get(), d.get())));
  Ref<Object> merged = MUST(binary_op(d.get(), copy.get(), BinaryOp::Or));
  EXPECT_EQ(repr_of(merged.get()), "{'a': 9, 'b': 2}");
  Ref<Object> bad = MUST(list_new(0));
  MUST(list_append(bad.get(), MUST(tuple_pack({I(1).get(), I(2).get(), I(3).get()})).get()));
  EXPECT_TRUE(dict_update(d.get(), bad.get()).is_error());
  EXPECT_TRUE(take_error(exc::ValueError,
                         "dictionary update sequence element #0 has length 3; 2 is required"));
}

TEST_F(RuntimeTest, DictViewsAndIteration) {
  Ref<Object> d = MUST(dict_new());
  MUST(dict_set_item(d.get(), S("a").get(), I(1).get()));
  MUST(dict_set_item(d.get(), S("b").get(), I(2).get()));
  EXPECT_EQ(repr_of(MUST(call_m(d.get(), "keys")).get()), "dict_keys(['a', 'b'])");
  EXPECT_EQ(repr_of(MUST(call_m(d.get(), "values")).get()), "dict_values([1, 2])");
  EXPECT_EQ(repr_of(MUST(call_m(d.get(), "items")).get()), "dict_items([('a', 1), ('b', 2)])");
  Ref<Object> rev = MUST(call_m(d.get(), "__reversed__"));
  EXPECT_EQ(repr_of(MUST(list_from_iterable(rev.get())).get()), "['b', 'a']");
  Ref<Object> it = MUST(get_iter(d.get()));
  Ref<Object> first = iter_next(it.get()).release_value();
  EXPECT_EQ(repr_of(first.get()), "'a'");
  MUST(dict_set_item(d.get(), S("c").get(), I(3).get()));
  Next n = iter_next(it.get());
  EXPECT_TRUE(n.is_error());
  EXPECT_TRUE(take_error(exc::RuntimeError, "dictionary changed size during iteration"));
  Ref<Object> keys = MUST(call_m(d.get(), "keys"));
  Ref<Object> other = MUST(list_new(0));
  MUST(list_append(other.get(), S("a").get()));
  MUST(list_append(other.get(), S("q").get()));
  Ref<Object> both = MUST(binary_op(keys.get(), other.get(), BinaryOp::And));
  EXPECT_EQ(repr_of(both.get()), "{'a'}");
}

TEST_F(RuntimeTest, DictConcurrentWritersAndReaders) {
  Ref<Object> d = MUST(dict_new());
  constexpr int kThreads = 4, kPerThread = 3000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      core::ThreadState* ts = core::ThreadState::attach_new(&core::interpreter());
      for (int i = 0; i < kPerThread; ++i) {
        int64_t key = t * kPerThread + i;
        Ref<Object> k = MUST(int_from_i64(key));
        MUST(dict_set_item(d.get(), k.get(), k.get()));
        Ref<Object> out;
        bool found = MUST(dict_get_item(d.get(), k.get(), &out));
        EXPECT_TRUE(found);
        if (found) {
          EXPECT_EQ(int_value(out.get()), key);
        }
        if (i % 3 == 0) MUST(dict_del_item(d.get(), k.get()));
      }
      core::ThreadState::detach_and_destroy(ts);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(dict_size(d.get()), kThreads * (kPerThread - kPerThread / 3));
}

}  // namespace
}  // namespace weft::testing
