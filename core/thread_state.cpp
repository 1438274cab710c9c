// core/thread_state.cpp — thread states: creation, registration, attach/detach, the current
// thread's state (core/thread_state.h; status transitions are tabled in core/stop_the_world.h).
//
// Invariants:
//   - A ThreadState is on the interpreter's list from attach_new() until detach_and_destroy();
//     list changes and cross-thread status changes happen under Interpreter::threads_mutex,
//     which is always taken without detaching (it is used while attaching/detaching).
//   - Only the owning thread moves Attached <-> Detached. attach() waits (parked on `status`)
//     while a stop-the-world requester holds the thread Suspended.
//   - Detaching releases the thread's critical sections and takes it QSBR-offline; attaching
//     does the reverse (QSBR first, then the top critical section is re-taken).
//   - The first attach_new() installs sync/'s detach hooks, so a thread that parks in a sync/
//     primitive detaches while it waits.
#include "core/thread_state.h"

#include <pthread.h>

#include <atomic>
#include <new>

#include "core/qsbr_sequence.h"
#include "core/stop_the_world.h"
#include "core/thread_hooks.h"
#include "sync/critical_section.h"
#include "sync/detach_hook.h"
#include "sync/parking_lot.h"

namespace weft::core {
namespace {

thread_local ThreadState* t_current = nullptr;

// Hooks registered by higher layers before main(); never changed afterwards.
ThreadLifecycleHooks g_hooks[kMaxThreadHooks];
std::atomic<int> g_hook_count{0};

// Bytes kept free at the low end of the C stack: RecursionError is raised before the remaining
// stack drops below this, leaving room for the error path itself and for C library calls.
constexpr uintptr_t kStackSafetyMargin = 256 * 1024;

uintptr_t compute_stack_soft_limit() {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
  void* addr = nullptr;
  size_t size = 0;
  int rc = pthread_attr_getstack(&attr, &addr, &size);
  pthread_attr_destroy(&attr);
  if (rc != 0 || size == 0) return 0;
  uintptr_t low = reinterpret_cast<uintptr_t>(addr);
  // Small stacks (some embedders) keep a quarter in reserve instead of the fixed margin.
  uintptr_t margin = size > 4 * kStackSafetyMargin ? kStackSafetyMargin : size / 4;
  return low + margin;
}

void* detach_hook() {
  ThreadState* ts = t_current;
  if (!ts || ts->status.load(std::memory_order_relaxed) != ThreadStatus::Attached) return nullptr;
  ts->detach();
  return ts;
}

void reattach_hook(void* token) { static_cast<ThreadState*>(token)->attach(); }

void install_sync_hooks_once() {
  static const bool installed = [] {
    sync::install_detach_hooks({&detach_hook, &reattach_hook});
    return true;
  }();
  (void)installed;
}

}  // namespace

bool register_thread_lifecycle_hooks(ThreadLifecycleHooks hooks) {
  int i = g_hook_count.load(std::memory_order_relaxed);
  if (i >= kMaxThreadHooks) __builtin_trap();  // a build-time mistake: raise kMaxThreadHooks
  g_hooks[i] = hooks;
  // release: pairs with the acquire loads in attach_new()/detach_and_destroy().
  g_hook_count.store(i + 1, std::memory_order_release);
  return true;
}

ThreadState* current_thread_state() { return t_current; }

Interpreter& interpreter() {
  // Never destroyed: threads still running during process exit may use it.
  static Interpreter* const interp = new Interpreter();
  return *interp;
}

ThreadState* ThreadState::attach_new(Interpreter* interp) WEFT_NO_THREAD_SAFETY_ANALYSIS {
  install_sync_hooks_once();
  ThreadState* ts = new (std::nothrow) ThreadState();
  if (!ts) return nullptr;
  ts->tid = current_thread_id();
  ts->ident = static_cast<uint64_t>(pthread_self());
  ts->interp = interp;
  ts->stack_soft_limit = compute_stack_soft_limit();
  ts->recursion_remaining = interp->recursion_limit;
  t_current = ts;

  interp->threads_mutex.lock_without_detaching();
  ts->next = interp->threads;
  if (interp->threads) interp->threads->prev = ts;
  interp->threads = ts;
  if (!interp->main_thread) interp->main_thread = ts;
  detail::stw_thread_added_locked(ts);  // starts Suspended if the world is stopped
  interp->threads_mutex.unlock();

  ts->attach();
  // acquire: pairs with the release store in register_thread_lifecycle_hooks().
  int n = g_hook_count.load(std::memory_order_acquire);
  for (int i = 0; i < n; ++i)
    if (g_hooks[i].created) g_hooks[i].created(ts);
  return ts;
}

void ThreadState::detach_and_destroy(ThreadState* ts) WEFT_NO_THREAD_SAFETY_ANALYSIS {
  // acquire: pairs with the release store in register_thread_lifecycle_hooks().
  int n = g_hook_count.load(std::memory_order_acquire);
  for (int i = n - 1; i >= 0; --i)
    if (g_hooks[i].exiting) g_hooks[i].exiting(ts);

  Interpreter* interp = ts->interp;
  interp->threads_mutex.lock_without_detaching();
  detail::stw_thread_removed_locked(ts);
  if (ts->prev) ts->prev->next = ts->next; else interp->threads = ts->next;
  if (ts->next) ts->next->prev = ts->prev;
  if (interp->main_thread == ts) interp->main_thread = nullptr;
  interp->threads_mutex.unlock();

  sync::suspend_all_critical_sections();
  qsbr_detach(ts);
  ts->status.store(ThreadStatus::Detached, std::memory_order_relaxed);
  if (t_current == ts) t_current = nullptr;
  delete ts;
}

void ThreadState::attach() {
  for (;;) {
    ThreadStatus expected = ThreadStatus::Detached;
    // acquire: pairs with the release store in start_the_world() (and our own detach()).
    if (status.compare_exchange_strong(expected, ThreadStatus::Attached,
                                       std::memory_order_acquire, std::memory_order_relaxed))
      break;
    if (expected != ThreadStatus::Suspended) return;  // already attached: nothing to do
    // A stop-the-world holds us: wait (without detaching: we are not attached) for the restart.
    sync::park(&status, ThreadStatus::Suspended, sync::kNoDeadline, nullptr,
               sync::ParkDetach::kDontDetach);
  }
  qsbr_attach(this);
  sync::resume_top_critical_section();
}

void ThreadState::detach() {
  sync::suspend_all_critical_sections();
  qsbr_detach(this);
  // release: pairs with the acquire CAS in stop_the_world(), which may now suspend us.
  status.store(ThreadStatus::Detached, std::memory_order_release);
}

}  // namespace weft::core
