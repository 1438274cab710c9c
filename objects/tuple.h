// objects/tuple.h — tuple: immutable, items stored inline after the header.
#pragma once

#include <initializer_list>

#include "objects/type.h"

namespace weft {

extern Type TupleType;

struct TupleObject : VarObject {
  Object* items[1];  // ob_size owned references (variable length)
};

inline bool is_tuple(const Object* o) { return type_has_flag(o->ob_type, kTypeTupleSubclass); }
inline bool is_tuple_exact(const Object* o) { return o->ob_type == &TupleType; }
inline int64_t tuple_size(const Object* t) {
  return static_cast<const VarObject*>(t)->ob_size.load(std::memory_order_relaxed);
}
inline Object* tuple_item(const Object* t, int64_t i) {  // borrowed
  return static_cast<const TupleObject*>(t)->items[i];
}
inline Object* const* tuple_items(const Object* t) { return static_cast<const TupleObject*>(t)->items; }

// A tuple of `n` items, all nullptr: the caller fills every slot with tuple_init_item before the
// tuple is seen by anyone else. The empty tuple is a shared immortal singleton.
Result<Ref<Object>> tuple_new(int64_t n);
// Stores an owned reference into a fresh tuple (steals `item`).
inline void tuple_init_item(Object* t, int64_t i, Ref<Object> item) {
  static_cast<TupleObject*>(t)->items[i] = item.release();
}
// A tuple of new references to `items`.
Result<Ref<Object>> tuple_from_array(Object* const* items, int64_t n);
Result<Ref<Object>> tuple_pack(std::initializer_list<Object*> items);
// tuple(iterable)
Result<Ref<Object>> tuple_from_iterable(Object* iterable);

}  // namespace weft
