// Unit tests for the fiber stack pool and Fiber (vm/fiber_stack_pool.h, vm/fiber.h). They need
// no runtime: fibers here run plain C++ bodies.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "vm/fiber.h"
#include "vm/fiber_stack_pool.h"

namespace weft::vm {
namespace {

TEST(FiberStackPool, ReusesReleasedStacks) {
  FiberStackPool& pool = FiberStackPool::instance();
  FiberStack a = pool.acquire();
  ASSERT_TRUE(a);
  EXPECT_EQ(a.size, kFiberStackSize);
  a.base[0] = 1;             // the lowest usable byte is writable
  a.top()[-1] = 2;           // and so is the highest
  char* base = a.base;
  pool.release(a);
  FiberStack b = pool.acquire();  // the thread cache hands the same stack back
  EXPECT_EQ(b.base, base);
  EXPECT_EQ(b.soft_limit(), reinterpret_cast<uintptr_t>(b.base) + kFiberStackReserve);
  pool.release(b);
}

TEST(FiberStackPool, OverflowGoesToSharedListThenUnmaps) {
  FiberStackPool& pool = FiberStackPool::instance();
  std::vector<FiberStack> stacks;
  for (int i = 0; i < FiberStackPool::kThreadCacheSize + 4; ++i) stacks.push_back(pool.acquire());
  size_t mapped = pool.mapped_count();
  EXPECT_GE(mapped, stacks.size());
  size_t shared_before = pool.shared_cached_count();
  for (FiberStack s : stacks) pool.release(s);
  EXPECT_GE(pool.shared_cached_count(), shared_before + 4);
  EXPECT_EQ(pool.mapped_count(), mapped);  // cached, not unmapped
}

struct Counter {
  Fiber* fiber = nullptr;
  int value = 0;
  int limit = 0;
};

void count_body(void* arg) {
  Counter* c = static_cast<Counter*>(arg);
  while (c->value < c->limit) {
    ++c->value;
    c->fiber->suspend();
  }
}

TEST(Fiber, CreatedLazilyAndRunsToCompletion) {
  Counter c;
  c.limit = 3;
  Fiber f(count_body, &c);
  c.fiber = &f;
  EXPECT_FALSE(f.started());
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(f.resume());
    EXPECT_EQ(c.value, i);
    EXPECT_FALSE(f.finished());
  }
  ASSERT_TRUE(f.resume());
  EXPECT_TRUE(f.finished());
}

TEST(Fiber, ResumedFromAnotherThread) {
  Counter c;
  c.limit = 100;
  Fiber f(count_body, &c);
  c.fiber = &f;
  for (int i = 0; i < 50; ++i) {
    std::thread t([&] { ASSERT_TRUE(f.resume()); });
    t.join();
    ASSERT_TRUE(f.resume());  // and back on this one
  }
  EXPECT_EQ(c.value, 100);
  ASSERT_TRUE(f.resume());
  EXPECT_TRUE(f.finished());
}

void deep_body(void* arg) {
  // Uses a few KiB of the fiber's stack and checks it is inside the fiber's bounds.
  volatile char buf[16 * 1024];
  buf[0] = 1;
  *static_cast<uintptr_t*>(arg) = reinterpret_cast<uintptr_t>(&buf[0]);
}

TEST(Fiber, BodyRunsOnPooledStack) {
  uintptr_t where = 0;
  Fiber f(deep_body, &where);
  ASSERT_TRUE(f.resume());
  EXPECT_TRUE(f.finished());
  FiberStack s = FiberStackPool::instance().acquire();  // the stack just released
  EXPECT_GE(where, reinterpret_cast<uintptr_t>(s.base));
  EXPECT_LT(where, reinterpret_cast<uintptr_t>(s.top()));
  FiberStackPool::instance().release(s);
}

}  // namespace
}  // namespace weft::vm
