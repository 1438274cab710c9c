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
#include "objects/container_common.h"
#include "objects/code.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/method.h"
#include "objects/module.h"
#include "objects/set.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/template.h"
#include "objects/tuple.h"
#include "sync/mutex.h"
#include "vm/dispatch.h"
#include "vm/eval_ops.h"
#include "vm/frame_stack.h"
#include "vm/generator.h"
#include "vm/run.h"
#include "vm/specialize.h"
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


// The value in a dict entry's slot as a stack value (vm/stack_ref.h), read lock-free: immortal and
// deferred objects are pushed uncounted; anything else needs a successful try-incref (the entry
// may be emptied and the value freed concurrently). nullptr: the caller takes the generic path.
[[gnu::always_inline]] inline Object* load_slot_value(std::atomic<Object*>* slot) {
  // acquire: pairs with the release stores of entry values in objects/dict*.cpp.
  Object* v = slot->load(std::memory_order_acquire);
  if (!v) return nullptr;
  if (has_deferred_refcount(v) || is_immortal(v)) return v;
  return containers::try_incref_compare(slot, v) ? v : nullptr;
}

// CALL_PY_EXACT_ARGS's frame push: `func` takes exactly `nargs` positional arguments
// (function_takes_exact_args). The function and the arguments move into the frame. Returns
// nullptr, changing nothing, when the fast path does not apply (recursion limit reached or the
// chunk is full): push_function_frame handles those.
inline Frame* push_exact_frame(core::ThreadState* ts, VmThreadData* vm, Object* func,
                               Object** args, int nargs) {
  if (ts->recursion_remaining <= 0) [[unlikely]] return nullptr;
  FunctionObject* fo = static_cast<FunctionObject*>(func);
  CodeObject* code = static_cast<CodeObject*>(fo->code);
  FrameChunk* chunk = vm->chunk;
  size_t bytes = frame_size(code);
  if (static_cast<size_t>(chunk->limit - chunk->top) < bytes) [[unlikely]] return nullptr;
  const CodeUnit* first = code_instructions_fast(code);
  auto* f = reinterpret_cast<Frame*>(chunk->top);
  chunk->top += bytes;
  f->code = static_cast<CodeObject*>(stack_dup(code));
  f->func = func;
  f->globals = fo->globals;
  f->builtins = fo->builtins;
  f->locals = nullptr;
  f->previous = vm->current_frame;
  f->first_instr = first;
  f->instr_ptr = first;
  f->frame_obj = nullptr;
  f->owner = FrameOwner::kThread;
  f->is_entry = false;
  f->return_offset = 0;
  Object** locals = f->localsplus();
  for (int i = 0; i < nargs; ++i) locals[i] = args[i];
  for (int i = nargs, n = code->nlocalsplus; i < n; ++i) locals[i] = nullptr;
  f->stack_pointer = f->stack_base();
  vm->current_frame = f;
  --ts->recursion_remaining;
  return f;
}

// RETURN_VALUE's frame pop (leave_frame inlined for the common case: no frame object, no locals
// mapping, the frame not first in its chunk).
inline void pop_function_frame(core::ThreadState* ts, VmThreadData* vm, Frame* f) {
  char* bottom = reinterpret_cast<char*>(f);
  if (f->frame_obj || f->locals || bottom == reinterpret_cast<char*>(vm->chunk + 1)) [[unlikely]] {
    leave_frame(ts, vm, f);
    return;
  }
  vm->current_frame = f->previous;
  ++ts->recursion_remaining;
  Object** slots = f->localsplus();
  for (int i = 0, n = f->code->nlocalsplus; i < n; ++i) stack_xclose(slots[i]);
  for (Object** p = f->stack_base(); p < f->stack_pointer; ++p) stack_xclose(*p);
  if (f->func) stack_close(f->func);
  stack_close(f->code);
  vm->chunk->top = bottom;
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
      // Specialised instructions with a body of their own (the others run their family's).
#define WEFT_SPECIALIZED_TARGET(op) kDispatchTable[op] = &&vm_target_##op;
      WEFT_SPECIALIZED_BODIES(WEFT_SPECIALIZED_TARGET)
#undef WEFT_SPECIALIZED_TARGET
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
  // RERAISE points frame->instr_ptr back at the original raise (for tb_lasti), but the handler
  // search must start from the RERAISE itself, or it would find the same handler again.
  const CodeUnit* unwind_from = nullptr;

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

#if !WEFT_USE_COMPUTED_GOTO
vm_fetch_next:
#endif
  VM_FETCH();
#if !WEFT_USE_COMPUTED_GOTO
vm_dispatch_opcode:
  switch (opcode) {
#else
  goto* kDispatchTable[opcode];
#endif

#include "vm/eval_cases.inc"
#include "vm/eval_cases_specialized.inc"

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
  int offset = static_cast<int>((unwind_from ? unwind_from : frame->instr_ptr) - frame->first_instr);
  unwind_from = nullptr;
  if (exception_table_lookup(frame->code, offset, &handler, &depth, &push_lasti)) {
    Object** target = frame->stack_base() + depth;
    while (sp > target) stack_xclose(POP());
    if (push_lasti) {
      // The lasti of the instruction that raised (RERAISE restored it into instr_ptr).
      Result<Ref<Object>> lasti = int_from_i64(frame->instr_ptr - frame->first_instr);
      if (lasti.is_error()) goto exception_unwind_leave;  // MemoryError replaces the exception
      PUSH(stack_from(lasti.release_value()));
    }
    PUSH(stack_from(take_exception()));
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
