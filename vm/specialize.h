// vm/specialize.h — adaptive instructions: the executable copy of a code object's instructions,
// its inline caches, and the specialiser that rewrites generic instructions into CPython 3.14's
// specialised forms (same numbers, same inline-cache layout; vm/opcodes.def).
//
// The executable copy. Frames run `AdaptiveCode::units()`, a private copy of co_code owned by
// the code object (code->vm_data), created on first use and installed with a CAS; co_code itself
// is never modified, so `dis` and co_code see the generic instructions. Every specialisable
// instruction's first cache unit is its counter:
//   0        inactive: never (again) specialise (the initial state in co_code, and the state of an
//            instruction that was specialised or is being specialised)
//   n > 1    warming up / backing off: each generic execution stores n - 1 (relaxed; a lost
//            decrement between racing threads only delays specialisation)
//   1        the next generic execution claims the instruction with a CAS 1 -> 0; only the winner
//            specialises it.
// The winner writes the other cache units (relaxed atomic 16-bit stores) and then publishes the
// specialised opcode with a release store of the instruction's unit; the fetch loads units with
// acquire, so a thread that sees the new opcode also sees its caches. If the winner cannot
// specialise, the counter stays 0 and the instruction stays generic for good: a back-off that
// retried later would keep storing decremented counters into the shared instruction copy on
// every execution, and threads running the same code would fight over those cache lines (the
// demo measured 1.2x instead of ~2x on two cores). CPython 3.14t avoids that with per-thread
// bytecode copies; until Weft has them, a failed site never writes again.
//
// Why that is thread-safe without per-thread copies (DESIGN §5; details in vm/README.md): the
// cache entries of an instruction are written at most once, while its opcode is still generic,
// by a single thread; after publication they are immutable. A specialised instruction never
// goes back to writing caches: when a guard fails it executes its generic form for that run
// (the generic form sees counter 0 and does not specialise again). So a reader sees either the
// generic opcode (and ignores the caches) or the specialised opcode and the final caches. Every
// guard is re-validated at each execution against live data (type version tags with acquire
// loads, dict entries checked by key identity, exact types), and the only object pointers in
// caches are immortal or deferred objects (never freed while code may run).
#pragma once

#include <atomic>
#include <cstdint>

#include "objects/code.h"
#include "objects/function.h"
#include "vm/frame.h"

namespace weft::vm {

struct AdaptiveCode {
  // The globals dict that LOAD_GLOBAL_BUILTIN's version guards refer to (owned; set once by the
  // first LOAD_GLOBAL specialisation, before the opcode is published). Dict versions are per
  // dict, so the guard also checks that the frame runs with this very dict.
  std::atomic<Object*> globals;
  int64_t nunits;
  CodeUnit* units() { return reinterpret_cast<CodeUnit*>(this + 1); }
};

// The instructions a new frame for `code` runs: the adaptive copy (created on first use), or
// co_code itself if the copy cannot be allocated (then nothing is ever specialised).
const CodeUnit* code_instructions(CodeObject* code);
inline const CodeUnit* code_instructions_fast(CodeObject* code) {
  // acquire: pairs with the release CAS that installs the copy.
  void* data = std::atomic_ref<void*>(code->vm_data).load(std::memory_order_acquire);
  if (data) [[likely]] return static_cast<AdaptiveCode*>(data)->units();
  return code_instructions(code);
}
// The copy that `first_instr` (a frame's first instruction) belongs to. Only for frames running a
// specialised instruction (which exist only in adaptive copies).
inline AdaptiveCode* adaptive_of(const CodeUnit* first_instr) {
  return reinterpret_cast<AdaptiveCode*>(const_cast<CodeUnit*>(first_instr)) - 1;
}

// The specialised instructions that have a body in vm/eval_cases_specialized.inc; the
// specialiser writes no others.
#define WEFT_SPECIALIZED_BODIES(X)                                                          \
  X(LOAD_GLOBAL_MODULE) X(LOAD_GLOBAL_BUILTIN) X(LOAD_ATTR_WITH_HINT) X(LOAD_ATTR_MODULE)   \
  X(LOAD_ATTR_METHOD_WITH_VALUES) X(LOAD_ATTR_METHOD_NO_DICT) X(STORE_ATTR_WITH_HINT)       \
  X(STORE_ATTR_INSTANCE_VALUE) X(CALL_ALLOC_AND_ENTER_INIT)                                   \
  X(BINARY_OP_ADD_INT) X(BINARY_OP_SUBTRACT_INT) X(BINARY_OP_MULTIPLY_INT)                  \
  X(BINARY_OP_ADD_FLOAT) X(BINARY_OP_SUBTRACT_FLOAT) X(BINARY_OP_MULTIPLY_FLOAT)            \
  X(BINARY_OP_ADD_UNICODE) X(BINARY_OP_SUBSCR_LIST_INT) X(BINARY_OP_SUBSCR_TUPLE_INT)       \
  X(BINARY_OP_SUBSCR_DICT) X(COMPARE_OP_INT) X(COMPARE_OP_FLOAT) X(COMPARE_OP_STR)          \
  X(CONTAINS_OP_DICT) X(CONTAINS_OP_SET) X(STORE_SUBSCR_LIST_INT) X(STORE_SUBSCR_DICT)      \
  X(UNPACK_SEQUENCE_TWO_TUPLE) X(UNPACK_SEQUENCE_TUPLE) X(UNPACK_SEQUENCE_LIST)             \
  X(CALL_PY_EXACT_ARGS) X(CALL_BOUND_METHOD_EXACT_ARGS) X(CALL_NON_PY_GENERAL)

// --- atomic access to code units --------------------------------------------------------------
inline CodeUnit unit_load_acquire(const CodeUnit* p) {
  return std::atomic_ref<CodeUnit>(*const_cast<CodeUnit*>(p)).load(std::memory_order_acquire);
}
inline uint16_t cache_u16(const CodeUnit* p) {
  return std::atomic_ref<CodeUnit>(*const_cast<CodeUnit*>(p)).load(std::memory_order_relaxed);
}
inline uint32_t cache_u32(const CodeUnit* p) {
  return uint32_t{cache_u16(p)} | (uint32_t{cache_u16(p + 1)} << 16);
}
inline Object* cache_ptr(const CodeUnit* p) {
  uint64_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 16) | cache_u16(p + i);
  return reinterpret_cast<Object*>(static_cast<uintptr_t>(v));
}

