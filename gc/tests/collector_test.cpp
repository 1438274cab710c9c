// gc/tests/collector_test.cpp — the cycle collector on a hand-made container type (one child
// pointer, traverse/clear/dealloc that count), without the runtime: tracking, cycles with and
// without outside references, deferred refcounts, freezing, orphaned lists of exited threads
// and resurrection through the finalizer hook.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/thread_state.h"
#include "gc/collector.h"
#include "objects/object.h"
#include "objects/type.h"

namespace weft::gc {
namespace {

struct Node : Object {
  Object* child;  // owned, or nullptr
  bool resurrect;  // the test finalizer stores this node in g_saved
};

std::atomic<int> g_deallocs{0};
Object* g_saved = nullptr;

void node_dealloc(Object* o) {
  g_deallocs.fetch_add(1);
  xdecref(static_cast<Node*>(o)->child);
  free_tracked_object(o);
}
void node_traverse(Object* o, VisitFn visit, void* arg) {
  if (Object* c = static_cast<Node*>(o)->child) visit(c, arg);
}
void node_clear(Object* o) {
  Object* c = static_cast<Node*>(o)->child;
  static_cast<Node*>(o)->child = nullptr;
  xdecref(c);
}

Type g_node_type;

Type* node_type() {
  g_node_type.name = "node";
  g_node_type.flags = kTypeHaveGc;
  g_node_type.dealloc = &node_dealloc;
  g_node_type.traverse = &node_traverse;
  g_node_type.clear = &node_clear;
  return &g_node_type;
}

bool test_finalize(Object* o) {
  if (o->ob_type != &g_node_type || !static_cast<Node*>(o)->resurrect) return false;
  o->ob_gc_bits.fetch_or(kGcFinalized);
  incref(o);
  g_saved = o;
  return true;
}
[[maybe_unused]] const bool g_hook = register_collector_hooks({.finalize = test_finalize});

// A fresh tracked node owned by the calling thread with one reference.
Node* new_node(Object* child = nullptr) {
  auto* n = static_cast<Node*>(alloc_with_gc_header(sizeof(Node)));
  n->ob_tid.store(core::current_thread_id(), std::memory_order_relaxed);
  n->ob_ref_local.store(1, std::memory_order_relaxed);
  n->ob_type = node_type();
  n->child = child;
  track_new_object(n);
  return n;
}

// Two nodes referencing each other; returns one of them with one reference owned by the caller.
Node* make_pair_cycle() {
  Node* a = new_node();
  incref(a);
  Node* b = new_node(a);  // b owns that new reference to a
  a->child = b;           // a owns the only reference to b
  return a;
}

bool is_listed(Object* target) {
  struct Ctx {
    Object* target;
    bool found;
  } ctx{target, false};
  for_each_tracked_object(
      [](Object* o, void* a) {
        auto* c = static_cast<Ctx*>(a);
        if (o == c->target) c->found = true;
      },
      &ctx);
  return ctx.found;
}

class CollectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ts_ = core::ThreadState::attach_new(&core::interpreter());
    (void)collect();  // leftovers of earlier tests
    g_deallocs.store(0);
    g_saved = nullptr;
  }
  void TearDown() override { core::ThreadState::detach_and_destroy(ts_); }
  core::ThreadState* ts_ = nullptr;
};

TEST_F(CollectorTest, TrackedFromAllocationUntilFree) {
  Node* n = new_node();
  EXPECT_TRUE(is_tracked(n));
  EXPECT_TRUE(has_gc_header(n));
  EXPECT_TRUE(is_listed(n));
  decref(n);
  EXPECT_EQ(g_deallocs.load(), 1);
}

TEST_F(CollectorTest, UnreachableCycleIsFreed) {
  Node* a = make_pair_cycle();
  decref(a);  // the cycle keeps both alive
  EXPECT_EQ(g_deallocs.load(), 0);
  CollectResult r = collect();
  EXPECT_EQ(r.collected, 2);
  EXPECT_EQ(g_deallocs.load(), 2);
  EXPECT_EQ(collect().collected, 0);
}

TEST_F(CollectorTest, CycleWithOutsideReferenceSurvives) {
  Node* a = make_pair_cycle();
  Node* holder_of_a = a;  // this test's reference stays
  EXPECT_EQ(collect().collected, 0);
  EXPECT_EQ(g_deallocs.load(), 0);
  EXPECT_EQ(static_cast<Node*>(holder_of_a->child)->child, holder_of_a);
  decref(holder_of_a);
  EXPECT_EQ(collect().collected, 2);
  EXPECT_EQ(g_deallocs.load(), 2);
}

TEST_F(CollectorTest, CycleReachableFromALiveObjectSurvives) {
  Node* a = make_pair_cycle();
  Node* root = new_node(a);  // takes over this test's reference to a
  EXPECT_EQ(collect().collected, 0);
  decref(root);  // root dies by refcount; the cycle is garbage now
  EXPECT_EQ(g_deallocs.load(), 1);
  EXPECT_EQ(collect().collected, 2);
  EXPECT_EQ(g_deallocs.load(), 3);
}

TEST_F(CollectorTest, DeferredObjectsInCyclesAreFreed) {
  Node* a = make_pair_cycle();
  a->ob_gc_bits.fetch_or(kGcDeferred);
  a->ob_ref_shared.fetch_add(kDeferredRefcountBias << kSharedShift);
  decref(a);
  EXPECT_EQ(collect().collected, 2);
  EXPECT_EQ(g_deallocs.load(), 2);
}

TEST_F(CollectorTest, FrozenObjectsAreNotCollected) {
  Node* a = make_pair_cycle();
  decref(a);
  freeze_all();
  EXPECT_GE(freeze_count(), 2);
  EXPECT_EQ(collect().collected, 0);
  unfreeze_all();
  EXPECT_EQ(freeze_count(), 0);
  EXPECT_EQ(collect().collected, 2);
  EXPECT_EQ(g_deallocs.load(), 2);
}

TEST_F(CollectorTest, ObjectsOfExitedThreadsAreStillFound) {
  Node* a = nullptr;
  std::thread t([&] {
    core::ThreadState* other = core::ThreadState::attach_new(&core::interpreter());
    a = make_pair_cycle();
    decref(a);  // garbage left behind on the thread's list
    core::ThreadState::detach_and_destroy(other);
  });
  t.join();
  EXPECT_EQ(collect().collected, 2);
  EXPECT_EQ(g_deallocs.load(), 2);
}

TEST_F(CollectorTest, ResurrectedObjectsAreKept) {
  Node* a = make_pair_cycle();
  a->resurrect = true;
  decref(a);
  CollectResult r = collect();
  EXPECT_EQ(r.collected, 0);  // the finalizer made the whole cycle reachable again
  EXPECT_EQ(g_deallocs.load(), 0);
  ASSERT_EQ(g_saved, a);
  EXPECT_TRUE(a->ob_gc_bits.load() & kGcFinalized);
  EXPECT_EQ(static_cast<Node*>(a->child)->child, a);
  g_saved = nullptr;
  decref(a);
  EXPECT_EQ(collect().collected, 2);  // finalized once: no second resurrection
  EXPECT_EQ(g_deallocs.load(), 2);
}

TEST_F(CollectorTest, AllocationCountFollowsTrackedObjects) {
  int64_t before = allocation_count();
  Node* n = new_node();
  EXPECT_EQ(allocation_count(), before + 1);
  decref(n);
  EXPECT_EQ(allocation_count(), before);
}

}  // namespace
}  // namespace weft::gc
