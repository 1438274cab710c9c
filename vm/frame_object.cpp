// vm/frame_object.cpp — frame objects (see vm/frame_object.h).
//
// Invariants: `frame` is non-null exactly while the frame runs and Frame::frame_obj points
// back at this object; it is cleared (under ob_mutex) by frame_object_detach on the owning
// thread before the frame's slots are released. Getters that need the live frame read it only
// on the owning thread; other threads see the detached snapshot or the creation-time fields.
#include "vm/frame_object.h"

#include <cstdio>
#include <string>
#include <utility>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"
#include "vm/frame_locals.h"

namespace weft::vm {

Type FrameType;

namespace {

FrameObject* as_frame(Object* o) { return static_cast<FrameObject*>(o); }

// The live frame if the caller may read it (it runs on the calling thread), else nullptr.
Frame* live_frame(Object* self) {
  FrameObject* fo = as_frame(self);
  if (fo->owner != core::current_thread_id()) return nullptr;
  sync::CriticalSection cs{self->ob_mutex};
  return fo->frame;
}

void frame_dealloc(Object* self) {
  FrameObject* fo = as_frame(self);
  xdecref(fo->code);
  xdecref(fo->globals);
  xdecref(fo->builtins);
  xdecref(fo->locals);
  xdecref(fo->back);
  free_object(self);
}

void frame_traverse(Object* self, VisitFn visit, void* arg) {
  FrameObject* fo = as_frame(self);
  for (Object* o : {fo->code, fo->globals, fo->builtins, fo->locals, fo->back}) {
    if (o) visit(o, arg);
  }
}

// The collector's `clear`: drops the f_locals snapshot and f_back (an exception's traceback
// reaches its frames, whose locals often hold the exception).
void frame_clear_slot(Object* self) {
  Object* locals;
  Object* back;
  {
    sync::CriticalSection cs{self->ob_mutex};
    locals = std::exchange(as_frame(self)->locals, nullptr);
    back = std::exchange(as_frame(self)->back, nullptr);
  }
  xdecref(locals);
  xdecref(back);
}

Result<Ref<Object>> or_none(Object* o) { return new_ref(o ? o : none()); }

Result<Ref<Object>> get_code(Object* self) { return or_none(as_frame(self)->code); }
Result<Ref<Object>> get_globals(Object* self) { return or_none(as_frame(self)->globals); }
Result<Ref<Object>> get_builtins(Object* self) { return or_none(as_frame(self)->builtins); }

Result<Ref<Object>> get_locals(Object* self) {
  if (Frame* f = live_frame(self)) return frame_locals(f);
  sync::CriticalSection cs{self->ob_mutex};
  FrameObject* fo = as_frame(self);
  if (fo->locals) return new_ref(fo->locals);
  return dict_new();
}

int32_t current_lasti(Object* self) {
  if (Frame* f = live_frame(self)) return f->lasti_bytes();
  sync::CriticalSection cs{self->ob_mutex};
  return as_frame(self)->lasti;
}

Result<Ref<Object>> get_lasti(Object* self) { return int_from_i64(current_lasti(self)); }

Result<Ref<Object>> get_lineno(Object* self) {
  SourceLocation loc;
  int32_t lasti = current_lasti(self);
  if (lasti < 0 || !code_location(static_cast<CodeObject*>(as_frame(self)->code), lasti / 2, &loc))
    return new_none();
  return int_from_i64(loc.line);
}

Result<Ref<Object>> get_back(Object* self) {
  if (Frame* f = live_frame(self)) {
    if (!f->previous) return new_none();
    return frame_object_for(f->previous);
  }
  sync::CriticalSection cs{self->ob_mutex};
  return or_none(as_frame(self)->back);
}

Result<Ref<Object>> get_none(Object*) { return new_none(); }

// True if `f` is on the calling thread's chain of executing frames.
bool executing_here(const Frame* f) {
  for (const Frame* p = current_python_frame(); p; p = p->previous) {
    if (p == f) return true;
  }
  return false;
}

// frame.clear(): 3.14 refuses a frame that still runs (on any thread) or a generator's frame
// that is suspended; a finished frame drops its f_locals snapshot (f_back stays, as in CPython).
// (A generator frame running on another thread is reported as suspended: only the running
// thread can see its frame chain.)
Result<Ref<Object>> frame_clear_method(Object* self, Object* const*, size_t, Object*) {
  Object* locals = nullptr;
  const char* refusal = nullptr;
  {
    sync::CriticalSection cs{self->ob_mutex};
    FrameObject* fo = as_frame(self);
    if (Frame* f = fo->frame) {
      // A frame still linked is either executing or owned by a generator between resumes.
      // The frame stays valid while ob_mutex is held (detach takes it before the frame's
      // memory is released), and a generator frame's owner tag never changes.
      bool suspended = f->owner == FrameOwner::kGenerator && !executing_here(f);
      refusal = suspended ? "cannot clear a suspended frame" : "cannot clear an executing frame";
    } else {
      locals = std::exchange(fo->locals, nullptr);
    }
  }
  if (refusal) return raise(exc::RuntimeError, "{}", refusal);
  xdecref(locals);
  return new_none();
}

const MethodDef kFrameMethods[] = {
    {"clear", frame_clear_method, kMethNoArgs,
     "Clear all references held by the frame."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> frame_repr(Object* self) {
  CodeObject* code = static_cast<CodeObject*>(as_frame(self)->code);
  Ref<Object> lineno = TRY(get_lineno(self));
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(self));
  Ref<Object> filename = TRY(object_repr(code->filename));
  std::string text = std::string("<frame at ") + addr + ", file " +
                     str_to_std_string(filename.get()) + ", line " +
                     str_to_std_string(TRY(object_str(lineno.get())).get()) + ", code " +
                     str_to_std_string(code->name) + ">";
  return str_from_utf8(text);
}

const GetSetDef kFrameGetSets[] = {
    {"f_code", get_code, nullptr, nullptr},
    {"f_globals", get_globals, nullptr, nullptr},
    {"f_builtins", get_builtins, nullptr, nullptr},
    {"f_locals", get_locals, nullptr, nullptr},
    {"f_lineno", get_lineno, nullptr, nullptr},
    {"f_lasti", get_lasti, nullptr, nullptr},
    {"f_back", get_back, nullptr, nullptr},
    {"f_trace", get_none, nullptr, nullptr},
    {"f_generator", get_none, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_frame_type() {
  Type& t = FrameType;
  t.name = "frame";
  t.basicsize = sizeof(FrameObject);
  t.flags = kTypeHaveGc | kTypeImmutable | kTypeDisallowInstantiation;
  t.dealloc = frame_dealloc;
  t.traverse = frame_traverse;
  t.clear = frame_clear_slot;
  t.repr = frame_repr;
  t.getsets = kFrameGetSets;
  t.methods = kFrameMethods;
  return ok();
}
Status ready_frame_type() { return type_ready(&FrameType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_frame_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_frame_type);

}  // namespace

Result<Ref<Object>> frame_object_for(Frame* f) {
  if (f->frame_obj) return new_ref(f->frame_obj);
  Ref<FrameObject> fo = TRY(new_object<FrameObject>(&FrameType));
  fo->frame = f;
  fo->owner = core::current_thread_id();
  fo->code = new_ref(f->code).release();
  fo->globals = f->globals ? new_ref(f->globals).release() : nullptr;
  fo->builtins = f->builtins ? new_ref(f->builtins).release() : nullptr;
  fo->lasti = f->lasti_bytes();
  f->frame_obj = new_ref(fo.get()).release();  // the frame's own reference
  return Ref<Object>(std::move(fo));
}

void frame_object_detach(Frame* f) {
  Object* obj = f->frame_obj;
  if (!obj) return;
  Ref<Object> pending = take_exception();
  Result<Ref<Object>> locals = frame_locals(f);
  if (locals.is_error()) clear_error();
  Ref<Object> back;
  if (f->previous) {
    Result<Ref<Object>> b = frame_object_for(f->previous);
    if (b.is_error()) {
      clear_error();
    } else {
      back = b.release_value();
    }
  }
  Object* old_locals;
  Object* old_back;
  {
    sync::CriticalSection cs{obj->ob_mutex};
    FrameObject* fo = as_frame(obj);
    fo->lasti = f->lasti_bytes();
    old_locals = fo->locals;
    old_back = fo->back;
    fo->locals = locals.is_error() ? nullptr : locals.release_value().release();
    fo->back = back.release();
    fo->frame = nullptr;
  }
  xdecref(old_locals);
  xdecref(old_back);
  f->frame_obj = nullptr;
  decref(obj);
  if (pending) set_exception(std::move(pending));
}

}  // namespace weft::vm
