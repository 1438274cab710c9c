// vm/run.h — running code objects and calling Python functions.
//
//   run_code(code, globals, locals)   exec() of a module or class body: a frame with a locals
//                                     mapping (LOAD_NAME/STORE_NAME), no function
//   eval_code(...)                    the same for an expression code object (eval())
//   function_vectorcall               FunctionType's call slot: binds arguments CPython's way
//                                     (positional, keywords, defaults, *args, **kwargs) into a
//                                     new frame and runs it
#pragma once

#include "core/thread_state.h"
#include "objects/ref.h"
#include "vm/frame.h"

namespace weft::vm {

// Runs `code` with the given namespaces (`locals` may be nullptr: then globals). builtins come
// from globals['__builtins__'] (a module or dict), else the interpreter's builtins.
Result<Ref<Object>> run_code(Object* code, Object* globals, Object* locals);
Result<Ref<Object>> eval_code(Object* code, Object* globals, Object* locals);

// FunctionType's call slot.
Result<Ref<Object>> function_vectorcall(Object* func, Object* const* args, size_t nargs,
                                        Object* kwnames);

// Who owns the argument references handed to push_function_frame.
enum class ArgOwnership {
  kBorrow,  // the caller keeps them; the frame takes new references
  kSteal,   // the slots (callable, args, keyword values) follow vm/stack_ref.h and move into
            // the frame; on failure they are released
};

// Pushes and initialises a frame for calling `func` (a FunctionObject) with vector-call
// arguments: binds them into the frame's locals and checks the recursion limit. Returns nullptr
// with an exception set on failure (TypeError for bad arguments, RecursionError, MemoryError).
// With kSteal, `func` itself is also stolen (it becomes frame->func). The new frame's
// `previous` is the thread's current frame, and it becomes the current frame.
Frame* push_function_frame(core::ThreadState* ts, Object* func, Object* const* args,
                           size_t nargs, Object* kwnames, ArgOwnership ownership);

}  // namespace weft::vm
