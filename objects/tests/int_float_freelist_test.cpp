// objects/tests/int_float_freelist_test.cpp — the per-thread int/float block cache
// (objects/int_float_freelist.h): blocks are reused on the freeing thread, objects that may be
// seen by lock-free readers are never recycled, and values handed between threads survive.
#include <thread>
#include <vector>

#include "core/thread_state.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/int_float_freelist.h"
#include "vm/testing.h"

namespace weft {
namespace {

using testing::RuntimeTest;

constexpr int64_t kBig = int64_t{1} << 40;  // outside the small-int cache

TEST_F(RuntimeTest, FreedIntBlockIsReusedByTheNextAllocation) {
  Object* first;
  {
    Ref<Object> a = MUST(int_from_i64(kBig));
    first = a.get();
  }
  Ref<Object> b = MUST(float_from_double(2.5));  // ints and floats share one size class
  EXPECT_EQ(b.get(), first);
  EXPECT_EQ(float_value(b.get()), 2.5);
  EXPECT_EQ(b->ob_ref_local.load(), 1u);
  EXPECT_EQ(b->ob_ref_shared.load(), 0);
  EXPECT_TRUE(is_owned_by_current_thread(b.get()));
  Ref<Object> c = MUST(int_from_i64(kBig + 1));
  EXPECT_NE(c.get(), first);
  EXPECT_EQ(int_small_value(c.get()), kBig + 1);
}

TEST_F(RuntimeTest, ObjectsSeenByLockFreeReadersAreNotRecycled) {
  Object* seen;
  {
    Ref<Object> a = MUST(int_from_i64(kBig));
    // A container writer marks items other threads may try-incref (gc/README.md): such memory
    // must wait for a QSBR grace period, so the cache refuses it.
    a->ob_ref_shared.fetch_or(kMaybeWeakref);
    EXPECT_FALSE(recycle_number_block(a.get()));
    seen = a.get();
  }
  Ref<Object> b = MUST(int_from_i64(kBig));
  EXPECT_NE(b.get(), seen);
}

TEST_F(RuntimeTest, NumbersFreedOnAnotherThreadKeepTheirValues) {
  // Values made on worker threads, dropped on this one after the workers exited (abandoned
  // objects): each must keep its value until the end and free through the normal rules.
  std::vector<Ref<Object>> made(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      core::ThreadState* ts = core::ThreadState::attach_new(&core::interpreter());
      for (int i = 0; i < 1000; ++i) {
        Ref<Object> tmp = MUST(int_from_i64(kBig + i));
        Ref<Object> f = MUST(float_from_double(i * 0.5));
      }
      made[t] = MUST(int_from_i64(kBig * (t + 1)));
      core::ThreadState::detach_and_destroy(ts);
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) {
    Ref<Object> fresh = MUST(int_from_i64(7 * kBig));
    EXPECT_EQ(int_small_value(made[t].get()), kBig * (t + 1));
    made[t] = Ref<Object>();
  }
}

}  // namespace
}  // namespace weft
