// core/thread_state.h — the runtime, the interpreter and one ThreadState per OS thread.
//
// Every OS thread that runs Python code owns exactly one ThreadState, created by
// `ThreadState::attach_new()` and destroyed by `detach_and_destroy()`. The thread state is reached
// through `current_thread_state()`, a deliberately non-inlined accessor: generators run on fibers
// that may resume on another OS thread, and compilers cache thread-local addresses across a
// context switch (DESIGN §7), so code that may have switched re-fetches it.
//
// Thread status (DESIGN §5), following CPython's free-threaded build:
//   Detached  — not running Python code; may block; holds no critical sections.
//   Attached  — running Python code; may touch objects; answers eval-breaker requests.
//   Suspended — parked by a stop-the-world request; resumes when the world restarts.
// Only the thread itself moves Attached <-> Detached; a stop-the-world requester moves a Detached
// thread to Suspended (CAS on `status`), which the thread notices when it tries to attach.
//
// The eval-breaker word is polled by the interpreter on backward jumps, calls and returns. Other
// threads set bits with fetch_or (release); the owner reads with acquire and clears what it served.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sync/mutex.h"

namespace weft {
struct Object;
}

namespace weft::vm {
struct VmThreadData;  // the frame stack and other VM per-thread data (vm/frame_stack.h)
}

namespace weft::core {

enum class ThreadStatus : uint8_t { Detached = 0, Attached = 1, Suspended = 2 };

// Bits of ThreadState::eval_breaker. Set by any thread; served by the owner at its next check.
enum EvalBreakerBit : uint64_t {
  kSignalPending = 1u << 0,      // a signal arrived; the main thread runs the Python handler
  kStopTheWorld = 1u << 1,       // a stop-the-world requester waits for this thread to suspend
  kGcScheduled = 1u << 2,        // allocation counts crossed the collection threshold
  kMergeRefcounts = 1u << 3,     // other threads queued objects whose shared count went negative
  kAsyncException = 1u << 4,     // an exception was posted to this thread
  kQsbrPoll = 1u << 5,           // deferred frees are waiting for a quiescent state
};

// Returns a non-zero id for the calling OS thread, unique among live threads and never equal to
// an address the runtime stores in an object's `ob_tid` (it is the TLS base on x86-64, like
// CPython's _Py_ThreadId). 0 means "no owner".
inline uintptr_t current_thread_id() {
#if defined(__x86_64__) && !defined(WEFT_TSAN)
  uintptr_t tid;
  __asm__("movq %%fs:0, %0" : "=r"(tid));
  return tid;
#else
  static thread_local char marker;
  return reinterpret_cast<uintptr_t>(&marker);
#endif
}

struct Interpreter;

struct ThreadState {
  // --- identity -----------------------------------------------------------------------------
  uintptr_t tid = 0;                  // current_thread_id() of the owning OS thread
  uint64_t ident = 0;                 // what threading.get_ident() returns (pthread_self)
  Interpreter* interp = nullptr;
  ThreadState* prev = nullptr;        // the interpreter's list of thread states; guarded by
  ThreadState* next = nullptr;        //   Interpreter::threads_mutex

  // --- cross-thread communication -----------------------------------------------------------
  std::atomic<ThreadStatus> status{ThreadStatus::Detached};
  std::atomic<uint64_t> eval_breaker{0};
  // Objects other threads hand to this owner for a refcount merge (gc/refcount_merge.cpp).
  // An intrusive push list: pushers CAS the head, the owner takes everything with one exchange.
  std::atomic<Object*> merge_queue{nullptr};
  // QSBR read sequence (core/qsbr_sequence.h): the write sequence this thread last observed at a
  // quiescent point, or kQsbrOffline (0) while detached. Written by this thread only.
  std::atomic<uint64_t> qsbr_seq{0};

  // --- owned by this thread alone -------------------------------------------------------------
  // The exception being raised (a new reference), or nullptr. Set/read via objects/errors.h.
  Object* current_exception = nullptr;
  // VM data: the frame stack, the handled-exception stack (vm/).
  vm::VmThreadData* vm = nullptr;
  // Lowest address the current C stack (thread or fiber) may grow to before RecursionError.
  uintptr_t stack_soft_limit = 0;
  // Python recursion depth left before RecursionError (sys.getrecursionlimit()).
  int recursion_remaining = 1000;

  // Creates a thread state for the calling OS thread, registers it with `interp` and attaches it.
  static ThreadState* attach_new(Interpreter* interp);
  // Unregisters and frees the calling thread's state. The thread must be attached.
  static void detach_and_destroy(ThreadState* ts);

  // Status transitions (see the file comment). `detach` releases this thread's critical sections
  // (sync/critical_section.h); `attach` waits while a stop-the-world is in progress.
  void attach();
  void detach();
};

// The calling thread's state, or nullptr if it has none. Not inlined on purpose (see above).
ThreadState* current_thread_state();

// The interpreter: one per process for now (sub-interpreters are not planned).
struct Interpreter {
  std::vector<std::string> argv;      // sys.argv
  std::vector<std::string> orig_argv; // sys.orig_argv
  ThreadState* main_thread = nullptr;
  // Guards the threads list (and stop-the-world bookkeeping, core/stop_the_world.cpp). Taken
  // with lock_without_detaching(): it is used while attaching and detaching.
  sync::Mutex threads_mutex;
  // Threads list head; see ThreadState::prev/next.
  ThreadState* threads = nullptr;
  uint64_t hash_secret_k0 = 0, hash_secret_k1 = 0;  // SipHash key from PYTHONHASHSEED (objects/hash)
  int recursion_limit = 1000;
  bool finalizing = false;
};

// The single interpreter of this process.
Interpreter& interpreter();

// RAII: detaches the current thread around a call that may block (I/O, sleep, lock waits, join).
class DetachGuard {
 public:
  DetachGuard() : ts_(current_thread_state()) { if (ts_) ts_->detach(); }
  ~DetachGuard() { if (ts_) ts_->attach(); }
  DetachGuard(const DetachGuard&) = delete;
  DetachGuard& operator=(const DetachGuard&) = delete;

 private:
  ThreadState* ts_;
};

}  // namespace weft::core
