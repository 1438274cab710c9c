// vm/frame_stack.h — the per-thread data of the VM: the frame stack and the handled-exception
// stack (sys.exc_info()).
//
// The frame stack is a list of large chunks; frames are carved from the top chunk by bumping a
// pointer, so a Python call allocates nothing in the common case. A frame never straddles two
// chunks; when the top chunk is full a new one (at least twice the frame's size) is linked in.
// One empty chunk is kept as a spare, so a call depth that oscillates across a chunk boundary does
// not allocate and free on every call. Frames are freed in LIFO order only.
//
// Everything here is owned by one thread (core::ThreadState::vm); no locking.
#pragma once

#include <cstddef>

#include "core/thread_state.h"
#include "vm/frame.h"

namespace weft::vm {

// One level of the handled-exception stack: what `except` blocks see as sys.exc_info(). The eval
// loop's PUSH_EXC_INFO/POP_EXCEPT swap `exc_value`; a generator pushes its own level while it runs.
struct ExcInfo {
  Object* exc_value = nullptr;   // owned: the exception being handled, or nullptr (None)
  ExcInfo* previous = nullptr;
};

struct FrameChunk {
  FrameChunk* previous;
  char* top;        // first free byte
  char* limit;      // end of the chunk
  // frames follow
};

struct VmThreadData {
  FrameChunk* chunk = nullptr;     // the chunk frames are carved from
  FrameChunk* spare = nullptr;     // an empty chunk kept for reuse, or nullptr
  Frame* current_frame = nullptr;  // the innermost executing frame (f_back chain)
  ExcInfo exc_base;                // the thread's own level
  ExcInfo* exc_info = &exc_base;   // the innermost level
  int c_recursion_depth = 0;       // nested eval_frame calls (for diagnostics)
  // The thread's current contextvars.Context (owned), or nullptr until the thread first sets a
  // context variable or enters a context (stdlib/_contextvars). Read and written only by this
  // thread; released at thread exit by vm_data_destroy.
  Object* context = nullptr;
  // sys.set_asyncgen_hooks / sys.set_coroutine_origin_tracking_depth (stdlib/sys/sys_async.cpp):
  // this thread's hooks (owned, nullptr = None) and cr_origin depth, read by vm/coroutine.cpp
  // and vm/async_generator.cpp. Touched only by this thread; released by vm_data_destroy.
  Object* asyncgen_firstiter = nullptr;
  Object* asyncgen_finalizer = nullptr;
  int coroutine_origin_tracking_depth = 0;
};

// The VM data of `ts`, created on first use. Aborts only if the first chunk cannot be allocated
// at thread start; later growth failures raise MemoryError through push_frame.
VmThreadData* vm_data(core::ThreadState* ts);
// Releases the chunks and the handled-exception slot (thread exit).
void vm_data_destroy(core::ThreadState* ts);

// Carves an uninitialised frame for `code` from the top of the stack: nullptr with MemoryError
// set on allocation failure. The caller initialises every field and slot before anything can
// look at the frame.
Frame* push_frame_memory(VmThreadData* vm, const CodeObject* code);
// Releases the memory of the top-most frame `f` (its slots must already be cleared).
void pop_frame_memory(VmThreadData* vm, Frame* f);

// The exception currently being handled (sys.exception()), borrowed, or nullptr.
Object* handled_exception(VmThreadData* vm);

}  // namespace weft::vm
