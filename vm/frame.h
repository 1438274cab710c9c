// vm/frame.h — the interpreter frame: one activation of a code object.
//
// Frames live on the per-thread frame stack (vm/frame_stack.h), not on the heap: a call bumps a
// pointer. A frame is laid out as this header followed by `code->nlocalsplus` slots (arguments,
// locals, cells, free variables, in co_localsplusnames order) and then `code->stacksize` value
// stack slots. All slots follow the counting rule of vm/stack_ref.h; empty locals are nullptr.
//
// The layout is position independent (no pointer into the frame itself except stack_pointer,
// which is rebased by frame_copy), so a generator can copy its frame into memory it owns.
//
// `instr_ptr` and `stack_pointer` are only up to date at "escape points": the eval loop writes
// them back (SAVE_FRAME_STATE, vm/dispatch.h) before anything that can run other code, raise,
// or let another thread or the collector look at the frame.
#pragma once

#include <cstdint>

#include "objects/code.h"

namespace weft::vm {

// One CPython code unit: the opcode in the low byte, the oparg in the high byte (little-endian
// byte order of co_code).
using CodeUnit = uint16_t;
inline uint8_t unit_opcode(CodeUnit u) { return static_cast<uint8_t>(u & 0xff); }
inline uint8_t unit_oparg(CodeUnit u) { return static_cast<uint8_t>(u >> 8); }

enum class FrameOwner : uint8_t {
  kThread = 0,      // on a thread's frame stack
  kGenerator = 1,   // inside a generator/coroutine object
  kFrameObject = 2, // copied into a frame object after the frame finished (f_locals kept)
};

struct Frame {
  CodeObject* code;          // counted per vm/stack_ref.h (code objects are deferred)
  Object* func;              // the function, counted per stack_ref.h; nullptr for exec frames
  Object* globals;           // borrowed from func (or the exec caller)
  Object* builtins;          // borrowed from func (or the exec caller)
  Object* locals;            // owned mapping for module/class bodies; nullptr in functions
  Frame* previous;           // the caller (nullptr at the bottom of the thread's stack)
  const CodeUnit* first_instr;  // co_code's first unit
  const CodeUnit* instr_ptr; // the current instruction (saved at escape points)
  Object** stack_pointer;    // one past the top of the value stack (saved at escape points)
  Object* frame_obj;         // the Python frame object, created lazily (owned), or nullptr
  FrameOwner owner;
  bool is_entry;             // RETURN from this frame leaves the C-level eval_frame call
  // While this frame waits for a callee: code units from instr_ptr (the CALL) to where execution
  // resumes, so that instr_ptr keeps naming the calling instruction for tracebacks.
  uint16_t return_offset;

  Object** localsplus() { return reinterpret_cast<Object**>(this + 1); }
  Object** stack_base() { return localsplus() + code->nlocalsplus; }
  int stack_depth() const {
    return static_cast<int>(stack_pointer - const_cast<Frame*>(this)->stack_base());
  }
  // Byte offset of the current instruction, as CPython's f_lasti/tb_lasti.
  int lasti_bytes() const { return static_cast<int>(instr_ptr - first_instr) * 2; }
};
static_assert(sizeof(Frame) % alignof(Object*) == 0);

// Bytes a frame for `code` needs.
inline size_t frame_size(const CodeObject* code) {
  return sizeof(Frame) + sizeof(Object*) * static_cast<size_t>(code->nlocalsplus + code->stacksize);
}

// The line being executed, from the location table (-1 if none).
int frame_lineno(const Frame* f);

// Releases every slot (locals and the live part of the value stack), the function, the code and
// the locals mapping; the memory itself belongs to whoever holds the frame.
void frame_clear(Frame* f);

}  // namespace weft::vm
