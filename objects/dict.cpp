// objects/dict.cpp — the dict storage engine: hashing, probing, insertion, deletion, resizing.
//
// Table layout: objects/dict_internal.h (CPython's compact dict; probing with perturbation:
// i = (i*5 + perturb + 1) & mask, perturb >>= 5 each step, so every slot is eventually visited).
//
// Concurrency (DESIGN §5):
//  - Mutations happen inside the dict's critical section. Every insertion or deletion of an entry
//    bumps `version` (and a resize only happens inside an insertion), so "same version" means
//    "same table and same entries" to code that released the lock for a while.
//  - Lookups first try a lock-free read when the dict is owned by this thread or marked shared:
//    acquire-load the keys table, walk the probe sequence, try-incref the entry's key/value and
//    re-check (containers::try_incref_compare), re-validate the table pointer. Only keys whose
//    equality runs no Python code (exact str/int/float/bool/None on both sides) are compared on
//    that path; anything else, and any failed try-incref, falls back to the locked lookup.
//  - The locked lookup never runs Python code while holding the lock: when a candidate entry
//    needs a Python __eq__, it takes a reference to the candidate key, leaves the critical
//    section, compares, re-enters, and continues the probe only if `version` is unchanged
//    (otherwise it restarts). The caller's action (insert, replace, delete) then runs in that
//    same critical section, so it acts on exactly what the lookup saw.
//  - A table replaced by a resize or clear is freed through QSBR (gc::free_delayed) when the dict
//    is shared or the writer is not its owner; lock-free readers may still be walking it.
//  - References removed from the dict are released after the critical section ends.
#include "objects/dict.h"

#include <cstring>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/container_common.h"
#include "objects/dict_internal.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "sync/critical_section.h"

