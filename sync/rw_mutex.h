// sync/rw_mutex.h — a write-preferring reader/writer lock in one word (CPython's _PyRWMutex).
//
// State of `bits_`:
//   bit 0       kWriteLocked  a writer holds the lock
//   bit 1       kHasParked    threads are (or were, see below) parked on the word
//   bits 2..63  reader count  (kReaderIncrement each)
// Legal states: readers == 0 whenever kWriteLocked is set.
//   0                      free
//   n*4                    n readers
//   n*4 | kHasParked       n readers and a parked writer (new readers park too: write-preferring)
//   kWriteLocked [| kHasParked]  a writer, maybe with parked readers/writers
//   kHasParked             free, sleepers just woken and about to retry
// Writers take the lock when nothing but kHasParked is set. Not reentrant, not fair.
#pragma once

#include <atomic>
#include <cstdint>

#include "sync/annotations.h"

namespace weft::sync {

class WEFT_CAPABILITY("rwmutex") RWMutex {
 public:
  static constexpr uintptr_t kWriteLocked = 1;
  static constexpr uintptr_t kHasParked = 2;
  static constexpr int kReaderShift = 2;
  static constexpr uintptr_t kReaderIncrement = uintptr_t{1} << kReaderShift;

  constexpr RWMutex() = default;
  RWMutex(const RWMutex&) = delete;
  RWMutex& operator=(const RWMutex&) = delete;

  void lock_shared() WEFT_TSA(acquire_shared_capability());
  void unlock_shared() WEFT_TSA(release_shared_capability());
  void lock() WEFT_ACQUIRE();
  void unlock() WEFT_RELEASE();

  uintptr_t reader_count() const { return bits_.load(std::memory_order_relaxed) >> kReaderShift; }
  uintptr_t raw_bits() const { return bits_.load(std::memory_order_relaxed); }

 private:
  uintptr_t set_parked_and_wait(uintptr_t bits);
  std::atomic<uintptr_t> bits_{0};
};
static_assert((RWMutex::kReaderIncrement & (RWMutex::kWriteLocked | RWMutex::kHasParked)) == 0);

}  // namespace weft::sync
