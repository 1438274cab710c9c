// vm/eval_ops.h — the out-of-line parts of instructions (vm/eval_ops*.cpp).
//
// The loop (vm/eval_cases.inc) keeps the fast paths inline and calls these for everything that
// is long, rare or needs the object protocol. They take borrowed arguments and return owned
// results (Result/Status), so the loop alone decides how stack slots are released.
#pragma once

#include <string>

#include "core/thread_state.h"
#include "objects/ref.h"
#include "vm/frame.h"
#include "vm/frame_stack.h"

namespace weft::vm {

// --- frames and unwinding (vm/eval_unwind.cpp) -------------------------------------------------
// Clears `f`, pops it from the frame stack and restores the caller as the current frame.
void leave_frame(core::ThreadState* ts, VmThreadData* vm, Frame* f);
// Prepends a traceback entry for `f` at its current instruction to the pending exception.
Status traceback_add_frame(Frame* f);
// Finds the handler for the instruction at code unit `offset` in co_exceptiontable: its target
// (code units), the stack depth to keep and whether to push the offset of the raising
// instruction. False when no handler covers it.
bool exception_table_lookup(const CodeObject* code, int offset, int* handler, int* depth,
                            bool* push_lasti);
Error unknown_opcode_error(const CodeObject* code, int opcode, int lasti_bytes);
Error unsupported_opcode_error(int opcode);
// NotImplementedError for CALL_INTRINSIC_* operands Weft does not run yet (type parameters,
// generators' StopIteration conversion, except* re-raise).
Error unsupported_intrinsic(const char* name);
// RAISE_VARARGS: sets the exception to raise. Returns true for a bare `raise` that re-raised
// the handled exception (whose traceback already names the frame).
bool do_raise(VmThreadData* vm, Object* exc /*nullable*/, Object* cause /*nullable*/);
// `except T:` (TypeError for classes not deriving from BaseException).
Result<bool> check_exc_match(Object* exc, Object* type);
// `except* T:` — split the group: *match is the matching part or None, *rest the remainder
// or None.
Status exception_group_match(Object* exc, Object* match_type, Ref<Object>* match, Ref<Object>* rest);

// --- names (vm/eval_names.cpp) -------------------------------------------------------------------
Error name_error(Object* name);
Error unbound_local_error(Object* name);
// Empty cell at localsplus[index]: UnboundLocalError for a cell variable, NameError for a free one.
Error unbound_deref_error(const CodeObject* code, int index);
Result<Ref<Object>> load_global(Frame* f, Object* name);
Result<Ref<Object>> load_name(Frame* f, Object* name);
Status store_name(Frame* f, Object* name, Object* value);
Status delete_name(Frame* f, Object* name);
Status delete_global(Frame* f, Object* name);
Result<Ref<Object>> load_from_dict_or_globals(Frame* f, Object* mapping, Object* name);
Result<Ref<Object>> load_from_dict_or_deref(Frame* f, Object* mapping, int index);
Result<Ref<Object>> load_common_constant(Frame* f, int which);
Result<Ref<Object>> load_build_class(Frame* f);
Status setup_annotations(Frame* f);

// --- attributes and calls (vm/eval_calls.cpp) ---------------------------------------------------
// obj.name for a call: true and *out = the unbound function when the attribute is a plain method
// found on the type (the caller passes obj as self); false and *out = the attribute otherwise.
Result<bool> load_method(Object* obj, Object* name, Ref<Object>* out);
// LOAD_SPECIAL: __enter__/__exit__/__aenter__/__aexit__ looked up on the type, with CPython's
// "does not support the context manager protocol" TypeErrors.
Status load_special(Object* owner, int which, Ref<Object>* meth, Ref<Object>* self_or_null);
Result<Ref<Object>> load_super_attr(Object* global_super, Object* cls, Object* self, Object* name);
Result<Ref<Object>> call_function_ex(Object* func, Object* args, Object* kwargs /*nullable*/);
Result<Ref<Object>> call_intrinsic_1(Frame* f, int which, Object* value);
Result<Ref<Object>> call_intrinsic_2(Frame* f, int which, Object* value2, Object* value1);
Result<Ref<Object>> import_name(Frame* f, Object* name, Object* fromlist, Object* level);
Result<Ref<Object>> import_from(Object* module, Object* name);

// --- containers (vm/eval_containers.cpp) --------------------------------------------------------
Result<Ref<Object>> build_set(Object* const* items, int n);
Result<Ref<Object>> build_map(Object* const* items, int npairs);  // key, value, key, value...
Result<Ref<Object>> build_string(Object* const* pieces, int n);
Status list_extend_op(Object* list, Object* iterable);
Status dict_update_op(Object* dict, Object* update);
Status dict_merge_op(Object* callable, Object* dict, Object* update);
// How messages name a callable: "__main__.f()", "len()" (CPython's _PyObject_FunctionStr).
std::string callable_description(Object* func);
Result<Ref<Object>> convert_value(Object* value, int conversion);
// Unpacks `seq` into the stack slots below `top`: the first item ends up at top[-1] (TOS).
// `after` is -1 for UNPACK_SEQUENCE (exactly `before` items), else the count after the star.
Status unpack_sequence(Object* seq, int before, int after, Object** top);
Result<Ref<Object>> match_keys(Object* subject, Object* keys);
Result<Ref<Object>> match_class(Object* subject, Object* type, int nargs, Object* names);

}  // namespace weft::vm
