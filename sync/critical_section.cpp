// sync/critical_section.cpp — the per-thread stack of per-object critical sections
// (sync/critical_section.h; CPython's Python/critical_section.c).
//
// The stack is a thread_local tagged word (`t_top`) plus `prev_tagged_` links through the
// sections, which live on the C stack and are strictly nested (RAII). Invariants:
//   - Only sections reachable from t_top through active links hold their mutexes; below the first
//     kInactive link everything is suspended (suspension always walks from the top down and stops
//     at the first inactive section, so inactive sections form a suffix of the stack).
//   - While the thread runs code (attached, not inside lock/park) the top section is active.
//   - A section being locked is pushed first with null mutex fields and only then blocks; if the
//     block detaches, suspend_all has nothing of it to release and resume locks nothing for it.
//
// Object mutexes are locked through Mutex's unannotated entry points: TSan's lock-order
// detector would otherwise report the nestings that suspension makes safe (see sync/mutex.h).
//
// Threads detach (sync/detach_hook.h) when they block, and detaching calls
// suspend_all_critical_sections(); re-attaching calls resume_top_critical_section(). Only the top
// section is re-taken on resume; the others are re-taken as the sections above them end
// (unlock_and_pop), so a thread never holds two sections' locks acquired out of address order.
#include "sync/critical_section.h"

namespace weft::sync {
namespace {

thread_local uintptr_t t_top = 0;

static_assert(alignof(CriticalSectionBase) > CriticalSectionBase::kTagMask,
              "tag bits live in the low bits of section addresses");

CriticalSectionBase* untag(uintptr_t word) {
  return reinterpret_cast<CriticalSectionBase*>(word & ~CriticalSectionBase::kTagMask);
}

}  // namespace

void CriticalSectionBase::push_and_lock(Mutex* a, Mutex* b) WEFT_NO_THREAD_SAFETY_ANALYSIS {
  if (b == a) b = nullptr;
  if (b == nullptr) {
    if (t_top != 0) {
      // Same object as the top section: already held, so this section does nothing at all.
      CriticalSectionBase* top = untag(t_top);
      if (top->m1_ == a || ((t_top & kTwoMutexes) && top->m2_ == a)) {
        m1_ = m2_ = nullptr;
        return;
      }
    }
    if (a->try_lock_unannotated()) {
      m1_ = a;
      prev_tagged_ = t_top;
      t_top = reinterpret_cast<uintptr_t>(this);
      return;
    }
    // Push with no mutex first: the blocking lock may detach and suspend the sections below.
    m1_ = nullptr;
    prev_tagged_ = t_top;
    t_top = reinterpret_cast<uintptr_t>(this);
    a->lock_unannotated();
    m1_ = a;
    return;
  }
  if (reinterpret_cast<uintptr_t>(b) < reinterpret_cast<uintptr_t>(a)) std::swap(a, b);
  if (a->try_lock_unannotated()) {
    if (b->try_lock_unannotated()) {
      m1_ = a;
      m2_ = b;
      prev_tagged_ = t_top;
      t_top = reinterpret_cast<uintptr_t>(this) | kTwoMutexes;
      return;
    }
    a->unlock_unannotated();
  }
  m1_ = m2_ = nullptr;
  prev_tagged_ = t_top;
  t_top = reinterpret_cast<uintptr_t>(this) | kTwoMutexes;
  // Record each mutex as soon as it is held, so that a detach while blocked on `b` releases `a`
  // (and the resume re-takes it before we go back to waiting for `b`).
  a->lock_unannotated();
  m1_ = a;
  b->lock_unannotated();
  m2_ = b;
}

void CriticalSectionBase::unlock_and_pop() WEFT_NO_THREAD_SAFETY_ANALYSIS {
  if (m1_ == nullptr) return;  // a no-op section (same object as the section below)
  if (m2_) m2_->unlock_unannotated();
  m1_->unlock_unannotated();
  t_top = prev_tagged_;
  if (t_top & kInactive) resume_top_critical_section();
}

void suspend_all_critical_sections() WEFT_NO_THREAD_SAFETY_ANALYSIS {
  uintptr_t* link = &t_top;
  while (*link != 0 && !(*link & CriticalSectionBase::kInactive)) {
    CriticalSectionBase* c = untag(*link);
    if (c->m1_) c->m1_->unlock_unannotated();
    if ((*link & CriticalSectionBase::kTwoMutexes) && c->m2_) c->m2_->unlock_unannotated();
    *link |= CriticalSectionBase::kInactive;
    link = &c->prev_tagged_;
  }
}

void resume_top_critical_section() WEFT_NO_THREAD_SAFETY_ANALYSIS {
  if (t_top == 0) return;
  CriticalSectionBase* c = untag(t_top);
  Mutex* m1 = c->m1_;
  Mutex* m2 = (t_top & CriticalSectionBase::kTwoMutexes) ? c->m2_ : nullptr;
  // Clear the fields while locking: locking may detach again, and then there is nothing of
  // this section to release yet.
  c->m1_ = nullptr;
  c->m2_ = nullptr;
  t_top &= ~CriticalSectionBase::kInactive;
  if (m1) m1->lock_unannotated();
  c->m1_ = m1;
  if (m2) m2->lock_unannotated();
  c->m2_ = m2;
}

bool critical_section_holds(const Mutex& m) {
  for (uintptr_t w = t_top; w != 0 && !(w & CriticalSectionBase::kInactive);) {
    CriticalSectionBase* c = untag(w);
    if (c->m1_ == &m || ((w & CriticalSectionBase::kTwoMutexes) && c->m2_ == &m)) return true;
    w = c->prev_tagged_;
  }
  return false;
}

bool critical_section_stack_empty() { return t_top == 0; }

}  // namespace weft::sync
