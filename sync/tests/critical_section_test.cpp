// sync/tests/critical_section_test.cpp — the per-thread critical-section stack: nesting,
// address-ordered pairs, and suspension when the thread detaches (with test detach hooks that do
// what core's do for critical sections).
#include "sync/critical_section.h"

#include <gtest/gtest.h>

// These tests lock and unlock across threads and in deliberately unusual orders, which Clang's
// static lock analysis cannot follow; TSan checks them at run time instead.
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wthread-safety-analysis"
#endif

#include <atomic>
#include <thread>

#include "sync/clock.h"
#include "sync/detach_hook.h"

namespace weft::sync {
namespace {

TEST(CriticalSectionTest, NestingAndSameObjectIsNoOp) {
  Mutex a, b;
  EXPECT_TRUE(critical_section_stack_empty());
  {
    CriticalSection ca(a);
    EXPECT_TRUE(a.is_locked());
    EXPECT_TRUE(critical_section_holds(a));
    {
      CriticalSection again(a);  // same object as the top: a no-op, no self-deadlock
      EXPECT_TRUE(a.is_locked());
    }
    EXPECT_TRUE(a.is_locked());
    {
      CriticalSection cb(b);
      EXPECT_TRUE(critical_section_holds(b));
      EXPECT_TRUE(critical_section_holds(a));
    }
    EXPECT_FALSE(b.is_locked());
    EXPECT_TRUE(critical_section_holds(a));
  }
  EXPECT_FALSE(a.is_locked());
  EXPECT_TRUE(critical_section_stack_empty());
}

TEST(CriticalSectionTest, TwoMutexSection) {
  Mutex a, b;
  {
    CriticalSection2 cs(b, a);
    EXPECT_TRUE(a.is_locked());
    EXPECT_TRUE(b.is_locked());
    EXPECT_TRUE(critical_section_holds(a));
    EXPECT_TRUE(critical_section_holds(b));
    CriticalSection inner(a);  // held by the top two-mutex section: no-op
  }
  EXPECT_FALSE(a.is_locked());
  EXPECT_FALSE(b.is_locked());
  {
    CriticalSection2 same(a, a);  // one object twice behaves as a single section
    EXPECT_TRUE(a.is_locked());
  }
  EXPECT_FALSE(a.is_locked());
}

TEST(CriticalSectionTest, PairsInBothOrdersDoNotDeadlock) {
  Mutex a, b;
  int64_t shared = 0;  // guarded by a and b together
  constexpr int kIters = 20'000;
  std::thread t1([&] {
    for (int i = 0; i < kIters; ++i) {
      CriticalSection2 cs(a, b);
      ++shared;
    }
  });
  std::thread t2([&] {
    for (int i = 0; i < kIters; ++i) {
      CriticalSection2 cs(b, a);
      ++shared;
    }
  });
  t1.join();
  t2.join();
  EXPECT_EQ(shared, 2 * kIters);
}

// Hooks that behave like core's for critical sections: detaching suspends, attaching resumes.
void* test_detach() {
  suspend_all_critical_sections();
  return reinterpret_cast<void*>(1);
}
void test_reattach(void*) { resume_top_critical_section(); }

class DetachHooksInstalled : public ::testing::Test {
 protected:
  void SetUp() override { install_detach_hooks({&test_detach, &test_reattach}); }
  void TearDown() override { install_detach_hooks({}); }
};

TEST_F(DetachHooksInstalled, BlockingReleasesOuterSection) {
  Mutex obj, gate;
  gate.lock();
  std::atomic<bool> in_section{false};
  std::atomic<bool> done{false};
  std::thread t([&] {
    CriticalSection cs(obj);
    in_section.store(true);
    gate.lock();  // blocks: the thread parks, detaches and so releases `obj`
    // Re-attached: the section's lock is held again.
    EXPECT_TRUE(critical_section_holds(obj));
    EXPECT_TRUE(obj.is_locked());
    gate.unlock();
    done.store(true);
  });
  while (!in_section.load()) yield_thread();
  // Wait for the blocked thread to suspend its section, then take the object ourselves.
  int64_t deadline = monotonic_ns() + 5'000'000'000;
  bool took = false;
  while (!took && monotonic_ns() < deadline) {
    took = obj.try_lock();
    if (!took) yield_thread();
  }
  ASSERT_TRUE(took);
  EXPECT_FALSE(done.load());
  obj.unlock();
  gate.unlock();
  t.join();
  EXPECT_TRUE(done.load());
  EXPECT_FALSE(obj.is_locked());
}

TEST_F(DetachHooksInstalled, NestedSectionsInOppositeOrderDoNotDeadlock) {
  // Nested single sections in opposite orders would deadlock with plain locks; blocking on the
  // inner one suspends the outer one, so both threads make progress.
  Mutex a, b;
  std::atomic<int64_t> total{0};
  auto worker = [&](Mutex& first, Mutex& second) {
    for (int i = 0; i < 2000; ++i) {
      CriticalSection outer(first);
      CriticalSection inner(second);
      total.fetch_add(1, std::memory_order_relaxed);
    }
  };
  std::thread t1([&] { worker(a, b); });
  std::thread t2([&] { worker(b, a); });
  t1.join();
  t2.join();
  EXPECT_EQ(total.load(), 4000);
  EXPECT_FALSE(a.is_locked());
  EXPECT_FALSE(b.is_locked());
}

}  // namespace
}  // namespace weft::sync
