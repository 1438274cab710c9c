// vm/dispatch.h — the vocabulary of the interpreter loop (vm/eval.cpp).
//
// The same instruction bodies compile as computed-goto threaded code (WEFT_COMPUTED_GOTO, GCC and
// Clang) or as a portable `switch` loop; only these macros differ (STYLE §2):
//
//   VM_CASE(OP)          starts the body of instruction OP; also records the frame's stack
//                        pointer when OP is marked ESCAPES in vm/opcodes.def, so anything the
//                        body calls (the collector, a frame object, a traceback) sees a
//                        consistent frame
//   VM_DISPATCH()        fetches the next instruction and jumps to its body
//   VM_DISPATCH_OPCODE() jumps to the body of `opcode` with the current oparg (EXTENDED_ARG)
//   VM_SKIP_CACHES(OP)   steps over OP's inline cache entries (kept for later specialisation)
//
// Frame state (STYLE §3). The loop keeps `next_instr` and `sp` in registers. The frame's copies
// are written back at these named points:
//   fetch                     frame->instr_ptr = the instruction being executed (every one)
//   SAVE_FRAME_STATE()        frame->stack_pointer = sp; before escaping calls, frame pushes/pops
//   RELOAD_FRAME_STATE()      the registers are reloaded from `frame` after switching frames
#pragma once

#include "vm/opcodes.h"

#if defined(WEFT_COMPUTED_GOTO) && WEFT_COMPUTED_GOTO && (defined(__GNUC__) || defined(__clang__))
#define WEFT_USE_COMPUTED_GOTO 1
#else
#define WEFT_USE_COMPUTED_GOTO 0
#endif

#define VM_FETCH()                      \
  do {                                  \
    frame->instr_ptr = next_instr;      \
    CodeUnit vm_unit_ = *next_instr++;  \
    opcode = unit_opcode(vm_unit_);     \
    oparg = unit_oparg(vm_unit_);       \
  } while (0)

#if WEFT_USE_COMPUTED_GOTO
#define VM_CASE(op) \
  vm_target_##op:   \
  if constexpr (::weft::vm::opcode_has(op, ::weft::vm::ESCAPES)) frame->stack_pointer = sp;
// Bodies hold RAII locals (Ref, Result), and an indirect goto may not leave their scope (Clang
// rejects it; GCC would skip the destructors), so every body jumps to the one shared fetch
// point, which does the indirect jump outside any body's scope.
// FIXME: scope the RAII locals of each body in an inner block so VM_DISPATCH can replicate the
// indirect jump per instruction (better branch prediction) again.
#define VM_DISPATCH() goto vm_fetch_next
#define VM_DISPATCH_OPCODE() goto* kDispatchTable[opcode]
#else
#define VM_CASE(op) \
  case op:          \
  if constexpr (::weft::vm::opcode_has(op, ::weft::vm::ESCAPES)) frame->stack_pointer = sp;
#define VM_DISPATCH() goto vm_fetch_next
#define VM_DISPATCH_OPCODE() goto vm_dispatch_opcode
#endif

#define VM_SKIP_CACHES(op) (next_instr += ::weft::vm::cache_entries(op))

#define SAVE_FRAME_STATE() (frame->stack_pointer = sp)
#define RELOAD_FRAME_STATE()                                                           \
  do {                                                                                 \
    next_instr = frame->instr_ptr;                                                     \
    sp = frame->stack_pointer;                                                         \
    localsplus = frame->localsplus();                                                  \
    consts = tuple_items(frame->code->consts);                                         \
    names = tuple_items(frame->code->names);                                           \
  } while (0)

// Value stack access. Slot values follow vm/stack_ref.h (counted unless deferred).
#define PUSH(v)             \
  do {                      \
    Object* vm_pushed_ = (v); \
    *sp++ = vm_pushed_;     \
  } while (0)
#define POP() (*--sp)
#define TOP() (sp[-1])
#define PEEK(n) (sp[-(n)])

// Leaves the instruction with the pending exception (inputs already closed, sp consistent).
#define VM_ERROR() goto error
// `expr` is a Result: on error the inputs must already be closed.
#define VM_ERROR_IF(cond) \
  do {                    \
    if (cond) [[unlikely]] goto error; \
  } while (0)
