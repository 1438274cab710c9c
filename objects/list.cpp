// objects/list.cpp — list storage and the core list operations.
//
// Layout: ListObject { ob_size, items -> ListItems { capacity, items[capacity] } }.
//
// Thread safety (DESIGN §5, CPython's free-threaded listobject.c):
//  - Every mutation runs inside the list's critical section (sync::CriticalSection on ob_mutex).
//  - Readers of a single item do not lock: they acquire-load ob_size, the array pointer and the
//    slot, bounds-check against the capacity recorded in *the array they loaded*, try-incref the
//    item and re-check the slot (containers::try_incref_compare). Any failure falls back to the
//    locked path, which also marks the list shared (kGcShared).
//  - Writers publish with release stores: item slots first, then ob_size; a replaced array is
//    published before the old one is freed. Old arrays of a list that another thread may read
//    (kGcShared, or the writer is not the owner) are freed through QSBR (gc::free_delayed).
//  - Slots at or beyond ob_size are kept null, so a reader holding a stale size sees null (and
//    falls back to the lock) rather than a pointer to a released item.
//  - References removed from the list are dropped after the critical section ends: a __del__ or
//    __eq__ that runs from a decref may use the list again.
// The sort sentinel: during list.sort() the list is empty and its array pointer is the static
// kSortingItems; any mutation during the sort replaces or clears it, which the sort detects
// ("list modified during sort").
#include "objects/list.h"

#include <cstring>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/container_common.h"
#include "objects/int.h"
#include "objects/list_internal.h"
#include "objects/list_sort.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "sync/critical_section.h"

