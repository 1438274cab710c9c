// sync/detach_hook.h — how a thread that blocks in sync/ releases its thread state.
//
// A thread that parks (a contended Mutex, an Event wait, ...) must first detach its thread state
// (DESIGN §5): detaching suspends its critical sections, so lock order cannot deadlock, and lets a
// stop-the-world proceed without it. sync/ cannot include core/ (DESIGN §2), so core installs two
// function pointers at start-up (core/thread_state.cpp) and the parking lot calls them around
// the wait:
//
//   void* token = detach();   // nullptr when the thread has no attached thread state
//   ... block ...
//   if (token) reattach(token);
//
// Without installed hooks (sync/ unit tests, threads with no thread state) parking detaches
// nothing. Hooks are installed before other threads start and never change afterwards except in
// tests; they are read with acquire loads, so a thread that sees a hook also sees what it needs.
#pragma once

namespace weft::sync {

struct DetachHooks {
  // Detaches the calling thread if it is attached; returns a token for reattach, or nullptr.
  void* (*detach)() = nullptr;
  // Re-attaches the thread that `detach` returned `token` for (may block on a stop-the-world).
  void (*reattach)(void* token) = nullptr;
};

// Installs (or, with a default-constructed DetachHooks, removes) the hooks.
void install_detach_hooks(DetachHooks hooks);

// RAII: detaches the calling thread for the guard's lifetime (used around blocking waits).
class DetachedScope {
 public:
  explicit DetachedScope(bool enabled);
  ~DetachedScope();
  DetachedScope(const DetachedScope&) = delete;
  DetachedScope& operator=(const DetachedScope&) = delete;

 private:
  void (*reattach_)(void*) = nullptr;
  void* token_ = nullptr;
};

}  // namespace weft::sync
