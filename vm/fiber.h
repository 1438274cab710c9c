// vm/fiber.h — a stackful coroutine: a C stack that code can be suspended on and resumed later,
// possibly by another OS thread (DESIGN §7). Generators run their frame on one.
//
// A thin wrapper over boost::context::fiber (fcontext: ~11 ns per round trip). Rules it enforces
// or documents:
// - The Boost fiber (and its stack, from FiberStackPool) is created on the first resume(), so a
//   generator that never starts costs nothing; when the body returns the stack goes back at once.
// - A fiber is never destroyed while suspended mid-body: Boost would unwind it with a C++
//   exception (~1 µs). Owners finish the body first (generators resume it with a close request).
// - Never switch inside a C++ `catch` block, and after every switch re-fetch the thread state
//   through core::current_thread_state() (not inlined), since the fiber may now run on another
//   thread and compilers cache &errno / pthread_self() across calls.
// - Under ThreadSanitizer and AddressSanitizer (WEFT_TSAN / WEFT_ASAN) every switch is announced
//   to the sanitizer, following the pattern of reference/deps-and-fibers.md §2.3.
//
// Thread safety: a fiber is resumed by one thread at a time; the owner serialises resumes
// (generators: the gi_running state).
#pragma once

#include <boost/context/fiber.hpp>

#include "vm/fiber_stack_pool.h"

namespace weft::vm {

class Fiber {
 public:
  using Body = void (*)(void* arg);

  Fiber(Body body, void* arg) : body_(body), arg_(arg) {}
  // Precondition: not started, or finished.
  ~Fiber();
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  // Runs the fiber on the calling thread until it suspends or its body returns. The first call
  // creates it; false means no stack could be had (nothing ran; the caller raises MemoryError).
  // Precondition: !finished(), and not running.
  bool resume();
  // Called on the fiber: switches back to whoever called resume().
  void suspend();

  bool started() const { return started_; }
  bool finished() const { return finished_; }
  // The fiber's soft stack limit (FiberStack::soft_limit); valid while started and unfinished.
  uintptr_t stack_soft_limit() const { return stack_.soft_limit(); }

 private:
  struct PoolAllocator;  // hands Boost the pre-acquired stack, takes it back when the body ends
  boost::context::fiber entry(boost::context::fiber&& caller);

  Body body_;
  void* arg_;
  boost::context::fiber self_;    // the suspended fiber (empty while it runs or once finished)
  boost::context::fiber caller_;  // while it runs: the resumer's continuation
  FiberStack stack_;
  bool started_ = false;
  bool finished_ = false;
#if defined(WEFT_TSAN)
  void* tsan_fiber_ = nullptr;
  void* tsan_caller_ = nullptr;
#endif
#if defined(WEFT_ASAN)
  void* asan_fake_stack_ = nullptr;
  const void* caller_bottom_ = nullptr;
  size_t caller_size_ = 0;
#endif
};

}  // namespace weft::vm
