// vm/tests/thread_start_test.cpp — starting, joining and counting threads (vm/thread_start.h),
// and the eval breaker's service of gc/ requests (handle_eval_breaker).
#include "vm/thread_start.h"

#include <pthread.h>

#include "core/qsbr_sequence.h"
#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/eval.h"
#include "vm/import.h"
#include "vm/testing.h"

namespace weft::vm {
namespace {

using testing::RuntimeTest;

// A module whose `record(x, ident)` appends (x, ident()) to `out`, and `fail()` raises SystemExit.
Ref<Object> load_helpers() {
  static const char* kSource =
      "out = []\n"
      "def record(x, ident):\n"
      "    out.append((x, ident()))\n"
      "def fail():\n"
      "    raise SystemExit(3)\n";
  Result<Ref<Object>> m = exec_source_as_module(str_intern("thread_start_helpers"),
                                                "<thread_start_test>", kSource);
  EXPECT_FALSE(m.is_error());
  return m.is_error() ? Ref<Object>() : m.release_value();
}

Ref<Object> attr(Object* o, const char* name) {
  Result<Ref<Object>> r = get_attr(o, name);
  EXPECT_FALSE(r.is_error());
  return r.is_error() ? Ref<Object>() : r.release_value();
}

TEST_F(RuntimeTest, StartedThreadRunsCallableAndJoins) {
  Ref<Object> m = load_helpers();
  ASSERT_TRUE(m);
  Ref<Object> thread_mod;
  {
    Result<Ref<Object>> t = import_module(str_intern("_thread"));
    ASSERT_FALSE(t.is_error());
    thread_mod = t.release_value();
  }
  Ref<Object> ident_fn = attr(thread_mod.get(), "get_ident");
  Ref<Object> x = MUST(int_from_i64(42));
  Ref<Object> args = MUST(tuple_pack({x.get(), ident_fn.get()}));
  int64_t before = running_thread_count();
  ThreadHandle* h = ThreadHandle::create();
  ASSERT_NE(h, nullptr);
  ASSERT_FALSE(start_thread(h, attr(m.get(), "record"), std::move(args), Ref<Object>(),
                            /*joinable=*/true, /*daemon=*/true)
                   .is_error());
  Result<bool> joined = h->join(-1);
  ASSERT_FALSE(joined.is_error());
  EXPECT_TRUE(joined.value());
  EXPECT_TRUE(h->is_done());
  EXPECT_EQ(running_thread_count(), before);
  Ref<Object> out = attr(m.get(), "out");
  ASSERT_EQ(MUST(object_length(out.get())), 1);
  Ref<Object> entry = MUST(get_item(out.get(), MUST(int_from_i64(0)).get()));
  EXPECT_EQ(int_small_value(tuple_item(entry.get(), 0)), 42);
  int64_t seen_ident = MUST(int_as_i64(tuple_item(entry.get(), 1)));
  EXPECT_EQ(static_cast<uint64_t>(seen_ident), h->ident());
  EXPECT_NE(h->ident(), static_cast<uint64_t>(pthread_self()));
  // Joining again is harmless.
  EXPECT_TRUE(MUST(h->join(0)));
  h->release();
}

TEST_F(RuntimeTest, HandleStateErrors) {
  ThreadHandle* h = ThreadHandle::create();
  ASSERT_NE(h, nullptr);
  EXPECT_TRUE(h->join(-1).is_error());  // never started
  EXPECT_TRUE(error_matches(exc::RuntimeError));
  clear_error();
  Ref<Object> m = load_helpers();
  Ref<Object> empty = MUST(tuple_new(0));
  ASSERT_FALSE(start_thread(h, attr(m.get(), "fail"), empty.dup(), Ref<Object>(), true, false)
                   .is_error());
  EXPECT_TRUE(start_thread(h, attr(m.get(), "fail"), empty.dup(), Ref<Object>(), true, false)
                  .is_error());  // already started
  EXPECT_TRUE(error_matches(exc::RuntimeError));
  clear_error();
  // A non-daemon thread is waited for by join_non_daemon_threads (SystemExit is silent).
  EXPECT_FALSE(join_non_daemon_threads().is_error());
  EXPECT_TRUE(h->is_done());
  h->release();

  ThreadHandle* self = ThreadHandle::new_for_existing(static_cast<uint64_t>(pthread_self()));
  EXPECT_TRUE(self->join(-1).is_error());  // Cannot join current thread
  EXPECT_TRUE(error_matches(exc::RuntimeError));
  clear_error();
  self->set_done();
  EXPECT_TRUE(MUST(self->join(-1)));
  self->release();
}

TEST_F(RuntimeTest, EvalBreakerServesGcBitsAndReportsQuiescence) {
  core::ThreadState* ts = core::current_thread_state();
  ASSERT_NE(ts, nullptr);
  ts->qsbr_seq.store(core::kQsbrInitial, std::memory_order_relaxed);
  core::g_qsbr.write_seq.fetch_add(core::kQsbrIncrement);
  ts->eval_breaker.fetch_or(core::kMergeRefcounts | core::kQsbrPoll);
  ASSERT_FALSE(handle_eval_breaker(ts).is_error());
  EXPECT_EQ(ts->eval_breaker.load() & (core::kMergeRefcounts | core::kQsbrPoll), 0u);
  EXPECT_EQ(ts->qsbr_seq.load(), core::g_qsbr.write_seq.load());
}

}  // namespace
}  // namespace weft::vm
