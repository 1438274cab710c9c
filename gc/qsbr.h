// gc/qsbr.h — quiescent-state-based reclamation (DESIGN §4; CPython's Python/qsbr.c and the
// delayed frees of Objects/obmalloc.c).
//
// Memory that lock-free readers may still be looking at (old list item arrays, old dict key
// tables) is retired with gc::free_delayed(p) (declared in gc/alloc.h) instead of freed. Each
// retired pointer carries a goal, a value of the write sequence; it is freed once every attached
// thread has reported a quiescent state at or after that goal (core/qsbr_sequence.h has the
// clock: threads report at every eval-breaker check and go offline when they detach).
//
// Per-thread pending lists (thread_local, FIFO in chunks) are processed when a chunk fills, when
// the eval breaker sees kQsbrPoll (set every kPollEvery retirements), and at thread exit, where
// what is still pending moves to a global abandoned list that other threads drain.
#pragma once

#include <cstdint>

#include "core/qsbr_sequence.h"
#include "core/thread_state.h"

namespace weft::gc {

using core::qsbr_quiescent;

// Advances the write sequence; returns the new value (the goal for memory retired now).
uint64_t qsbr_advance();
// A goal for memory retired now, advancing the shared sequence only every few calls per thread
// (the goal `write_seq + 2` is reached by the next real advance).
uint64_t qsbr_deferred_advance();
// True once every attached thread has passed `goal`. May scan all threads.
bool qsbr_poll(uint64_t goal);

// Frees what the calling thread retired whose goal has passed, and some abandoned memory.
// The eval breaker calls it on kQsbrPoll.
void process_delayed_frees();
// How many retired pointers the calling thread still holds (tests, statistics).
size_t pending_delayed_frees();

}  // namespace weft::gc
