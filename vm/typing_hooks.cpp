// vm/typing_hooks.cpp — connects the typing objects (objects/typevar.h, objects/union.h) to
// the VM: typing.Union imports Lib/typing.py through import_module (union.h's hook), and
// TypeVar() & co. read the calling code's module name from the innermost Python frame.
// objects/ cannot include vm/, so the VM installs these function pointers at start-up
// (kPhaseFill: stores only, allocates nothing). They read only the calling thread's frames.
#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "objects/typevar.h"
#include "objects/union.h"
#include "vm/frame.h"
#include "vm/frame_stack.h"
#include "vm/import.h"

namespace weft::vm {
namespace {

// globals()['__name__'] of the innermost Python frame, or None.
Result<Ref<Object>> caller_module_name() {
  core::ThreadState* ts = core::current_thread_state();
  Frame* f = ts ? vm_data(ts)->current_frame : nullptr;
  if (!f || !f->globals || !is_dict(f->globals)) return new_none();
  Ref<Object> name;
  if (!TRY(dict_get_item_str(f->globals, str_intern("__name__"), &name))) return new_none();
  return name;
}

Status install_typing_hooks() {
  typevar_set_caller_module_hook(caller_module_name);
  union_set_import_hook(import_module);
  return ok();
}
WEFT_REGISTER_TYPE_INIT(kPhaseFill, install_typing_hooks);

}  // namespace
}  // namespace weft::vm
