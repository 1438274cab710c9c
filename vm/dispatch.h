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
//   VM_SKIP_CACHES(OP)   steps over OP's inline cache entries
//   VM_DEOPT(FAMILY)     a specialised body whose guard failed runs its generic form
//   VM_MAYBE_SPECIALIZE(e)  a generic body's adaptive counter step (vm/specialize.h)
//
// Frame state (STYLE §3). The loop keeps `next_instr` and `sp` in registers. The frame's copies
// are written back at these named points:
//   fetch                     frame->instr_ptr = the instruction being executed (every one)
//   SAVE_FRAME_STATE()        frame->stack_pointer = sp; before escaping calls, frame pushes/pops
//   RELOAD_FRAME_STATE()      the registers are reloaded from `frame` after switching frames
#pragma once

#include "vm/opcodes.h"
#include "vm/specialize.h"

#if defined(WEFT_COMPUTED_GOTO) && WEFT_COMPUTED_GOTO && (defined(__GNUC__) || defined(__clang__))
#define WEFT_USE_COMPUTED_GOTO 1
#else
#define WEFT_USE_COMPUTED_GOTO 0
#endif

#define VM_FETCH()                      \
  do {                                  \
    frame->instr_ptr = next_instr;      \
    CodeUnit vm_unit_ = ::weft::vm::unit_load_acquire(next_instr++); \
    opcode = unit_opcode(vm_unit_);     \
    oparg = unit_oparg(vm_unit_);       \
  } while (0)

#if WEFT_USE_COMPUTED_GOTO
#define VM_CASE(op) \
  vm_target_##op:   \
  if constexpr (::weft::vm::opcode_has(op, ::weft::vm::ESCAPES)) frame->stack_pointer = sp;
// Threaded code: every dispatch point fetches and jumps on its own, so the branch predictor
// learns "after X comes Y" per instruction. An indirect goto may not leave the scope of a local
// with a destructor (Clang rejects it; GCC would skip the destructor), so bodies keep their RAII
// locals (Ref, Result) in an inner block and dispatch after it closes; direct gotos (VM_ERROR,
// call_common) run destructors as usual. The Clang build checks the rule.
#define VM_DISPATCH()              \
  do {                             \
    VM_FETCH();                    \
    goto* kDispatchTable[opcode];  \
  } while (0)
#define VM_DISPATCH_OPCODE() goto* kDispatchTable[opcode]
#else
#define VM_CASE(op) \
  case op:          \
  if constexpr (::weft::vm::opcode_has(op, ::weft::vm::ESCAPES)) frame->stack_pointer = sp;
#define VM_DISPATCH() goto vm_fetch_next
#define VM_DISPATCH_OPCODE() goto vm_dispatch_opcode
#endif

// A specialised instruction whose guard failed runs its generic form (same stack, same caches;
// next_instr and sp must not have moved yet).
#if WEFT_USE_COMPUTED_GOTO
#define VM_DEOPT(family) goto vm_target_##family
#else
#define VM_DEOPT(family)      \
  do {                        \
    opcode = family;          \
    goto vm_dispatch_opcode;  \
  } while (0)
#endif
// The generic form's adaptive step (vm/specialize.h): counts down and, once claimed, tries
// `specialize_expr` (which may rewrite the instruction for its next execution).
#define VM_MAYBE_SPECIALIZE(specialize_expr)                                          \
  do {                                                                                \
    if (::weft::vm::adaptive_counter_claim(frame->instr_ptr + 1)) [[unlikely]] {      \
      if (!(specialize_expr)) ::weft::vm::adaptive_counter_backoff(frame->instr_ptr + 1); \
    }                                                                                 \
  } while (0)

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