// The generic form's counter step (see the file comment); true when this thread has claimed the
// instruction and must try to specialise it now.
inline bool adaptive_counter_claim(const CodeUnit* counter) {
  std::atomic_ref<CodeUnit> c(*const_cast<CodeUnit*>(counter));
  CodeUnit n = c.load(std::memory_order_relaxed);
  if (n == 0) [[likely]] return false;
  if (n > 1) {
    c.store(static_cast<CodeUnit>(n - 1), std::memory_order_relaxed);
    return false;
  }
  CodeUnit expected = 1;
  return c.compare_exchange_strong(expected, 0, std::memory_order_relaxed);
}
// After a failed attempt: the instruction stays generic (counter 0; see the file comment).
void adaptive_counter_backoff(const CodeUnit* counter);

// --- the specialisers: each either rewrites `instr` (publishing its specialised opcode) and
// returns true, or changes nothing and returns false. Called by the claiming thread only, with
// the instruction's operands (borrowed) before the generic form consumes them.
bool specialize_load_global(const CodeUnit* instr, Frame* frame, Object* name);
bool specialize_load_attr(const CodeUnit* instr, Object* owner, Object* name, bool method);
bool specialize_store_attr(const CodeUnit* instr, Object* owner, Object* name);
bool specialize_binary_op(const CodeUnit* instr, Object* lhs, Object* rhs, int oparg);
bool specialize_compare_op(const CodeUnit* instr, Object* lhs, Object* rhs, int oparg);
bool specialize_call(const CodeUnit* instr, Object* callable, Object* self_or_null, int nargs);
bool specialize_contains_op(const CodeUnit* instr, Object* container);
bool specialize_store_subscr(const CodeUnit* instr, Object* container, Object* sub);
bool specialize_unpack_sequence(const CodeUnit* instr, Object* seq, int oparg);

// CALL_ALLOC_AND_ENTER_INIT (instantiating a class whose __new__ is object's and whose __init__
// is a Python function; cache: counter, type version (2)). init_function_name() is the interned
// "__init__". alloc_and_init allocates the instance, stores a new reference to it in
// `self_slot` (the stack's NULL slot right before the `nargs` arguments, which the caller closes
// with the others) and calls `init` on self + arguments; the new instance, or an error (also
// TypeError when __init__ returns something other than None).
Object* init_function_name();
Result<Ref<Object>> alloc_and_init(Type* t, Object* init, Object** self_slot, size_t nargs);

// True when `func` is a plain Python function whose code takes exactly `nargs` positional
// arguments (no defaults needed, no *args/**kwargs/keyword-only): CALL_PY_EXACT_ARGS's guard,
// re-checked at every call (functions have no version tag; __code__ may be reassigned).
inline bool function_takes_exact_args(Object* func, int nargs) {
  if (!is_function(func)) return false;
  const CodeObject* code = static_cast<const CodeObject*>(static_cast<FunctionObject*>(func)->code);
  return code->argcount == nargs && code->kwonlyargcount == 0 &&
         !(code->flags & (kCoVarargs | kCoVarkeywords));
}

}  // namespace weft::vm
