// stdlib/tests/itertools_test.cpp — unit tests of the itertools, _heapq and _bisect native
// modules where C-level limits matter: count's switch from the int64 fast mode to Python ints,
// tee's linked buffer (a long list of data objects, released without recursion), the combinatoric index walks against
// closed-form counts, and heapify's cache-friendly order on large heaps (heap invariant).
#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "objects/abstract.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/itertools/itertools_internal.h"
#include "vm/import.h"
#include "vm/testing.h"

namespace weft {
namespace {

using testing::RuntimeTest;

Ref<Object> make_int(int64_t v) { return MUST(int_from_i64(v)); }

Ref<Object> call_type(Type* t, std::initializer_list<Object*> args) {
  std::vector<Object*> v(args);
  return MUST(call(reinterpret_cast<Object*>(t), v.data(), v.size()));
}

Ref<Object> next_item(Object* it) {
  Next n = iter_next(it);
  EXPECT_FALSE(n.is_error());
  EXPECT_FALSE(n.is_done());
  if (n.is_error() || n.is_done()) return nullptr;
  return n.release_value();
}

int64_t count_items(Object* it) {
  int64_t n = 0;
  for (;;) {
    Next next = iter_next(it);
    EXPECT_FALSE(next.is_error());
    if (next.is_done() || next.is_error()) return n;
    ++n;
  }
}

Ref<Object> module_function(const char* module, const char* name) {
  Ref<Object> m = MUST(vm::import_module(MUST(str_from_ascii(module)).get()));
  return MUST(get_attr(m.get(), name));
}

TEST_F(RuntimeTest, CountCrossesInt64MaxIntoBigInts) {
  Ref<Object> start = make_int(INT64_MAX - 1);
  Ref<Object> c = call_type(&itertools::CountType, {start.get()});
  EXPECT_EQ(MUST(int_as_i64(next_item(c.get()).get())), INT64_MAX - 1);
  EXPECT_EQ(MUST(int_as_i64(next_item(c.get()).get())), INT64_MAX);
  Ref<Object> beyond = next_item(c.get());
  int64_t unused;
  EXPECT_FALSE(int_to_i64(beyond.get(), &unused));  // INT64_MAX + 1 does not fit
  EXPECT_EQ(int_to_decimal(beyond.get()), "9223372036854775808");
  Ref<Object> repr = MUST(object_repr(c.get()));
  EXPECT_EQ(MUST(str_utf8(repr.get())), "count(9223372036854775809)");
}

TEST_F(RuntimeTest, TeeBuffersLongInputAndReleasesItIteratively) {
  constexpr int64_t kItems = 200000;  // ~3500 linked data objects
  Ref<Object> stop = make_int(kItems);
  Ref<Object> source = call_type(&RangeType, {stop.get()});
  Ref<Object> lead = MUST(itertools::tee_from_iterable(source.get()));
  Ref<Object> lag = MUST(itertools::tee_copy(lead.get()));
  EXPECT_EQ(count_items(lead.get()), kItems);
  EXPECT_EQ(MUST(int_as_i64(next_item(lag.get()).get())), 0);
  EXPECT_EQ(MUST(int_as_i64(next_item(lag.get()).get())), 1);
  lag.reset();  // drops the whole buffered list (released in a loop, data_release)
  lead.reset();
}

TEST_F(RuntimeTest, CombinatoricsMatchClosedForms) {
  Ref<Object> pool = make_int(10);
  Ref<Object> range10 = call_type(&RangeType, {pool.get()});
  Ref<Object> r4 = make_int(4);
  EXPECT_EQ(count_items(call_type(&itertools::CombinationsType, {range10.get(), r4.get()}).get()), 210);
  EXPECT_EQ(count_items(call_type(&itertools::CwrType, {range10.get(), r4.get()}).get()), 715);
  EXPECT_EQ(count_items(call_type(&itertools::PermutationsType, {range10.get(), r4.get()}).get()), 5040);
  EXPECT_EQ(count_items(call_type(&itertools::ProductType, {range10.get(), range10.get()}).get()), 100);
}

TEST_F(RuntimeTest, HeapifyLargeListKeepsHeapInvariant) {
  std::mt19937 rng(99);
  std::vector<int64_t> values(10000);
  for (auto& v : values) v = static_cast<int64_t>(rng() % 100000);
  Ref<Object> heap = MUST(list_new());
  for (int64_t v : values) MUST(list_append(heap.get(), make_int(v).get()));
  Ref<Object> heapify = module_function("_heapq", "heapify");
  MUST(call_one(heapify.get(), heap.get()));
  auto at = [&](int64_t i) { return MUST(int_as_i64(MUST(list_get_item(heap.get(), i)).get())); };
  int64_t n = list_size(heap.get());
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t child : {2 * i + 1, 2 * i + 2}) {
      if (child < n) {
        EXPECT_LE(at(i), at(child));
      }
    }
  }
  Ref<Object> heappop = module_function("_heapq", "heappop");
  std::sort(values.begin(), values.end());
  for (int k = 0; k < 50; ++k)
    EXPECT_EQ(MUST(int_as_i64(MUST(call_one(heappop.get(), heap.get())).get())), values[k]);
}

TEST_F(RuntimeTest, BisectFindsInsertionPoints) {
  Ref<Object> list = MUST(list_new());
  for (int64_t v : {1, 2, 2, 2, 3, 5}) MUST(list_append(list.get(), make_int(v).get()));
  Ref<Object> left = module_function("_bisect", "bisect_left");
  Ref<Object> right = module_function("_bisect", "bisect_right");
  const int64_t want_left[] = {0, 0, 1, 4, 5, 5, 6};
  const int64_t want_right[] = {0, 1, 4, 5, 5, 6, 6};
  for (int64_t x = 0; x < 7; ++x) {
    Ref<Object> xv = make_int(x);
    Object* args[2] = {list.get(), xv.get()};
    EXPECT_EQ(MUST(int_as_i64(MUST(call(left.get(), args, 2)).get())), want_left[x]);
    EXPECT_EQ(MUST(int_as_i64(MUST(call(right.get(), args, 2)).get())), want_right[x]);
  }
}

}  // namespace
}  // namespace weft
