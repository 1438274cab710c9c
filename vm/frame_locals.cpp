// vm/frame_locals.cpp — snapshots of a frame's variables for locals()/vars()/dir().
//
// Function frames keep their variables in fast slots (Frame::localsplus); cells and free variables
// hold a cell object whose contents are the value. A snapshot reads each slot once; the frame
// belongs to the calling thread, so no lock is needed for the slots themselves (cell contents are
// read through cell_get, which synchronises with other threads' writes).
#include "vm/frame_locals.h"

#include "core/thread_state.h"
#include "objects/bytes.h"
#include "objects/cell.h"
#include "objects/dict.h"
#include "objects/tuple.h"
#include "vm/frame_stack.h"

namespace weft::vm {

Frame* current_python_frame() {
  core::ThreadState* ts = core::current_thread_state();
  if (!ts || !ts->vm) return nullptr;
  return ts->vm->current_frame;
}

Result<Ref<Object>> frame_locals(Frame* f) {
  if (f->locals) return new_ref(f->locals);
  Ref<Object> d = TRY(dict_new());
  CodeObject* code = f->code;
  const auto* kinds = reinterpret_cast<const uint8_t*>(bytes_view(code->localspluskinds).data());
  Object** slots = f->localsplus();
  for (int i = 0; i < code->nlocalsplus; i++) {
    Object* value = slots[i];
    if (!value) continue;
    if (kinds[i] & kFastHidden) continue;
    Ref<Object> bound;
    if ((kinds[i] & (kFastCell | kFastFree)) && is_cell(value)) {
      bound = cell_get(value);
      if (!bound) continue;
    } else {
      bound = new_ref(value);
    }
    TRY(dict_set_item(d.get(), tuple_item(code->localsplusnames, i), bound.get()));
  }
  return d;
}

}  // namespace weft::vm
