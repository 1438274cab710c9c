// objects/dict.h — dict: compact, insertion-ordered hash table (CPython's layout: an index
// table of int8/16/32/64 slots into a dense entries array), SipHash-1-3 string hashes.
//
// Mutations happen inside the dict's critical section. Lookups of str keys in dicts that other
// threads may mutate use the lock-free path (acquire-load the keys table, try-incref the value,
// re-check), falling back to the lock (DESIGN §5). Old key tables are freed through QSBR.
#pragma once

#include <atomic>
#include <cstdint>

#include "objects/type.h"

namespace weft {

extern Type DictType;

inline bool is_dict(const Object* o) { return type_has_flag(o->ob_type, kTypeDictSubclass); }
inline bool is_dict_exact(const Object* o) { return o->ob_type == &DictType; }

Result<Ref<Object>> dict_new();
int64_t dict_size(Object* d);
// d[key] without __missing__: sets *out (new reference) and returns true, or returns false if
// absent (no exception). Errors come from the key's __hash__/__eq__.
Result<bool> dict_get_item(Object* d, Object* key, Ref<Object>* out);
// For str keys, which cannot fail to hash or compare.
Result<bool> dict_get_item_str(Object* d, Object* key, Ref<Object>* out);
Status dict_set_item(Object* d, Object* key, Object* value);
Status dict_set_item_str(Object* d, const char* key, Object* value);
// KeyError if absent.
Status dict_del_item(Object* d, Object* key);
// Removes key if present; sets *out to the value if `out` is non-null. Returns whether it was there.
Result<bool> dict_pop(Object* d, Object* key, Ref<Object>* out);
Result<bool> dict_contains(Object* d, Object* key);
Status dict_update(Object* d, Object* other);        // d.update(other) (mapping or pairs)
Status dict_merge(Object* d, Object* other, bool override_existing);  // {**a, **b} semantics
Result<Ref<Object>> dict_copy(Object* d);
Result<Ref<Object>> dict_keys_list(Object* d);       // list(d)
Result<Ref<Object>> dict_items_list(Object* d);      // list(d.items()) as tuples
void dict_clear(Object* d);

// Iteration without an iterator object, for native code: a snapshot-free walk under the dict's
// critical section. `pos` starts at 0; returns false at the end. Borrowed key/value; the caller
// must not mutate the dict during the walk.
bool dict_next_locked(Object* d, int64_t* pos, Object** key, Object** value);

// --- inline-cache support for the VM's specialised instructions (vm/specialize.h) --------------
// Implemented in objects/dict_vm.cpp. An entry index ("hint") is validated by key identity, so a
// stale hint can only miss, never return another key's value.
//
// The entry index of `key` (compared by identity, then as str) in `d`, or -1. Takes the lock.
int64_t dict_entry_index(Object* d, Object* key);
// The value slot of entry `ix` when that entry currently holds exactly `key`, else nullptr.
// Lock-free: only valid when the caller may read `d` without its lock (dict_lock_free_readable),
// and the slot may be emptied concurrently (load it with acquire; take a reference with
// containers::try_incref_compare unless the value is immortal or deferred).
std::atomic<Object*>* dict_hint_value_slot(Object* d, int64_t ix, Object* key);
// True when lock-free reads of `d` are safe for this thread (owned by it, or marked shared so
// replaced tables are freed through QSBR).
bool dict_lock_free_readable(Object* d);
// Replaces the value of entry `ix` if it holds exactly `key` (under the dict's critical
// section); the old value is released after. False (nothing changed) when the hint misses.
bool dict_hint_replace(Object* d, int64_t ix, Object* key, Object* value);
// The insertion counter of `d` (bumped whenever an entry is added or removed, not on a value
// replacement); acquire load.
uint64_t dict_version(Object* d);

}  // namespace weft
