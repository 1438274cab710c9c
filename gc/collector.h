// gc/collector.h — the cycle collector (DESIGN §4; CPython's Python/gc_free_threading.c).
//
// Tracking. Every object of a type with kTypeHaveGc that objects/alloc's new_object allocates
// carries a GcHeader in front of it (ObjectFlag kHasGcHeader) and is linked into a GcList from
// allocation until free_object: tracked == linked (GcBit kGcTracked). Debian's mimalloc 2.0.9
// cannot walk exited threads' heaps, so these lists are how the collector finds every object.
// Objects of GC types allocated another way (statically, or through a type-specific allocator)
// have no header and are simply not tracked: the collector treats references to them as
// external, which is safe (it only keeps more alive).
//
// Lists. A thread takes a list from a global pool on its first tracked allocation and gives it
// back when it exits; the objects stay on it (an "orphaned" list) and the next new thread
// adopts it. Lists are never freed, so an object's `list` pointer stays valid for its life.
// Each list has its own mutex: the owner thread links and unlinks under it (uncontended); a
// thread freeing another thread's object takes that list's mutex. The collector reads every list
// only with the world stopped (core/stop_the_world.h), when nobody holds a list mutex.
//
// Collection (collect()): stop the world; gc_refs = true refcount (local + shared, less the
// deferred bias) for every tracked object; subtract each reference a tracked object's traverse
// reports; deferred objects that any frame holds through an uncounted slot are roots (the
// frame walker hooks below, registered by vm/); mark everything reachable from an object with
// gc_refs > 0; the rest is unreachable. Unreachable objects get a reference held by the
// collector and lose deferred refcounting; their weak references are cleared; the world
// restarts; finalizers (PEP 442, once per object: kGcFinalized) and weakref callbacks run; if a
// finalizer ran, a second stopped-world pass keeps whatever was resurrected; `clear` slots break
// the remaining cycles, and dropping the collector's references frees the garbage.
//
// Locking: the collection lock serialises collections (the caller must be attached; it detaches
// while waiting). List mutexes are leaf locks, never held across any call out of this file.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <vector>

#include "objects/object.h"
#include "objects/type.h"

namespace weft::gc {

struct GcList;

// The pre-header of a tracked object. 32 bytes, so objects stay 16-byte aligned.
struct alignas(16) GcHeader {
  GcHeader* next;
  GcHeader* prev;
  GcList* list;     // the list this object is on (lists are never freed)
  int64_t gc_refs;  // collector scratch, meaningful only while the collector holds the world
};
static_assert(sizeof(GcHeader) == 32);

inline GcHeader* gc_header_of(Object* o) { return reinterpret_cast<GcHeader*>(o) - 1; }
inline Object* object_of(GcHeader* h) { return reinterpret_cast<Object*>(h + 1); }

inline bool is_tracked(const Object* o) {
  return (o->ob_gc_bits.load(std::memory_order_relaxed) & kGcTracked) != 0;
}
inline bool has_gc_header(const Object* o) { return (o->ob_flags & kHasGcHeader) != 0; }

// Allocates zeroed memory for an object of `size` bytes behind a GcHeader; nullptr on failure.
// The caller initialises the object header and then calls track_new_object.
void* alloc_with_gc_header(size_t size);
// Links a fresh object (allocated by alloc_with_gc_header, header initialised) into the calling
// thread's list and counts the allocation towards the automatic-collection threshold.
void track_new_object(Object* o);
// Unlinks `o` (if tracked) and frees its memory block (header included), through QSBR when other
// threads may still hold a stale pointer (gc/README.md).
void free_tracked_object(Object* o);

// --- collection ---------------------------------------------------------------------------------

struct CollectResult {
  int64_t collected = 0;      // unreachable objects found
  int64_t uncollectable = 0;  // unreachable objects that could not be freed (always 0: PEP 442)
};
// Runs a full collection (the generation argument of CPython's API is accepted by the module;
// Weft has one generation). Must be called attached, with no critical section held. Runs
// finalizers and weakref callbacks (Python code). Never fails; errors inside finalizers are
// reported through the unraisable hook by the finalizer hook.
CollectResult collect();

// True while a collection is in progress on any thread (gc.collect() from a finalizer returns 0).
bool collection_in_progress();

// --- configuration and statistics (the gc module) -------------------------------------------------

void set_enabled(bool enabled);
bool is_enabled();
// Automatic collection starts when tracked allocations minus frees since the last collection
// exceed threshold0; 0 disables it. threshold1/2 are kept for get_threshold() only.
void set_thresholds(int64_t t0, int64_t t1, int64_t t2);
void get_thresholds(int64_t out[3]);
// Tracked allocations minus frees since the last collection (get_count()[0]).
int64_t allocation_count();
struct GenerationStats {
  int64_t collections = 0;
  int64_t collected = 0;
  int64_t uncollectable = 0;
};
GenerationStats stats();

// gc.freeze(): marks every tracked object frozen (never scanned nor collected); unfreeze undoes
// it. freeze_count() counts frozen tracked objects.
void freeze_all();
void unfreeze_all();
int64_t freeze_count();

// Calls fn(o, arg) for every tracked object, with the world stopped (so fn must not run Python
// code, allocate tracked objects or take locks other threads may hold; it may incref).
void for_each_tracked_object(void (*fn)(Object* o, void* arg), void* arg);

// WEFT_DEBUG_LEAKS=1 (vm/lifecycle.cpp, at exit after the final collection): prints the number
// of tracked objects still alive, by type, most numerous first (gc/leak_report.cpp). Stops the
// world while it counts.
void report_live_objects(std::FILE* out);

// --- hooks for higher layers (registered before main(); not changed afterwards) -----------------

struct CollectorHooks {
  // World stopped: visits every object that a frame on any thread's stack holds through an
  // uncounted slot (vm/stack_ref.h: deferred objects).
  void (*visit_thread_frames)(VisitFn visit, void* arg) = nullptr;
  // World stopped: if tracked object `o` owns frames (generators), visits the objects those
  // frames hold through uncounted slots.
  void (*visit_uncounted)(Object* o, VisitFn visit, void* arg) = nullptr;
  // World running: runs the PEP 442 finalizer of unreachable `o` (the collector holds a
  // reference) if it has one and kGcFinalized is not set; sets kGcFinalized when it runs one.
  // Returns true if Python code ran.
  bool (*finalize)(Object* o) = nullptr;
  // World stopped: clears the weak references to unreachable `o` and appends the weakrefs whose
  // callbacks must run to `callbacks` (objects/weakref.h clear_weakrefs_for_collect).
  void (*clear_weakrefs)(Object* o, std::vector<Ref<Object>>& callbacks) = nullptr;
  // World running: runs one weakref callback collected above.
  void (*run_weakref_callback)(Object* weakref) = nullptr;
  // A collection the eval breaker scheduled: runs collect() with gc.callbacks (stdlib/gc).
  void (*scheduled_collection)() = nullptr;
  // The collection at interpreter shutdown: collect() with gc.callbacks, generation 2.
  void (*shutdown_collection)() = nullptr;
};
// Merges the non-null members of `hooks` into the collector's table; returns true (for a static
// initializer).
bool register_collector_hooks(const CollectorHooks& hooks);

// The eval breaker's kGcScheduled handler: collects if enabled and still over the threshold.
void run_scheduled_collection();
// At interpreter shutdown (vm/lifecycle.cpp), enabled or not, as CPython's finalization does:
// garbage cycles left by the program are finalized (their __del__ runs) and freed.
void run_shutdown_collection();

}  // namespace weft::gc
