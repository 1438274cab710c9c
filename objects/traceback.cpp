// objects/traceback.cpp — traceback objects (see objects/traceback.h).
//
// Entries are immutable except tb_next, which is swapped inside the entry's critical section
// (readers take their reference under the same lock). tb_lineno is decoded from the code
// object's location table when the entry is created.
#include "objects/traceback.h"

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/code.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"

namespace weft {

Type TracebackType;

namespace {

TracebackObject* as_tb(Object* o) { return static_cast<TracebackObject*>(o); }

void tb_dealloc(Object* self) {
  TracebackObject* tb = as_tb(self);
  xdecref(tb->next);
  xdecref(tb->frame);
  xdecref(tb->code);
  free_object(self);
}

void tb_traverse(Object* self, VisitFn visit, void* arg) {
  TracebackObject* tb = as_tb(self);
  if (tb->next) visit(tb->next, arg);
  if (tb->frame) visit(tb->frame, arg);
  if (tb->code) visit(tb->code, arg);
}

Result<Ref<Object>> get_next(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  Object* n = as_tb(self)->next;
  return new_ref(n ? n : none());
}
Status set_next(Object* self, Object* value) {
  if (!value) return raise(exc::TypeError, "can't delete tb_next attribute");
  if (is_none(value)) value = nullptr;
  if (value && !is_traceback(value)) {
    return raise(exc::TypeError, "expected traceback object or None, got '{}'", type_name_of(value));
  }
  // Refuse loops (CPython: "traceback loop detected").
  for (Object* cursor = value; cursor; cursor = as_tb(cursor)->next) {
    if (cursor == self) return raise(exc::ValueError, "traceback loop detected");
  }
  Object* old;
  {
    sync::CriticalSection cs{self->ob_mutex};
    xincref(value);
    old = as_tb(self)->next;
    as_tb(self)->next = value;
  }
  xdecref(old);
  return ok();
}
Result<Ref<Object>> get_frame(Object* self) {
  Object* f = as_tb(self)->frame;
  return new_ref(f ? f : none());
}
Result<Ref<Object>> get_lasti(Object* self) { return int_from_i64(as_tb(self)->lasti); }
Result<Ref<Object>> get_lineno(Object* self) {
  int line = as_tb(self)->lineno;
  if (line < 0) return new_none();
  return int_from_i64(line);
}

const GetSetDef kTracebackGetSets[] = {
    {"tb_next", get_next, set_next, nullptr},
    {"tb_frame", get_frame, nullptr, nullptr},
    {"tb_lasti", get_lasti, nullptr, nullptr},
    {"tb_lineno", get_lineno, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_traceback_type() {
  Type& t = TracebackType;
  t.name = "traceback";
  t.doc = "Create a new traceback object.";
  t.basicsize = sizeof(TracebackObject);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = tb_dealloc;
  t.traverse = tb_traverse;
  t.getsets = kTracebackGetSets;
  return ok();
}
Status ready_traceback_type() { return type_ready(&TracebackType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_traceback_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_traceback_type);

}  // namespace

Result<Ref<Object>> traceback_new(Object* next, Object* frame, Object* code, int32_t lasti) {
  Ref<TracebackObject> tb = TRY(new_object<TracebackObject>(&TracebackType));
  tb->next = next ? new_ref(next).release() : nullptr;
  tb->frame = frame ? new_ref(frame).release() : nullptr;
  tb->code = code ? new_ref(code).release() : nullptr;
  tb->lasti = lasti;
  SourceLocation loc;
  tb->lineno = code && code_location(static_cast<CodeObject*>(code), lasti / 2, &loc) ? loc.line : -1;
  return Ref<Object>(std::move(tb));
}

Ref<Object> traceback_next(Object* tb) {
  sync::CriticalSection cs{tb->ob_mutex};
  Object* n = as_tb(tb)->next;
  return n ? new_ref(n) : Ref<Object>();
}

}  // namespace weft
