// vm/thread_start.cpp — OS threads running Python callables (see thread_start.h).
//
// Why this shape: CPython 3.13+ keeps one ThreadHandle per started thread, shared between the
// thread and the Python-level handle objects; joining waits on a one-shot event that the thread
// sets only after its thread state is gone, then reaps the OS thread once. Weft does the same
// with sync::Event (waiting detaches, so stop-the-world and other threads proceed).
//
// Invariants and locking:
//   - The parent hands the callable and its arguments to the child as owned references through
//     a heap ThreadStarter; pthread_create orders the parent's writes before the child's reads.
//   - ThreadHandle::os_state_ is read and written only under os_mutex_; the OS thread is joined
//     or detached exactly once (join, or the last release, or at once for detached starts).
//   - g_non_daemon (under g_registry_mutex) holds one handle reference per running non-daemon
//     thread; the thread removes itself just before it sets `done`.
//   - At exit the world is stopped and never restarted: no other thread runs Python code again.
#include "vm/thread_start.h"

#include <pthread.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "core/stop_the_world.h"
#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "vm/frame_stack.h"
#include "vm/signals.h"
#include "vm/traceback_print.h"

namespace weft::vm {

static_assert(sizeof(pthread_t) <= sizeof(uint64_t), "thread idents hold a pthread_t");

namespace {

std::atomic<int64_t> g_running{0};
std::atomic<size_t> g_stack_size{0};

sync::Mutex g_registry_mutex;
std::vector<ThreadHandle*>* g_non_daemon WEFT_GUARDED_BY(g_registry_mutex) = nullptr;

uint64_t current_ident() { return static_cast<uint64_t>(pthread_self()); }

void register_non_daemon(ThreadHandle* h) {
  sync::MutexLock lock(g_registry_mutex);
  if (!g_non_daemon) g_non_daemon = new std::vector<ThreadHandle*>();
  h->retain();
  g_non_daemon->push_back(h);
}

void unregister_non_daemon(ThreadHandle* h) {
  bool found = false;
  {
    sync::MutexLock lock(g_registry_mutex);
    if (g_non_daemon) {
      auto it = std::find(g_non_daemon->begin(), g_non_daemon->end(), h);
      if (it != g_non_daemon->end()) {
        g_non_daemon->erase(it);
        found = true;
      }
    }
  }
  if (found) h->release();
}

// CPython's thread_run error path: SystemExit is silent; anything else goes to the unraisable
// hook with the message "Exception ignored in thread started by" and the callable as object,
// which the default hook prints as "<message>: <repr(callable)>" then the traceback.
void report_uncaught(Object* func) {
  Ref<Object> exc = take_exception();
  if (!exc || is_instance_of(exc.get(), exc::SystemExit)) return;
  std::string text = "Exception ignored in thread started by: ";
  Result<Ref<Object>> repr = object_repr(func);
  Result<std::string_view> utf8 = repr.is_error() ? Result<std::string_view>(Error{})
                                                  : str_utf8(repr.value().get());
  if (utf8.is_error()) {
    clear_error();
    text += "<object repr() failed>";
  } else {
    text += utf8.value();
  }
  text += '\n';
  write_stderr(text);
  print_exception(exc.get());
}

}  // namespace

// What the new thread needs; owned by the thread once pthread_create succeeded.
struct ThreadStarter {
  Ref<Object> func, args, kwargs;
  ThreadHandle* handle = nullptr;  // one reference, dropped when the thread ends

