// stdlib/builtins/builtins.h — the pieces of the `builtins` module, one table per file.
//
// Each file defines a MethodDef table of module functions; module.cpp assembles the module from
// them, adds the built-in types and exception classes, and registers it as "builtins".
#pragma once

#include <initializer_list>

#include "objects/type.h"

namespace weft::builtins {

extern const MethodDef kCoreFunctions[];       // functions.cpp: len, abs, min, max, sorted...
extern const MethodDef kAttributeFunctions[];  // attributes.cpp: getattr, dir, vars, globals...
extern const MethodDef kIoFunctions[];         // io.cpp: print, input
extern const MethodDef kCodeFunctions[];       // code.cpp: exec, eval, compile, __build_class__, __import__
extern const MethodDef kAsyncIterFunctions[];  // async_iter.cpp: aiter, anext

// Types defined elsewhere that builtins exposes under their short names (range, enumerate, zip,
// map, filter, reversed, super, complex, bytearray...). Collected here so module.cpp lists every
// exposed type once.
std::initializer_list<Type*> extra_builtin_types();

}  // namespace weft::builtins
