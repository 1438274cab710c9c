// objects/alloc.h — allocating and freeing objects.
//
//   Ref<ListObject> l = TRY(new_object<ListObject>(&ListType));
//
// new_object zero-fills the instance, then initialises the header: owned by the calling thread,
// local refcount 1, shared 0, type `t` (a heap type is incref'd: instances own their type).
// A failed allocation raises MemoryError. free_object releases the memory of an object whose
// refcount reached zero (called from dealloc slots, after the fields were released) and drops the
// instance's reference to a heap type.
//
// Instances of types with kTypeHaveGc get a GC header in front of them and are tracked by the
// cycle collector from allocation to free_object (gc/collector.h); their type needs a correct
// `traverse` (and a `clear` if they can be part of a cycle).
#pragma once

#include <cstring>
#include <new>

#include "gc/alloc.h"
#include "objects/errors.h"
#include "objects/type.h"

namespace weft {

// Initialises the header of freshly allocated, zeroed memory.
void init_object_header(Object* o, Type* t);

// Allocates zeroed memory for an instance of `t` of `size` bytes and initialises its header
// (tracked by the collector if `t` has kTypeHaveGc); nullptr if memory is exhausted.
Object* allocate_object(Type* t, size_t size);

template <class T>
Result<Ref<T>> new_object(Type* t, size_t size = sizeof(T)) {
  Object* obj = allocate_object(t, size);
  if (!obj) [[unlikely]] return raise_no_memory();
  return Ref<T>::steal(static_cast<T*>(obj));
}

// Frees the memory of `o` (its fields must already be released).
void free_object(Object* o);

}  // namespace weft
