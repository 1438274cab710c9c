// gc/qsbr.cpp — QSBR polling and delayed frees (gc/qsbr.h).
//
// Invariants:
//   - A retired pointer is freed only once qsbr_poll(goal) has returned true, i.e. every thread
//     that was attached when it was retired has since reported a quiescent state (or detached).
//     A lock-free reader holds such pointers only between two quiescent states.
//   - Each thread's pending list is FIFO with non-decreasing goals, so processing stops at the
//     first entry whose goal has not passed.
//   - Allocation failure of a chunk never loses memory or frees early: the pointer is freed
//     after stopping the world (every other thread is then at a quiescent point or detached).
//
// Locking: per-thread lists are touched only by their thread. The abandoned list is guarded by
// g_abandoned_lock (never detaching; processing uses try_lock so no thread ever waits for it).
// The scan in qsbr_poll reads the thread list under Interpreter::threads_mutex.
#include "gc/qsbr.h"

#include <atomic>
#include <new>

#include "core/stop_the_world.h"
#include "core/thread_hooks.h"
#include "gc/alloc.h"
#include "sync/mutex.h"

namespace weft::gc {
namespace {

constexpr int kDeferredAdvanceLimit = 10;
constexpr size_t kChunkItems = 254;
constexpr size_t kPollEvery = 64;

struct Retired {
  void* ptr;
  uint64_t goal;
};

struct Chunk {
  Chunk* next = nullptr;
  size_t head = 0;  // first unprocessed item
  size_t tail = 0;  // one past the last item
  Retired items[kChunkItems];
};

// A FIFO of chunks.
struct RetiredList {
  Chunk* first = nullptr;
  Chunk* last = nullptr;
  size_t count = 0;
};

struct ThreadQsbr {
  RetiredList pending;
  int deferrals = 0;
};
thread_local ThreadQsbr t_qsbr;

sync::Mutex g_abandoned_lock;
RetiredList g_abandoned WEFT_GUARDED_BY(g_abandoned_lock);
std::atomic<bool> g_has_abandoned{false};

// Frees items whose goal has passed, front to back; returns false if some remain.
bool process_list(RetiredList& list) {
  while (Chunk* c = list.first) {
    while (c->head < c->tail) {
      Retired& r = c->items[c->head];
      if (!qsbr_poll(r.goal)) return false;
      raw_free(r.ptr);
      ++c->head;
      --list.count;
    }
    if (c->next == nullptr) {  // keep the last chunk for reuse
      c->head = c->tail = 0;
      return true;
    }
    list.first = c->next;
    raw_free(c);
  }
  return true;
}

void splice(RetiredList& into, RetiredList& from) {
  if (!from.first) return;
  if (into.last) into.last->next = from.first; else into.first = from.first;
  into.last = from.last;
  into.count += from.count;
  from = RetiredList{};
}

void free_all_chunks(RetiredList& list) {
  while (Chunk* c = list.first) {
    list.first = c->next;
    raw_free(c);
  }
  list = RetiredList{};
}

void process_abandoned() {
  // acquire: pairs with the release store in abandon_thread_list().
  if (!g_has_abandoned.load(std::memory_order_acquire)) return;
  if (!g_abandoned_lock.try_lock()) return;
  bool done = process_list(g_abandoned);
  if (done) {
    free_all_chunks(g_abandoned);
    g_has_abandoned.store(false, std::memory_order_relaxed);
  }
  g_abandoned_lock.unlock();
}

void abandon_thread_list(core::ThreadState*) {
  RetiredList& mine = t_qsbr.pending;
  process_list(mine);
  if (mine.count == 0) {
    free_all_chunks(mine);
    return;
  }
  g_abandoned_lock.lock_without_detaching();
  splice(g_abandoned, mine);
  // release: pairs with the acquire load in process_abandoned().
  g_has_abandoned.store(true, std::memory_order_release);
  g_abandoned_lock.unlock();
}

[[maybe_unused]] const bool g_hooks_registered =
    core::register_thread_lifecycle_hooks({.created = nullptr, .exiting = &abandon_thread_list});

}  // namespace

uint64_t qsbr_advance() {
  // acq_rel: pairs with the acquire loads in qsbr_quiescent()/qsbr_attach() (core) — memory
  // retired before this advance is unreachable to a thread that observes the new value.
  return core::g_qsbr.write_seq.fetch_add(core::kQsbrIncrement, std::memory_order_acq_rel) +
         core::kQsbrIncrement;
}

uint64_t qsbr_deferred_advance() {
  if (++t_qsbr.deferrals < kDeferredAdvanceLimit)
    return core::g_qsbr.write_seq.load(std::memory_order_acquire) + core::kQsbrIncrement;
  t_qsbr.deferrals = 0;
  return qsbr_advance();
}

bool qsbr_poll(uint64_t goal) WEFT_NO_THREAD_SAFETY_ANALYSIS {
  // acquire: pairs with the CAS below of an earlier scan.
  if (core::qsbr_leq(goal, core::g_qsbr.read_seq.load(std::memory_order_acquire))) return true;
  // seq_cst: pairs with the seq_cst store in core::qsbr_attach(): a thread that attaches after
  // this fence reads a write sequence at least as new as the one we read next.
  std::atomic_thread_fence(std::memory_order_seq_cst);
  uint64_t min_seq = core::g_qsbr.write_seq.load(std::memory_order_acquire);
  core::Interpreter& interp = core::interpreter();
  interp.threads_mutex.lock_without_detaching();
  for (core::ThreadState* t = interp.threads; t; t = t->next) {
    // acquire: pairs with the release stores in core::qsbr_quiescent()/qsbr_detach().
    uint64_t seq = t->qsbr_seq.load(std::memory_order_acquire);
    if (seq != core::kQsbrOffline && core::qsbr_lt(seq, min_seq)) min_seq = seq;
  }
  interp.threads_mutex.unlock();
  uint64_t rd = core::g_qsbr.read_seq.load(std::memory_order_relaxed);
  // release: pairs with the acquire load at the top of this function.
  while (core::qsbr_lt(rd, min_seq) &&
         !core::g_qsbr.read_seq.compare_exchange_weak(rd, min_seq, std::memory_order_release,
                                                      std::memory_order_relaxed)) {
  }
  return core::qsbr_leq(goal, min_seq);
}

void free_delayed(void* p) {
  if (!p) return;
  RetiredList& list = t_qsbr.pending;
  Chunk* c = list.last;
  if (!c || c->tail == kChunkItems) {
    if (c && process_list(list) && c->tail == 0) {
      // Processing emptied the last chunk; reuse it.
    } else {
      Chunk* fresh = static_cast<Chunk*>(raw_alloc(sizeof(Chunk)));
      if (!fresh) {
        // No memory to remember the pointer: make every thread quiescent and free it now.
        core::stop_the_world();
        raw_free(p);
        core::start_the_world();
        return;
      }
      new (fresh) Chunk();
      if (list.last) list.last->next = fresh; else list.first = fresh;
      list.last = fresh;
    }
    c = list.last;
  }
  c->items[c->tail++] = Retired{p, qsbr_deferred_advance()};
  if (++list.count % kPollEvery == 0) {
    if (core::ThreadState* ts = core::current_thread_state())
      ts->eval_breaker.fetch_or(core::kQsbrPoll, std::memory_order_relaxed);
  }
}

void process_delayed_frees() {
  if (core::ThreadState* ts = core::current_thread_state())
    ts->eval_breaker.fetch_and(~uint64_t{core::kQsbrPoll}, std::memory_order_relaxed);
  process_list(t_qsbr.pending);
  process_abandoned();
}

size_t pending_delayed_frees() { return t_qsbr.pending.count; }

}  // namespace weft::gc
