// objects/alloc.h — allocating and freeing objects.
//
//   Ref<ListObject> l = TRY(new_object<ListObject>(&ListType));
//
// new_object zero-fills the instance, then initialises the header: owned by the calling thread,
// local refcount 1, shared 0, type `t` (a heap type is incref'd: instances own their type).
// A failed allocation raises MemoryError. free_object releases the memory of an object whose
// refcount reached zero (called from dealloc slots, after the fields were released) and drops the
// instance's reference to a heap type.
#pragma once

#include <cstring>
#include <new>

#include "gc/alloc.h"
#include "objects/errors.h"
#include "objects/type.h"

namespace weft {

// Initialises the header of freshly allocated, zeroed memory.
void init_object_header(Object* o, Type* t);

template <class T>
Result<Ref<T>> new_object(Type* t, size_t size = sizeof(T)) {
  void* mem = gc::raw_calloc(1, size);
  if (!mem) [[unlikely]] return raise_no_memory();
  T* obj = reinterpret_cast<T*>(mem);
  init_object_header(obj, t);
  return Ref<T>::steal(obj);
}

// Frees the memory of `o` (its fields must already be released).
void free_object(Object* o);

}  // namespace weft
