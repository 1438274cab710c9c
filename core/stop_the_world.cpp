// core/stop_the_world.cpp — the stop-the-world protocol (core/stop_the_world.h has the state
// table and the protocol).
//
// Locking: `g_stw.requester_mutex` serialises requesters (taken with detaching, so a blocked
// second requester can itself be suspended). Interpreter::threads_mutex (never detaching)
// guards `requested`, `remaining` and every requester-side status change, and is also what
// threads take to self-suspend, join or leave, so the count stays exact. The Event is reset only
// under threads_mutex before any thread can see `requested`.
#include "core/stop_the_world.h"

#include "core/qsbr_sequence.h"
#include "sync/critical_section.h"
#include "sync/event.h"
#include "sync/parking_lot.h"

namespace weft::core {
namespace {

struct StopTheWorldState {
  sync::Mutex requester_mutex;
  bool requested = false;          // guarded by threads_mutex
  std::atomic<bool> stopped{false};  // written under threads_mutex; read anywhere (assertions)
  ThreadState* requester = nullptr;  // guarded by threads_mutex
  int64_t remaining = 0;           // threads not yet suspended; guarded by threads_mutex
  sync::Event all_suspended;
};
StopTheWorldState g_stw;

void count_one_suspended_locked() {
  if (--g_stw.remaining == 0) g_stw.all_suspended.notify();
}

}  // namespace

void stop_the_world() WEFT_NO_THREAD_SAFETY_ANALYSIS {
  ThreadState* self = current_thread_state();
  g_stw.requester_mutex.lock();
  Interpreter& interp = interpreter();
  interp.threads_mutex.lock_without_detaching();
  g_stw.requested = true;
  g_stw.requester = self;
  g_stw.all_suspended.reset();
  g_stw.remaining = 0;
  for (ThreadState* t = interp.threads; t; t = t->next)
    if (t != self) ++g_stw.remaining;
  for (;;) {
    for (ThreadState* t = interp.threads; t; t = t->next) {
      if (t == self) continue;
      ThreadStatus expected = ThreadStatus::Detached;
      // acquire: pairs with the release store in ThreadState::detach(), so whatever the thread
      // did before detaching is visible to the requester.
      if (t->status.compare_exchange_strong(expected, ThreadStatus::Suspended,
                                            std::memory_order_acquire,
                                            std::memory_order_relaxed)) {
        count_one_suspended_locked();
      } else if (expected == ThreadStatus::Attached) {
        // release: pairs with the acquire load of the eval breaker in the interpreter loop.
        t->eval_breaker.fetch_or(kStopTheWorld, std::memory_order_release);
      }
    }
    bool all = g_stw.remaining == 0;
    interp.threads_mutex.unlock();
    if (all) break;
    // Not detaching: the requester stays attached (it is not part of the count).
    g_stw.all_suspended.wait(1'000'000, sync::ParkDetach::kDontDetach);
    interp.threads_mutex.lock_without_detaching();
  }
  g_stw.stopped.store(true, std::memory_order_relaxed);
}

void start_the_world() WEFT_NO_THREAD_SAFETY_ANALYSIS {
  Interpreter& interp = interpreter();
  interp.threads_mutex.lock_without_detaching();
  g_stw.requested = false;
  g_stw.stopped.store(false, std::memory_order_relaxed);
  for (ThreadState* t = interp.threads; t; t = t->next) {
    if (t == g_stw.requester) continue;
    if (t->status.load(std::memory_order_relaxed) == ThreadStatus::Suspended) {
      // release: pairs with the acquire CAS in ThreadState::attach().
      t->status.store(ThreadStatus::Detached, std::memory_order_release);
      sync::unpark_all(&t->status);
    }
  }
  g_stw.requester = nullptr;
  interp.threads_mutex.unlock();
  g_stw.requester_mutex.unlock();
}

bool world_is_stopped() { return g_stw.stopped.load(std::memory_order_relaxed); }

void park_for_stop_the_world(ThreadState* ts) WEFT_NO_THREAD_SAFETY_ANALYSIS {
  ts->eval_breaker.fetch_and(~uint64_t{kStopTheWorld}, std::memory_order_relaxed);
  Interpreter& interp = *ts->interp;
  interp.threads_mutex.lock_without_detaching();
  if (!g_stw.requested || g_stw.requester == ts) {
    interp.threads_mutex.unlock();
    return;
  }
  // Detach into Suspended: release critical sections and go QSBR-offline first, exactly as
  // detach() does, then publish the status and count ourselves.
  sync::suspend_all_critical_sections();
  qsbr_detach(ts);
  // release: pairs with the requester's reads after the Event (it then owns the world).
  ts->status.store(ThreadStatus::Suspended, std::memory_order_release);
  count_one_suspended_locked();
  interp.threads_mutex.unlock();
  ts->attach();  // parks until start_the_world() moves us back to Detached
}

namespace detail {

void stw_thread_added_locked(ThreadState* ts) {
  if (g_stw.requested) ts->status.store(ThreadStatus::Suspended, std::memory_order_relaxed);
}

void stw_thread_removed_locked(ThreadState* ts) {
  // A thread that leaves while still counted (not Suspended) must not be waited for.
  if (g_stw.requested && ts != g_stw.requester &&
      ts->status.load(std::memory_order_relaxed) != ThreadStatus::Suspended)
    count_one_suspended_locked();
}

}  // namespace detail
}  // namespace weft::core
