// vm/fiber.cpp — Fiber over boost::context::fiber (see vm/fiber.h).
//
// Switch protocol. resume(): announce the switch, jump into the fiber, and when control comes
// back (a suspend() or the end of the body) announce the return. Inside, entry() keeps the
// resumer's continuation in caller_; suspend() jumps to it and stores the next resumer's
// continuation when the fiber is resumed again. Each resume may come from a different thread;
// nothing here keeps thread-local state across a switch.
//
// Sanitizers (deps-and-fibers.md §2.3): TSan gets a fiber object per Fiber and a
// __tsan_switch_to_fiber right before every jump (a happens-before edge from the switching
// thread); ASan is told the stack bounds of each side (start/finish_switch_fiber), and on each
// entry learns the resumer's bounds anew, since the resumer may be another thread.
#include "vm/fiber.h"

#include <memory>
#include <utility>

#if defined(WEFT_TSAN)
#include <sanitizer/tsan_interface.h>
#endif
#if defined(WEFT_ASAN)
#include <sanitizer/common_interface_defs.h>
#endif

namespace weft::vm {

namespace ctx = boost::context;

// Boost's StackAllocator concept over a stack the Fiber already holds: allocation cannot fail
// here (Boost would throw), and the end of the body returns the stack to the pool.
struct Fiber::PoolAllocator {
  Fiber* owner;
  ctx::stack_context allocate() {
    ctx::stack_context sc;
    sc.size = owner->stack_.size;
    sc.sp = owner->stack_.top();
    return sc;
  }
  void deallocate(ctx::stack_context&) noexcept {
    FiberStackPool::instance().release(owner->stack_);
    owner->stack_ = {};
  }
};

Fiber::~Fiber() {
  // Precondition (vm/fiber.h): never destroyed while suspended mid-body.
#if defined(WEFT_TSAN)
  if (tsan_fiber_) __tsan_destroy_fiber(tsan_fiber_);
#endif
}

ctx::fiber Fiber::entry(ctx::fiber&& caller) {
#if defined(WEFT_ASAN)
  __sanitizer_finish_switch_fiber(nullptr, &caller_bottom_, &caller_size_);
#endif
  caller_ = std::move(caller);
  body_(arg_);
  finished_ = true;
#if defined(WEFT_TSAN)
  __tsan_switch_to_fiber(tsan_caller_, 0);
#endif
#if defined(WEFT_ASAN)
  // nullptr: this stack is finished and its fake frames may be dropped.
  __sanitizer_start_switch_fiber(nullptr, caller_bottom_, caller_size_);
#endif
  return std::move(caller_);
}

bool Fiber::resume() {
  if (!started_) {
    stack_ = FiberStackPool::instance().acquire();
    if (!stack_) return false;
    started_ = true;
#if defined(WEFT_TSAN)
    tsan_fiber_ = __tsan_create_fiber(0);
    void* me = __tsan_get_current_fiber();
    __tsan_switch_to_fiber(tsan_fiber_, 0);  // Boost's constructor enters the new stack once
#endif
    self_ = ctx::fiber(std::allocator_arg, PoolAllocator{this},
                       [this](ctx::fiber&& caller) { return entry(std::move(caller)); });
#if defined(WEFT_TSAN)
    __tsan_switch_to_fiber(me, 0);
#endif
  }
#if defined(WEFT_TSAN)
  tsan_caller_ = __tsan_get_current_fiber();
  __tsan_switch_to_fiber(tsan_fiber_, 0);
#endif
#if defined(WEFT_ASAN)
  void* fake_stack = nullptr;
  __sanitizer_start_switch_fiber(&fake_stack, stack_.base ? stack_.base : nullptr, stack_.size);
#endif
  self_ = std::move(self_).resume();
#if defined(WEFT_ASAN)
  __sanitizer_finish_switch_fiber(fake_stack, nullptr, nullptr);
#endif
  return true;
}

void Fiber::suspend() {
#if defined(WEFT_TSAN)
  __tsan_switch_to_fiber(tsan_caller_, 0);
#endif
#if defined(WEFT_ASAN)
  __sanitizer_start_switch_fiber(&asan_fake_stack_, caller_bottom_, caller_size_);
#endif
  caller_ = std::move(caller_).resume();
#if defined(WEFT_ASAN)
  __sanitizer_finish_switch_fiber(asan_fake_stack_, &caller_bottom_, &caller_size_);
#endif
}

}  // namespace weft::vm
