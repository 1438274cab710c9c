// sync/mutex.cpp — the contended paths of the 1-byte Mutex (sync/mutex.h).
//
// Locking (lock_slow):
//   1. While the lock is held and nobody is parked, spin up to kMaxSpins times with
//      sched_yield: a holder that is running will likely release soon, and parking costs two
//      system calls. Once anyone is parked, spinning would only let us barge ahead of them.
//   2. Set kHasParked (CAS), then park on the byte expecting the value we just saw; a change
//      between our load and the bucket-locked check returns kAgain and we retry.
//   3. If the unlocker handed the lock to us (see below), we own it; otherwise retry from 1.
//      Barging is allowed: a woken waiter may lose to a running thread.
//
// Unlocking with waiters (unlock_slow): unpark_one() wakes the longest waiter and runs
// `unpark_decision` under the bucket lock. If that waiter has waited over kFairAfterNs (1 ms)
// the unlocker hands the lock over directly (the byte stays kLocked and the waiter returns
// owning it): throughput normally, fairness once starvation starts. kHasParked stays set exactly
// while waiters on this byte remain, because the callback knows that under the bucket lock.
//
// A parked waiter detaches its thread state (sync/detach_hook.h) unless asked not to, which
// suspends its critical sections while it waits.
//
// TSan: lock()/unlock() bracket these paths with __tsan_mutex_pre/post_*, inside which TSan
// ignores memory accesses and synchronisation. Parking runs other code (detaching suspends other
// critical sections) and the parking lot's own synchronisation orders a hand-off, so both the
// park and the unpark are bracketed with __tsan_mutex_pre/post_divert, which TSan then sees.
// Critical sections use the unannotated entry points (see mutex.h) and skip the diverts.
#include "sync/mutex.h"

namespace weft::sync {
namespace {

constexpr int kMaxSpins = 40;
constexpr int64_t kFairAfterNs = 1'000'000;

// Lives on the waiter's stack while it is parked; the unlocker's callback reads and writes it
// under the bucket lock.
struct MutexWaiter {
  int64_t fair_after_ns;  // monotonic time after which the waiter gets the lock handed over
  bool handed_off = false;
};

struct UnparkDecision {
  std::atomic<uint8_t>* bits;
  void operator()(void* park_arg, bool has_more_waiters) const {
    uint8_t v = Mutex::kUnlocked;
    if (auto* waiter = static_cast<MutexWaiter*>(park_arg)) {
      bool fair = monotonic_ns() > waiter->fair_after_ns;
      waiter->handed_off = fair;
      if (fair) v |= Mutex::kLocked;
      if (has_more_waiters) v |= Mutex::kHasParked;
    }
    // release: pairs with the acquire CAS in Mutex::lock()/lock_slow() of the next owner (a
    // handed-off waiter is ordered by the parking lot's wake-up instead).
    bits->store(v, std::memory_order_release);
  }
};

}  // namespace

namespace {
// __tsan_mutex_pre/post_divert, only for annotated callers.
class TsanDivert {
 public:
  TsanDivert(void* m, bool annotated) : m_(annotated ? m : nullptr) {
    if (m_) WEFT_TSAN_MUTEX(__tsan_mutex_pre_divert(m_, 0));
  }
  ~TsanDivert() {
    if (m_) WEFT_TSAN_MUTEX(__tsan_mutex_post_divert(m_, 0));
  }
  TsanDivert(const TsanDivert&) = delete;
  TsanDivert& operator=(const TsanDivert&) = delete;

 private:
  void* m_;
};
}  // namespace

LockResult Mutex::lock_slow(int64_t deadline_ns, ParkDetach detach, bool tsan_annotated,
                           ParkInterrupt interrupt) {
  MutexWaiter waiter{monotonic_ns() + kFairAfterNs};
  int spins = 0;
  uint8_t v = bits_.load(std::memory_order_relaxed);
  for (;;) {
    if (!(v & kLocked)) {
      // acquire: pairs with the release in unlock()/unlock_slow().
      if (bits_.compare_exchange_weak(v, v | kLocked, std::memory_order_acquire,
                                      std::memory_order_relaxed))
        return LockResult::kAcquired;
      continue;
    }
    if (!(v & kHasParked) && spins < kMaxSpins) {
      yield_thread();
      ++spins;
      v = bits_.load(std::memory_order_relaxed);
      continue;
    }
    if (deadline_ns != kNoDeadline && monotonic_ns() >= deadline_ns) return LockResult::kTimedOut;
    if (!(v & kHasParked)) {
      if (!bits_.compare_exchange_weak(v, v | kHasParked, std::memory_order_relaxed,
                                       std::memory_order_relaxed))
        continue;
      v |= kHasParked;
    }
    ParkResult r;
    {
      TsanDivert divert(this, tsan_annotated);
      r = park(&bits_, v, deadline_ns, &waiter, detach, interrupt);
    }
    if (r == ParkResult::kOk && waiter.handed_off) {
      // The unlocker left the byte locked for us; the parking lot's wake-up (release/acquire)
      // orders its critical section before ours.
      return LockResult::kAcquired;
    }
    if (r == ParkResult::kInterrupted) return LockResult::kInterrupted;
    v = bits_.load(std::memory_order_relaxed);
  }
}

bool Mutex::lock_timed(int64_t timeout_ns, ParkDetach detach) {
  WEFT_TSAN_MUTEX(__tsan_mutex_pre_lock(this, __tsan_mutex_try_lock));
  uint8_t expected = kUnlocked;
  // acquire: pairs with the release in unlock()/unlock_slow().
  bool locked = bits_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire,
                                              std::memory_order_relaxed);
  if (!locked && timeout_ns != 0)
    locked = lock_slow(deadline_after(timeout_ns), detach, kTsanAnnotated) == LockResult::kAcquired;
  WEFT_TSAN_MUTEX(__tsan_mutex_post_lock(
      this, __tsan_mutex_try_lock | (locked ? 0 : __tsan_mutex_try_lock_failed), 0));
  return locked;
}

void Mutex::unlock_slow(bool tsan_annotated) {
  uint8_t v = bits_.load(std::memory_order_relaxed);
  for (;;) {
    // Unlocking an unlocked Mutex is a caller bug; fail loudly rather than corrupt the state.
    if (!(v & kLocked)) __builtin_trap();
    if (v & kHasParked) {
      TsanDivert divert(this, tsan_annotated);
      unpark_one(&bits_, UnparkDecision{&bits_});
      return;
    }
    // release: pairs with the acquire in lock()/try_lock()/lock_slow().
    if (bits_.compare_exchange_weak(v, kUnlocked, std::memory_order_release,
                                    std::memory_order_relaxed))
      return;
  }
}

bool Mutex::try_unlock_unannotated() {
  uint8_t v = bits_.load(std::memory_order_relaxed);
  for (;;) {
    if (!(v & kLocked)) return false;
    if (v & kHasParked) {
      // The bucket lock serialises this with other unlockers; the callback stores the new state.
      unpark_one(&bits_, UnparkDecision{&bits_});
      return true;
    }
    // release: pairs with the acquire in lock()/try_lock()/lock_slow().
    if (bits_.compare_exchange_weak(v, kUnlocked, std::memory_order_release,
                                    std::memory_order_relaxed))
      return true;
  }
}

}  // namespace weft::sync
