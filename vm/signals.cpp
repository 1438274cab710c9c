// vm/signals.cpp — the C signal handler, the Python handler table and the main-thread runner
// (CPython's Modules/signalmodule.c machinery; the module functions are stdlib/_signal/).
//
// Why this shape: a signal handler may only touch async-signal-safe state, so the C handler
// stores into lock-free atomics (one flag per signal, one "anything tripped" flag) and sets
// core::kSignalPending on the main thread's eval breaker with fetch_or. Python handlers run later,
// on the main thread, at an eval-breaker check or after a blocking wait returns EINTR.
//
// Invariants and locking:
// - g_tripped[s] is set by the C handler and cleared (exchange) only by the main thread before it
//   calls the handler, so a signal arriving during the call is served again.
// - g_any_tripped is a summary: set after g_tripped[s] (release), taken with exchange (acquire).
// - g_handlers (owned references) is guarded by g_handlers_mutex: written by the main thread
//   (signal()), read by any thread (getsignal()); the runner takes a new reference under the lock
//   and calls the handler outside it.
// - g_main_thread is published before the C handler is installed and read by the handler.
#include "vm/signals.h"

#include <atomic>
#include <cerrno>
#include <csignal>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "sync/mutex.h"
#include "vm/frame_object.h"
#include "vm/frame_stack.h"

namespace weft::vm::signals {
namespace {

std::atomic<bool> g_tripped[kNumSignals];
std::atomic<bool> g_any_tripped{false};
std::atomic<core::ThreadState*> g_main_thread{nullptr};

sync::Mutex g_handlers_mutex;
Object* g_handlers[kNumSignals] WEFT_GUARDED_BY(g_handlers_mutex);  // owned; nullptr = None

static_assert(std::atomic<bool>::is_always_lock_free, "the C handler needs lock-free flags");
static_assert(std::atomic<core::ThreadState*>::is_always_lock_free);

// Replaces the table entry, returning the previous one (owned) for the caller to release.
Ref<Object> swap_handler(int signum, Object* handler) {
  Object* old;
  {
    sync::MutexLock lock(g_handlers_mutex);
    old = g_handlers[signum];
    g_handlers[signum] = handler ? new_ref(handler).release() : nullptr;
  }
  return Ref<Object>::steal(old);
}

void set_pending_bit() {
  if (core::ThreadState* main = g_main_thread.load(std::memory_order_acquire)) {
    main->eval_breaker.fetch_or(core::kSignalPending, std::memory_order_release);
  }
}

// Calls handler(signum, frame) with the innermost running frame of `ts` (None if none).
Status call_handler(core::ThreadState* ts, Object* handler, int signum) {
  Ref<Object> frame = new_none();
  if (Frame* f = vm_data(ts)->current_frame) frame = TRY(frame_object_for(f));
  Ref<Object> num = TRY(int_from_i64(signum));
  Object* args[2] = {num.get(), frame.get()};
  TRY(call(handler, args, 2));
  return ok();
}

}  // namespace

void c_signal_handler(int signum) {
  int saved_errno = errno;
  if (signum >= 1 && signum < kNumSignals) {
    g_tripped[signum].store(true, std::memory_order_relaxed);
    g_any_tripped.store(true, std::memory_order_release);  // publishes the flag above
    set_pending_bit();
  }
  errno = saved_errno;
}

bool on_main_thread() {
  core::ThreadState* ts = core::current_thread_state();
  return ts != nullptr && ts == core::interpreter().main_thread;
}

Status install_startup_handlers(Object* sigint_handler) {
  g_main_thread.store(core::interpreter().main_thread, std::memory_order_release);
  for (int s = 1; s < kNumSignals; s++) {
    struct sigaction current;
    if (sigaction(s, nullptr, &current) != 0) continue;
    if (current.sa_handler == SIG_DFL || current.sa_handler == SIG_IGN) {
      Ref<Object> code = TRY(int_from_i64(current.sa_handler == SIG_IGN ? 1 : 0));
      swap_handler(s, code.get());
    }
  }
  // CPython ignores these so that writes to a closed pipe and oversized files fail with
  // BrokenPipeError / OSError instead of killing the process.
  Ref<Object> ignore = TRY(int_from_i64(1));
  for (int s : {SIGPIPE, SIGXFSZ}) {
    if (std::signal(s, SIG_IGN) != SIG_ERR) swap_handler(s, ignore.get());
  }
  // SIGINT gets default_int_handler unless the parent made it ignored (nohup and friends).
  Ref<Object> sigint_now = get_handler(SIGINT);
  int64_t code = -1;
  if (is_int(sigint_now.get()) && int_to_i64(sigint_now.get(), &code) && code == 0) {
    TRY(set_handler(SIGINT, sigint_handler, nullptr));
  }
  return ok();
}

Ref<Object> get_handler(int signum) {
  sync::MutexLock lock(g_handlers_mutex);
  Object* h = g_handlers[signum];
  return h ? new_ref(h) : new_none();
}

Result<Ref<Object>> set_handler(int signum, Object* handler, void (*disposition)(int)) {
  struct sigaction action {};
  action.sa_handler = disposition ? disposition : c_signal_handler;
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: blocking calls return EINTR so the main thread can run the Python handler
  // (PEP 475 retries them after it).
  action.sa_flags = SA_ONSTACK;
  if (sigaction(signum, &action, nullptr) != 0) return raise_os_error(errno);
  Ref<Object> old = swap_handler(signum, handler);
  return old ? std::move(old) : new_none();
}

Status run_pending_handlers(core::ThreadState* ts) {
  ts->eval_breaker.fetch_and(~uint64_t{core::kSignalPending}, std::memory_order_acq_rel);
  if (ts != g_main_thread.load(std::memory_order_acquire)) return ok();
  if (!g_any_tripped.exchange(false, std::memory_order_acquire)) return ok();
  for (int s = 1; s < kNumSignals; s++) {
    if (!g_tripped[s].exchange(false, std::memory_order_relaxed)) continue;
    Ref<Object> handler = get_handler(s);
    // SIG_DFL / SIG_IGN (ints) and None: the disposition changed after the signal arrived.
    if (is_none(handler.get()) || is_int(handler.get())) continue;
    Status st = call_handler(ts, handler.get(), s);
    if (st.is_error()) {
      // Signals after `s` stay recorded: make sure the next check serves them.
      g_any_tripped.store(true, std::memory_order_release);
      set_pending_bit();
      return st;
    }
  }
  return ok();
}

Status check_signals() {
  core::ThreadState* ts = core::current_thread_state();
  if (ts == nullptr || ts != g_main_thread.load(std::memory_order_acquire)) return ok();
  return run_pending_handlers(ts);
}

}  // namespace weft::vm::signals
