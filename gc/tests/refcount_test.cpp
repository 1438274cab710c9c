// gc/tests/refcount_test.cpp — biased reference counting slow paths and merge queues, with a
// hand-made type whose dealloc counts; no runtime (only thread states from core/).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/thread_state.h"
#include "gc/alloc.h"
#include "gc/qsbr.h"
#include "gc/refcount.h"
#include "objects/object.h"
#include "objects/type.h"
#include "sync/clock.h"

namespace weft::gc {
namespace {

std::atomic<int> g_deallocs{0};

void counting_dealloc(Object* o) {
  g_deallocs.fetch_add(1);
  raw_free(o);
}

Type g_counting_type;  // zero-filled static storage; the fields the tests need are set below

Type* counting_type() {
  g_counting_type.name = "counted";
  g_counting_type.dealloc = &counting_dealloc;
  return &g_counting_type;
}

// A fresh object owned by the calling thread with one (local) reference.
Object* new_counted() {
  auto* o = static_cast<Object*>(raw_calloc(1, sizeof(Object)));
  o->ob_tid.store(core::current_thread_id(), std::memory_order_relaxed);
  o->ob_ref_local.store(1, std::memory_order_relaxed);
  o->ob_type = counting_type();
  return o;
}

class RefcountTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_deallocs.store(0);
    ts_ = core::ThreadState::attach_new(&core::interpreter());
  }
  void TearDown() override { core::ThreadState::detach_and_destroy(ts_); }
  core::ThreadState* ts_ = nullptr;
};

TEST_F(RefcountTest, OwnerIncDecFreesAtZero) {
  Object* o = new_counted();
  incref(o);
  EXPECT_EQ(refcount(o), 2);
  EXPECT_EQ(o->ob_ref_shared.load(), 0);
  decref(o);
  EXPECT_EQ(g_deallocs.load(), 0);
  decref(o);
  EXPECT_EQ(g_deallocs.load(), 1);
}

TEST_F(RefcountTest, NonOwnerDecrefQueuesToOwnerWhoseMergeFrees) {
  Object* o = new_counted();
  uintptr_t owner = o->ob_tid.load();
  // Another thread drops the owner's only reference (as if it had been handed over).
  std::thread t([&] {
    core::ThreadState* other = core::ThreadState::attach_new(&core::interpreter());
    decref(o);
    core::ThreadState::detach_and_destroy(other);
  });
  t.join();
  EXPECT_EQ(g_deallocs.load(), 0);
  EXPECT_EQ(o->ob_ref_shared.load() & kSharedFlagMask, kQueued);
  EXPECT_TRUE(ts_->eval_breaker.load() & core::kMergeRefcounts);
  // While queued, ob_tid holds the queue link (odd), so the owner no longer takes fast paths.
  EXPECT_NE(o->ob_tid.load(), owner);
  EXPECT_EQ(o->ob_tid.load() & 1, 1u);
  EXPECT_EQ(ts_->merge_queue.load(), o);
  merge_queued_objects(ts_);
  EXPECT_EQ(g_deallocs.load(), 1);
  EXPECT_EQ(ts_->merge_queue.load(), nullptr);
  EXPECT_FALSE(ts_->eval_breaker.load() & core::kMergeRefcounts);
}

TEST_F(RefcountTest, QueuedObjectStillUsableByOwnerUntilMerged) {
  Object* o = new_counted();
  incref(o);  // local 2: the owner keeps one reference, the other thread gets one
  std::thread t([&] {
    core::ThreadState* other = core::ThreadState::attach_new(&core::interpreter());
    decref(o);  // shared count zero: queued, not subtracted
    core::ThreadState::detach_and_destroy(other);
  });
  t.join();
  incref(o);  // owner, but ob_tid is the link now: goes to the shared count
  decref(o);
  merge_queued_objects(ts_);  // local 2 + shared 0 - queue's 1 = 1
  EXPECT_EQ(g_deallocs.load(), 0);
  EXPECT_EQ(refcount(o), 1);
  EXPECT_EQ(o->ob_tid.load(), 0u);
  decref(o);  // merged: a shared decref to exactly Merged frees
  EXPECT_EQ(g_deallocs.load(), 1);
}

