// core/thread_hooks.h — lets higher layers act when a thread state is created or destroyed.
//
// core/ cannot call gc/ (DESIGN §2: the arrows point one way), yet gc/ keeps per-thread
// structures that must exist from a thread's first object to its exit: the biased-refcount owner
// table and merge queue (gc/refcount_merge.cpp) and the QSBR delayed-free list (gc/qsbr.cpp).
// Such a layer registers hooks from a static initializer in a file that is always linked.
//
//   created(ts)  runs in the new thread right after it is registered and attached.
//   exiting(ts)  runs in the exiting thread, still attached, before it is unregistered; hooks
//                run in reverse registration order.
// Registration happens before main() (static initializers); the table is not changed after.
#pragma once

#include "core/thread_state.h"

namespace weft::core {

struct ThreadLifecycleHooks {
  void (*created)(ThreadState* ts) = nullptr;
  void (*exiting)(ThreadState* ts) = nullptr;
};

// Returns true (so it can initialise a static bool). At most kMaxThreadHooks registrations.
bool register_thread_lifecycle_hooks(ThreadLifecycleHooks hooks);
inline constexpr int kMaxThreadHooks = 8;

}  // namespace weft::core
