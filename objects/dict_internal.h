// objects/dict_internal.h — the dict layout and storage primitives shared by dict.cpp,
// dict_methods.cpp and dict_views.cpp. Not for use outside helper C's files; other code goes
// through objects/dict.h.
//
// Layout (CPython's compact dict):
//   DictObject { used, version, keys -> DictKeys }
//   DictKeys   { log2_size, usable, nentries, index_bytes, indices[1 << log2_size], entries[usable] }
// indices[i] is kEmpty (-1), kDummy (-2, a deleted entry), or an index into entries. Entries are
// appended in insertion order; a deleted entry keeps its slot with key == value == nullptr.
// The index width is 1, 2, 4 or 8 bytes, the narrowest that can hold `usable`.
//
// Concurrency: see the comment at the top of dict.cpp.
#pragma once

#include <atomic>
#include <cstdint>

#include "objects/dict.h"

namespace weft::dict_detail {

inline constexpr int64_t kEmpty = -1;
inline constexpr int64_t kDummy = -2;

struct DictEntry {
  std::atomic<Object*> key;    // owned; nullptr for a deleted entry
  std::atomic<Object*> value;  // owned; nullptr for a deleted entry
  std::atomic<int64_t> hash;
};

struct DictKeys {
  int64_t log2_size;
  int64_t usable;       // number of entry slots
  int64_t nentries;     // entry slots used so far (live + deleted); written under the lock
  uint8_t index_bytes;  // 1, 2, 4 or 8
  // followed by the index table and the entries (see index_table()/entries())

  int64_t size() const { return int64_t{1} << log2_size; }
  uint8_t* index_table() { return reinterpret_cast<uint8_t*>(this + 1); }
  DictEntry* entries() {
    return reinterpret_cast<DictEntry*>(index_table() + (size() * index_bytes + 7) / 8 * 8);
  }
  // Relaxed atomic reads and writes of the index table (readers run concurrently with writers;
  // the entry fields carry the acquire/release ordering).
  int64_t get_index(int64_t i);
  void set_index(int64_t i, int64_t ix);
};

struct DictObject : Object {
  std::atomic<int64_t> used;       // number of live items
  std::atomic<uint64_t> version;   // bumped under the lock whenever an entry is added/removed
  std::atomic<DictKeys*> keys;     // nullptr for an empty dict that never held anything
};

inline DictObject* as_dict(Object* o) { return static_cast<DictObject*>(o); }

// The hash of a dict key: str's cached SipHash fast path, else object_hash.
Result<int64_t> key_hash(Object* key);

// Lookup with a precomputed hash. Sets *out (new reference) and returns true when found.
Result<bool> lookup(Object* d, Object* key, int64_t hash, Ref<Object>* out);
// Insert or replace with a precomputed hash.
Status insert(Object* d, Object* key, int64_t hash, Object* value);
// A key/value pair entering dict `d`: when `d` is shared, both are marked so that their memory
// outlives lock-free readers (containers::mark_maybe_weakref). Dict lock held.
void dict_publish_entry_locked(Object* d, Object* key, Object* value);
// Removes `key`; returns false if absent. *out receives the value when non-null.
Result<bool> remove(Object* d, Object* key, int64_t hash, Ref<Object>* out);
// d.setdefault(key, dflt): the existing value or dflt after inserting it.
Result<Ref<Object>> set_default(Object* d, Object* key, int64_t hash, Object* dflt);

// The next live entry at or after *pos (an entry index), under the dict's critical section.
// Sets new references in key/value (either may be null to skip) and advances *pos past it.
// Returns false at the end.
bool next_entry(Object* d, int64_t* pos, Ref<Object>* key, Ref<Object>* value);
// The live entry before *pos (for reversed iteration); *pos moves to it. Returns false at the
// beginning.
bool prev_entry(Object* d, int64_t* pos, Ref<Object>* key, Ref<Object>* value);
// The entry count (live + deleted) of the current table, for reversed iteration's start.
int64_t entry_count(Object* d);

// d.popitem(): removes and returns the last (key, value), KeyError when empty.
Result<Ref<Object>> pop_last_item(Object* d);

// Allocates an empty dict of `type` (dict or a subclass).
Result<Ref<Object>> alloc(Type* type);

}  // namespace weft::dict_detail
