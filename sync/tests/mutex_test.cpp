// sync/tests/mutex_test.cpp — Mutex, RecursiveMutex and the parking lot, in the scenarios of
// STYLE §17 (after CPython's Modules/_testinternalcapi/test_lock.c). No runtime needed.
#include "sync/mutex.h"

#include <gtest/gtest.h>

// These tests lock and unlock across threads and in deliberately unusual orders, which Clang's
// static lock analysis cannot follow; TSan checks them at run time instead.
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wthread-safety-analysis"
#endif

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <thread>
#include <vector>

#include "sync/clock.h"
#include "sync/parking_lot.h"
#include "sync/recursive_mutex.h"

namespace weft::sync {
namespace {

// Spins (yielding) until `pred` holds or ~5 s pass; returns the final value of `pred`.
template <class Pred>
bool eventually(Pred pred) {
  int64_t deadline = monotonic_ns() + 5'000'000'000;
  while (!pred()) {
    if (monotonic_ns() > deadline) return false;
    yield_thread();
  }
  return true;
}

TEST(MutexTest, UncontendedLockUnlock) {
  Mutex m;
  EXPECT_EQ(m.raw_bits().load(), Mutex::kUnlocked);
  m.lock();
  EXPECT_TRUE(m.is_locked());
  EXPECT_EQ(m.raw_bits().load(), Mutex::kLocked);
  EXPECT_FALSE(m.try_lock());
  m.unlock();
  EXPECT_EQ(m.raw_bits().load(), Mutex::kUnlocked);
  EXPECT_TRUE(m.try_lock());
  m.unlock();
  EXPECT_TRUE(m.lock_timed(0));
  m.unlock();
}

TEST(MutexTest, BlockedThreadSetsHasParked) {
  Mutex m;
  m.lock();
  std::atomic<bool> acquired{false};
  std::thread t([&] {
    m.lock();
    acquired.store(true);
    m.unlock();
  });
  // After its spin phase the waiter parks, which first sets kHasParked.
  EXPECT_TRUE(eventually([&] { return m.raw_bits().load() == (Mutex::kLocked | Mutex::kHasParked); }));
  EXPECT_FALSE(acquired.load());
  m.unlock();
  t.join();
  EXPECT_TRUE(acquired.load());
  EXPECT_EQ(m.raw_bits().load(), Mutex::kUnlocked);
}

TEST(MutexTest, ManyThreadsIncrement) {
  constexpr int kThreads = 8;
  constexpr int kIters = 10'000;
  Mutex m;
  int64_t counter = 0;  // guarded by m: TSan reports a race if the Mutex ever fails
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&] {
      for (int j = 0; j < kIters; ++j) {
        MutexLock guard(m);
        ++counter;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(counter, int64_t{kThreads} * kIters);
  EXPECT_EQ(m.raw_bits().load(), Mutex::kUnlocked);
}

TEST(MutexTest, SlowHolderHandsOffToLongWaiter) {
  Mutex m;
  m.lock();
  std::atomic<bool> waiter_has_lock{false};
  std::atomic<bool> release_waiter{false};
  std::thread t([&] {
    m.lock();
    waiter_has_lock.store(true);
    while (!release_waiter.load()) yield_thread();
    m.unlock();
  });
  ASSERT_TRUE(eventually([&] { return (m.raw_bits().load() & Mutex::kHasParked) != 0; }));
  sleep_ns(5'000'000);  // the waiter has now waited well over the 1 ms fairness threshold
  m.unlock();
  // Handed off: the byte never became free, so the unlocker cannot barge back in.
  EXPECT_FALSE(m.try_lock());
  EXPECT_TRUE(eventually([&] { return waiter_has_lock.load(); }));
  release_waiter.store(true);
  t.join();
  EXPECT_EQ(m.raw_bits().load(), Mutex::kUnlocked);
}

TEST(MutexTest, LockTimedTimesOut) {
  Mutex m;
  m.lock();
  std::thread t([&] {
    int64_t start = monotonic_ns();
    EXPECT_FALSE(m.lock_timed(20'000'000));
    EXPECT_GE(monotonic_ns() - start, 20'000'000);
    EXPECT_FALSE(m.lock_timed(0));
  });
  t.join();
  m.unlock();
  // A timed-out waiter leaves no stale kHasParked behind once the lock is released.
  EXPECT_EQ(m.raw_bits().load() & Mutex::kLocked, 0);
  EXPECT_TRUE(m.lock_timed(1'000'000));
  m.unlock();
}

TEST(MutexTest, LockTimedSucceedsWhenReleased) {
  Mutex m;
  m.lock();
  std::thread t([&] {
    EXPECT_TRUE(m.lock_timed(5'000'000'000));
    m.unlock();
  });
  sleep_ns(2'000'000);
  m.unlock();
  t.join();
}

TEST(RecursiveMutexTest, OwnerRelocks) {
  RecursiveMutex rm;
  EXPECT_EQ(rm.level(), 0u);
  rm.lock();
  rm.lock();
  EXPECT_TRUE(rm.try_lock());
  EXPECT_EQ(rm.level(), 3u);
  std::thread t([&] {
    EXPECT_FALSE(rm.is_owned_by_current_thread());
    EXPECT_FALSE(rm.try_lock());
    EXPECT_FALSE(rm.unlock());  // not the owner
  });
  t.join();
  EXPECT_TRUE(rm.unlock());
  EXPECT_TRUE(rm.unlock());
  EXPECT_TRUE(rm.unlock());
  EXPECT_FALSE(rm.unlock());
  std::thread t2([&] {
    EXPECT_TRUE(rm.try_lock());
    EXPECT_TRUE(rm.unlock());
  });
  t2.join();
}

TEST(ParkingLotTest, ParkReturnsAgainOnMismatch) {
  std::atomic<uint32_t> word{7};
  EXPECT_EQ(park(&word, uint32_t{8}, kNoDeadline), ParkResult::kAgain);
  EXPECT_EQ(park(&word, uint32_t{7}, monotonic_ns() + 1'000'000), ParkResult::kTimeout);
}

TEST(ParkingLotTest, UnparkOneRunsCallbackUnderLock) {
  std::atomic<uint64_t> word{1};
  int arg = 42;
  std::thread t([&] { EXPECT_EQ(park(&word, uint64_t{1}, kNoDeadline, &arg), ParkResult::kOk); });
  bool saw_waiter = false;
  ASSERT_TRUE(eventually([&] {
    return unpark_one(&word, [&](void* park_arg, bool more) {
      saw_waiter = park_arg == &arg && !more;
    });
  }));
  t.join();
  EXPECT_TRUE(saw_waiter);
  // Nobody parked: the callback still runs, with no park_arg.
  bool called_empty = false;
  EXPECT_FALSE(unpark_one(&word, [&](void* park_arg, bool more) {
    called_empty = park_arg == nullptr && !more;
  }));
  EXPECT_TRUE(called_empty);
}

// A signal handler installed without SA_RESTART interrupts a parked thread only if it asked for
// it (ParkInterrupt::kReturn); a mutex waiter then sees LockResult::kInterrupted, and a plain
// waiter keeps waiting.
TEST(ParkingLotTest, SignalInterruptsOnlyInterruptibleWaits) {
  struct sigaction action {};
  action.sa_handler = [](int) {};
  sigemptyset(&action.sa_mask);
  struct sigaction previous;
  ASSERT_EQ(sigaction(SIGUSR1, &action, &previous), 0);

  Mutex m;
  m.lock();
  std::atomic<bool> parked_done{false};
  LockResult result = LockResult::kAcquired;
  std::thread interruptible([&] {
    result = m.lock_until_interruptible_unannotated(kNoDeadline);
    parked_done.store(true);
  });
  // Keep signalling until the waiter notices (it may not have parked yet at the first signal).
  ASSERT_TRUE(eventually([&] {
    pthread_kill(interruptible.native_handle(), SIGUSR1);
    sleep_ns(1'000'000);
    return parked_done.load();
  }));
  interruptible.join();
  EXPECT_EQ(result, LockResult::kInterrupted);

  std::atomic<bool> plain_done{false};
  std::thread plain([&] {
    m.lock();
    plain_done.store(true);
    m.unlock();
  });
  for (int i = 0; i < 20; ++i) {
    pthread_kill(plain.native_handle(), SIGUSR1);
    sleep_ns(1'000'000);
  }
  EXPECT_FALSE(plain_done.load());
  m.unlock();
  plain.join();
  EXPECT_TRUE(plain_done.load());
  sigaction(SIGUSR1, &previous, nullptr);
}

TEST(ParkingLotTest, UnparkAllWakesEveryone) {
  std::atomic<uint8_t> word{0};
  std::atomic<int> woken{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      while (word.load() == 0) park(&word, uint8_t{0}, kNoDeadline);
      woken.fetch_add(1);
    });
  sleep_ns(2'000'000);
  word.store(1);
  unpark_all(&word);
  for (auto& t : threads) t.join();
  EXPECT_EQ(woken.load(), 4);
}

}  // namespace
}  // namespace weft::sync
