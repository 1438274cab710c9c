// vm/frame_locals.h — what globals(), locals() and vars() see of the running frame.
#pragma once

#include "objects/ref.h"
#include "vm/frame.h"

namespace weft::vm {

// The innermost Python frame of the calling thread, or nullptr outside any Python code.
Frame* current_python_frame();

// locals() of `f`: for module and class bodies the frame's own mapping (a new reference to it);
// for function frames a new dict snapshot of the bound local, cell and free variables (PEP 667:
// each call makes a fresh snapshot), in co_localsplusnames order, skipping unbound names.
Result<Ref<Object>> frame_locals(Frame* f);

}  // namespace weft::vm
