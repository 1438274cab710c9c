// vm/eval.cpp — the interpreter loop: executes CPython 3.14 bytecode.
//
// Structure. One C++ function, eval_frame, runs a chain of Python frames: a Python-to-Python
// call pushes the callee's frame on the thread's frame stack and continues in the same loop
// (no C recursion); RETURN_VALUE pops it and continues in the caller. Only a frame marked
// `is_entry` (pushed by a C++ caller: run_code, a function's vectorcall, ...) returns from
// eval_frame. Dispatch is computed goto or switch (vm/dispatch.h), from the same bodies.
//
// Values. Stack and local slots follow vm/stack_ref.h: they own a reference unless the object is
// deferred. Every body closes the inputs it consumes before it pushes results or jumps to the
// error path, so `sp` always describes live slots.
//
// Errors. A failing body leaves the exception in the thread state and jumps to `error`, which adds
// a traceback entry for the frame, then `exception_unwind` looks the failing instruction up in
// co_exceptiontable (vm/exception_table.h): a handler gets the stack trimmed to its depth, the
// offset of the instruction (if `lasti`) and the exception; without one, the frame is popped and
// the exception continues in the caller (whose traceback entry `error` adds next).
//
// Fast paths are for exact built-in types only (int, float, str, list, tuple, dict, bool); every
// other case goes through the object protocol (objects/abstract.h) with CPython's rules.
//
// Thread safety: the loop touches only its own thread's frames; shared objects are reached through
// their APIs, which lock (list/dict critical sections) or read lock-free as they document. The
// eval-breaker word is polled on backward jumps, at RESUME (calls) and on returns.
#include "vm/eval.h"

#include <atomic>

#include "objects/abstract.h"
#include "objects/cell.h"
#include "objects/code.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/method.h"
#include "objects/set.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "sync/mutex.h"
#include "vm/dispatch.h"
#include "vm/eval_ops.h"
#include "vm/frame_stack.h"
#include "vm/run.h"
#include "vm/stack_ref.h"

