// objects/dict_vm.cpp — dict entry "hints" for the VM's inline caches (declared in
// objects/dict.h, used by vm/specialize.cpp and the specialised instructions).
//
// Why: LOAD_GLOBAL, LOAD_ATTR and STORE_ATTR remember where a name's entry sits in a dict (its
// index in the dense entries array). A hint is only ever trusted after checking that the entry
// still holds the very same key object: keys are unique within a dict and a deleted entry has a
// null key, so "entry ix holds `key`" is exactly "this is key's live entry". Values replaced in
// place keep their entry, so hints survive assignments; a resize moves entries to new indices
// and the hint then simply misses (the instruction falls back to its generic form).
//
// Concurrency follows dict.cpp: the lock-free read is allowed only where the dict's own lock-free
// lookup is (owned by this thread or marked shared, so a replaced table is freed through QSBR);
// writes happen inside the dict's critical section with the same release stores as dict.cpp.
#include "objects/dict.h"

#include "objects/container_common.h"
#include "objects/dict_internal.h"
#include "objects/str.h"
#include "sync/critical_section.h"

namespace weft {

using dict_detail::as_dict;
using dict_detail::DictEntry;
using dict_detail::DictKeys;

bool dict_lock_free_readable(Object* d) {
  return is_owned_by_current_thread(d) || containers::is_shared(d);
}

uint64_t dict_version(Object* d) { return as_dict(d)->version.load(std::memory_order_acquire); }

int64_t dict_entry_index(Object* d, Object* key) {
  sync::CriticalSection cs{d->ob_mutex};
  DictKeys* keys = as_dict(d)->keys.load(std::memory_order_relaxed);
  if (!keys) return -1;
  DictEntry* entries = keys->entries();
  for (int64_t i = 0; i < keys->nentries; ++i) {
    if (entries[i].key.load(std::memory_order_relaxed) == key) return i;
  }
  return -1;
}

std::atomic<Object*>* dict_hint_value_slot(Object* d, int64_t ix, Object* key) {
  // acquire: pairs with the release stores of `keys` in resize / clear (dict.cpp).
  DictKeys* keys = as_dict(d)->keys.load(std::memory_order_acquire);
  if (!keys || ix >= keys->usable) return nullptr;
  DictEntry& e = keys->entries()[ix];
  // acquire: pairs with the release store of the key in append_entry.
  if (e.key.load(std::memory_order_acquire) != key) return nullptr;
  return &e.value;
}

bool dict_hint_replace(Object* d, int64_t ix, Object* key, Object* value) {
  Object* old = nullptr;
  {
    sync::CriticalSection cs{d->ob_mutex};
    DictKeys* keys = as_dict(d)->keys.load(std::memory_order_relaxed);
    if (!keys || ix >= keys->nentries) return false;
    DictEntry& e = keys->entries()[ix];
    if (e.key.load(std::memory_order_relaxed) != key) return false;
    incref(value);
    dict_detail::dict_publish_entry_locked(d, key, value);
    old = e.value.load(std::memory_order_relaxed);
    // release: pairs with the acquire load of the value in lock-free lookups.
    e.value.store(value, std::memory_order_release);
  }
  xdecref(old);
  return true;
}

}  // namespace weft
