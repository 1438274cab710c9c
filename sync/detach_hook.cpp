// sync/detach_hook.cpp — storage for the detach hooks that core installs (sync/detach_hook.h).
//
// The two pointers are separate atomics; install_detach_hooks() stores `reattach` before
// `detach` (release) and readers load `detach` first (acquire), so a reader that sees a detach
// hook also sees its reattach partner.
#include "sync/detach_hook.h"

#include <atomic>

namespace weft::sync {
namespace {
std::atomic<void* (*)()> g_detach{nullptr};
std::atomic<void (*)(void*)> g_reattach{nullptr};
}  // namespace

void install_detach_hooks(DetachHooks hooks) {
  g_detach.store(nullptr, std::memory_order_relaxed);
  g_reattach.store(hooks.reattach, std::memory_order_relaxed);
  // release: pairs with the acquire load in DetachedScope::DetachedScope.
  g_detach.store(hooks.detach, std::memory_order_release);
}

DetachedScope::DetachedScope(bool enabled) {
  if (!enabled) return;
  // acquire: pairs with the release store in install_detach_hooks().
  void* (*detach)() = g_detach.load(std::memory_order_acquire);
  if (!detach) return;
  reattach_ = g_reattach.load(std::memory_order_relaxed);
  token_ = detach();
}

DetachedScope::~DetachedScope() {
  if (token_) reattach_(token_);
}

}  // namespace weft::sync
