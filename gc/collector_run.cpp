// gc/collector_run.cpp — one collection (gc/collector.h; CPython's gc_free_threading.c).
//
// Stopped world, pass 1 (find garbage):
//   gc_refs(o) = local + shared count (less kDeferredRefcountBias for deferred objects) for every
//   tracked object; non-deferred objects whose count is already zero are being deallocated by
//   some thread and are left alone (treated as reachable, never traversed: their fields may be
//   released); a deferred object is never deallocated by refcounting, so zero is just its count;
//   every reference a tracked object's traverse reports is subtracted from its referent;
//   deferred objects held by uncounted frame slots (any thread's stack, generators' frames) get
//   +1 (they are roots); everything reachable from an object with gc_refs > 0 is marked
//   (kGcAlive; the mark stack is threaded through gc_refs, so marking allocates nothing); the
//   unmarked rest is unreachable: it gets kGcUnreachable, loses deferred refcounting (no frame
//   holds it, so the stack_ref rule stays consistent), gains one reference owned by the
//   collector, and its weak references are cleared.
// World running: weakref callbacks, then finalizers (PEP 442) run.
// Stopped world, pass 2 (only if a finalizer ran): gc_refs = count - 1 within the unreachable
//   set, minus references from other members; members with gc_refs > 0 were resurrected, and so
//   is everything they reach in the set.
// World running: `clear` on every remaining member breaks the cycles, then the collector drops
//   its references and the garbage is freed by ordinary refcounting.
//
// Only one collection runs at a time (g_collecting); a second request, including gc.collect()
// from a finalizer, returns at once with nothing collected, as CPython does.
#include <atomic>
#include <cstdint>
#include <new>

#include "core/stop_the_world.h"
#include "gc/alloc.h"
#include "gc/collector.h"

namespace weft::gc {

namespace detail {
extern std::atomic<int64_t> g_count;
extern std::atomic<bool> g_enabled;
extern std::atomic<int64_t> g_threshold[3];
extern CollectorHooks g_hooks;
void for_each_header_stopped(void (*fn)(GcHeader* h, void* arg), void* arg);
void reset_allocation_count();
extern std::atomic<int64_t> g_long_lived;
extern const int64_t g_stress_every;
bool should_collect(int64_t count);
}  // namespace detail

namespace {

using detail::g_hooks;

std::atomic<bool> g_collecting{false};
std::atomic<int64_t> g_collections{0};
std::atomic<int64_t> g_total_collected{0};

constexpr int64_t kRootRefs = int64_t{1} << 40;  // gc_refs of an object that is always a root

uint8_t bits_of(const Object* o) { return o->ob_gc_bits.load(std::memory_order_relaxed); }
void set_bits(Object* o, uint8_t b) { o->ob_gc_bits.fetch_or(b, std::memory_order_relaxed); }
void clear_bits(Object* o, uint8_t b) {
  o->ob_gc_bits.fetch_and(static_cast<uint8_t>(~b), std::memory_order_relaxed);
}

// The true count as far as the heap knows it (frames' uncounted references come on top).
int64_t true_refcount(const Object* o) {
  if (is_immortal(o)) return kRootRefs;
  int64_t n = int64_t{o->ob_ref_local.load(std::memory_order_relaxed)} +
              (o->ob_ref_shared.load(std::memory_order_relaxed) >> kSharedShift);
  if (bits_of(o) & kGcDeferred) n -= kDeferredRefcountBias;
  return n;
}

// A growable array of borrowed-then-owned object pointers; raw memory, never throws.
class ObjectVec {
 public:
  ObjectVec() = default;
  ObjectVec(const ObjectVec&) = delete;
  ObjectVec& operator=(const ObjectVec&) = delete;
  ~ObjectVec() { raw_free(data_); }
  bool push(Object* o) {
    if (size_ == cap_) {
      size_t cap = cap_ ? cap_ * 2 : 256;
      void* grown = raw_realloc(data_, cap * sizeof(Object*));
      if (!grown) return false;
      data_ = static_cast<Object**>(grown);
      cap_ = cap;
    }
    data_[size_++] = o;
    return true;
  }
  size_t size() const { return size_; }
  Object* operator[](size_t i) const { return data_[i]; }

