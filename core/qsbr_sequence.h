// core/qsbr_sequence.h — the sequence numbers of QSBR (quiescent-state-based reclamation).
//
// Only the clock lives in core/, because attaching and detaching (core/thread_state.cpp) must
// update it; the reclamation logic built on it (advance, poll, delayed frees) is gc/qsbr.h.
//
//   write_seq   global, starts at kQsbrInitial (1) and advances by 2: always odd, so the per-thread
//               value 0 (kQsbrOffline) can never be mistaken for an observed sequence.
//   read_seq    global cache of the minimum read sequence of all attached threads at the last
//               scan (only moves up).
//   ThreadState::qsbr_seq  the write_seq the thread observed at its last quiescent point, or 0
//               while detached (a detached thread holds no pointers to shared data).
// Comparisons are wrap-safe (signed difference), although 64-bit sequences never wrap in practice.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/thread_state.h"

namespace weft::core {

inline constexpr uint64_t kQsbrOffline = 0;
inline constexpr uint64_t kQsbrInitial = 1;
inline constexpr uint64_t kQsbrIncrement = 2;

struct QsbrSequences {
  alignas(64) std::atomic<uint64_t> write_seq{kQsbrInitial};
  alignas(64) std::atomic<uint64_t> read_seq{kQsbrInitial};
};
// Constant-initialised, so usable from any static initializer.
inline QsbrSequences g_qsbr;

// a < b, wrap-safe.
inline bool qsbr_lt(uint64_t a, uint64_t b) { return static_cast<int64_t>(a - b) < 0; }
inline bool qsbr_leq(uint64_t a, uint64_t b) { return static_cast<int64_t>(a - b) <= 0; }

// Reports a quiescent state: the thread holds no pointer to shared data that is not protected
// by a lock or a reference. Called at every eval-breaker check (cheap: two plain memory ops).
inline void qsbr_quiescent(ThreadState* ts) {
  // acquire: pairs with the fetch_add in gc::qsbr_advance(), so memory retired before the
  // advance is no longer reachable from this thread's point of view.
  uint64_t seq = g_qsbr.write_seq.load(std::memory_order_acquire);
  // release: pairs with the acquire loads in gc::qsbr_poll()'s scan.
  ts->qsbr_seq.store(seq, std::memory_order_release);
}

// On attach: the thread is online from the current write sequence on. seq_cst: pairs with the
// seq_cst fence in gc::qsbr_poll()'s scan, so a scanner either sees this thread online or this
// thread sees every pointer retired before the scan's snapshot was taken as already unlinked.
inline void qsbr_attach(ThreadState* ts) {
  ts->qsbr_seq.store(g_qsbr.write_seq.load(std::memory_order_acquire), std::memory_order_seq_cst);
}

// On detach: offline; never holds back reclamation.
inline void qsbr_detach(ThreadState* ts) {
  // release: pairs with the acquire loads in gc::qsbr_poll()'s scan.
  ts->qsbr_seq.store(kQsbrOffline, std::memory_order_release);
}

}  // namespace weft::core
