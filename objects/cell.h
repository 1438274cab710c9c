// objects/cell.h — cell objects: the boxes that hold variables shared between a function and
// its closures (MAKE_CELL, LOAD_DEREF, STORE_DEREF, COPY_FREE_VARS).
//
// A cell's reference is read and swapped atomically (several threads may run closures sharing a
// cell): cell_get takes a new reference inside the cell's critical section, so a concurrent
// cell_set cannot free the value between the load and the incref.
#pragma once

#include "objects/type.h"

namespace weft {

extern Type CellType;

struct CellObject : Object {
  Object* ref;  // owned, nullptr when empty; guarded by ob_mutex for writers and readers
};

inline bool is_cell(const Object* o) { return o->ob_type == &CellType; }

// A new cell holding `value` (nullable: an empty cell).
Result<Ref<Object>> cell_new(Object* value);
// The contents as a new reference, or a null Ref when the cell is empty (no exception).
Ref<Object> cell_get(Object* cell);
// Replaces the contents (value may be nullptr: empties the cell); the old value is released after
// the lock is dropped (its destructor may run arbitrary code).
void cell_set(Object* cell, Object* value);

}  // namespace weft
