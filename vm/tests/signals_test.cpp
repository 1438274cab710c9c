// vm/tests/signals_test.cpp — vm/signals.h: the C handler records a signal and sets
// kSignalPending on the main thread; run_pending_handlers calls the Python handler and clears the
// bit; a handler's exception propagates while later signals stay pending.
#include "vm/signals.h"

#include <csignal>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "vm/import.h"
#include "vm/testing.h"

namespace weft::vm {
namespace {

using testing::RuntimeTest;

class SignalsTest : public RuntimeTest {
 protected:
  void TearDown() override {
    Ref<Object> dfl = MUST(int_from_i64(0));
    for (int s : {SIGUSR1, SIGUSR2}) MUST(signals::set_handler(s, dfl.get(), SIG_DFL));
    RuntimeTest::TearDown();
  }
  // A callable that records handler(signum, frame) as recorder[signum] = frame.
  Ref<Object> recorder_for(Object* dict) { return MUST(get_attr(dict, "__setitem__")); }
  bool pending(core::ThreadState* ts) {
    return (ts->eval_breaker.load() & core::kSignalPending) != 0;
  }
};

TEST_F(SignalsTest, StartupIgnoresSigpipeLikeCPython) {
  Ref<Object> h = signals::get_handler(SIGPIPE);
  int64_t v = -1;
  ASSERT_TRUE(is_int(h.get()) && int_to_i64(h.get(), &v));
  EXPECT_EQ(v, 1);
  struct sigaction current;
  ASSERT_EQ(sigaction(SIGPIPE, nullptr, &current), 0);
  EXPECT_EQ(current.sa_handler, SIG_IGN);
}

TEST_F(SignalsTest, RaisedSignalRunsPythonHandlerAtNextCheck) {
  core::ThreadState* ts = core::current_thread_state();
  ASSERT_TRUE(signals::on_main_thread());
  Ref<Object> seen = MUST(dict_new());
  Ref<Object> handler = recorder_for(seen.get());
  Ref<Object> old = MUST(signals::set_handler(SIGUSR1, handler.get(), nullptr));
  EXPECT_TRUE(is_int(old.get()));  // SIG_DFL recorded at start-up
  EXPECT_EQ(signals::get_handler(SIGUSR1).get(), handler.get());

  ASSERT_EQ(std::raise(SIGUSR1), 0);
  EXPECT_TRUE(pending(ts));
  EXPECT_EQ(dict_size(seen.get()), 0);  // nothing runs inside the C handler
  ASSERT_FALSE(signals::run_pending_handlers(ts).is_error());
  EXPECT_FALSE(pending(ts));
  Ref<Object> key = MUST(int_from_i64(SIGUSR1));
  Ref<Object> frame;
  EXPECT_TRUE(MUST(dict_get_item(seen.get(), key.get(), &frame)));
}

TEST_F(SignalsTest, HandlerExceptionPropagatesAndLaterSignalsStayPending) {
  core::ThreadState* ts = core::current_thread_state();
  Ref<Object> mod = MUST(import_module(str_intern("_signal")));
  Ref<Object> interrupt = MUST(get_attr(mod.get(), "default_int_handler"));
  Ref<Object> seen = MUST(dict_new());
  Ref<Object> recorder = recorder_for(seen.get());
  MUST(signals::set_handler(SIGUSR1, interrupt.get(), nullptr));
  MUST(signals::set_handler(SIGUSR2, recorder.get(), nullptr));

  ASSERT_EQ(std::raise(SIGUSR1), 0);
  ASSERT_EQ(std::raise(SIGUSR2), 0);
  Status first = signals::run_pending_handlers(ts);
  ASSERT_TRUE(first.is_error());
  EXPECT_TRUE(error_matches(exc::KeyboardInterrupt));
  clear_error();
  EXPECT_EQ(dict_size(seen.get()), 0);
  EXPECT_TRUE(pending(ts));  // SIGUSR2 (after SIGUSR1) is still to be served
  ASSERT_FALSE(signals::run_pending_handlers(ts).is_error());
  EXPECT_EQ(dict_size(seen.get()), 1);
  EXPECT_FALSE(pending(ts));
}

}  // namespace
}  // namespace weft::vm
