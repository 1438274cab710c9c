// vm/vm_hooks.cpp — the hooks objects/ calls back into the VM through, installed at start-up
// (objects/ knows nothing of frames, DESIGN §2):
//   - the handled-exception hook (objects/errors.h): every raise from native code gets the
//     exception being handled as its __context__, as CPython's _PyErr_SetObject does;
//   - the zero-argument super() hook (objects/super.h): super() with no arguments reads the
//     calling frame's first argument and its __class__ cell;
//   - the current-globals hook (objects/heap_type.h): type(name, bases, ns) takes __module__
//     from the calling frame's globals;
//   - the unraisable hook (objects/errors.h): errors that cannot propagate (in __del__...) are
//     printed like CPython's sys.unraisablehook does;
//   - the importer (objects/import_hook.h): object.__reduce_ex__ imports copyreg.
// Both read only the calling thread's own frames, so no locking is needed.
#include "core/thread_state.h"
#include "objects/bytes.h"
#include "objects/cell.h"
#include "objects/code.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/heap_type.h"
#include "objects/import_hook.h"
#include "objects/str.h"
#include "objects/super.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "vm/frame_locals.h"
#include "vm/frame_stack.h"
#include "vm/import.h"
#include "vm/traceback_print.h"

namespace weft::vm {
namespace {

Object* current_handled_exception() {
  core::ThreadState* ts = core::current_thread_state();
  if (!ts || !ts->vm) return nullptr;
  return handled_exception(ts->vm);
}

// CPython's super_init_without_args, on the innermost Python frame (the caller of super()).
Status zero_arg_super(Ref<Object>* type, Ref<Object>* obj) {
  Frame* f = current_python_frame();
  if (!f) return raise(exc::RuntimeError, "super(): no current frame");
  CodeObject* code = f->code;
  if (code->argcount == 0) return raise(exc::RuntimeError, "super(): no arguments");
  Object* first = f->localsplus()[0];
  const uint8_t* kinds =
      reinterpret_cast<const uint8_t*>(bytes_view(code->localspluskinds).data());
  // The first argument may have been moved into a cell by MAKE_CELL.
  Ref<Object> first_arg;
  if (first && (kinds[0] & kFastCell) && is_cell(first)) {
    first_arg = cell_get(first);
  } else if (first) {
    first_arg = new_ref(first);
  }
  if (!first_arg) return raise(exc::RuntimeError, "super(): arg[0] deleted");
  for (int i = 0; i < code->nlocalsplus; ++i) {
    if (!(kinds[i] & kFastFree)) continue;
    Object* name = tuple_item(code->localsplusnames, i);
    if (!str_equal_ascii(name, "__class__")) continue;
    Object* cell = f->localsplus()[i];
    if (!cell || !is_cell(cell)) return raise(exc::RuntimeError, "super(): bad __class__ cell");
    Ref<Object> cls = cell_get(cell);
    if (!cls) return raise(exc::RuntimeError, "super(): empty __class__ cell");
    if (!is_instance_of(cls.get(), &TypeType)) {
      return raise(exc::RuntimeError, "super(): __class__ is not a type ({})",
                   type_name_of(cls.get()));
    }
    *type = std::move(cls);
    *obj = std::move(first_arg);
    return ok();
  }
  return raise(exc::RuntimeError, "super(): __class__ cell not found");
}

Object* current_globals() {
  Frame* f = current_python_frame();
  return f ? f->globals : nullptr;
}

// CPython's default sys.unraisablehook output: the message line, then the traceback.
void print_unraisable(std::string_view message, Object* exc) {
  std::string text(message);
  text += ":\n";
  write_stderr(text);
  if (exc) print_exception(exc);
}

Status install_vm_hooks() {
  set_current_globals_hook(current_globals);
  set_unraisable_hook(print_unraisable);
  set_handled_exception_hook(current_handled_exception);
  set_zero_arg_super_hook(zero_arg_super);
  set_import_module_hook(import_module);
  return ok();
}
WEFT_REGISTER_TYPE_INIT(kPhaseFill, install_vm_hooks);

}  // namespace
}  // namespace weft::vm
