// gc/collector.cpp — tracking for the cycle collector: the GcHeader lists, allocation and free of
// tracked objects, the automatic-collection counters, configuration and the hook table
// (gc/collector.h). The collection algorithm itself is gc/collector_run.cpp.
//
// Why lists of our own: Debian's mimalloc 2.0.9 cannot visit the heaps of exited threads
// (DESIGN §4). Why a pool of never-freed lists instead of moving an exiting thread's objects to
// one orphan list: an object's header names its list, so moving would mean rewriting every
// header (or a second indirection on every free); with a pool, an exiting thread just gives its
// list back and the objects stay where they are, and a new thread adopts the list.
//
// Invariants:
// - tracked (kGcTracked) == linked on some list == has a GcHeader (kHasGcHeader), from
//   track_new_object until free_tracked_object;
// - a list's links change only under its mutex; the collector walks lists only with the world
//   stopped, when no thread can be inside a list mutex (no code here can park while holding it);
// - the allocation counters are per thread (no shared write per allocation); every
//   kFlushEvery net allocations a thread adds its delta to the global count and, when that
//   passes threshold0, sets kGcScheduled in its own eval breaker. Collections never start from
//   inside an allocation.
// - GC stress (DESIGN §9, perturbation builds): with WEFT_GC_STRESS=N in the environment (or the
//   gc-stress preset, which compiles in WEFT_GC_STRESS_EVERY=N as the default), every thread
//   flushes its counter every N net tracked allocations or frees and each flush schedules a
//   full collection at the thread's next eval-breaker check, whatever the thresholds say
//   (gc.disable() still turns it off). It shakes out missing traverse entries, missed roots
//   and use-after-free bugs that ordinary thresholds rarely reach.
#include "gc/collector.h"

#include <cstdlib>
#include <cstring>

#include "core/stop_the_world.h"
#include "core/thread_hooks.h"
#include "gc/alloc.h"
#include "gc/refcount.h"
#include "sync/mutex.h"

