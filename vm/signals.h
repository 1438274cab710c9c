// vm/signals.h — the runtime side of signal handling (DESIGN §5): the async-signal-safe C
// handler, the table of Python-level handlers, and running those handlers on the main thread.
//
// The C handler only records the signal (an atomic flag per signal number) and sets
// core::kSignalPending in the main thread's eval breaker. The main thread serves the bit at its
// next check (handle_eval_breaker) or after an interrupted blocking wait (check_signals), calling
// the Python handler with (signum, frame). The `_signal` module (stdlib/_signal/) is the Python
// face of this table; vm/ never includes stdlib/.
#pragma once

#include <csignal>

#include "core/result.h"
#include "core/thread_state.h"
#include "objects/ref.h"

namespace weft::vm::signals {

// Signal numbers the table covers: 1 .. kNumSignals - 1 (CPython's Py_NSIG).
constexpr int kNumSignals = NSIG;

// Whether 1 <= signum < kNumSignals.
inline bool in_range(long long signum) { return signum >= 1 && signum < kNumSignals; }

// Fills the handler table from the process's current dispositions (SIG_DFL -> 0, SIG_IGN -> 1,
// anything else None), ignores SIGPIPE and SIGXFSZ as CPython does, and makes `sigint_handler`
// (the _signal module's default_int_handler) the Python handler of SIGINT, with the C handler
// installed, unless SIGINT is ignored. Called once, on the main thread, by `_signal`'s creation.
Status install_startup_handlers(Object* sigint_handler);

// The Python handler recorded for `signum` (an int SIG_DFL/SIG_IGN, a callable, or None when the
// disposition was set outside Python). `signum` must be in range.
Ref<Object> get_handler(int signum);

// Installs `handler` for `signum`: SIG_DFL / SIG_IGN when `disposition` is SIG_DFL / SIG_IGN
// (then `handler` is the int object to record), else the C handler. Returns the previous Python
// handler. OSError if sigaction() refuses (SIGKILL, SIGSTOP). Main thread only (the caller checks).
Result<Ref<Object>> set_handler(int signum, Object* handler, void (*disposition)(int));

// The C handler itself (exposed for set_handler's callers that compare dispositions).
void c_signal_handler(int signum);

// Runs the Python handlers of every recorded signal, if `ts` is the main thread; clears
// kSignalPending first. A handler's exception propagates; signals not yet served stay recorded.
Status run_pending_handlers(core::ThreadState* ts);

// For blocking waits interrupted by EINTR (PEP 475): runs pending handlers when called on the main
// thread (attached); an exception they raise ends the wait. Other threads: ok() at once.
Status check_signals();

// Whether the calling thread is the interpreter's main thread.
bool on_main_thread();

}  // namespace weft::vm::signals
