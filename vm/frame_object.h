// vm/frame_object.h — Python-visible frame objects (tb_frame, sys._getframe(), f_back).
//
// Frames live on the per-thread frame stack (vm/frame.h) and most never get a Python object.
// One is created lazily, the first time something asks (a traceback entry, sys._getframe), and
// the frame keeps it in Frame::frame_obj (owned). While the frame runs, the object reads it
// live; when the frame finishes, frame_object_detach() snapshots what Python code can still ask
// for (f_locals, f_lineno, f_lasti, f_back) and cuts the link. frame.clear() drops that f_locals
// snapshot; on a frame still linked it raises (executing, or a suspended generator's), as 3.14.
//
// Threads: a live frame belongs to its thread; the object's getters read the live frame only on
// that thread and otherwise use the fields captured at creation/detach (under the object's
// critical section), so another thread holding a traceback sees consistent values.
#pragma once

#include "objects/type.h"
#include "vm/frame.h"

namespace weft::vm {

extern Type FrameType;

struct FrameObject : Object {
  Frame* frame;       // the live frame, or nullptr once it finished; guarded by ob_mutex
  uintptr_t owner;    // core::current_thread_id() of the thread running `frame`
  Object* code;       // owned
  Object* globals;    // owned, or nullptr (exec frames without globals never get here)
  Object* builtins;   // owned, or nullptr
  Object* locals;     // owned snapshot taken at detach (a dict / the namespace), or nullptr
  Object* back;       // owned f_back captured at detach, or nullptr
  int32_t lasti;      // byte offset captured at detach
};

inline bool is_frame_object(const Object* o) { return o->ob_type == &FrameType; }

// The frame object of `f` (created on first use), as a new reference.
Result<Ref<Object>> frame_object_for(Frame* f);

// Called by frame_clear before the slots are released: snapshots f_locals, f_lasti and f_back
// into the frame object (if any) and unlinks it from `f`. Never fails (a failing snapshot
// leaves f_locals empty); keeps any pending exception.
void frame_object_detach(Frame* f);

}  // namespace weft::vm
