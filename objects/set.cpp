// objects/set.cpp — the set/frozenset hash table: open addressing over (key, hash) slots,
// CPython's perturbed probe sequence, deleted slots marked with a dummy key, resize when the
// table is 3/5 full (live + deleted).
//
// Concurrency: every access to the table, reads included, happens inside the set's critical
// section (CPython's free-threaded set does the same), so tables are freed immediately. Python
// code never runs under the lock: when a probe meets a candidate key whose __eq__ might run Python
// code, the lookup takes a reference to it, leaves the section, compares, re-enters and goes on
// only if `version` (bumped by every add and remove) is unchanged; otherwise it starts over.
// Keys removed from the table are released after the section ends.
#include "objects/set.h"

#include <cstring>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/set_internal.h"
#include "objects/str.h"
#include "sync/critical_section.h"

namespace weft::set_detail {

namespace {

// The deleted-slot marker: a distinct static address, never handed out or refcounted.
Object dummy_storage;

constexpr int64_t kMinSize = 8;

void bump(Object* s) { as_set(s)->version.fetch_add(1, std::memory_order_relaxed); }

// CPython's set probe order: from i = hash & mask, look at up to LINEAR_PROBES (9) following
// slots when they fit before the end of the table, then jump with the perturbed recurrence.
// Matching it keeps iteration order (and so repr) identical to CPython's for the same inserts.
struct ProbeSeq {
  static constexpr uint64_t kLinearProbes = 9;
  uint64_t mask = 0, i = 0, cur = 0, perturb = 0, left = 0;
  void start(int64_t table_mask, int64_t hash) {
    mask = static_cast<uint64_t>(table_mask);
    perturb = static_cast<uint64_t>(hash);
    i = cur = static_cast<uint64_t>(hash) & mask;
    left = i + kLinearProbes <= mask ? kLinearProbes : 0;
  }
  void advance() {
    if (left > 0) {
      --left;
      ++cur;
      return;
    }
    perturb >>= 5;
    i = (i * 5 + 1 + perturb) & mask;
    cur = i;
    left = i + kLinearProbes <= mask ? kLinearProbes : 0;
  }
};

// Slot index of the first never-used slot on `hash`'s probe sequence (clean tables only).
int64_t unused_slot(SetEntry* table, int64_t mask, int64_t hash) {
  ProbeSeq p;
  p.start(mask, hash);
  while (table[p.cur].key) p.advance();
  return static_cast<int64_t>(p.cur);
}

Status resize_locked(Object* s, int64_t minused) {
  SetObject* so = as_set(s);
  int64_t size = kMinSize;
  while (size <= minused) size <<= 1;
  auto* table = static_cast<SetEntry*>(gc::raw_calloc(static_cast<size_t>(size), sizeof(SetEntry)));
  if (!table) return raise_no_memory();
  int64_t used = 0;
  if (so->table) {
    for (int64_t i = 0; i <= so->mask; ++i) {
      SetEntry& e = so->table[i];
      if (!e.key || e.key == &dummy_storage) continue;
      table[unused_slot(table, size - 1, e.hash)] = e;
      ++used;
    }
    gc::raw_free(so->table);  // readers hold the lock: no deferred free needed
  }
  so->table = table;
  so->mask = size - 1;
  so->fill = used;
  return ok();
}

// Adds a key known to be absent, under the lock (or to a set nobody else sees yet): into the
// first dummy slot of its probe sequence if any, else the first unused one, then grows the
// table once it is 3/5 full, as CPython's set_add_entry does.
Status insert_absent_locked(Object* s, Object* key, int64_t hash) {
  SetObject* so = as_set(s);
  if (!so->table) TRY(resize_locked(s, 0));
  ProbeSeq p;
  p.start(so->mask, hash);
  while (so->table[p.cur].key && so->table[p.cur].key != &dummy_storage) p.advance();
  SetEntry& e = so->table[p.cur];
  bool unused = e.key == nullptr;
  e.key = new_ref(key).release();
  e.hash = hash;
  so->used.fetch_add(1, std::memory_order_relaxed);
  bump(s);
  if (!unused) return ok();
  ++so->fill;
  if (so->fill * 5 < so->mask * 3) return ok();
  int64_t used = so->used.load(std::memory_order_relaxed);
  return resize_locked(s, used > 50000 ? used * 2 : used * 4);
}

struct Probe {
  uint64_t version = 0;
  ProbeSeq seq;
  void start(Object* s, int64_t hash) {
    version = as_set(s)->version.load(std::memory_order_relaxed);
    seq.start(as_set(s)->mask, hash);
  }
};

enum class ProbeResult { Found, Absent, NeedCompare };

Result<ProbeResult> probe_locked(Object* s, Probe& p, Object* key, int64_t hash, int64_t* slot,
                                 Ref<Object>* candidate) {
  SetObject* so = as_set(s);
  if (!so->table) return ProbeResult::Absent;
  for (;;) {
    SetEntry& e = so->table[p.seq.cur];
    if (!e.key) return ProbeResult::Absent;
    if (e.key != &dummy_storage) {
      if (e.key == key) {
        *slot = static_cast<int64_t>(p.seq.cur);
        return ProbeResult::Found;
      }
      if (e.hash == hash) {
        if (containers::is_plain_key(e.key) && containers::is_plain_key(key)) {
          if (TRY(objects_equal(e.key, key))) {
            *slot = static_cast<int64_t>(p.seq.cur);
            return ProbeResult::Found;
          }
        } else {
          *candidate = new_ref(e.key);
          *slot = static_cast<int64_t>(p.seq.cur);
          p.seq.advance();
          return ProbeResult::NeedCompare;
        }
      }
    }
    p.seq.advance();
  }
}

// Locked lookup, then action(found, slot) in the same critical section (see the file comment).
template <class Action>
Status with_lookup_locked(Object* s, Object* key, int64_t hash, Action&& action) {
  Probe p;
  bool fresh = true;
  bool pending_equal = false;
  int64_t slot = -1;
  for (;;) {
    Ref<Object> candidate;  // released after the section
    {
      sync::CriticalSection cs{s->ob_mutex};
      if (fresh || as_set(s)->version.load(std::memory_order_relaxed) != p.version) {
        p.start(s, hash);
        pending_equal = false;
      }
      fresh = false;
      if (pending_equal) return action(true, slot);
      ProbeResult r = TRY(probe_locked(s, p, key, hash, &slot, &candidate));
      if (r == ProbeResult::Found) return action(true, slot);
      if (r == ProbeResult::Absent) return action(false, -1);
    }
    pending_equal = TRY(objects_equal(candidate.get(), key));
  }
}

}  // namespace

Object* dummy() { return &dummy_storage; }

Result<Ref<Object>> alloc(Type* type) {
  Ref<SetObject> s = TRY(new_object<SetObject>(type, static_cast<size_t>(type->basicsize)));
  s->frozen_hash = -1;
  return Ref<Object>(std::move(s));
}

Result<bool> add(Object* s, Object* key, int64_t hash) {
  bool added = false;
  TRY(with_lookup_locked(s, key, hash, [&](bool found, int64_t) -> Status {
    if (found) return ok();
    added = true;
    return insert_absent_locked(s, key, hash);
  }));
  return added;
}

Result<bool> contains(Object* s, Object* key, int64_t hash) {
  bool result = false;
  TRY(with_lookup_locked(s, key, hash, [&](bool found, int64_t) -> Status {
    result = found;
    return ok();
  }));
  return result;
}

Result<bool> discard(Object* s, Object* key, int64_t hash) {
  Ref<Object> removed;  // released after the section
  TRY(with_lookup_locked(s, key, hash, [&](bool found, int64_t slot) -> Status {
    if (!found) return ok();
    SetEntry& e = as_set(s)->table[slot];
    removed = Ref<Object>::steal(e.key);
    e.key = &dummy_storage;
    as_set(s)->used.fetch_sub(1, std::memory_order_relaxed);
    bump(s);
    return ok();
  }));
  return bool(removed);
}

Snapshot::~Snapshot() { gc::raw_free(hashes); }

Status snapshot(Object* s, Snapshot* out) {
  sync::CriticalSection cs{s->ob_mutex};
  SetObject* so = as_set(s);
  int64_t n = so->used.load(std::memory_order_relaxed);
  TRY(out->keys.reserve(n));
  out->hashes = static_cast<int64_t*>(gc::raw_alloc(static_cast<size_t>(n > 0 ? n : 1) * sizeof(int64_t)));
  if (!out->hashes) return raise_no_memory();
  if (!so->table) return ok();
  int64_t j = 0;
  for (int64_t i = 0; i <= so->mask; ++i) {
    SetEntry& e = so->table[i];
    if (!e.key || e.key == &dummy_storage) continue;
    out->keys.push_borrowed_reserved(e.key);
    out->hashes[j++] = e.hash;
  }
  return ok();
}

Result<int64_t> element_hash(Object* key) {
  if (is_str_exact(key)) return str_hash(key);
  Result<int64_t> hash = object_hash(key);
  if (hash.is_error()) return containers::rewrap_unhashable(key, "set element");
  return hash;
}

Status snapshot_iterable(Object* iterable, Snapshot* out, bool plain_unhashable) {
  if (is_anyset(iterable)) return snapshot(iterable, out);
  Ref<Object> it = TRY(get_iter(iterable));
  int64_t capacity = 0;
  for (;;) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) break;
    Ref<Object> key = next.release_value();
    int64_t hash = TRY(plain_unhashable ? object_hash(key.get()) : element_hash(key.get()));
    if (out->keys.size() == capacity) {
      capacity = capacity < 8 ? 8 : capacity * 2;
      TRY(out->keys.reserve(capacity));
      void* p = gc::raw_realloc(out->hashes, static_cast<size_t>(capacity) * sizeof(int64_t));
      if (!p) return raise_no_memory();
      out->hashes = static_cast<int64_t*>(p);
    }
    out->hashes[out->keys.size()] = hash;
    out->keys.push_owned_reserved(key.release());
  }
  return ok();
}