TEST_F(RefcountTest, ImmortalObjectsAreNeverFreed) {
  Object* o = new_counted();
  set_immortal(o);
  EXPECT_TRUE(is_immortal(o));
  EXPECT_EQ(refcount(o), int64_t{3} << 30);
  for (int i = 0; i < 10; ++i) decref(o);
  std::thread t([&] {
    for (int i = 0; i < 10; ++i) {
      incref(o);
      decref(o);
      decref(o);
    }
  });
  t.join();
  EXPECT_EQ(g_deallocs.load(), 0);
  EXPECT_EQ(o->ob_ref_shared.load(), 0);
  raw_free(o);
}

TEST_F(RefcountTest, MergedObjectFreedByLastNonOwnerDecref) {
  Object* o = new_counted();
  std::atomic<bool> got_ref{false}, owner_done{false};
  std::thread t([&] {
    core::ThreadState* other = core::ThreadState::attach_new(&core::interpreter());
    incref(o);  // shared +1
    got_ref.store(true);
    while (!owner_done.load()) sync::yield_thread();
    decref(o);  // merged with count 1 -> exactly Merged: this thread frees
    EXPECT_EQ(g_deallocs.load(), 1);
    core::ThreadState::detach_and_destroy(other);
  });
  while (!got_ref.load()) sync::yield_thread();
  decref(o);  // local 0 while shared != 0: merge, not freed
  EXPECT_EQ(g_deallocs.load(), 0);
  EXPECT_EQ(o->ob_tid.load(), 0u);
  EXPECT_EQ(o->ob_ref_shared.load(), (int64_t{1} << kSharedShift) | kMerged);
  owner_done.store(true);
  t.join();
  EXPECT_EQ(g_deallocs.load(), 1);
}

TEST_F(RefcountTest, AbandonedObjectsAreMergedByTheDecrefingThread) {
  Object* o = nullptr;
  std::thread owner([&] {
    core::ThreadState* ts = core::ThreadState::attach_new(&core::interpreter());
    o = new_counted();  // owned by this thread, which exits holding nothing
    core::ThreadState::detach_and_destroy(ts);
  });
  owner.join();
  decref(o);  // no owner to queue to: merged here, total 1 + 0 - 1 = 0
  EXPECT_EQ(g_deallocs.load(), 1);
}

TEST_F(RefcountTest, ManyThreadsDecrefOwnedObjects) {
  constexpr int kObjects = 2000;
  constexpr int kThreads = 4;
  std::vector<Object*> objs;
  for (int i = 0; i < kObjects; ++i) {
    Object* o = new_counted();
    for (int k = 0; k < kThreads; ++k) incref(o);  // one reference per worker
    objs.push_back(o);
  }
  std::atomic<int> done{0};
  std::vector<std::thread> workers;
  for (int k = 0; k < kThreads; ++k)
    workers.emplace_back([&] {
      core::ThreadState* ts = core::ThreadState::attach_new(&core::interpreter());
      for (Object* o : objs) decref(o);
      done.fetch_add(1);
      core::ThreadState::detach_and_destroy(ts);
    });
  // The owner keeps serving its eval breaker while the workers run, as the eval loop would.
  while (done.load() < kThreads) {
    if (ts_->eval_breaker.load(std::memory_order_acquire) & core::kMergeRefcounts)
      merge_queued_objects(ts_);
    sync::yield_thread();
  }
  for (auto& w : workers) w.join();
  for (Object* o : objs) decref(o);  // the owner's own reference
  merge_queued_objects(ts_);
  EXPECT_EQ(g_deallocs.load(), kObjects);
}

}  // namespace
}  // namespace weft::gc

namespace weft::gc {
namespace {

TEST_F(RefcountTest, FreeObjectMemoryDelaysObjectsOthersMaySee) {
  // An object that never left Init is freed at once; one marked MaybeWeakref goes through QSBR.
  Object* private_obj = new_counted();
  size_t before = pending_delayed_frees();
  free_object_memory(private_obj);
  EXPECT_EQ(pending_delayed_frees(), before);
  Object* shared_obj = new_counted();
  shared_obj->ob_ref_shared.store(kMaybeWeakref);
  free_object_memory(shared_obj);
  EXPECT_EQ(pending_delayed_frees(), before + 1);
}

}  // namespace
}  // namespace weft::gc
