// sync/critical_section.h — per-object critical sections (DESIGN §5, CPython's
// Py_BEGIN_CRITICAL_SECTION).
//
// A critical section locks an object's 1-byte mutex and pushes itself on the calling thread's
// stack of critical sections. When the thread detaches (it is about to block: I/O, a lock wait,
// a stop-the-world), every active section on its stack is suspended — its mutexes released — and
// when the thread re-attaches the top-most one is re-taken. So lock order can never deadlock, at
// the price that only the top-most section is guaranteed to hold its lock across a blocking call.
//
// Rules:
//  - Lock two objects with CriticalSection2 (address order), never with two nested sections.
//  - Functions that require the lock are named *_locked.
//  - Never run arbitrary Python code expecting the lock to stay held across it.
//
// Sections live on the C stack and are strictly nested (RAII), which the stack relies on.
#pragma once

#include <cstdint>
#include <utility>

#include "sync/mutex.h"

namespace weft::sync {

class CriticalSection;

// The per-thread stack (a linked list through the sections on the C stack), rooted in a
// thread_local tagged word in critical_section.cpp. A tagged word is a section's address with
// its two tag bits: kInactive = that section's mutexes are released (suspended); kTwoMutexes =
// that section is a CriticalSection2. The root holds the top section's tagged word, and each
// section's `prev_tagged_` holds the tagged word of the section below it (as CPython does), so
// a section's own tags live in the word that points at it.
//
// A section whose mutex the top section already holds is a no-op (m1_ == nullptr; it is never
// pushed): locking the same object again would otherwise self-deadlock.
class alignas(8) CriticalSectionBase {
 public:
  static constexpr uintptr_t kInactive = 1;
  static constexpr uintptr_t kTwoMutexes = 2;
  static constexpr uintptr_t kTagMask = 3;

 protected:
  uintptr_t prev_tagged_ = 0;
  Mutex* m1_ = nullptr;
  Mutex* m2_ = nullptr;  // CriticalSection2 only
  friend void suspend_all_critical_sections();
  friend void resume_top_critical_section();
  friend bool critical_section_holds(const Mutex& m);
  void push_and_lock(Mutex* a, Mutex* b);
  void unlock_and_pop();
};

class CriticalSection : public CriticalSectionBase {
 public:
  explicit CriticalSection(Mutex& m) { push_and_lock(&m, nullptr); }
  ~CriticalSection() { unlock_and_pop(); }
  CriticalSection(const CriticalSection&) = delete;
  CriticalSection& operator=(const CriticalSection&) = delete;
};

class CriticalSection2 : public CriticalSectionBase {
 public:
  CriticalSection2(Mutex& a, Mutex& b) { push_and_lock(&a, &b); }
  ~CriticalSection2() { unlock_and_pop(); }
  CriticalSection2(const CriticalSection2&) = delete;
  CriticalSection2& operator=(const CriticalSection2&) = delete;
};

// Called by core when the thread detaches / re-attaches.
void suspend_all_critical_sections();
void resume_top_critical_section();
// True if `m` is held by an active section on the calling thread's stack (debug assertions).
bool critical_section_holds(const Mutex& m);
// True if the calling thread has no critical section on its stack (tests, thread exit).
bool critical_section_stack_empty();

}  // namespace weft::sync
