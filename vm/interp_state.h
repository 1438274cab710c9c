// vm/interp_state.h — process-wide VM state: the builtins namespace and sys.modules.
//
// The builtins and sys modules (stdlib/) publish their dicts here at start-up, before any Python
// code runs; afterwards the pointers never change, so readers load them with acquire and need no
// lock. The objects they point to are immortal for the life of the process (held by the modules).
#pragma once

#include "objects/ref.h"

namespace weft::vm {

// builtins.__dict__, or nullptr before the builtins module exists (borrowed).
Object* builtins_dict();
void set_builtins_dict(Object* dict);
// sys.modules, or nullptr before the sys module exists (borrowed).
Object* sys_modules();
void set_sys_modules(Object* dict);

// The builtins a frame running with `globals` uses (CPython's _PyEval_BuiltinsFromGlobals):
// globals['__builtins__'] when it is a dict, else the interpreter's builtins.
// Borrowed; raises only if neither exists.
Result<Object*> builtins_for_globals(Object* globals);

}  // namespace weft::vm
