// sync/parking_lot.h — a global table of wait queues keyed by address (CPython's
// Python/parking_lot.c, after WebKit's ParkingLot).
//
// Any atomic word can be waited on without carrying its own queue: `park(addr, expected, ...)`
// blocks the caller only if `*addr == expected` *while the bucket lock for `addr` is held*, and
// an unparker takes the same bucket lock, so a wake-up can never fall between a waiter's check
// and its enqueue. This is what lets Mutex, Event, OnceFlag and RWMutex be one byte or one word.
//
// Table: 257 buckets (prime, so addresses that differ by powers of two spread out), indexed by
// address % 257. Each bucket has its own small lock (a pthread mutex: it never parks through the
// lot itself, and TSan understands it) and an intrusive FIFO list of WaitEntry records that live
// on the waiters' stacks. Waiters sleep on a per-entry futex word.
//
// `unpark_one(addr, fn)` runs `fn(park_arg, has_more_waiters)` *under the bucket lock*: the
// callback can update the lock word knowing exactly whether waiters remain, which makes Mutex's
// hand-off decision race-free. The actual wake-up happens after the bucket lock is released.
//
// Locking rule: no callback may park or take another bucket's lock.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "sync/clock.h"

namespace weft::sync {

enum class ParkResult : uint8_t {
  kOk,       // woken by unpark_one/unpark_all
  kAgain,    // *addr != expected when checked under the bucket lock; the caller re-reads
  kTimeout,  // the deadline passed before a wake-up
  kInterrupted,  // a signal interrupted the wait (only when the caller asked, see ParkInterrupt)
};

// Whether a signal delivered to the parked thread ends the wait with kInterrupted (so the
// caller can run Python signal handlers and retry, PEP 475) or is absorbed by the lot.
enum class ParkInterrupt : bool { kAbsorb = false, kReturn = true };

// Whether the parked thread detaches its thread state while it waits (sync/detach_hook.h).
// Runtime-internal locks that must not release critical sections (or that are taken while
// attaching/detaching) use kDontDetach.
enum class ParkDetach : bool { kDontDetach = false, kDetach = true };

// Waits until woken, if `*addr` equals the `size`-byte value at `expected` (1, 2, 4 or 8 bytes,
// compared with an atomic load under the bucket lock). `deadline_ns` is absolute monotonic time
// (sync/clock.h) or kNoDeadline. `park_arg` is handed to the unparker's callback.
ParkResult park_bytes(const void* addr, const void* expected, size_t size, int64_t deadline_ns,
                      void* park_arg, ParkDetach detach,
                      ParkInterrupt interrupt = ParkInterrupt::kAbsorb);

template <class T>
ParkResult park(const std::atomic<T>* addr, T expected, int64_t deadline_ns,
                void* park_arg = nullptr, ParkDetach detach = ParkDetach::kDetach,
                ParkInterrupt interrupt = ParkInterrupt::kAbsorb) {
  static_assert(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8);
  static_assert(sizeof(std::atomic<T>) == sizeof(T) && std::is_trivially_copyable_v<T>);
  return park_bytes(addr, &expected, sizeof(T), deadline_ns, park_arg, detach, interrupt);
}

// Called under the bucket lock with the woken waiter's park_arg (nullptr if nobody was parked on
// the address) and whether other waiters on the same address remain.
using UnparkCallback = void (*)(void* ctx, void* park_arg, bool has_more_waiters);

// Wakes the longest-waiting thread parked on `addr` (FIFO). Returns whether one was woken.
bool unpark_one(const void* addr, UnparkCallback fn, void* ctx);

template <class F>
bool unpark_one(const void* addr, F&& fn) {
  using Fn = std::remove_reference_t<F>;
  return unpark_one(
      addr,
      [](void* ctx, void* park_arg, bool has_more) { (*static_cast<Fn*>(ctx))(park_arg, has_more); },
      const_cast<void*>(static_cast<const void*>(&fn)));
}

// Wakes every thread parked on `addr`.
void unpark_all(const void* addr);

// Resets every bucket in the child after fork(): the waiters belonged to threads that no longer
// exist there.
void parking_lot_after_fork();

}  // namespace weft::sync
