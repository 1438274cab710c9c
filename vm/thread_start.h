// vm/thread_start.h — starting OS threads that run Python callables, joining them, and keeping
// other threads out of the way while the process exits (CPython's Modules/_threadmodule.c
// thread_run / ThreadHandle and the thread parts of Py_Finalize).
//
// A started thread gets its own core::ThreadState (attach_new) and VM data, calls
// func(*args, **kwargs), reports an uncaught exception the way CPython does ("Exception ignored
// in thread started by: <repr>" + traceback; SystemExit ends the thread quietly), then destroys
// its thread state so the refcounts it owns merge into the shared counts (gc/ exit hooks).
//
// ThreadHandle is the state a started thread shares with whoever may join it (the
// _thread._ThreadHandle objects). It is reference-counted with a plain atomic: the running
// thread holds one reference until it has finished, each handle object holds one.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "objects/ref.h"
#include "sync/event.h"
#include "sync/mutex.h"

namespace weft::vm {

class ThreadHandle {
 public:
  // A handle for a thread not started yet (threading.Thread creates one per Thread object);
  // nullptr when out of memory. One reference for the caller.
  static ThreadHandle* create();
  // A handle for a running thread that was not started here (the main thread:
  // _make_thread_handle).
  static ThreadHandle* new_for_existing(uint64_t ident);

  bool is_started() const { return started_.load(std::memory_order_acquire); }

  uint64_t ident() const { return ident_.load(std::memory_order_acquire); }
  bool is_done() const { return done_.is_set(); }
  bool is_daemon() const { return daemon_; }

  // Waits until the thread has finished (timeout_ns < 0: forever), detached, then reaps the OS
  // thread once. Returns whether it finished. Raises RuntimeError "thread not started" for a
  // handle never started, and "Cannot join current thread" when called from the thread itself
  // before it is done.
  Result<bool> join(int64_t timeout_ns);
  // Marks a handle of a thread not started here as finished (threading marks the main thread).
  void set_done();

  void retain() { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release();

 private:
  friend struct ThreadStarter;
  friend Status start_thread(ThreadHandle* handle, Ref<Object> func, Ref<Object> args,
                             Ref<Object> kwargs, bool joinable, bool daemon);
  ThreadHandle() = default;
  ~ThreadHandle() = default;

  enum class OsThread : uint8_t { kNone, kJoinable, kJoined, kDetached };

  std::atomic<int> refs_{1};
  std::atomic<bool> started_{false};  // set once by start_thread or new_for_existing
  std::atomic<uint64_t> ident_{0};  // pthread_t of the thread; published before start returns
  bool daemon_ = true;
  sync::Event done_;                // set once the thread's Python work and thread state are gone
  sync::Mutex os_mutex_;            // guards os_state_ (joining and detaching the OS thread)
  OsThread os_state_ = OsThread::kNone;
};

// Starts an OS thread running func(*args, **kwargs) (kwargs may be null) for `handle`, which
// must not have been started (else RuntimeError "thread already started"). `joinable`: the OS
// thread stays joinable until ThreadHandle::join or the last release (else it is detached at
// once). `daemon`: _thread._shutdown() does not wait for it. RuntimeError "can't start new
// thread" when the OS refuses.
Status start_thread(ThreadHandle* handle, Ref<Object> func, Ref<Object> args, Ref<Object> kwargs,
                    bool joinable, bool daemon);

// Number of threads started here that have not finished (_thread._count()).
int64_t running_thread_count();

// Stack size for threads started from now on, in bytes; 0 = the platform default.
size_t thread_stack_size();
void set_thread_stack_size(size_t bytes);

// Waits for every non-daemon thread started with start_thread (_thread._shutdown()), except the
// calling one. Detached while waiting.
Status join_non_daemon_threads();

// Process exit: stops every other thread for good (stop-the-world that is never restarted), so
// daemon threads never run Python code again while the runtime is torn down; a thread that
// tries to attach later parks forever, as CPython hangs such threads. Marks the interpreter
// finalizing. Call once, from the main thread, attached, before the runtime is torn down.
void stop_threads_for_exit();

}  // namespace weft::vm
