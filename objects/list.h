// objects/list.h — list: one item array, mutated only inside the list's critical section.
//
// Free-threading (DESIGN §5): the item array is separately allocated and records its own
// capacity, so a lock-free reader that loaded an old array pointer still sees a consistent
// (array, capacity) pair; readers acquire-load `items`, try-incref the item and re-check the
// slot, falling back to the critical section. Replaced arrays of a list that other threads may
// see are freed through QSBR (gc::free_delayed).
#pragma once

#include "objects/type.h"

namespace weft {

extern Type ListType;

struct ListItems {        // the separately allocated array
  int64_t capacity;
  Object* items[1];       // `capacity` slots; the first ob_size hold owned references
};
struct ListObject : VarObject {
  std::atomic<ListItems*> items;  // nullptr when capacity is 0
};

inline bool is_list(const Object* o) { return type_has_flag(o->ob_type, kTypeListSubclass); }
inline bool is_list_exact(const Object* o) { return o->ob_type == &ListType; }
inline int64_t list_size(const Object* l) {
  return static_cast<const VarObject*>(l)->ob_size.load(std::memory_order_relaxed);
}

Result<Ref<Object>> list_new(int64_t capacity = 0);          // an empty list
Result<Ref<Object>> list_from_array(Object* const* items, int64_t n);
Result<Ref<Object>> list_from_iterable(Object* iterable);     // list(iterable)
// A new reference to item i, or IndexError "list index out of range". Lock-free fast path.
Result<Ref<Object>> list_get_item(Object* l, int64_t i);
// Borrowed item access for code that holds the list's critical section or owns the only
// reference (e.g. a list it just built).
Object* list_item_locked(Object* l, int64_t i);
Status list_append(Object* l, Object* item);
Status list_extend(Object* l, Object* iterable);
Status list_set_item(Object* l, int64_t i, Object* item);   // IndexError if out of range
Status list_insert(Object* l, int64_t i, Object* item);
Status list_sort(Object* l, Object* key /*nullable*/, bool reverse);
Status list_reverse(Object* l);
Result<Ref<Object>> list_as_tuple(Object* l);
// A snapshot of the items as a tuple-like vector of new references, taken under the lock.
Result<Ref<Object>> list_snapshot(Object* l);

}  // namespace weft
