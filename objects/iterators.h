// objects/iterators.h — the generic iterator types: the __getitem__ sequence iterator,
// callable_iterator (iter(f, sentinel)), enumerate, zip, map, filter and reversed.
//
// The builtins module exposes the types (EnumerateType etc. are callable: their new_ slots
// implement the constructors with CPython's argument handling); native code uses the
// constructors below directly.
#pragma once

#include "objects/type.h"

namespace weft {

extern Type SeqIterType;        // "iterator": iteration through __getitem__(0, 1, ...)
extern Type CallableIterType;   // "callable_iterator"
extern Type EnumerateType, ZipType, MapType, FilterType, ReversedType;

// iter(seq) for an object with __getitem__ but no __iter__.
Result<Ref<Object>> seq_iter_new(Object* seq);
// iter(callable, sentinel)
Result<Ref<Object>> callable_iter_new(Object* callable, Object* sentinel);
// enumerate(iterable, start); start == nullptr means 0.
Result<Ref<Object>> enumerate_new(Object* iterable, Object* start);
// zip(*iterables, strict=strict)
Result<Ref<Object>> zip_new(Object* const* iterables, size_t n, bool strict);
// map(func, *iterables)
Result<Ref<Object>> map_new(Object* func, Object* const* iterables, size_t n);
// filter(func_or_None, iterable)
Result<Ref<Object>> filter_new(Object* func, Object* iterable);
// reversed(seq): __reversed__ if defined, else the sequence protocol; TypeError
// "'X' object is not reversible".
Result<Ref<Object>> reversed_new(Object* seq);

}  // namespace weft