 private:
  Object** data_ = nullptr;
  size_t size_ = 0;
  size_t cap_ = 0;
};

// The mark stack, threaded through the gc_refs of marked objects (their counts are no longer
// needed once they are known to be reachable).
struct MarkStack {
  GcHeader* top = nullptr;
  uint8_t mark;      // the bit that means "marked"
  uint8_t eligible;  // objects without all of these bits are not followed (0: any)
  void push(Object* o) {
    set_bits(o, mark);
    GcHeader* h = gc_header_of(o);
    h->gc_refs = reinterpret_cast<int64_t>(top);
    top = h;
  }
  void visit(Object* r) {
    if (!r || !is_tracked(r)) return;
    uint8_t b = bits_of(r);
    if ((b & eligible) != eligible || (b & mark) || (b & kGcFrozen)) return;
    push(r);
  }
  void drain() {
    while (GcHeader* h = top) {
      top = reinterpret_cast<GcHeader*>(h->gc_refs);
      Object* o = object_of(h);
      if (TraverseFn tr = type_of(o)->traverse) {
        tr(o, [](Object* r, void* a) { static_cast<MarkStack*>(a)->visit(r); }, this);
      }
    }
  }
};

void visit_subtract(Object* r, void*) {
  if (r && is_tracked(r)) --gc_header_of(r)->gc_refs;
}
void visit_root(Object* r, void*) {
  if (r && is_tracked(r)) ++gc_header_of(r)->gc_refs;
}

// Pass 1, with the world stopped: fills `garbage` with the unreachable objects (each with a
// reference owned by the collector) and `callbacks` with weakrefs whose callbacks must run.
void find_garbage(ObjectVec& garbage, std::vector<Ref<Object>>& callbacks) {
  // gc_refs = count; dying and frozen objects are set aside (kGcAlive: never collected).
  detail::for_each_header_stopped(
      [](GcHeader* h, void*) {
        Object* o = object_of(h);
        h->gc_refs = true_refcount(o);
        // A count of zero: some thread is deallocating it right now. Not so for a deferred
        // object: its count never reaches zero (the bias), and a true count of zero is the
        // normal state of one that only frames hold (or nothing: the class body function
        // after __build_class__, a class whose last name went away); only the collector
        // frees those.
        if (h->gc_refs <= 0 && !(bits_of(o) & (kGcFrozen | kGcDeferred))) set_bits(o, kGcAlive);
      },
      nullptr);
  // Subtract internal references; add the frames' uncounted ones.
  detail::for_each_header_stopped(
      [](GcHeader* h, void*) {
        Object* o = object_of(h);
        if (bits_of(o) & (kGcFrozen | kGcAlive)) return;
        if (TraverseFn tr = type_of(o)->traverse) tr(o, visit_subtract, nullptr);
        if (g_hooks.visit_uncounted) g_hooks.visit_uncounted(o, visit_root, nullptr);
      },
      nullptr);
  if (g_hooks.visit_thread_frames) g_hooks.visit_thread_frames(visit_root, nullptr);
  // Mark from the roots.
  MarkStack stack;
  stack.mark = kGcAlive;
  stack.eligible = 0;
  detail::for_each_header_stopped(
      [](GcHeader* h, void* a) {
        Object* o = object_of(h);
        if (h->gc_refs > 0 && !(bits_of(o) & (kGcAlive | kGcFrozen))) {
          auto* s = static_cast<MarkStack*>(a);
          s->push(o);
          s->drain();
        }
      },
      &stack);
  // Whatever is unmarked is garbage; reset the marks of the rest.
  struct Ctx {
    ObjectVec* garbage;
    int64_t survivors;
  } ctx{&garbage, 0};
  detail::for_each_header_stopped(
      [](GcHeader* h, void* a) {
        Object* o = object_of(h);
        uint8_t b = bits_of(o);
        auto* c = static_cast<Ctx*>(a);
        if (b & (kGcAlive | kGcFrozen)) {
          if (b & kGcAlive) clear_bits(o, kGcAlive);
          ++c->survivors;
          return;
        }
        if (!c->garbage->push(o)) return;  // no memory: keep it this time
        set_bits(o, kGcUnreachable);
      },
      &ctx);
  detail::g_long_lived.store(ctx.survivors, std::memory_order_relaxed);
  for (size_t i = 0; i < garbage.size(); ++i) {
    Object* o = garbage[i];
    if (bits_of(o) & kGcDeferred) {
      clear_bits(o, kGcDeferred);
      o->ob_ref_shared.fetch_sub(kDeferredRefcountBias << kSharedShift, std::memory_order_relaxed);
    }
    incref(o);
    if (g_hooks.clear_weakrefs) g_hooks.clear_weakrefs(o, callbacks);
  }
}

// Pass 2, with the world stopped: members of `garbage` that finalizers made reachable again
// (and what they reach) lose kGcUnreachable. Returns how many were resurrected.
int64_t find_resurrected(const ObjectVec& garbage) {
  for (size_t i = 0; i < garbage.size(); ++i) {
    Object* o = garbage[i];
    gc_header_of(o)->gc_refs = true_refcount(o) - 1;  // less the collector's reference
  }
  for (size_t i = 0; i < garbage.size(); ++i) {
    Object* o = garbage[i];
    if (TraverseFn tr = type_of(o)->traverse) {
      tr(o,
         [](Object* r, void*) {
           if (r && is_tracked(r) && (bits_of(r) & kGcUnreachable)) --gc_header_of(r)->gc_refs;
         },
         nullptr);
    }
  }
  // Mark (kGcAlive) from the members still referenced from outside, following members only.
  MarkStack stack;
  stack.mark = kGcAlive;
  stack.eligible = kGcUnreachable;
  for (size_t i = 0; i < garbage.size(); ++i) {
    Object* o = garbage[i];
    if (gc_header_of(o)->gc_refs > 0 && !(bits_of(o) & kGcAlive)) {
      stack.push(o);
      stack.drain();
    }
  }
  int64_t resurrected = 0;
  for (size_t i = 0; i < garbage.size(); ++i) {
    Object* o = garbage[i];
    if (bits_of(o) & kGcAlive) {
      clear_bits(o, kGcAlive | kGcUnreachable);
      ++resurrected;
    }
  }
  return resurrected;
}

}  // namespace

bool collection_in_progress() { return g_collecting.load(std::memory_order_relaxed); }

CollectResult collect() {
  CollectResult result;
  if (g_collecting.exchange(true, std::memory_order_acquire)) return result;
  ObjectVec garbage;
  std::vector<Ref<Object>> callbacks;
  {
    core::StoppedWorld stopped;
    detail::reset_allocation_count();
    find_garbage(garbage, callbacks);
  }
  result.collected = static_cast<int64_t>(garbage.size());
  if (g_hooks.run_weakref_callback) {
    for (const Ref<Object>& wr : callbacks) g_hooks.run_weakref_callback(wr.get());
  }
  callbacks.clear();
  bool ran_finalizer = false;
  if (g_hooks.finalize) {
    for (size_t i = 0; i < garbage.size(); ++i) {
      Object* o = garbage[i];
      if (!(bits_of(o) & kGcFinalized) && g_hooks.finalize(o)) ran_finalizer = true;
    }
  }
  if (ran_finalizer) {
    core::StoppedWorld stopped;
    result.collected -= find_resurrected(garbage);  // CPython counts only what it frees
  }
  for (size_t i = 0; i < garbage.size(); ++i) {
    Object* o = garbage[i];
    if (!(bits_of(o) & kGcUnreachable)) continue;  // resurrected
    if (ClearFn clear = type_of(o)->clear) clear(o);
  }
  for (size_t i = 0; i < garbage.size(); ++i) {
    Object* o = garbage[i];
    clear_bits(o, kGcUnreachable);
    decref(o);
  }
  g_collections.fetch_add(1, std::memory_order_relaxed);
  g_total_collected.fetch_add(result.collected, std::memory_order_relaxed);
  g_collecting.store(false, std::memory_order_release);
  return result;
}

GenerationStats stats() {
  GenerationStats s;
  s.collections = g_collections.load(std::memory_order_relaxed);
  s.collected = g_total_collected.load(std::memory_order_relaxed);
  return s;
}

void run_scheduled_collection() {
  if (detail::g_stress_every > 0) {
    if (!detail::g_enabled.load(std::memory_order_relaxed)) return;
  } else if (!detail::should_collect(detail::g_count.load(std::memory_order_relaxed))) {
    return;
  }
  if (g_hooks.scheduled_collection)
    g_hooks.scheduled_collection();
  else
    (void)collect();
}

void run_shutdown_collection() {
  if (g_hooks.shutdown_collection)
    g_hooks.shutdown_collection();
  else
    (void)collect();
}

}  // namespace weft::gc
