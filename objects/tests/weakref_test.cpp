// objects/tests/weakref_test.cpp — weak references from C++: the contract with the cycle
// collector (clear without calling, run callbacks later), callback order, and threads calling
// weakrefs while other threads drop the last strong reference (run under the tsan preset, this
// must report nothing; in any build a weakref must only ever return its own referent or null).
#include <atomic>
#include <vector>

#include "objects/list.h"
#include "objects/set.h"
#include "objects/tests/container_test_util.h"
#include "objects/weakref.h"

namespace weft::testing {
namespace {

// A callback that records each weakref it is called with: `log.append`.
Ref<Object> appender(Object* log) { return MUST(get_attr(log, "append")); }

TEST_F(RuntimeTest, RefResolvesUntilTheReferentDies) {
  Ref<Object> s = MUST(set_new(nullptr));
  Ref<Object> w = MUST(weakref_new_ref(s.get(), nullptr));
  EXPECT_TRUE(has_weakrefs(s.get()));
  EXPECT_EQ(weakref_get_referent(w.get()).get(), s.get());
  EXPECT_EQ(MUST(weakref_new_ref(s.get(), nullptr)).get(), w.get());  // canonical ref reused
  EXPECT_EQ(weakref_count(s.get()), 1);
  s.reset();
  EXPECT_FALSE(weakref_get_referent(w.get()));
}

TEST_F(RuntimeTest, CallbacksRunNewestFirstAfterEveryRefIsCleared) {
  Ref<Object> log = MUST(list_new());
  Ref<Object> cb = appender(log.get());
  Ref<Object> s = MUST(set_new(nullptr));
  Ref<Object> older = MUST(weakref_new_ref(s.get(), cb.get()));
  Ref<Object> newer = MUST(weakref_new_ref(s.get(), cb.get()));
  EXPECT_NE(older.get(), newer.get());
  s.reset();
  ASSERT_EQ(list_size(log.get()), 2);
  EXPECT_EQ(MUST(list_get_item(log.get(), 0)).get(), newer.get());
  EXPECT_EQ(MUST(list_get_item(log.get(), 1)).get(), older.get());
}

TEST_F(RuntimeTest, CollectorClearsWithoutCallingThenRunsCallbacks) {
  Ref<Object> log = MUST(list_new());
  Ref<Object> cb = appender(log.get());
  Ref<Object> s = MUST(set_new(nullptr));
  Ref<Object> with_cb = MUST(weakref_new_ref(s.get(), cb.get()));
  Ref<Object> plain = MUST(weakref_new_ref(s.get(), nullptr));
  std::vector<Ref<Object>> pending;
  clear_weakrefs_for_collect(s.get(), pending);
  EXPECT_FALSE(has_weakrefs(s.get()));
  EXPECT_FALSE(weakref_get_referent(plain.get()));
  EXPECT_FALSE(weakref_get_referent(with_cb.get()));
  EXPECT_EQ(list_size(log.get()), 0);  // nothing called yet
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].get(), with_cb.get());
  run_weakref_callback(pending[0].get());
  run_weakref_callback(pending[0].get());  // a callback runs at most once
  EXPECT_EQ(list_size(log.get()), 1);
  s.reset();  // its list is empty now: dropping it calls nothing more
  EXPECT_EQ(list_size(log.get()), 1);
}

// Each thread creates referents and hands them (the only strong reference) to whichever thread
// takes the shared slot next, which drops them; meanwhile the creator keeps resolving its
// weakrefs. So a referent dies on one thread while another is calling its weakref. The weakrefs
// outlive the threads: a referent dropped by a non-owner may die only when its owner merges its
// queued references (at thread exit at the latest), and its callback must still run then.
TEST_F(RuntimeTest, ThreadsResolveRefsWhileOthersDropTheReferent) {
  constexpr int kThreads = 4;
  constexpr int kRounds = 3000;
  std::atomic<Object*> handoff{nullptr};  // an owned strong reference, swapped between threads
  std::atomic<int64_t> wrong{0};
  Ref<Object> log = MUST(list_new());
  Ref<Object> cb = appender(log.get());
  std::vector<Ref<Object>> refs(kThreads * kRounds);  // thread t writes [t*kRounds, (t+1)*kRounds)
  run_threads(kThreads, [&](int t) {
    Ref<Object>* mine = &refs[static_cast<size_t>(t) * kRounds];
    for (int i = 0; i < kRounds; ++i) {
      Ref<Object> s = MUST(set_new(nullptr));
      mine[i] = MUST(weakref_new_ref(s.get(), i % 2 ? cb.get() : nullptr));
      if (Object* previous = handoff.exchange(s.release())) decref(previous);
      for (int k = i >= 4 ? i - 4 : 0; k <= i; ++k) {
        Ref<Object> got = weakref_get_referent(mine[k].get());
        if (got && !is_set(got.get())) wrong.fetch_add(1);
      }
    }
  });
  if (Object* last = handoff.exchange(nullptr)) decref(last);
  EXPECT_EQ(wrong.load(), 0);
  int64_t alive = 0;
  for (const Ref<Object>& w : refs) alive += weakref_get_referent(w.get()) ? 1 : 0;
  EXPECT_EQ(alive, 0);
  EXPECT_EQ(list_size(log.get()), int64_t{kThreads} * kRounds / 2);
}

}  // namespace
}  // namespace weft::testing
