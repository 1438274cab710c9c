// stdlib/itertools/itertools_internal.h — what the files of the `itertools` module share: the
// type objects, the allocation and slot helpers every iterator type uses, and the tee constructor
// the module-level tee() needs.
//
// Every itertools iterator is a small object holding owned references (fixed at construction, or
// replaced only inside the object's critical section) plus progress state. Thread-safety rule of
// the module: mutable state changes only inside the object's critical section; calling the
// underlying iterator or a user function from inside it is allowed (the section is suspended if
// the thread blocks), so every `next` keeps its own references to what it calls and re-reads the
// state afterwards, which also makes re-entrant calls memory-safe.
#pragma once

#include <cstddef>

#include "objects/alloc.h"
#include "objects/type.h"

namespace weft::itertools {

// Infinite iterators (infinite.cpp).
extern Type CountType, CycleType, RepeatType;
// Iterators terminating on the shortest input (terminating.cpp, filtering.cpp).
extern Type AccumulateType, BatchedType, ChainType, CompressType, DropwhileType, FilterfalseType,
    IsliceType, PairwiseType, StarmapType, TakewhileType, ZipLongestType;
// Combinatoric iterators (combinatorics.cpp).
extern Type ProductType, PermutationsType, CombinationsType, CwrType;
// tee and groupby (tee.cpp, groupby.cpp).
extern Type TeeType, TeeDataType, GroupbyType, GrouperType;

// A new instance of `type` (an itertools type or a Python subclass of it), zero-filled.
template <class T>
Result<Ref<T>> alloc_instance(Type* type) {
  return new_object<T>(type, static_cast<size_t>(type->basicsize));
}

// tp_iter of every iterator: returns self.
Result<Ref<Object>> iter_self(Object* self);

// dealloc / traverse for objects whose owned references are the listed Object* members (each
// may be null): `dealloc_fields<ChainObject, &ChainObject::source, &ChainObject::active>`.
template <class T, auto... Fields>
void dealloc_fields(Object* self) {
  T* o = static_cast<T*>(self);
  (xdecref(o->*Fields), ...);
  free_object(self);
}
template <class T, auto... Fields>
void traverse_fields(Object* self, VisitFn visit, void* arg) {
  T* o = static_cast<T*>(self);
  ((o->*Fields ? visit(o->*Fields, arg) : void()), ...);
}

// Replaces the owned reference in `*field` by `value` (owned, may be null). The old reference is
// moved to `*dropped`, which callers declare before their critical section so that it is
// released after the section ends.
inline void replace_field(Object** field, Object* value, Ref<Object>* dropped) {
  *dropped = Ref<Object>::steal(*field);
  *field = value;
}

// Fills the common slots of an iterator type: name "itertools.<x>", size, GC, iter/next, new.
// `subclassable` adds kTypeBaseType (every public itertools type; not _tee, _grouper...).
void fill_iterator_type(Type& t, const char* name, const char* doc, size_t size,
                        DeallocFn dealloc, TraverseFn traverse, IterNextFn next, NewFn new_fn,
                        bool subclassable = true);

// tee machinery for the module function tee(iterable, n=2): a new _tee over `iterable` (a copy
// when iterable's iterator already is a _tee), and a copy of an existing _tee.
Result<Ref<Object>> tee_from_iterable(Object* iterable);
Result<Ref<Object>> tee_copy(Object* tee);

}  // namespace weft::itertools