namespace weft {

using containers::atomic_slot;
using containers::ObjectBuffer;
using list_detail::as_list;

namespace {

ListItems kSortingItems{0, {nullptr}};

constexpr int64_t kMaxListSize = (int64_t{1} << 60) / static_cast<int64_t>(sizeof(Object*));

ListItems* items_of(Object* l) { return as_list(l)->items.load(std::memory_order_relaxed); }
Object** slots_locked(Object* l) {
  ListItems* a = items_of(l);
  return a ? a->items : nullptr;
}
int64_t capacity_locked(Object* l) {
  ListItems* a = items_of(l);
  return a ? a->capacity : 0;
}
void set_size(Object* l, int64_t n) {
  // release: pairs with the acquire load of ob_size in get_item_or_null.
  as_list(l)->ob_size.store(n, std::memory_order_release);
}
void store_slot(Object** slot, Object* value) {
  // release: pairs with the acquire load of the slot in get_item_or_null.
  atomic_slot(slot)->store(value, std::memory_order_release);
}

// A new item enters the list: in a shared list it must outlive lock-free readers (see
// containers::mark_maybe_weakref). List lock held.
void publish_item_locked(Object* l, Object* item) {
  if (item && containers::is_shared(l)) containers::mark_maybe_weakref(item);
}

// The list becomes visible to other threads' lock-free reads. List lock held.
void mark_list_shared_locked(Object* l) {
  if (containers::is_shared(l)) return;
  containers::mark_shared_locked(l);
  Object** slots = slots_locked(l);
  for (int64_t k = 0, n = list_size(l); k < n; ++k) containers::mark_maybe_weakref(slots[k]);
}

ListItems* alloc_items(int64_t capacity) {
  if (capacity > kMaxListSize) return nullptr;
  size_t bytes = offsetof(ListItems, items) + static_cast<size_t>(capacity) * sizeof(Object*);
  auto* a = static_cast<ListItems*>(gc::raw_calloc(1, bytes));
  if (a) a->capacity = capacity;
  return a;
}

// Frees an array that was just unpublished from `l`.
void free_items(Object* l, ListItems* a) {
  if (!a || a == &kSortingItems) return;
  if (containers::is_shared(l) || !is_owned_by_current_thread(l)) gc::free_delayed(a);
  else gc::raw_free(a);
}

// Replaces the array by one of `capacity` slots holding the first `keep` items.
Status reallocate_locked(Object* l, int64_t capacity, int64_t keep) {
  ListItems* old = items_of(l);
  ListItems* fresh = nullptr;
  if (capacity > 0) {
    fresh = alloc_items(capacity);
    if (!fresh) return raise_no_memory();
    if (keep > 0) std::memcpy(fresh->items, old->items, static_cast<size_t>(keep) * sizeof(Object*));
  }
  // release: pairs with the acquire load of `items` in get_item_or_null.
  as_list(l)->items.store(fresh, std::memory_order_release);
  free_items(l, old);
  return ok();
}

// Makes room for `newsize` items (CPython's over-allocation pattern: ~1/8 extra plus 6, rounded
// to a multiple of 4). Does not change ob_size; the first min(size, newsize) items are kept.
Status reserve_locked(Object* l, int64_t newsize) {
  int64_t allocated = capacity_locked(l);
  int64_t size = list_size(l);
  if (allocated >= newsize && newsize >= (allocated >> 1) && items_of(l) != &kSortingItems)
    return ok();
  if (newsize > kMaxListSize) return raise_no_memory();
  int64_t capacity = (newsize + (newsize >> 3) + 6) & ~int64_t{3};
  if (newsize - size > capacity - newsize) capacity = (newsize + 3) & ~int64_t{3};
  if (newsize == 0) capacity = 0;
  return reallocate_locked(l, capacity, size < newsize ? size : newsize);
}

Status append_locked(Object* l, Object* item) {
  int64_t n = list_size(l);
  if (n >= capacity_locked(l) || items_of(l) == &kSortingItems) TRY(reserve_locked(l, n + 1));
  incref(item);
  publish_item_locked(l, item);
  store_slot(&slots_locked(l)[n], item);
  set_size(l, n + 1);
  return ok();
}

// The locked fallback of the lock-free read.
Ref<Object> get_item_locked_path(Object* l, int64_t i) {
  sync::CriticalSection cs{l->ob_mutex};
  mark_list_shared_locked(l);
  if (i >= list_size(l)) return nullptr;
  return containers::new_ref_with_lock(slots_locked(l)[i]);
}

Result<Ref<Object>> as_tuple_locked(Object* l) {
  int64_t n = list_size(l);
  Ref<Object> t = TRY(tuple_new(n));
  Object** slots = slots_locked(l);
  for (int64_t i = 0; i < n; ++i) tuple_init_item(t.get(), i, new_ref(slots[i]));
  return t;
}

}  // namespace

namespace list_detail {

Ref<Object> get_item_or_null(Object* l, int64_t i) {
  if (i < 0) return nullptr;
  if (!is_owned_by_current_thread(l) && !containers::is_shared(l))
    return get_item_locked_path(l, i);
  // acquire: pairs with the release stores in set_size / reallocate_locked / store_slot.
  if (i >= as_list(l)->ob_size.load(std::memory_order_acquire)) return nullptr;
  ListItems* a = as_list(l)->items.load(std::memory_order_acquire);
  if (!a || i >= a->capacity) return get_item_locked_path(l, i);
  std::atomic<Object*>* slot = atomic_slot(&a->items[i]);
  Object* o = slot->load(std::memory_order_acquire);
  if (!o || !containers::try_incref_compare(slot, o)) return get_item_locked_path(l, i);
  return Ref<Object>::steal(o);
}

Status assign_slice(Object* l, int64_t lo, int64_t hi, Object* const* items, int64_t n) {
  ObjectBuffer removed;  // destroyed after the critical section: drops the removed references
  sync::CriticalSection cs{l->ob_mutex};
  int64_t size = list_size(l);
  lo = lo < 0 ? 0 : (lo > size ? size : lo);
  hi = hi < lo ? lo : (hi > size ? size : hi);
  int64_t nremove = hi - lo;
  int64_t newsize = size - nremove + n;
  TRY(removed.reserve(nremove));
  if (newsize > capacity_locked(l) || items_of(l) == &kSortingItems) {
    // Build the new array directly: old head, new items, old tail.
    int64_t capacity = (newsize + (newsize >> 3) + 6) & ~int64_t{3};
    ListItems* fresh = alloc_items(capacity);
    if (!fresh) return raise_no_memory();
    Object** old = slots_locked(l);
    if (lo) std::memcpy(fresh->items, old, static_cast<size_t>(lo) * sizeof(Object*));
    for (int64_t k = 0; k < nremove; ++k) removed.push_owned_reserved(old[lo + k]);
    for (int64_t k = 0; k < n; ++k) fresh->items[lo + k] = new_ref(items[k]).release();
    if (size > hi)
      std::memcpy(fresh->items + lo + n, old + hi, static_cast<size_t>(size - hi) * sizeof(Object*));
    ListItems* prev = items_of(l);
    // release: pairs with the acquire load of `items` in get_item_or_null.
    as_list(l)->items.store(fresh, std::memory_order_release);
    set_size(l, newsize);
    free_items(l, prev);
  } else {
    Object** slots = slots_locked(l);
    for (int64_t k = 0; k < nremove; ++k) removed.push_owned_reserved(slots[lo + k]);
    if (n != nremove && size > hi) {
      // Slot-wise atomic moves so concurrent readers never see a torn pointer.
      if (n < nremove) {
        for (int64_t k = hi; k < size; ++k) store_slot(&slots[k - nremove + n], slots[k]);
      } else {
        for (int64_t k = size - 1; k >= hi; --k) store_slot(&slots[k - nremove + n], slots[k]);
      }
    }
    for (int64_t k = 0; k < n; ++k) {
      publish_item_locked(l, items[k]);
      store_slot(&slots[lo + k], new_ref(items[k]).release());
    }
    for (int64_t k = newsize; k < size; ++k) store_slot(&slots[k], nullptr);
    set_size(l, newsize);
  }
  return ok();
}

void clear(Object* l) {
  ListItems* old;
  int64_t n;
  {
    sync::CriticalSection cs{l->ob_mutex};
    old = items_of(l);
    n = list_size(l);
    set_size(l, 0);
    // release: pairs with the acquire load of `items` in get_item_or_null.
    as_list(l)->items.store(nullptr, std::memory_order_release);
  }
  if (!old || old == &kSortingItems) return;
  // The array is unpublished; only stale lock-free readers may still look at it (QSBR).
  for (int64_t i = 0; i < n; ++i) xdecref(old->items[i]);
  free_items(l, old);
}

Status repeat_in_place(Object* l, int64_t count) {
  if (count <= 0) {
    clear(l);
    return ok();
  }
  sync::CriticalSection cs{l->ob_mutex};
  int64_t n = list_size(l);
  if (count == 1 || n == 0) return ok();
  if (n > kMaxListSize / count) return raise_no_memory();
  TRY(reserve_locked(l, n * count));
  Object** slots = slots_locked(l);
  for (int64_t c = 1; c < count; ++c)
    for (int64_t i = 0; i < n; ++i) {
      incref(slots[i]);
      store_slot(&slots[c * n + i], slots[i]);
    }
  set_size(l, n * count);
  return ok();
}

Result<Ref<Object>> slice_copy(Object* l, int64_t start, int64_t stop, int64_t step) {
  sync::CriticalSection cs{l->ob_mutex};
  int64_t n = slice_adjust_indices(list_size(l), &start, &stop, step);
  Ref<Object> out = TRY(list_new(n));
  Object** src = slots_locked(l);
  Object** dst = slots_locked(out.get());  // `out` is not visible to anyone else yet
  for (int64_t k = 0, cur = start; k < n; ++k, cur += step) dst[k] = new_ref(src[cur]).release();
  set_size(out.get(), n);
  return out;
}

bool remove_if_same(Object* l, int64_t i, Object* expected) {
  Ref<Object> removed;  // released after the critical section
  sync::CriticalSection cs{l->ob_mutex};
  int64_t n = list_size(l);
  if (i < 0 || i >= n) return false;
  Object** slots = slots_locked(l);
  if (slots[i] != expected) return false;
  removed = Ref<Object>::steal(slots[i]);
  for (int64_t k = i + 1; k < n; ++k) store_slot(&slots[k - 1], slots[k]);
  store_slot(&slots[n - 1], nullptr);
  set_size(l, n - 1);
  return true;
}

Result<Ref<Object>> pop(Object* l, int64_t i) {
  Ref<Object> item;
  sync::CriticalSection cs{l->ob_mutex};
  int64_t n = list_size(l);
  if (n == 0) return raise(exc::IndexError, "pop from empty list");
  if (i < 0) i += n;
  if (i < 0 || i >= n) return raise(exc::IndexError, "pop index out of range");
  Object** slots = slots_locked(l);
  item = Ref<Object>::steal(slots[i]);
  for (int64_t k = i + 1; k < n; ++k) store_slot(&slots[k - 1], slots[k]);
  store_slot(&slots[n - 1], nullptr);
  set_size(l, n - 1);
  if (n - 1 < (capacity_locked(l) >> 2)) {
    // Shrink like CPython; a failed shrink leaves the larger array, which is fine.
    Status s = reserve_locked(l, n - 1);
    if (s.is_error()) clear_error();
  }
  return item;
}

}  // namespace list_detail

// --- public API ----------------------------------------------------------------------------------

Result<Ref<Object>> list_new(int64_t capacity) {
  Ref<ListObject> l = TRY(new_object<ListObject>(&ListType));
  if (capacity > 0) {
    ListItems* a = alloc_items(capacity);
    if (!a) return raise_no_memory();
    l->items.store(a, std::memory_order_relaxed);
  }
  return Ref<Object>(std::move(l));
}

Result<Ref<Object>> list_from_array(Object* const* items, int64_t n) {
  Ref<Object> l = TRY(list_new(n));
  Object** slots = slots_locked(l.get());  // not yet visible to anyone else
  for (int64_t i = 0; i < n; ++i) slots[i] = new_ref(items[i]).release();
  set_size(l.get(), n);
  return l;
}

Result<Ref<Object>> list_from_iterable(Object* iterable) {
  Ref<Object> l = TRY(list_new(0));
  TRY(list_extend(l.get(), iterable));
  return l;
}

Result<Ref<Object>> list_get_item(Object* l, int64_t i) {
  Ref<Object> item = list_detail::get_item_or_null(l, i);
  if (!item) return raise(exc::IndexError, "list index out of range");
  return item;
}

Object* list_item_locked(Object* l, int64_t i) { return slots_locked(l)[i]; }

Status list_append(Object* l, Object* item) {
  sync::CriticalSection cs{l->ob_mutex};
  return append_locked(l, item);
}

Status list_extend(Object* l, Object* iterable) {
  if (is_list_exact(iterable) || is_tuple_exact(iterable) || iterable == l) {
    // A snapshot first: `l.extend(l)` and lists mutated concurrently stay consistent.
    Ref<Object> items = is_tuple_exact(iterable) ? new_ref(iterable) : TRY(list_snapshot(iterable));
    int64_t n = tuple_size(items.get());
    if (n == 0) return ok();
    sync::CriticalSection cs{l->ob_mutex};
    int64_t size = list_size(l);
    TRY(reserve_locked(l, size + n));
    Object** slots = slots_locked(l);
    for (int64_t i = 0; i < n; ++i) {
      publish_item_locked(l, tuple_item(items.get(), i));
      store_slot(&slots[size + i], new_ref(tuple_item(items.get(), i)).release());
    }
    set_size(l, size + n);
    return ok();
  }
  Ref<Object> it = TRY(get_iter(iterable));
  int64_t hint = TRY(length_hint(iterable, 8));
  if (hint > 0) {
    sync::CriticalSection cs{l->ob_mutex};
    int64_t size = list_size(l);
    if (size + hint > capacity_locked(l) && hint < kMaxListSize - size) {
      Status s = reserve_locked(l, size + hint);
      if (s.is_error()) clear_error();  // only a hint: grow on demand instead
    }
  }
  for (;;) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) break;
    Ref<Object> item = next.release_value();
    TRY(list_append(l, item.get()));
  }
  return ok();
}