namespace weft {

Type DictType;

namespace dict_detail {

int64_t DictKeys::get_index(int64_t i) {
  uint8_t* t = index_table();
  // acquire: pairs with the release in set_index (the entry was written before its index).
  switch (index_bytes) {
    case 1: return std::atomic_ref<int8_t>(reinterpret_cast<int8_t*>(t)[i]).load(std::memory_order_acquire);
    case 2: return std::atomic_ref<int16_t>(reinterpret_cast<int16_t*>(t)[i]).load(std::memory_order_acquire);
    case 4: return std::atomic_ref<int32_t>(reinterpret_cast<int32_t*>(t)[i]).load(std::memory_order_acquire);
    default: return std::atomic_ref<int64_t>(reinterpret_cast<int64_t*>(t)[i]).load(std::memory_order_acquire);
  }
}

void DictKeys::set_index(int64_t i, int64_t ix) {
  uint8_t* t = index_table();
  // release: pairs with the acquire in get_index.
  switch (index_bytes) {
    case 1: std::atomic_ref<int8_t>(reinterpret_cast<int8_t*>(t)[i]).store(static_cast<int8_t>(ix), std::memory_order_release); break;
    case 2: std::atomic_ref<int16_t>(reinterpret_cast<int16_t*>(t)[i]).store(static_cast<int16_t>(ix), std::memory_order_release); break;
    case 4: std::atomic_ref<int32_t>(reinterpret_cast<int32_t*>(t)[i]).store(static_cast<int32_t>(ix), std::memory_order_release); break;
    default: std::atomic_ref<int64_t>(reinterpret_cast<int64_t*>(t)[i]).store(ix, std::memory_order_release); break;
  }
}

namespace {

constexpr int64_t kMinLog2Size = 3;  // 8 index slots, 5 entries

DictKeys* keys_of(Object* d) { return as_dict(d)->keys.load(std::memory_order_relaxed); }

DictKeys* new_keys(int64_t log2_size) {
  if (log2_size > 58) return nullptr;
  int64_t size = int64_t{1} << log2_size;
  int64_t usable = (size << 1) / 3;
  uint8_t width = usable <= 127 ? 1 : usable <= 32767 ? 2 : usable <= INT32_MAX ? 4 : 8;
  size_t index_bytes = static_cast<size_t>((size * width + 7) / 8 * 8);
  size_t bytes = sizeof(DictKeys) + index_bytes + static_cast<size_t>(usable) * sizeof(DictEntry);
  auto* k = static_cast<DictKeys*>(gc::raw_calloc(1, bytes));
  if (!k) return nullptr;
  k->log2_size = log2_size;
  k->usable = usable;
  k->nentries = 0;
  k->index_bytes = width;
  std::memset(k->index_table(), 0xff, static_cast<size_t>(size * width));  // all kEmpty
  return k;
}

void free_keys(Object* d, DictKeys* k) {
  if (!k) return;
  if (containers::is_shared(d) || !is_owned_by_current_thread(d)) gc::free_delayed(k);
  else gc::raw_free(k);
}

int64_t log2_for(int64_t minsize) {
  int64_t log2 = kMinLog2Size;
  while ((int64_t{1} << log2) < minsize && log2 < 58) ++log2;
  return log2;
}

// The first kEmpty or kDummy slot of `hash`'s probe sequence (the table has room).
int64_t find_free_slot(DictKeys* k, int64_t hash) {
  uint64_t mask = static_cast<uint64_t>(k->size() - 1);
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = static_cast<uint64_t>(hash) & mask;
  while (k->get_index(static_cast<int64_t>(i)) >= 0) {
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
  return static_cast<int64_t>(i);
}

// Appends an entry whose key is known to be absent; the table has a free entry slot. Takes
// ownership of `key` and `value`.
void append_entry(DictKeys* k, Object* key, int64_t hash, Object* value) {
  int64_t ix = k->nentries;
  DictEntry& e = k->entries()[ix];
  e.hash.store(hash, std::memory_order_relaxed);
  // release: pairs with the acquire loads of key/value in lookup_lock_free.
  e.key.store(key, std::memory_order_release);
  e.value.store(value, std::memory_order_release);
  k->set_index(find_free_slot(k, hash), ix);
  k->nentries = ix + 1;
}

void bump_version(Object* d) { as_dict(d)->version.fetch_add(1, std::memory_order_relaxed); }

// Rebuilds the table with room for `minused` items, keeping insertion order.
Status resize_locked(Object* d, int64_t minused) {
  DictKeys* old = keys_of(d);
  DictKeys* fresh = new_keys(log2_for(minused * 3 / 2 + 1 > 8 ? minused * 3 / 2 + 1 : 8));
  if (!fresh) return raise_no_memory();
  if (old) {
    DictEntry* entries = old->entries();
    for (int64_t i = 0; i < old->nentries; ++i) {
      Object* key = entries[i].key.load(std::memory_order_relaxed);
      if (!key) continue;
      append_entry(fresh, key, entries[i].hash.load(std::memory_order_relaxed),
                   entries[i].value.load(std::memory_order_relaxed));
    }
  }
  // release: pairs with the acquire load of `keys` in lookup_lock_free.
  as_dict(d)->keys.store(fresh, std::memory_order_release);
  free_keys(d, old);
  return ok();
}

// Inserts a key known to be absent (under the lock, or into a dict nobody else sees yet).
}  // namespace

// Entries of a shared dict must outlive lock-free readers (containers::mark_maybe_weakref).
// Dict lock held.
void dict_publish_entry_locked(Object* d, Object* key, Object* value) {
  if (!containers::is_shared(d)) return;
  containers::mark_maybe_weakref(key);
  containers::mark_maybe_weakref(value);
}

namespace {

// The dict becomes visible to other threads' lock-free reads: mark it and every entry.
// Dict lock held.
void mark_dict_shared_locked(Object* d) {
  if (containers::is_shared(d)) return;
  containers::mark_shared_locked(d);
  DictKeys* k = keys_of(d);
  if (!k) return;
  DictEntry* entries = k->entries();
  for (int64_t i = 0; i < k->nentries; ++i) {
    Object* key = entries[i].key.load(std::memory_order_relaxed);
    Object* value = entries[i].value.load(std::memory_order_relaxed);
    if (key) containers::mark_maybe_weakref(key);
    if (value) containers::mark_maybe_weakref(value);
  }
}

Status insert_absent_locked(Object* d, Object* key, int64_t hash, Object* value) {
  DictKeys* k = keys_of(d);
  if (!k || k->nentries >= k->usable) {
    TRY(resize_locked(d, as_dict(d)->used.load(std::memory_order_relaxed) * 2 + 1));
    k = keys_of(d);
  }
  dict_publish_entry_locked(d, key, value);
  append_entry(k, new_ref(key).release(), hash, new_ref(value).release());
  as_dict(d)->used.fetch_add(1, std::memory_order_relaxed);
  bump_version(d);
  return ok();
}

using containers::is_plain_key;

// Probe state carried across the unlocked comparisons of the locked lookup.
struct Probe {
  DictKeys* keys = nullptr;
  uint64_t version = 0;
  uint64_t i = 0;
  uint64_t perturb = 0;
  void start(Object* d, int64_t hash) {
    keys = keys_of(d);
    version = as_dict(d)->version.load(std::memory_order_relaxed);
    perturb = static_cast<uint64_t>(hash);
    i = keys ? static_cast<uint64_t>(hash) & static_cast<uint64_t>(keys->size() - 1) : 0;
  }
  void advance() {
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & static_cast<uint64_t>(keys->size() - 1);
  }
};

enum class ProbeResult { Found, Absent, NeedCompare };

// Continues `p` under the lock. Found: *slot/*ix locate the entry. NeedCompare: *candidate holds
// a new reference to an entry key that needs a Python comparison, at *slot/*ix; the probe has
// been advanced past it.
Result<ProbeResult> probe_locked(Probe& p, Object* key, int64_t hash, int64_t* slot,
                                 int64_t* ix, Ref<Object>* candidate) {
  if (!p.keys) return ProbeResult::Absent;
  DictEntry* entries = p.keys->entries();
  for (;;) {
    int64_t index = p.keys->get_index(static_cast<int64_t>(p.i));
    if (index == kEmpty) return ProbeResult::Absent;
    if (index >= 0) {
      DictEntry& e = entries[index];
      Object* k = e.key.load(std::memory_order_relaxed);
      if (k == key) {
        *slot = static_cast<int64_t>(p.i);
        *ix = index;
        return ProbeResult::Found;
      }
      if (k && e.hash.load(std::memory_order_relaxed) == hash) {
        if (is_plain_key(k) && is_plain_key(key)) {
          if (TRY(objects_equal(k, key))) {
            *slot = static_cast<int64_t>(p.i);
            *ix = index;
            return ProbeResult::Found;
          }
        } else {
          *candidate = containers::new_ref_with_lock(k);
          *slot = static_cast<int64_t>(p.i);
          *ix = index;
          p.advance();
          return ProbeResult::NeedCompare;
        }
      }
    }
    p.advance();
  }
}

// Runs the locked lookup of `key` and then `action(found, slot, ix)` inside the same critical
// section (see the file comment). `action` returns Status.
template <class Action>
Status with_lookup_locked(Object* d, Object* key, int64_t hash, Action&& action) {
  Probe p;
  bool fresh = true;
  bool pending_equal = false;
  int64_t slot = -1, ix = -1;
  for (;;) {
    Ref<Object> candidate;  // declared before the section: released after it
    {
      sync::CriticalSection cs{d->ob_mutex};
      if (!is_owned_by_current_thread(d)) mark_dict_shared_locked(d);
      if (fresh || as_dict(d)->version.load(std::memory_order_relaxed) != p.version) {
        p.start(d, hash);
        pending_equal = false;
      }
      fresh = false;
      if (pending_equal) return action(true, slot, ix);
      ProbeResult r = TRY(probe_locked(p, key, hash, &slot, &ix, &candidate));
      if (r == ProbeResult::Found) return action(true, slot, ix);
      if (r == ProbeResult::Absent) return action(false, -1, -1);
    }
    pending_equal = TRY(objects_equal(candidate.get(), key));
  }
}

// The lock-free lookup. Returns Found/Absent, or nullopt-like "Retry" (use the locked path).
enum class FastResult { Found, Absent, UseLock };

FastResult lookup_lock_free(Object* d, Object* key, int64_t hash, Ref<Object>* out) {
  // acquire: pairs with the release stores of `keys` in resize_locked / dict_clear.
  DictKeys* keys = as_dict(d)->keys.load(std::memory_order_acquire);
  if (!keys) return FastResult::Absent;
  bool plain = is_plain_key(key);
  uint64_t mask = static_cast<uint64_t>(keys->size() - 1);
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = static_cast<uint64_t>(hash) & mask;
  DictEntry* entries = keys->entries();
  for (;;) {
    int64_t index = keys->get_index(static_cast<int64_t>(i));
    if (index == kEmpty) return FastResult::Absent;
    if (index >= 0) {
      DictEntry& e = entries[index];
      // acquire: pairs with the release store in append_entry.
      Object* k = e.key.load(std::memory_order_acquire);
      bool match = k == key;
      if (!match && k && e.hash.load(std::memory_order_relaxed) == hash) {
        if (!plain) return FastResult::UseLock;
        // Take a reference before looking at the candidate (it may be concurrently released).
        if (!containers::try_incref_compare(&e.key, k)) return FastResult::UseLock;
        if (!is_plain_key(k)) {
          decref(k);
          return FastResult::UseLock;
        }
        Result<bool> eq = objects_equal(k, key);
        decref(k);
        if (eq.is_error()) {
          clear_error();  // plain keys cannot really fail; let the locked path decide
          return FastResult::UseLock;
        }
        match = eq.value();
      }
      if (match) {
        // acquire: pairs with the release stores of values (append_entry, replace).
        Object* v = e.value.load(std::memory_order_acquire);
        if (!v || !containers::try_incref_compare(&e.value, v)) return FastResult::UseLock;
        // acquire: pairs with the release store of `keys` in resize_locked / dict_clear.
        if (as_dict(d)->keys.load(std::memory_order_acquire) != keys) {
          decref(v);
          return FastResult::UseLock;
        }
        *out = Ref<Object>::steal(v);
        return FastResult::Found;
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

// Detaches entry `ix` at index slot `slot`; the caller owns the returned key and value.
void delete_entry_locked(Object* d, int64_t slot, int64_t ix, Ref<Object>* key,
                         Ref<Object>* value) {
  DictKeys* k = keys_of(d);
  DictEntry& e = k->entries()[ix];
  k->set_index(slot, kDummy);
  *key = Ref<Object>::steal(e.key.load(std::memory_order_relaxed));
  *value = Ref<Object>::steal(e.value.load(std::memory_order_relaxed));
  // release: pairs with the acquire re-check in try_incref_compare.
  e.key.store(nullptr, std::memory_order_release);
  e.value.store(nullptr, std::memory_order_release);
  as_dict(d)->used.fetch_sub(1, std::memory_order_relaxed);
  bump_version(d);
}

}  // namespace

Result<int64_t> key_hash(Object* key) {
  if (is_str_exact(key)) return str_hash(key);
  Result<int64_t> hash = object_hash(key);
  if (hash.is_error()) return containers::rewrap_unhashable(key, "dict key");
  return hash;
}

Result<bool> lookup(Object* d, Object* key, int64_t hash, Ref<Object>* out) {
  if (is_owned_by_current_thread(d) || containers::is_shared(d)) {
    FastResult r = lookup_lock_free(d, key, hash, out);
    if (r == FastResult::Found) return true;
    if (r == FastResult::Absent) return false;
  }
  bool found = false;
  TRY(with_lookup_locked(d, key, hash, [&](bool hit, int64_t, int64_t ix) -> Status {
    if (hit) {
      Object* v = keys_of(d)->entries()[ix].value.load(std::memory_order_relaxed);
      *out = containers::new_ref_with_lock(v);
      found = true;
    }
    return ok();
  }));
  return found;
}

Status insert(Object* d, Object* key, int64_t hash, Object* value) {
  Ref<Object> old;  // the replaced value, released after the critical section
  return with_lookup_locked(d, key, hash, [&](bool hit, int64_t, int64_t ix) -> Status {
    if (!hit) return insert_absent_locked(d, key, hash, value);
    DictEntry& e = keys_of(d)->entries()[ix];
    old = Ref<Object>::steal(e.value.load(std::memory_order_relaxed));
    dict_publish_entry_locked(d, e.key.load(std::memory_order_relaxed), value);
    // release: pairs with the acquire load of the value in lookup_lock_free.
    e.value.store(new_ref(value).release(), std::memory_order_release);
    return ok();
  });
}

Result<bool> remove(Object* d, Object* key, int64_t hash, Ref<Object>* out) {
  Ref<Object> old_key, old_value;  // released after the critical section
  bool found = false;
  TRY(with_lookup_locked(d, key, hash, [&](bool hit, int64_t slot, int64_t ix) -> Status {
    if (hit) {
      delete_entry_locked(d, slot, ix, &old_key, &old_value);
      found = true;
    }
    return ok();
  }));
  if (found && out) *out = std::move(old_value);
  return found;
}

Result<Ref<Object>> set_default(Object* d, Object* key, int64_t hash, Object* dflt) {
  Ref<Object> result;
  TRY(with_lookup_locked(d, key, hash, [&](bool hit, int64_t, int64_t ix) -> Status {
    if (hit) {
      result = containers::new_ref_with_lock(
          keys_of(d)->entries()[ix].value.load(std::memory_order_relaxed));
      return ok();
    }
    TRY(insert_absent_locked(d, key, hash, dflt));
    result = new_ref(dflt);
    return ok();
  }));
  return result;
}

bool next_entry(Object* d, int64_t* pos, Ref<Object>* key, Ref<Object>* value) {
  sync::CriticalSection cs{d->ob_mutex};
  DictKeys* k = keys_of(d);
  if (!k) return false;
  DictEntry* entries = k->entries();
  for (int64_t i = *pos; i < k->nentries; ++i) {
    Object* kk = entries[i].key.load(std::memory_order_relaxed);
    if (!kk) continue;
    if (key) *key = containers::new_ref_with_lock(kk);
    if (value) *value = containers::new_ref_with_lock(entries[i].value.load(std::memory_order_relaxed));
    *pos = i + 1;
    return true;
  }
  *pos = k->nentries;
  return false;
}

bool prev_entry(Object* d, int64_t* pos, Ref<Object>* key, Ref<Object>* value) {
  sync::CriticalSection cs{d->ob_mutex};
  DictKeys* k = keys_of(d);
  if (!k) return false;
  DictEntry* entries = k->entries();
  for (int64_t i = (*pos < k->nentries ? *pos : k->nentries) - 1; i >= 0; --i) {
    Object* kk = entries[i].key.load(std::memory_order_relaxed);
    if (!kk) continue;
    if (key) *key = containers::new_ref_with_lock(kk);
    if (value) *value = containers::new_ref_with_lock(entries[i].value.load(std::memory_order_relaxed));
    *pos = i;
    return true;
  }
  *pos = 0;
  return false;
}

int64_t entry_count(Object* d) {
  sync::CriticalSection cs{d->ob_mutex};
  DictKeys* k = keys_of(d);
  return k ? k->nentries : 0;
}

Result<Ref<Object>> pop_last_item(Object* d) {
  Ref<Object> key, value;
  {
    sync::CriticalSection cs{d->ob_mutex};
    DictKeys* k = keys_of(d);
    int64_t ix = k ? k->nentries - 1 : -1;
    while (ix >= 0 && !k->entries()[ix].key.load(std::memory_order_relaxed)) --ix;
    if (ix < 0) return raise(exc::KeyError, "popitem(): dictionary is empty");
    // Find the index slot that points at entry ix by probing its hash.
    int64_t hash = k->entries()[ix].hash.load(std::memory_order_relaxed);
    uint64_t mask = static_cast<uint64_t>(k->size() - 1);
    uint64_t perturb = static_cast<uint64_t>(hash);
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    while (k->get_index(static_cast<int64_t>(i)) != ix) {
      perturb >>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
    delete_entry_locked(d, static_cast<int64_t>(i), ix, &key, &value);
    // Entries after the last live one are reusable: popitem() in a loop stays O(1) each.
    k->nentries = ix;
  }
  return tuple_pack({key.get(), value.get()});
}

Result<Ref<Object>> alloc(Type* type) {
  size_t size = type == &DictType ? sizeof(DictObject) : static_cast<size_t>(type->basicsize);
  Ref<DictObject> d = TRY(new_object<DictObject>(type, size));
  return Ref<Object>(std::move(d));
}

}  // namespace dict_detail

using namespace dict_detail;

// --- public API (objects/dict.h) ------------------------------------------------------------------

Result<Ref<Object>> dict_new() { return dict_detail::alloc(&DictType); }

int64_t dict_size(Object* d) { return as_dict(d)->used.load(std::memory_order_relaxed); }

Result<bool> dict_get_item(Object* d, Object* key, Ref<Object>* out) {
  int64_t hash = TRY(key_hash(key));
  return lookup(d, key, hash, out);
}

Result<bool> dict_get_item_str(Object* d, Object* key, Ref<Object>* out) {
  return lookup(d, key, str_hash(key), out);
}

Status dict_set_item(Object* d, Object* key, Object* value) {
  int64_t hash = TRY(key_hash(key));
  return insert(d, key, hash, value);
}

Status dict_set_item_str(Object* d, const char* key, Object* value) {
  Ref<Object> k = TRY(str_from_utf8(key));
  return insert(d, k.get(), str_hash(k.get()), value);
}

Status dict_del_item(Object* d, Object* key) {
  int64_t hash = TRY(key_hash(key));
  if (!TRY(remove(d, key, hash, nullptr))) return raise_with_value(exc::KeyError, key);
  return ok();
}

Result<bool> dict_pop(Object* d, Object* key, Ref<Object>* out) {
  if (dict_size(d) == 0) return false;  // like CPython: no hashing, so no TypeError, when empty
  int64_t hash = TRY(key_hash(key));
  return remove(d, key, hash, out);
}

Result<bool> dict_contains(Object* d, Object* key) {
  Ref<Object> v;
  return dict_get_item(d, key, &v);
}

void dict_clear(Object* d) {
  DictKeys* old;
  {
    sync::CriticalSection cs{d->ob_mutex};
    old = as_dict(d)->keys.load(std::memory_order_relaxed);
    // release: pairs with the acquire load of `keys` in lookup_lock_free.
    as_dict(d)->keys.store(nullptr, std::memory_order_release);
    as_dict(d)->used.store(0, std::memory_order_relaxed);
    as_dict(d)->version.fetch_add(1, std::memory_order_relaxed);
  }
  if (!old) return;
  DictEntry* entries = old->entries();
  for (int64_t i = 0; i < old->nentries; ++i) {
    xdecref(entries[i].key.load(std::memory_order_relaxed));
    xdecref(entries[i].value.load(std::memory_order_relaxed));
  }
  free_keys(d, old);
}

bool dict_next_locked(Object* d, int64_t* pos, Object** key, Object** value) {
  DictKeys* k = keys_of(d);
  if (!k) return false;
  DictEntry* entries = k->entries();
  for (int64_t i = *pos; i < k->nentries; ++i) {
    Object* kk = entries[i].key.load(std::memory_order_relaxed);
    if (!kk) continue;
    if (key) *key = kk;
    if (value) *value = entries[i].value.load(std::memory_order_relaxed);
    *pos = i + 1;
    return true;
  }
  return false;
}

// A snapshot of (key, hash, value) triples taken under the source's lock, so merging a dict
// into another never holds two dict locks and never re-hashes.
namespace {
struct ItemSnapshot {
  containers::ObjectBuffer keys, values;
  int64_t* hashes = nullptr;
  ~ItemSnapshot() { gc::raw_free(hashes); }
};

Status snapshot_items(Object* d, ItemSnapshot* s) {
  sync::CriticalSection cs{d->ob_mutex};
  int64_t n = dict_size(d);
  TRY(s->keys.reserve(n));
  TRY(s->values.reserve(n));
  s->hashes = static_cast<int64_t*>(gc::raw_alloc(static_cast<size_t>(n > 0 ? n : 1) * sizeof(int64_t)));
  if (!s->hashes) return raise_no_memory();
  DictKeys* k = keys_of(d);
  if (!k) return ok();
  DictEntry* entries = k->entries();
  int64_t j = 0;
  for (int64_t i = 0; i < k->nentries; ++i) {
    Object* kk = entries[i].key.load(std::memory_order_relaxed);
    if (!kk) continue;
    s->keys.push_owned_reserved(containers::new_ref_with_lock(kk).release());
    s->values.push_owned_reserved(
        containers::new_ref_with_lock(entries[i].value.load(std::memory_order_relaxed)).release());
    s->hashes[j++] = entries[i].hash.load(std::memory_order_relaxed);
  }
  return ok();
}
}  // namespace

Result<Ref<Object>> dict_copy(Object* d) {
  Ref<Object> out = TRY(dict_new());
  ItemSnapshot s;
  TRY(snapshot_items(d, &s));
  if (s.keys.size() > 0) {
    sync::CriticalSection cs{out->ob_mutex};
    TRY(resize_locked(out.get(), s.keys.size()));
    for (int64_t i = 0; i < s.keys.size(); ++i)
      TRY(insert_absent_locked(out.get(), s.keys[i], s.hashes[i], s.values[i]));
  }
  return out;
}

Status dict_merge(Object* d, Object* other, bool override_existing) {
  if (is_dict(other) && type_of(other)->iter == DictType.iter) {
    if (other == d) return ok();
    ItemSnapshot s;
    TRY(snapshot_items(other, &s));
    for (int64_t i = 0; i < s.keys.size(); ++i) {
      if (!override_existing) {
        Ref<Object> existing;
        if (TRY(lookup(d, s.keys[i], s.hashes[i], &existing))) continue;
      }
      TRY(insert(d, s.keys[i], s.hashes[i], s.values[i]));
    }
    return ok();
  }
  // A generic mapping: for k in other.keys(): d[k] = other[k]
  Ref<Object> keys = TRY(call_method(other, "keys", nullptr, 0));
  Ref<Object> it = TRY(get_iter(keys.get()));
  for (;;) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) break;
    Ref<Object> key = next.release_value();
    int64_t hash = TRY(key_hash(key.get()));
    if (!override_existing) {
      Ref<Object> existing;
      if (TRY(lookup(d, key.get(), hash, &existing))) continue;
    }
    Ref<Object> value = TRY(get_item(other, key.get()));
    TRY(insert(d, key.get(), hash, value.get()));
  }
  return ok();
}

Result<Ref<Object>> dict_keys_list(Object* d) {
  ItemSnapshot s;
  TRY(snapshot_items(d, &s));
  return list_from_array(s.keys.data(), s.keys.size());
}

Result<Ref<Object>> dict_items_list(Object* d) {
  ItemSnapshot s;
  TRY(snapshot_items(d, &s));
  Ref<Object> out = TRY(list_new(s.keys.size()));
  for (int64_t i = 0; i < s.keys.size(); ++i) {
    Ref<Object> pair = TRY(tuple_pack({s.keys[i], s.values[i]}));
    TRY(list_append(out.get(), pair.get()));
  }
  return out;
}

}  // namespace weft
