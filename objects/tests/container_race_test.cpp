// objects/tests/container_race_test.cpp — lock-free readers racing writers on list, dict and set.
// Run under the tsan preset these must report nothing; in any build they check that readers only
// ever see items that were really stored (no torn pointers, no freed objects, no lost writes).
#include <atomic>
#include <thread>
#include <vector>

#include "objects/dict.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/tests/container_test_util.h"

namespace weft::testing {
namespace {

TEST_F(RuntimeTest, ListReadersRaceWithResizingWriter) {
  Ref<Object> l = MUST(list_new(0));
  std::atomic<bool> stop{false};
  std::atomic<int64_t> bad{0};
  run_threads(4, [&](int t) {
    if (t == 0) {
      for (int round = 0; round < 200; ++round) {
        for (int i = 0; i < 200; ++i) MUST(list_append(l.get(), I(i).get()));
        if (round % 3 == 0) MUST(list_sort(l.get(), nullptr, true));
        if (round % 5 == 0) MUST(call_m(l.get(), "clear"));
        while (list_size(l.get()) > 300) MUST(call_m(l.get(), "pop"));
      }
      stop.store(true);
      return;
    }
    while (!stop.load()) {
      int64_t n = list_size(l.get());
      for (int64_t i = n - 1; i >= 0; i -= 7) {
        Result<Ref<Object>> item = list_get_item(l.get(), i);
        if (item.is_error()) {
          clear_error();  // shrank meanwhile: IndexError is fine
          continue;
        }
        int64_t v = -1;
        if (!int_to_i64(item.value().get(), &v) || v < 0 || v >= 200) bad.fetch_add(1);
      }
      Ref<Object> it = MUST(get_iter(l.get()));
      for (int k = 0; k < 50; ++k) {
        Next next = iter_next(it.get());
        if (next.is_error() || next.is_done()) break;
      }
    }
  });
  EXPECT_EQ(bad.load(), 0);
}

TEST_F(RuntimeTest, DictLockFreeReadsSeeEveryPublishedKey) {
  Ref<Object> d = MUST(dict_new());
  constexpr int kKeys = 4000;
  std::vector<Ref<Object>> keys;
  for (int i = 0; i < kKeys; ++i) keys.push_back(S(("key" + std::to_string(i)).c_str()));
  std::atomic<int> published{0};
  std::atomic<int64_t> missing{0};
  run_threads(4, [&](int t) {
    if (t == 0) {
      for (int i = 0; i < kKeys; ++i) {
        MUST(dict_set_item(d.get(), keys[i].get(), I(i).get()));
        published.store(i + 1, std::memory_order_release);
        if (i % 4 == 3) MUST(dict_del_item(d.get(), keys[i - 1].get()));  // churn: dummies
      }
      return;
    }
    for (int round = 0; round < 20000; ++round) {
      int n = published.load(std::memory_order_acquire);
      if (n == 0) continue;
      int i = (round * 7919 + t) % n;
      if (i % 4 == 2) continue;  // may have been deleted
      Ref<Object> out;
      Result<bool> found = dict_get_item(d.get(), keys[i].get(), &out);
      if (found.is_error() || !found.value() || int_value(out.get()) != i) missing.fetch_add(1);
    }
  });
  EXPECT_EQ(missing.load(), 0);
  EXPECT_EQ(dict_size(d.get()), kKeys - kKeys / 4);
}

TEST_F(RuntimeTest, SetConcurrentAddDiscard) {
  Ref<Object> s = MUST(set_new(nullptr));
  run_threads(4, [&](int t) {
    for (int i = 0; i < 3000; ++i) {
      Ref<Object> k = MUST(int_from_i64(t * 100000 + i));
      MUST(set_add(s.get(), k.get()));
      if (i % 2) {
        EXPECT_TRUE(MUST(set_discard(s.get(), k.get())));
      }
      EXPECT_EQ(MUST(set_contains(s.get(), k.get())), i % 2 == 0);
    }
  });
  EXPECT_EQ(set_size(s.get()), 4 * 1500);
}

}  // namespace
}  // namespace weft::testing