Status list_set_item(Object* l, int64_t i, Object* item) {
  Ref<Object> old;  // released after the critical section
  sync::CriticalSection cs{l->ob_mutex};
  if (i < 0 || i >= list_size(l)) return raise(exc::IndexError, "list assignment index out of range");
  Object** slot = &slots_locked(l)[i];
  old = Ref<Object>::steal(*slot);
  publish_item_locked(l, item);
  store_slot(slot, new_ref(item).release());
  return ok();
}

Status list_insert(Object* l, int64_t i, Object* item) {
  sync::CriticalSection cs{l->ob_mutex};
  int64_t n = list_size(l);
  if (i < 0) {
    i += n;
    if (i < 0) i = 0;
  }
  if (i > n) i = n;
  TRY(reserve_locked(l, n + 1));
  Object** slots = slots_locked(l);
  for (int64_t k = n; k > i; --k) store_slot(&slots[k], slots[k - 1]);
  publish_item_locked(l, item);
  store_slot(&slots[i], new_ref(item).release());
  set_size(l, n + 1);
  return ok();
}

Status list_reverse(Object* l) {
  sync::CriticalSection cs{l->ob_mutex};
  int64_t n = list_size(l);
  Object** slots = slots_locked(l);
  for (int64_t i = 0, j = n - 1; i < j; ++i, --j) {
    Object* a = slots[i];
    store_slot(&slots[i], slots[j]);
    store_slot(&slots[j], a);
  }
  return ok();
}

