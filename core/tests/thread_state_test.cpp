// core/tests/thread_state_test.cpp — thread states and stop-the-world, without the runtime:
// threads attach with ThreadState::attach_new and cooperate by polling their eval breaker the
// way the interpreter loop does.
#include "core/thread_state.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/qsbr_sequence.h"
#include "core/stop_the_world.h"
#include "sync/clock.h"
#include "sync/critical_section.h"

#if defined(__clang__)
#pragma clang diagnostic ignored "-Wthread-safety-analysis"
#endif

namespace weft::core {
namespace {

int count_threads() {
  Interpreter& interp = interpreter();
  interp.threads_mutex.lock_without_detaching();
  int n = 0;
  for (ThreadState* t = interp.threads; t; t = t->next) ++n;
  interp.threads_mutex.unlock();
  return n;
}

// What the eval loop does at a check point.
void poll_eval_breaker(ThreadState* ts) {
  qsbr_quiescent(ts);
  if (ts->eval_breaker.load(std::memory_order_acquire) & kStopTheWorld) park_for_stop_the_world(ts);
}

TEST(ThreadStateTest, AttachNewRegistersAndDestroyUnregisters) {
  EXPECT_EQ(current_thread_state(), nullptr);
  int before = count_threads();
  ThreadState* ts = ThreadState::attach_new(&interpreter());
  ASSERT_NE(ts, nullptr);
  EXPECT_EQ(current_thread_state(), ts);
  EXPECT_EQ(ts->tid, current_thread_id());
  EXPECT_NE(ts->ident, 0u);
  EXPECT_EQ(ts->status.load(), ThreadStatus::Attached);
  EXPECT_NE(ts->qsbr_seq.load(), kQsbrOffline);
  // The soft stack limit lies below the current frame and within the thread's stack.
  uintptr_t here = reinterpret_cast<uintptr_t>(&before);
  EXPECT_GT(ts->stack_soft_limit, 0u);
  EXPECT_LT(ts->stack_soft_limit, here);
  EXPECT_EQ(count_threads(), before + 1);
  ts->detach();
  EXPECT_EQ(ts->status.load(), ThreadStatus::Detached);
  EXPECT_EQ(ts->qsbr_seq.load(), kQsbrOffline);
  ts->attach();
  EXPECT_EQ(ts->status.load(), ThreadStatus::Attached);
  ThreadState::detach_and_destroy(ts);
  EXPECT_EQ(current_thread_state(), nullptr);
  EXPECT_EQ(count_threads(), before);
}

TEST(ThreadStateTest, DetachReleasesCriticalSections) {
  std::thread t([] {
    ThreadState* ts = ThreadState::attach_new(&interpreter());
    sync::Mutex obj;
    {
      sync::CriticalSection cs(obj);
      EXPECT_TRUE(obj.is_locked());
      {
        DetachGuard blocking;  // as around I/O
        EXPECT_FALSE(obj.is_locked());
      }
      EXPECT_TRUE(obj.is_locked());
    }
    ThreadState::detach_and_destroy(ts);
  });
  t.join();
}

TEST(ThreadStateTest, ParkedMutexWaiterIsDetached) {
  // A thread blocked on a contended Mutex parks detached (the sync hooks core installs).
  sync::Mutex m;
  std::atomic<ThreadState*> waiter_ts{nullptr};
  ThreadState* main_ts = ThreadState::attach_new(&interpreter());
  m.lock();
  std::thread t([&] {
    ThreadState* ts = ThreadState::attach_new(&interpreter());
    waiter_ts.store(ts);
    m.lock();
    EXPECT_EQ(ts->status.load(), ThreadStatus::Attached);
    m.unlock();
    ThreadState::detach_and_destroy(ts);
  });
  while (!waiter_ts.load()) sync::yield_thread();
  int64_t deadline = sync::monotonic_ns() + 5'000'000'000;
  while (waiter_ts.load()->status.load() != ThreadStatus::Detached &&
         sync::monotonic_ns() < deadline)
    sync::yield_thread();
  EXPECT_EQ(waiter_ts.load()->status.load(), ThreadStatus::Detached);
  m.unlock();
  t.join();
  ThreadState::detach_and_destroy(main_ts);
}

TEST(StopTheWorldTest, StopsAttachedAndDetachedThreads) {
  ThreadState* self = ThreadState::attach_new(&interpreter());
  constexpr int kWorkers = 4;
  std::atomic<bool> quit{false};
  std::atomic<int> started{0};
  std::atomic<int64_t> progress{0};
  std::vector<std::thread> workers;
  for (int i = 0; i < kWorkers; ++i)
    workers.emplace_back([&, i] {
      ThreadState* ts = ThreadState::attach_new(&interpreter());
      started.fetch_add(1);
      while (!quit.load()) {
        progress.fetch_add(1);
        poll_eval_breaker(ts);
        if (i % 2) {  // odd workers spend time detached, as if blocked in I/O
          DetachGuard io;
          sync::sleep_ns(100'000);
        }
      }
      ThreadState::detach_and_destroy(ts);
    });
  while (started.load() < kWorkers) sync::yield_thread();
  for (int round = 0; round < 20; ++round) {
    stop_the_world();
    EXPECT_TRUE(world_is_stopped());
    Interpreter& interp = interpreter();
    interp.threads_mutex.lock_without_detaching();
    for (ThreadState* t = interp.threads; t; t = t->next)
      if (t != self) {
        EXPECT_EQ(t->status.load(), ThreadStatus::Suspended);
      }
    interp.threads_mutex.unlock();
    int64_t frozen = progress.load();
    sync::sleep_ns(200'000);
    EXPECT_EQ(progress.load(), frozen) << "a worker ran while the world was stopped";
    start_the_world();
    EXPECT_FALSE(world_is_stopped());
  }
  quit.store(true);
  for (auto& t : workers) t.join();
  ThreadState::detach_and_destroy(self);
}

TEST(StopTheWorldTest, ThreadsJoiningAndLeavingDuringStops) {
  ThreadState* self = ThreadState::attach_new(&interpreter());
  std::atomic<bool> quit{false};
  std::thread churn([&] {
    while (!quit.load()) {
      std::thread t([] {
        ThreadState* ts = ThreadState::attach_new(&interpreter());
        poll_eval_breaker(ts);
        ThreadState::detach_and_destroy(ts);
      });
      t.join();
    }
  });
  for (int round = 0; round < 50; ++round) {
    stop_the_world();
    start_the_world();
  }
  quit.store(true);
  churn.join();
  ThreadState::detach_and_destroy(self);
}

}  // namespace
}  // namespace weft::core
