// gc/tests/qsbr_test.cpp — QSBR goals, polling and delayed frees, with real thread states.
#include "gc/qsbr.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "gc/alloc.h"
#include "sync/clock.h"

namespace weft::gc {
namespace {

TEST(QsbrTest, GoalWaitsForEveryAttachedThread) {
  core::ThreadState* self = core::ThreadState::attach_new(&core::interpreter());
  std::atomic<int> phase{0};
  std::thread reader([&] {
    core::ThreadState* ts = core::ThreadState::attach_new(&core::interpreter());
    phase.store(1);
    while (phase.load() != 2) sync::yield_thread();  // "holding a pointer": no quiescent report
    core::qsbr_quiescent(ts);
    phase.store(3);
    while (phase.load() != 4) sync::yield_thread();
    core::ThreadState::detach_and_destroy(ts);
  });
  while (phase.load() != 1) sync::yield_thread();
  uint64_t goal = qsbr_advance();
  core::qsbr_quiescent(self);
  EXPECT_FALSE(qsbr_poll(goal));  // the reader has not passed a quiescent state since
  phase.store(2);
  while (phase.load() != 3) sync::yield_thread();
  EXPECT_TRUE(qsbr_poll(goal));
  phase.store(4);
  reader.join();
  core::ThreadState::detach_and_destroy(self);
}

TEST(QsbrTest, DetachedThreadsDoNotHoldBackReclamation) {
  core::ThreadState* self = core::ThreadState::attach_new(&core::interpreter());
  std::atomic<bool> detached{false}, quit{false};
  std::thread sleeper([&] {
    core::ThreadState* ts = core::ThreadState::attach_new(&core::interpreter());
    {
      core::DetachGuard blocked;
      detached.store(true);
      while (!quit.load()) sync::yield_thread();
    }
    core::ThreadState::detach_and_destroy(ts);
  });
  while (!detached.load()) sync::yield_thread();
  uint64_t goal = qsbr_advance();
  core::qsbr_quiescent(self);
  EXPECT_TRUE(qsbr_poll(goal));
  quit.store(true);
  sleeper.join();
  core::ThreadState::detach_and_destroy(self);
}

TEST(QsbrTest, DelayedFreesHappenAfterQuiescence) {
  core::ThreadState* self = core::ThreadState::attach_new(&core::interpreter());
  std::atomic<int> phase{0};
  std::thread reader([&] {
    core::ThreadState* ts = core::ThreadState::attach_new(&core::interpreter());
    phase.store(1);
    while (phase.load() != 2) sync::yield_thread();
    core::qsbr_quiescent(ts);
    phase.store(3);
    core::ThreadState::detach_and_destroy(ts);
  });
  while (phase.load() != 1) sync::yield_thread();
  size_t before = pending_delayed_frees();
  for (int i = 0; i < 600; ++i) free_delayed(raw_alloc(32));  // spans several chunks
  // Enough retirements have set kQsbrPoll for the eval breaker.
  EXPECT_TRUE(self->eval_breaker.load() & core::kQsbrPoll);
  core::qsbr_quiescent(self);
  process_delayed_frees();
  EXPECT_EQ(pending_delayed_frees(), before + 600);  // the reader still holds them back
  phase.store(2);
  reader.join();
  core::qsbr_quiescent(self);
  qsbr_advance();  // goals from deferred advances are reached by the next real advance
  core::qsbr_quiescent(self);
  process_delayed_frees();
  EXPECT_EQ(pending_delayed_frees(), 0u);
  EXPECT_FALSE(self->eval_breaker.load() & core::kQsbrPoll);
  core::ThreadState::detach_and_destroy(self);
}

TEST(QsbrTest, ExitingThreadAbandonsPendingFrees) {
  core::ThreadState* self = core::ThreadState::attach_new(&core::interpreter());
  std::atomic<bool> retired{false};
  std::thread t([&] {
    core::ThreadState* ts = core::ThreadState::attach_new(&core::interpreter());
    for (int i = 0; i < 10; ++i) free_delayed(raw_alloc(16));
    retired.store(true);
    core::ThreadState::detach_and_destroy(ts);  // `self` may still hold them: abandoned
    EXPECT_EQ(pending_delayed_frees(), 0u);
  });
  t.join();
  ASSERT_TRUE(retired.load());
  qsbr_advance();
  core::qsbr_quiescent(self);
  process_delayed_frees();  // drains the abandoned list (ASan/LSan would report a leak otherwise)
  core::ThreadState::detach_and_destroy(self);
}

}  // namespace
}  // namespace weft::gc
