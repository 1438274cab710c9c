// stdlib/_collections/deque.h — collections.deque and its iterators (CPython's
// Modules/_collectionsmodule.c, 3.14 behaviour and messages).
#pragma once

#include <atomic>
#include <cstdint>

#include "objects/type.h"

namespace weft::collections {

// A double-ended queue stored as a ring buffer of owned references.
//
// Every field except `size` is read and written only inside the deque's critical section
// (sync::CriticalSection on ob_mutex). `size` is also stored under the lock but may be read
// without it (len(), bool()), hence atomic. `state` counts mutations so that iterators and
// searches that run Python code between steps can detect a concurrent change.
struct DequeObject : Object {
  Object** ring;                // capacity slots; live items at (head + i) & (capacity - 1)
  int64_t capacity;             // 0 or a power of two
  int64_t head;                 // slot of the leftmost item
  std::atomic<int64_t> size;    // number of live items
  int64_t maxlen;               // -1: unbounded
  uint64_t state;               // bumped by every mutation
  Object* weaklist;             // weak references to this deque (objects/weakref.h)
};

extern Type DequeType;
extern Type DequeIterType;         // _collections._deque_iterator
extern Type DequeReverseIterType;  // _collections._deque_reverse_iterator

inline bool is_deque(const Object* o) { return is_instance_of(o, &DequeType); }

// The item at `index` (0 <= index < size), a new reference, read under the deque's lock while
// `state` still equals `expected_state`. Returns a null Ref when the deque changed (state
// differs) or the index is out of range now; never raises.
Ref<Object> deque_item_if_unchanged(Object* deque, int64_t index, uint64_t expected_state);
// The deque's mutation counter (under its lock).
uint64_t deque_state(Object* deque);
// Under the lock: the current size and mutation counter together (iterator construction).
void deque_size_and_state(Object* deque, int64_t* size, uint64_t* state);

// iter(deque) and deque.__reversed__() (deque_iter.cpp).
Result<Ref<Object>> deque_iter(Object* deque);
Result<Ref<Object>> deque_reversed_method(Object* deque, Object* const* args, size_t nargs,
                                          Object* kwnames);

}  // namespace weft::collections
