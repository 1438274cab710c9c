// vm/class_body.cpp — see class_body.h. The body is an ordinary function frame (so closures and
// the __class__ cell work through COPY_FREE_VARS/MAKE_CELL) whose `locals` is the class
// namespace, which LOAD_NAME/STORE_NAME use.
#include "vm/class_body.h"

#include "core/thread_state.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "vm/eval.h"
#include "vm/run.h"

namespace weft::vm {

Result<Ref<Object>> run_class_body(Object* func, Object* ns) {
  if (!is_function(func)) return raise(exc::TypeError, "__build_class__: func must be a function");
  core::ThreadState* ts = core::current_thread_state();
  Frame* f = push_function_frame(ts, func, nullptr, 0, nullptr, ArgOwnership::kBorrow);
  if (!f) return Error{};
  f->locals = new_ref(ns).release();
  f->is_entry = true;
  return eval_frame(ts, f);
}

}  // namespace weft::vm
