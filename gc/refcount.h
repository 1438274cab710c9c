// gc/refcount.h — the slow paths of biased reference counting (DESIGN §4; CPython's
// Objects/object.c and Python/brc.c). The inline fast paths are in objects/object.h.
//
// Who changes what (see the state table in objects/object.h):
//   ob_ref_local   only the owner thread (plain relaxed load/store); set to 0 by a merge.
//   ob_ref_shared  anyone, atomic RMW; its state bits only move up: Init -> MaybeWeakref ->
//                  Queued -> Merged (an object is freed only from Init by its owner, or from
//                  Merged with count 0 by whoever brings it there).
//   ob_tid         the owner id; 0 once merged. While an object sits in a merge queue it holds
//                  the queue link instead (gc/refcount_merge.cpp): the owner's fast paths then
//                  just see "not mine" and use the shared count. The owner only ever changes
//                  ob_tid by CAS from its own id, so it never overwrites a link.
#pragma once

#include <cstdint>

#include "core/thread_state.h"
#include "objects/object.h"
#include "objects/type.h"

namespace weft::gc {

// Folds the local count (plus `extra`, e.g. -1 for the reference a merge queue held) into the
// shared count and marks the object merged and unowned. Returns the resulting total count.
// The caller must be the owner, or the owner must be gone.
int64_t explicit_merge_refcount(Object* o, int64_t extra);

// Runs the type's dealloc slot (the count has reached zero).
inline void dealloc_object(Object* o) { o->ob_type->dealloc(o); }

// Hands the reference a non-owner's decref could not drop to the owner's merge queue
// (refcount_merge.cpp). Steals that reference.
void queue_object_to_owner(Object* o);

// Frees the memory of a dead object (for objects/alloc's free_object). If other threads may
// still hold a stale pointer to it — its shared word left Init, which lock-free container reads
// and container writers ensure (they mark stored objects kMaybeWeakref) — the memory goes
// through QSBR (free_delayed), so a racing try-incref touches mapped, object-shaped memory and
// fails its re-check; otherwise it is freed at once.
void free_object_memory(Object* o);
// The same for an object whose memory block starts at `block` (in front of `o`: a GC header).
void free_object_memory(Object* o, void* block);

// Merges and, where the count reaches zero, frees every object other threads queued for `ts`.
// Called by the owner: from the eval breaker (kMergeRefcounts) and at thread exit.
void merge_queued_objects(core::ThreadState* ts);

}  // namespace weft::gc
