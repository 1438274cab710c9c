// sync/tests/primitives_test.cpp — Event, OnceFlag and RWMutex (STYLE §17 scenarios).
#include <gtest/gtest.h>

// These tests lock and unlock across threads and in deliberately unusual orders, which Clang's
// static lock analysis cannot follow; TSan checks them at run time instead.
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wthread-safety-analysis"
#endif

#include <atomic>
#include <thread>
#include <vector>

#include "sync/clock.h"
#include "sync/event.h"
#include "sync/once_flag.h"
#include "sync/rw_mutex.h"

namespace weft::sync {
namespace {

TEST(EventTest, WaitTimesOutThenSeesNotify) {
  Event e;
  EXPECT_FALSE(e.is_set());
  EXPECT_FALSE(e.wait(0));
  EXPECT_FALSE(e.wait(2'000'000));
  std::atomic<int> woke{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < 3; ++i)
    waiters.emplace_back([&] {
      EXPECT_TRUE(e.wait());
      woke.fetch_add(1);
    });
  sleep_ns(2'000'000);
  EXPECT_EQ(woke.load(), 0);
  e.notify();
  for (auto& t : waiters) t.join();
  EXPECT_EQ(woke.load(), 3);
  EXPECT_TRUE(e.is_set());
  EXPECT_TRUE(e.wait(0));
  e.notify();  // idempotent
  EXPECT_TRUE(e.is_set());
  e.reset();
  EXPECT_FALSE(e.is_set());
}

TEST(OnceFlagTest, RunsOnceAcrossThreads) {
  OnceFlag once;
  std::atomic<int> runs{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      EXPECT_TRUE(once.call_once([&] {
        runs.fetch_add(1);
        sleep_ns(1'000'000);  // make the others park on the flag
        return true;
      }));
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(runs.load(), 1);
  EXPECT_TRUE(once.is_initialized());
}

TEST(OnceFlagTest, RetriesAfterFailedInitializer) {
  OnceFlag once;
  int attempts = 0;
  EXPECT_FALSE(once.call_once([&] { ++attempts; return false; }));
  EXPECT_FALSE(once.is_initialized());
  EXPECT_TRUE(once.call_once([&] { ++attempts; return true; }));
  EXPECT_TRUE(once.call_once([&] { ++attempts; return true; }));
  EXPECT_EQ(attempts, 2);
}

TEST(OnceFlagTest, WaiterRetriesWhenRunningInitializerFails) {
  OnceFlag once;
  std::atomic<bool> first_started{false};
  std::atomic<int> runs{0};
  std::thread first([&] {
    EXPECT_FALSE(once.call_once([&] {
      first_started.store(true);
      runs.fetch_add(1);
      sleep_ns(5'000'000);
      return false;
    }));
  });
  while (!first_started.load()) yield_thread();
  // This caller parks behind the failing initializer, then runs its own.
  EXPECT_TRUE(once.call_once([&] { runs.fetch_add(1); return true; }));
  first.join();
  EXPECT_EQ(runs.load(), 2);
}

TEST(RWMutexTest, StateTransitions) {
  RWMutex rw;
  EXPECT_EQ(rw.raw_bits(), 0u);
  rw.lock_shared();
  rw.lock_shared();
  EXPECT_EQ(rw.raw_bits(), 2 * RWMutex::kReaderIncrement);
  EXPECT_EQ(rw.reader_count(), 2u);
  rw.unlock_shared();
  rw.unlock_shared();
  EXPECT_EQ(rw.raw_bits(), 0u);
  rw.lock();
  EXPECT_EQ(rw.raw_bits(), RWMutex::kWriteLocked);
  rw.unlock();
  EXPECT_EQ(rw.raw_bits(), 0u);

  // A writer waiting on a reader sets kHasParked, and new readers then wait behind it.
  rw.lock_shared();
  std::atomic<bool> writer_done{false};
  std::thread writer([&] {
    rw.lock();
    writer_done.store(true);
    rw.unlock();
  });
  while (!(rw.raw_bits() & RWMutex::kHasParked)) yield_thread();
  EXPECT_EQ(rw.raw_bits(), RWMutex::kReaderIncrement | RWMutex::kHasParked);
  std::atomic<bool> reader_done{false};
  std::thread late_reader([&] {
    rw.lock_shared();
    EXPECT_TRUE(writer_done.load());  // write preference: the writer went first
    reader_done.store(true);
    rw.unlock_shared();
  });
  sleep_ns(2'000'000);
  EXPECT_FALSE(reader_done.load());
  EXPECT_FALSE(writer_done.load());
  rw.unlock_shared();
  writer.join();
  late_reader.join();
  EXPECT_TRUE(reader_done.load());
  EXPECT_EQ(rw.raw_bits(), 0u);
}

TEST(RWMutexTest, ReadersAndWritersStayConsistent) {
  RWMutex rw;
  int64_t a = 0, b = 0;  // invariant under rw: a == b
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      for (int j = 0; j < 2000; ++j) {
        rw.lock();
        ++a;
        ++b;
        rw.unlock();
      }
    });
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      for (int j = 0; j < 2000; ++j) {
        rw.lock_shared();
        EXPECT_EQ(a, b);
        rw.unlock_shared();
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(a, 8000);
  EXPECT_EQ(rw.raw_bits(), 0u);
}

}  // namespace
}  // namespace weft::sync