bool next_key(Object* s, int64_t* pos, Ref<Object>* key) {
  sync::CriticalSection cs{s->ob_mutex};
  SetObject* so = as_set(s);
  if (!so->table) return false;
  for (int64_t i = *pos; i <= so->mask; ++i) {
    SetEntry& e = so->table[i];
    if (!e.key || e.key == &dummy_storage) continue;
    *key = new_ref(e.key);
    *pos = i + 1;
    return true;
  }
  *pos = so->mask + 1;
  return false;
}

Result<Ref<Object>> pop(Object* s) {
  Ref<Object> key;
  sync::CriticalSection cs{s->ob_mutex};
  SetObject* so = as_set(s);
  if (so->used.load(std::memory_order_relaxed) == 0)
    return raise(exc::KeyError, "pop from an empty set");
  int64_t i = so->finger & so->mask;
  while (!so->table[i].key || so->table[i].key == &dummy_storage) i = (i + 1) & so->mask;
  key = Ref<Object>::steal(so->table[i].key);
  so->table[i].key = &dummy_storage;
  so->used.fetch_sub(1, std::memory_order_relaxed);
  so->finger = i + 1;
  bump(s);
  return key;
}

void clear(Object* s) {
  SetEntry* table;
  int64_t mask;
  {
    sync::CriticalSection cs{s->ob_mutex};
    SetObject* so = as_set(s);
    table = so->table;
    mask = so->mask;
    so->table = nullptr;
    so->mask = 0;
    so->fill = 0;
    so->used.store(0, std::memory_order_relaxed);
    bump(s);
  }
  if (!table) return;
  for (int64_t i = 0; i <= mask; ++i)
    if (table[i].key && table[i].key != &dummy_storage) decref(table[i].key);
  gc::raw_free(table);
}

}  // namespace weft::set_detail
