// stdlib/tests/collections_test.cpp — unit tests of _collections.deque's ring buffer (growth,
// wrap-around, shrinking, rotation, middle insert/delete) against a std::deque model, and of
// _functools._lru_cache_wrapper's eviction order.
#include <deque>
#include <random>

#include <algorithm>
#include <vector>

#include "objects/abstract.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/_collections/deque.h"
#include "stdlib/_functools/functools.h"
#include "vm/testing.h"

namespace weft {
namespace {

using testing::RuntimeTest;

Ref<Object> make_int(int64_t v) { return MUST(int_from_i64(v)); }

Ref<Object> call_deque_method(Object* d, const char* name, std::initializer_list<Object*> args) {
  std::vector<Object*> v(args);
  return MUST(call_method(d, name, v.data(), v.size()));
}

// The deque's items as int64 values, through iteration (the iterator type under test too).
std::deque<int64_t> contents(Object* d) {
  std::deque<int64_t> out;
  Ref<Object> it = MUST(get_iter(d));
  for (;;) {
    Next n = iter_next(it.get());
    EXPECT_FALSE(n.is_error());
    if (n.is_done() || n.is_error()) break;
    Ref<Object> item = n.release_value();
    out.push_back(MUST(int_as_i64(item.get())));
  }
  return out;
}

TEST_F(RuntimeTest, DequeMatchesModelUnderRandomOperations) {
  Ref<Object> d = MUST(call(reinterpret_cast<Object*>(&collections::DequeType), nullptr, 0));
  std::deque<int64_t> model;
  std::mt19937 rng(12345);
  for (int step = 0; step < 4000; ++step) {
    int64_t v = step;
    Ref<Object> value = make_int(v);
    switch (rng() % 8) {
      case 0: case 1:
        call_deque_method(d.get(), "append", {value.get()});
        model.push_back(v);
        break;
      case 2:
        call_deque_method(d.get(), "appendleft", {value.get()});
        model.push_front(v);
        break;
      case 3:
        if (!model.empty()) {
          Ref<Object> got = call_deque_method(d.get(), "pop", {});
          EXPECT_EQ(MUST(int_as_i64(got.get())), model.back());
          model.pop_back();
        }
        break;
      case 4:
        if (!model.empty()) {
          Ref<Object> got = call_deque_method(d.get(), "popleft", {});
          EXPECT_EQ(MUST(int_as_i64(got.get())), model.front());
          model.pop_front();
        }
        break;
      case 5: {
        int64_t n = static_cast<int64_t>(rng() % 7) - 3;
        Ref<Object> steps = make_int(n);
        call_deque_method(d.get(), "rotate", {steps.get()});
        if (!model.empty()) {
          int64_t size = static_cast<int64_t>(model.size());
          int64_t k = ((n % size) + size) % size;
          std::rotate(model.begin(), model.end() - k, model.end());
        }
        break;
      }
      case 6: {
        int64_t at = model.empty() ? 0 : static_cast<int64_t>(rng() % (model.size() + 1));
        Ref<Object> index = make_int(at);
        call_deque_method(d.get(), "insert", {index.get(), value.get()});
        model.insert(model.begin() + at, v);
        break;
      }
      case 7:
        if (!model.empty()) {
          int64_t at = static_cast<int64_t>(rng() % model.size());
          Ref<Object> index = make_int(at);
          ASSERT_FALSE(del_item(d.get(), index.get()).is_error());
          model.erase(model.begin() + at);
        }
        break;
    }
    if (step % 97 == 0) {
      ASSERT_EQ(contents(d.get()), model) << "after step " << step;
    }
  }
  EXPECT_EQ(contents(d.get()), model);
  EXPECT_EQ(MUST(object_length(d.get())), static_cast<int64_t>(model.size()));
}

TEST_F(RuntimeTest, DequeIteratorDetectsMutation) {
  Ref<Object> items = MUST(list_new());
  for (int i = 0; i < 3; ++i) ASSERT_FALSE(list_append(items.get(), make_int(i).get()).is_error());
  Object* args[1] = {items.get()};
  Ref<Object> d = MUST(call(reinterpret_cast<Object*>(&collections::DequeType), args, 1));
  Ref<Object> it = MUST(get_iter(d.get()));
  Next first = iter_next(it.get());
  ASSERT_FALSE(first.is_error() || first.is_done());
  call_deque_method(d.get(), "append", {make_int(9).get()});
  Next second = iter_next(it.get());
  EXPECT_TRUE(second.is_error());
  EXPECT_TRUE(error_matches(exc::RuntimeError));
  clear_error();
}

TEST_F(RuntimeTest, LruCacheEvictsLeastRecentlyUsed) {
  // abs() cached with maxsize 2; cache_info_type is a str.format bound method, so cache_info()
  // returns "hits misses maxsize currsize".
  Ref<Object> abs_fn = MUST(get_attr(reinterpret_cast<Object*>(&IntType), "__abs__"));
  Ref<Object> pattern = MUST(str_from_ascii("{} {} {} {}"));
  Ref<Object> info_type = MUST(get_attr(pattern.get(), "format"));
  Ref<Object> two = make_int(2);
  Object* ctor[4] = {abs_fn.get(), two.get(), py_false(), info_type.get()};
  Ref<Object> cached =
      MUST(call(reinterpret_cast<Object*>(&functools::LruCacheWrapperType), ctor, 4));
  auto call_with = [&](int64_t v) {
    Ref<Object> arg = make_int(v);
    Object* a[1] = {arg.get()};
    Ref<Object> r = MUST(call(cached.get(), a, 1));
    return MUST(int_as_i64(r.get()));
  };
  EXPECT_EQ(call_with(-1), 1);  // miss
  EXPECT_EQ(call_with(-2), 2);  // miss
  EXPECT_EQ(call_with(-1), 1);  // hit: -1 becomes the most recent
  EXPECT_EQ(call_with(-3), 3);  // miss: evicts -2, the least recent
  EXPECT_EQ(call_with(-1), 1);  // hit
  EXPECT_EQ(call_with(-2), 2);  // miss again: it was evicted
  Ref<Object> info = MUST(call_method(cached.get(), "cache_info", nullptr, 0));
  EXPECT_EQ(str_to_std_string(info.get()), "2 4 2 2");
}

}  // namespace
}  // namespace weft
