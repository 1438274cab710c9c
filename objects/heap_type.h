// objects/heap_type.h — classes: types created at run time by a class statement or
// type(name, bases, dict) (objects/heap_type.cpp).
#pragma once

#include "objects/type.h"

namespace weft {

// type.__new__(meta, name, bases, dict, **kwds): metaclass resolution, C3 MRO, instance
// layout, slots from the dunders, __set_name__ and __init_subclass__. Also handles type(x).
Result<Ref<Object>> type_new(Type* meta, Object* const* args, size_t nargs, Object* kwnames);

// The best base of a class with `bases` (a tuple): the one whose instance layout every other
// base is compatible with (TypeError if none is).
Result<Type*> type_best_base(Object* bases);
// The C3 linearisation of t's current bases (type.mro()).
Result<Ref<Object>> type_mro_c3(Type* t);
// The MRO a class gets: its metaclass's mro() when overridden, else C3.
Result<Ref<Object>> type_compute_mro(Type* t);

// The VM installs this once at start-up: it returns the globals dict of the innermost running
// Python frame (borrowed), or nullptr when none runs. type_new uses it for __module__ when the
// namespace has none (type('C', (), {}) called directly).
using CurrentGlobalsHook = Object* (*)();
void set_current_globals_hook(CurrentGlobalsHook hook);
// The innermost running Python frame's globals (borrowed), or nullptr (no frame, or before the
// VM installed its hook). TypeVar() & co. read their __module__ from it too.
Object* current_python_globals();

// PEP 442 finalisation for the cycle collector: runs `self`'s __del__ once (kGcFinalized) while
// the caller holds a reference. Returns true if a __del__ ran (errors go to the unraisable hook).
bool object_finalize(Object* self);

}  // namespace weft
