// objects/set.h — set and frozenset: open addressing, mutations inside the set's critical section.
#pragma once

#include "objects/type.h"

namespace weft {

extern Type SetType;
extern Type FrozenSetType;

inline bool is_set(const Object* o) { return o->ob_type == &SetType || type_is_subtype(o->ob_type, &SetType); }
inline bool is_frozenset(const Object* o) { return o->ob_type == &FrozenSetType || type_is_subtype(o->ob_type, &FrozenSetType); }
inline bool is_anyset(const Object* o) { return is_set(o) || is_frozenset(o); }

Result<Ref<Object>> set_new(Object* iterable /*nullable*/);
Result<Ref<Object>> frozenset_new(Object* iterable /*nullable*/);
Status set_add(Object* s, Object* key);
Result<bool> set_contains(Object* s, Object* key);
Result<bool> set_discard(Object* s, Object* key);
int64_t set_size(Object* s);
Status set_update(Object* s, Object* iterable);

}  // namespace weft
