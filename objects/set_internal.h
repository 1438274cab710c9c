// objects/set_internal.h — the set/frozenset layout and storage primitives shared by set.cpp
// and set_methods.cpp. Other code uses objects/set.h.
#pragma once

#include <atomic>
#include <cstdint>

#include "objects/container_common.h"
#include "objects/set.h"

namespace weft::set_detail {

struct SetEntry {
  Object* key;   // owned; nullptr = never used; dummy() = deleted
  int64_t hash;
};

struct SetObject : Object {
  std::atomic<int64_t> used;      // live keys (read without the lock by len())
  int64_t fill;                   // live + deleted slots
  int64_t mask;                   // table size - 1; the table is nullptr while empty
  SetEntry* table;
  std::atomic<uint64_t> version;  // bumped on every add/remove; see set.cpp
  int64_t frozen_hash;            // frozenset hash cache; -1 = not computed
  int64_t finger;                 // where pop() resumes its scan (CPython's so->finger)
  Object* weaklist;  // weak references to this object (objects/weakref.h)
};

inline SetObject* as_set(Object* o) { return static_cast<SetObject*>(o); }
Object* dummy();

// Allocates an empty set of `type` (set, frozenset or a subclass).
Result<Ref<Object>> alloc(Type* type);

// Primitives with a precomputed hash. `add` returns whether the key was new.
Result<bool> add(Object* s, Object* key, int64_t hash);
Result<bool> contains(Object* s, Object* key, int64_t hash);
Result<bool> discard(Object* s, Object* key, int64_t hash);

// A snapshot of the keys and their hashes, taken under the set's lock.
struct Snapshot {
  containers::ObjectBuffer keys;
  int64_t* hashes = nullptr;
  ~Snapshot();
  int64_t size() const { return keys.size(); }
};
Status snapshot(Object* s, Snapshot* out);
// Snapshot of any iterable (a set's keys with their hashes, or the hashed items of an iterable).
// An unhashable item raises "cannot use 'X' as a set element (...)", or CPython's plain
// "unhashable type: 'X'" when `plain_unhashable` (intersection's message).
Status snapshot_iterable(Object* iterable, Snapshot* out, bool plain_unhashable = false);
// The hash of a set element, with the set-element TypeError of snapshot_iterable.
Result<int64_t> element_hash(Object* key);

// The next live key at or after *pos (new reference) under the lock; false at the end.
bool next_key(Object* s, int64_t* pos, Ref<Object>* key);
// Removes and returns an arbitrary key; KeyError "pop from an empty set".
Result<Ref<Object>> pop(Object* s);
void clear(Object* s);

}  // namespace weft::set_detail