  static void* run(void* arg);
  void call_and_report();
};

void ThreadStarter::call_and_report() {
  Result<Ref<Object>> r = call_tuple_dict(func.get(), args.get(), kwargs.get());
  if (r.is_error()) report_uncaught(func.get());
  // The callable and its arguments die here, while the thread state can still run __del__.
  func = Ref<Object>();
  args = Ref<Object>();
  kwargs = Ref<Object>();
}

void* ThreadStarter::run(void* arg) {
  std::unique_ptr<ThreadStarter> starter(static_cast<ThreadStarter*>(arg));
  ThreadHandle* handle = starter->handle;
  handle->ident_.store(current_ident(), std::memory_order_release);
  core::ThreadState* ts = core::ThreadState::attach_new(&core::interpreter());
  if (!ts) {
    std::fputs("Fatal Python error: thread_run: out of memory creating a thread state\n", stderr);
    std::abort();
  }
  vm_data(ts);
  starter->call_and_report();
  starter.reset();
  vm_data_destroy(ts);
  g_running.fetch_sub(1, std::memory_order_relaxed);
  core::ThreadState::detach_and_destroy(ts);
  if (!handle->daemon_) unregister_non_daemon(handle);
  handle->done_.notify();
  handle->release();
  return nullptr;
}

ThreadHandle* ThreadHandle::create() { return new (std::nothrow) ThreadHandle(); }

ThreadHandle* ThreadHandle::new_for_existing(uint64_t ident) {
  ThreadHandle* h = create();
  if (!h) return nullptr;
  h->ident_.store(ident, std::memory_order_relaxed);
  h->started_.store(true, std::memory_order_relaxed);
  return h;
}

void ThreadHandle::release() {
  // acq_rel: the last releaser sees every other owner's writes before deleting.
  if (refs_.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  os_mutex_.lock_without_detaching();
  if (os_state_ == OsThread::kJoinable) {
    pthread_detach(static_cast<pthread_t>(ident()));
    os_state_ = OsThread::kDetached;
  }
  os_mutex_.unlock();
  delete this;
}

void ThreadHandle::set_done() { done_.notify(); }

Result<bool> ThreadHandle::join(int64_t timeout_ns) {
  if (!is_started()) return raise(exc::RuntimeError, "thread not started");
  if (!is_done() && ident() == current_ident())
    return raise(exc::RuntimeError, "Cannot join current thread");
  // Interruptible like CPython's ThreadHandle_join: a signal runs the Python handlers (an
  // exception from one ends the join), then the wait resumes until the same deadline.
  int64_t deadline = timeout_ns < 0 ? sync::kNoDeadline : sync::deadline_after(timeout_ns);
  for (;;) {
    sync::Event::WaitResult r = timeout_ns == 0
                                    ? (done_.is_set() ? sync::Event::WaitResult::kSet
                                                      : sync::Event::WaitResult::kTimedOut)
                                    : done_.wait_until_interruptible(deadline);
    if (r == sync::Event::WaitResult::kSet) break;
    if (r == sync::Event::WaitResult::kTimedOut) return false;
    TRY(signals::check_signals());
  }
  os_mutex_.lock();
  if (os_state_ == OsThread::kJoinable) {
    // The thread has set `done` and only returns from its start function now: a short wait.
    core::DetachGuard detached;
    pthread_join(static_cast<pthread_t>(ident()), nullptr);
    os_state_ = OsThread::kJoined;
  }
  os_mutex_.unlock();
  return true;
}

Status start_thread(ThreadHandle* handle, Ref<Object> func, Ref<Object> args, Ref<Object> kwargs,
                    bool joinable, bool daemon) {
  bool expected = false;
  // acq_rel: the winner's writes to the handle below happen before other threads see it started.
  if (!handle->started_.compare_exchange_strong(expected, true, std::memory_order_acq_rel))
    return raise(exc::RuntimeError, "thread already started");
  auto* starter = new (std::nothrow) ThreadStarter();
  if (!starter) {
    handle->started_.store(false, std::memory_order_release);
    return raise_no_memory();
  }
  handle->daemon_ = daemon;
  handle->os_state_ = joinable ? ThreadHandle::OsThread::kJoinable : ThreadHandle::OsThread::kDetached;
  handle->retain();  // the thread's reference
  starter->handle = handle;
  starter->func = std::move(func);
  starter->args = std::move(args);
  starter->kwargs = std::move(kwargs);
  if (!daemon) register_non_daemon(handle);

  pthread_attr_t attr;
  pthread_attr_init(&attr);
  if (size_t size = g_stack_size.load(std::memory_order_relaxed)) pthread_attr_setstacksize(&attr, size);
  if (!joinable) pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  g_running.fetch_add(1, std::memory_order_relaxed);
  pthread_t thread;
  int rc = pthread_create(&thread, &attr, &ThreadStarter::run, starter);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    g_running.fetch_sub(1, std::memory_order_relaxed);
    if (!daemon) unregister_non_daemon(handle);
    handle->os_state_ = ThreadHandle::OsThread::kNone;
    delete starter;  // drops the callable and arguments (this thread owns them)
    handle->release();  // the thread's reference
    handle->started_.store(false, std::memory_order_release);
    return raise(exc::RuntimeError, "can't start new thread");
  }
  handle->ident_.store(static_cast<uint64_t>(thread), std::memory_order_release);
  return ok();
}

int64_t running_thread_count() { return g_running.load(std::memory_order_relaxed); }

size_t thread_stack_size() { return g_stack_size.load(std::memory_order_relaxed); }
void set_thread_stack_size(size_t bytes) { g_stack_size.store(bytes, std::memory_order_relaxed); }

Status join_non_daemon_threads() {
  uint64_t me = current_ident();
  for (;;) {
    ThreadHandle* next = nullptr;
    {
      sync::MutexLock lock(g_registry_mutex);
      if (g_non_daemon) {
        for (ThreadHandle* h : *g_non_daemon) {
          if (h->ident() != me && !h->is_done()) {
            next = h;
            next->retain();
            break;
          }
        }
      }
    }
    if (!next) return ok();
    Result<bool> joined = next->join(-1);
    next->release();
    if (joined.is_error()) return Error{};
  }
}

void stop_threads_for_exit() {
  core::stop_the_world();
  core::interpreter().finalizing = true;
}

}  // namespace weft::vm