namespace weft::gc {

struct GcList {
  sync::Mutex mutex;
  GcHeader head;               // sentinel of a circular doubly linked list
  GcList* next_all = nullptr;  // every list ever created (never unlinked)
  GcList* next_free = nullptr; // the pool of lists no thread uses (guarded by g_pool_mutex)
};

namespace detail {
// Shared with gc/collector_run.cpp.
std::atomic<GcList*> g_all_lists{nullptr};
std::atomic<int64_t> g_count{0};  // net tracked allocations since the last collection
std::atomic<bool> g_enabled{true};
std::atomic<int64_t> g_threshold[3] = {2000, 10, 0};
std::atomic<int64_t> g_long_lived{0};  // tracked objects that survived the last collection

// Whether `count` net allocations call for a collection: past threshold0 and, so that building
// a large structure does not cost a full collection every threshold0 allocations (quadratic),
// past a quarter of what survived the last collection (CPython's gc_should_collect).
bool should_collect(int64_t count) {
  int64_t threshold = g_threshold[0].load(std::memory_order_relaxed);
  if (threshold <= 0 || count <= threshold || !g_enabled.load(std::memory_order_relaxed))
    return false;
  return count > g_long_lived.load(std::memory_order_relaxed) / 4;
}
CollectorHooks g_hooks;

#ifndef WEFT_GC_STRESS_EVERY
#define WEFT_GC_STRESS_EVERY 0
#endif
// Fixed before main() (static initialisation, single-threaded) and only read afterwards.
int64_t read_stress_every() {
  int64_t every = WEFT_GC_STRESS_EVERY;
  if (const char* env = std::getenv("WEFT_GC_STRESS")) every = std::strtoll(env, nullptr, 10);
  return every > 0 ? every : 0;
}
extern const int64_t g_stress_every;  // shared with gc/collector_run.cpp
const int64_t g_stress_every = read_stress_every();

GcHeader* list_head(GcList* l) { return &l->head; }
GcList* next_list(GcList* l) { return l->next_all; }
}  // namespace detail

namespace {

using detail::g_all_lists;
using detail::g_count;

constexpr int64_t kFlushEvery = 512;
// How often a thread flushes its counter: kFlushEvery, or N under GC stress.
const int64_t g_flush_every = detail::g_stress_every > 0 ? detail::g_stress_every : kFlushEvery;

sync::Mutex g_pool_mutex;
GcList* g_free_lists = nullptr;  // guarded by g_pool_mutex

thread_local GcList* t_list = nullptr;
thread_local int64_t t_delta = 0;

GcList* new_list() {
  void* mem = raw_alloc(sizeof(GcList));
  if (!mem) return nullptr;
  GcList* l = new (mem) GcList();
  l->head.next = l->head.prev = &l->head;
  l->head.list = l;
  GcList* first = g_all_lists.load(std::memory_order_relaxed);
  do {
    l->next_all = first;
  } while (!g_all_lists.compare_exchange_weak(first, l, std::memory_order_release,
                                              std::memory_order_relaxed));
  return l;
}

// The calling thread's list, taken from the pool (or created) on first use; nullptr only if
// memory is exhausted.
GcList* my_list() {
  if (GcList* l = t_list) [[likely]] return l;
  {
    g_pool_mutex.lock_without_detaching();
    GcList* l = g_free_lists;
    if (l) g_free_lists = l->next_free;
    g_pool_mutex.unlock();
    t_list = l ? l : new_list();
  }
  return t_list;
}

void flush_delta() {
  int64_t total = g_count.fetch_add(t_delta, std::memory_order_relaxed) + t_delta;
  t_delta = 0;
  bool stress = detail::g_stress_every > 0 && detail::g_enabled.load(std::memory_order_relaxed);
  if (stress || detail::should_collect(total)) {
    if (core::ThreadState* ts = core::current_thread_state())
      ts->eval_breaker.fetch_or(core::kGcScheduled, std::memory_order_release);
  }
}

// Thread exit: the list goes back to the pool with its objects on it.
void release_thread_list(core::ThreadState*) {
  if (t_delta != 0) flush_delta();
  GcList* l = t_list;
  if (!l) return;
  t_list = nullptr;
  g_pool_mutex.lock_without_detaching();
  l->next_free = g_free_lists;
  g_free_lists = l;
  g_pool_mutex.unlock();
}

[[maybe_unused]] const bool g_thread_hooks_registered = core::register_thread_lifecycle_hooks(
    {.created = nullptr, .exiting = &release_thread_list});

}  // namespace

namespace detail {
// A collection starts counting afresh (the collecting thread's pending delta included).
void reset_allocation_count() {
  g_count.store(0, std::memory_order_relaxed);
  t_delta = 0;
}
}  // namespace detail

void* alloc_with_gc_header(size_t size) {
  void* mem = raw_calloc(1, sizeof(GcHeader) + size);
  if (!mem) [[unlikely]] return nullptr;
  return static_cast<GcHeader*>(mem) + 1;
}

void track_new_object(Object* o) {
  GcHeader* h = gc_header_of(o);
  o->ob_flags |= kHasGcHeader;
  GcList* l = my_list();
  if (!l) [[unlikely]] return;  // no list: the object stays untracked (never collected)
  h->list = l;
  l->mutex.lock_without_detaching();
  GcHeader* head = &l->head;  // append: lists stay in allocation order, like CPython's
  h->next = head;
  h->prev = head->prev;
  head->prev->next = h;
  head->prev = h;
  l->mutex.unlock();
  o->ob_gc_bits.fetch_or(kGcTracked, std::memory_order_relaxed);
  if (++t_delta >= g_flush_every) [[unlikely]] flush_delta();
}

void free_tracked_object(Object* o) {
  GcHeader* h = gc_header_of(o);
  if (GcList* l = h->list) {
    l->mutex.lock_without_detaching();
    h->prev->next = h->next;
    h->next->prev = h->prev;
    l->mutex.unlock();
    h->list = nullptr;
    o->ob_gc_bits.fetch_and(static_cast<uint8_t>(~kGcTracked), std::memory_order_relaxed);
    if (--t_delta <= -g_flush_every) [[unlikely]] flush_delta();
  }
  free_object_memory(o, h);
}

// --- configuration --------------------------------------------------------------------------------

void set_enabled(bool enabled) { detail::g_enabled.store(enabled, std::memory_order_relaxed); }
bool is_enabled() { return detail::g_enabled.load(std::memory_order_relaxed); }

void set_thresholds(int64_t t0, int64_t t1, int64_t t2) {
  detail::g_threshold[0].store(t0, std::memory_order_relaxed);
  detail::g_threshold[1].store(t1, std::memory_order_relaxed);
  detail::g_threshold[2].store(t2, std::memory_order_relaxed);
}
void get_thresholds(int64_t out[3]) {
  for (int i = 0; i < 3; ++i) out[i] = detail::g_threshold[i].load(std::memory_order_relaxed);
}
int64_t allocation_count() {
  int64_t n = g_count.load(std::memory_order_relaxed) + t_delta;
  return n > 0 ? n : 0;
}

bool register_collector_hooks(const CollectorHooks& hooks) {
  CollectorHooks& h = detail::g_hooks;
  if (hooks.visit_thread_frames) h.visit_thread_frames = hooks.visit_thread_frames;
  if (hooks.visit_uncounted) h.visit_uncounted = hooks.visit_uncounted;
  if (hooks.finalize) h.finalize = hooks.finalize;
  if (hooks.clear_weakrefs) h.clear_weakrefs = hooks.clear_weakrefs;
  if (hooks.run_weakref_callback) h.run_weakref_callback = hooks.run_weakref_callback;
  if (hooks.scheduled_collection) h.scheduled_collection = hooks.scheduled_collection;
  if (hooks.shutdown_collection) h.shutdown_collection = hooks.shutdown_collection;
  return true;
}

// --- walking every tracked object -----------------------------------------------------------------

namespace detail {
void for_each_header_stopped(void (*fn)(GcHeader* h, void* arg), void* arg) {
  for (GcList* l = g_all_lists.load(std::memory_order_acquire); l; l = l->next_all) {
    GcHeader* head = &l->head;
    for (GcHeader* h = head->next; h != head;) {
      GcHeader* next = h->next;  // fn may not unlink, but read ahead anyway
      fn(h, arg);
      h = next;
    }
  }
}
}  // namespace detail

void for_each_tracked_object(void (*fn)(Object* o, void* arg), void* arg) {
  struct Ctx {
    void (*fn)(Object*, void*);
    void* arg;
  } ctx{fn, arg};
  core::StoppedWorld stopped;
  detail::for_each_header_stopped(
      [](GcHeader* h, void* a) {
        auto* c = static_cast<Ctx*>(a);
        c->fn(object_of(h), c->arg);
      },
      &ctx);
}

void freeze_all() {
  for_each_tracked_object(
      [](Object* o, void*) { o->ob_gc_bits.fetch_or(kGcFrozen, std::memory_order_relaxed); },
      nullptr);
  g_count.store(0, std::memory_order_relaxed);
}

void unfreeze_all() {
  for_each_tracked_object(
      [](Object* o, void*) {
        o->ob_gc_bits.fetch_and(static_cast<uint8_t>(~kGcFrozen), std::memory_order_relaxed);
      },
      nullptr);
}

int64_t freeze_count() {
  int64_t n = 0;
  for_each_tracked_object(
      [](Object* o, void* a) {
        if (o->ob_gc_bits.load(std::memory_order_relaxed) & kGcFrozen) ++*static_cast<int64_t*>(a);
      },
      &n);
  return n;
}

}  // namespace weft::gc