Result<Ref<Object>> list_as_tuple(Object* l) {
  sync::CriticalSection cs{l->ob_mutex};
  return as_tuple_locked(l);
}

Result<Ref<Object>> list_snapshot(Object* l) { return list_as_tuple(l); }

// list.sort(): the items are taken out of the list for the duration (the list reads as empty),
// keys are computed and sorted without the lock, and the items are put back; a list mutated in
// the meantime loses those mutations and raises ValueError, as in CPython.
Status list_sort(Object* l, Object* key, bool reverse) {
  ListItems* saved;
  ListItems* retired = nullptr;
  int64_t n;
  {
    sync::CriticalSection cs{l->ob_mutex};
    saved = items_of(l);
    n = list_size(l);
    // Lock-free readers may still read the slots of the published array; for a list other
    // threads can see, sort a private copy so those reads never race the sort's moves.
    if (saved && (containers::is_shared(l) || !is_owned_by_current_thread(l))) {
      ListItems* copy = alloc_items(saved->capacity);
      if (!copy) return raise_no_memory();
      std::memcpy(copy->items, saved->items, static_cast<size_t>(n) * sizeof(Object*));
      retired = saved;
      saved = copy;
    }
    set_size(l, 0);
    // release: pairs with the acquire load of `items` in get_item_or_null.
    as_list(l)->items.store(&kSortingItems, std::memory_order_release);
    free_items(l, retired);  // a shared list's array: freed through QSBR
  }
  Object** values = saved ? saved->items : nullptr;
  Status status = ok();
  Object** keys = values;
  Object** key_storage = nullptr;
  if (key && !is_none(key) && n > 0) {
    key_storage = static_cast<Object**>(gc::raw_alloc(static_cast<size_t>(n) * sizeof(Object*)));
    if (!key_storage) {
      status = raise_no_memory();
    } else {
      int64_t made = 0;
      for (; made < n; ++made) {
        Result<Ref<Object>> k = call_one(key, values[made]);
        if (k.is_error()) break;
        key_storage[made] = k.release_value().release();
      }
      if (made < n) {
        for (int64_t i = 0; i < made; ++i) decref(key_storage[i]);
        gc::raw_free(key_storage);
        key_storage = nullptr;
        status = Error{};
      }
    }
    keys = key_storage;
  }
  auto reverse_both = [&] {
    for (int64_t i = 0, j = n - 1; i < j; ++i, --j) {
      std::swap(values[i], values[j]);
      if (key_storage) std::swap(key_storage[i], key_storage[j]);
    }
  };
  if (!status.is_error()) {
    // Reversing before and after keeps equal items in their original order for reverse=True.
    if (reverse) reverse_both();
    status = sort_objects(keys, key_storage ? values : nullptr, n);
    if (reverse) reverse_both();
  }
  if (key_storage) {
    for (int64_t i = 0; i < n; ++i) decref(key_storage[i]);
    gc::raw_free(key_storage);
  }
  // Put the items back; whatever the list received during the sort is dropped.
  ListItems* intruder;
  int64_t intruder_size;
  {
    sync::CriticalSection cs{l->ob_mutex};
    intruder = items_of(l);
    intruder_size = list_size(l);
    // release: pairs with the acquire load of `items` in get_item_or_null.
    as_list(l)->items.store(saved, std::memory_order_release);
    set_size(l, n);
  }
  bool modified = intruder != &kSortingItems || intruder_size != 0;
  if (modified && intruder) {
    for (int64_t i = 0; i < intruder_size; ++i) xdecref(intruder->items[i]);
    free_items(l, intruder);
  }
  if (modified && !status.is_error())
    return raise(exc::ValueError, "list modified during sort");
  return status;
}

}  // namespace weft