namespace weft::vm {

namespace {

// The float fast path of BINARY_OP: exact floats, operators that cannot raise.
inline bool float_binary_fast(int op, double a, double b, double* out) {
  switch (op) {
    case NB_ADD: case NB_INPLACE_ADD: *out = a + b; return true;
    case NB_SUBTRACT: case NB_INPLACE_SUBTRACT: *out = a - b; return true;
    case NB_MULTIPLY: case NB_INPLACE_MULTIPLY: *out = a * b; return true;
    default: return false;
  }
}

// The int slot for BINARY_OP's operator (both operands exact ints), or nullptr.
inline BinaryFn int_binary_slot(int op) {
  const NumberMethods& n = IntType.number;
  switch (op) {
    case NB_ADD: case NB_INPLACE_ADD: return n.add;
    case NB_SUBTRACT: case NB_INPLACE_SUBTRACT: return n.subtract;
    case NB_MULTIPLY: case NB_INPLACE_MULTIPLY: return n.multiply;
    case NB_AND: case NB_INPLACE_AND: return n.and_;
    case NB_OR: case NB_INPLACE_OR: return n.or_;
    case NB_XOR: case NB_INPLACE_XOR: return n.xor_;
    case NB_LSHIFT: case NB_INPLACE_LSHIFT: return n.lshift;
    case NB_RSHIFT: case NB_INPLACE_RSHIFT: return n.rshift;
    case NB_FLOOR_DIVIDE: case NB_INPLACE_FLOOR_DIVIDE: return n.floor_divide;
    case NB_REMAINDER: case NB_INPLACE_REMAINDER: return n.remainder;
    default: return nullptr;
  }
}

inline bool compare_doubles(double a, double b, CompareOp op) {
  switch (op) {
    case CompareOp::Lt: return a < b;
    case CompareOp::Le: return a <= b;
    case CompareOp::Eq: return a == b;
    case CompareOp::Ne: return a != b;
    case CompareOp::Gt: return a > b;
    case CompareOp::Ge: return a >= b;
  }
  return false;
}

// Subscript fast paths: list[int], tuple[int], dict[key]; falls back to get_item.
inline Result<Ref<Object>> subscript(Object* container, Object* key) {
  int64_t i;
  if (is_list_exact(container) && is_int_exact(key) && int_to_i64(key, &i)) {
    if (i < 0) i += list_size(container);
    return list_get_item(container, i);
  }
  if (is_tuple_exact(container) && is_int_exact(key) && int_to_i64(key, &i)) {
    int64_t n = tuple_size(container);
    if (i < 0) i += n;
    if (i < 0 || i >= n) return raise(exc::IndexError, "tuple index out of range");
    return new_ref(tuple_item(container, i));
  }
  if (is_dict_exact(container)) return DictType.mapping.subscript(container, key);
  return get_item(container, key);
}

}  // namespace

Result<Ref<Object>> eval_frame(core::ThreadState* ts, Frame* entry) {
#if WEFT_USE_COMPUTED_GOTO
  // Label addresses exist only inside this function, so the table is filled here, once: every
  // number first names "unknown", then each row of opcodes.def its family's body (a specialised
  // instruction runs its generic form, which reads the same inline-cache layout).
  static void* kDispatchTable[256];
  static std::atomic<bool> dispatch_table_ready{false};
  if (!dispatch_table_ready.load(std::memory_order_acquire)) [[unlikely]] {
    static sync::Mutex table_mutex;
    table_mutex.lock();
    if (!dispatch_table_ready.load(std::memory_order_relaxed)) {
      for (void*& target : kDispatchTable) target = &&vm_unknown_opcode;
#define WEFT_OPCODE(name, number, family, caches, flags, pops, pushes) \
  kDispatchTable[number] = &&vm_target_##family;
#include "vm/opcodes.def"
      // pairs with the acquire load above: readers see the filled table
      dispatch_table_ready.store(true, std::memory_order_release);
    }
    table_mutex.unlock();
  }
#endif
  VmThreadData* vm = vm_data(ts);
  Frame* frame = entry;
  const CodeUnit* next_instr;
  Object** sp;
  Object** localsplus;
  Object* const* consts;
  Object* const* names;
  int opcode = 0;
  int oparg = 0;
  Object* call_kwnames = nullptr;  // CALL / CALL_KW hand their keyword names to call_common

  // The C stack guard: every nested eval_frame (a C++ caller re-entering the loop) checks the
  // remaining machine stack.
  {
    char probe;
    if (ts->stack_soft_limit && reinterpret_cast<uintptr_t>(&probe) < ts->stack_soft_limit) {
      (void)raise(exc::RecursionError, "maximum recursion depth exceeded");
      frame_clear(frame);
      vm->current_frame = frame->previous;
      pop_frame_memory(vm, frame);
      return Error{};
    }
  }
  ++vm->c_recursion_depth;
  vm->current_frame = frame;
  RELOAD_FRAME_STATE();

vm_fetch_next:
  VM_FETCH();
#if !WEFT_USE_COMPUTED_GOTO
vm_dispatch_opcode:
  switch (opcode) {
#else
  goto* kDispatchTable[opcode];
#endif

#include "vm/eval_cases.inc"

#if !WEFT_USE_COMPUTED_GOTO
    default:
      // A specialised instruction runs its generic form (same inline-cache layout).
      if (opcode_family(opcode) != opcode) {
        opcode = opcode_family(opcode);
        goto vm_dispatch_opcode;
      }
      goto vm_unknown_opcode;
  }
#endif

vm_unknown_opcode:
  (void)unknown_opcode_error(frame->code, opcode, frame->lasti_bytes());
  goto error;

error:
  // A new traceback entry for this frame (RERAISE skips this: the entry is already there).
  SAVE_FRAME_STATE();
  (void)traceback_add_frame(frame);

exception_unwind: {
  int handler, depth;
  bool push_lasti;
  int offset = static_cast<int>(frame->instr_ptr - frame->first_instr);
  if (exception_table_lookup(frame->code, offset, &handler, &depth, &push_lasti)) {
    Object** target = frame->stack_base() + depth;
    while (sp > target) stack_xclose(POP());
    if (push_lasti) {
      Result<Ref<Object>> lasti = int_from_i64(offset);
      if (lasti.is_error()) goto exception_unwind_leave;  // MemoryError replaces the exception
      PUSH(stack_from(lasti.release_value()));
    }
    Ref<Object> exc = take_exception();
    PUSH(stack_from(std::move(exc)));
    next_instr = frame->first_instr + handler;
    VM_DISPATCH();
  }
exception_unwind_leave:
  // No handler: this frame is done; the exception continues in the caller.
  while (sp > frame->stack_base()) stack_xclose(POP());
  SAVE_FRAME_STATE();
  Frame* finished = frame;
  bool was_entry = finished->is_entry;
  frame = finished->previous;
  leave_frame(ts, vm, finished);
  if (was_entry) {
    --vm->c_recursion_depth;
    return Error{};
  }
  RELOAD_FRAME_STATE();
  goto error;
}

// Control reaches here from RETURN_VALUE of an entry frame (see eval_cases.inc).
exit_frame_return: {
  Object* retval = POP();
  SAVE_FRAME_STATE();
  leave_frame(ts, vm, frame);
  --vm->c_recursion_depth;
  return stack_to_ref(retval);
}
}

}  // namespace weft::vm
