// objects/traceback.h — traceback objects (exc.__traceback__): a linked list of
// (frame, instruction) pairs, newest at the end, built while an exception unwinds.
//
// The eval loop adds one entry per frame the exception passes through (traceback_add_frame).
// A traceback entry is immutable except tb_next, which Python code may reassign; that swap happens
// inside the traceback's critical section.
#pragma once

#include "objects/type.h"

namespace weft {

extern Type TracebackType;

struct TracebackObject : Object {
  Object* next;    // owned traceback or nullptr
  Object* frame;   // owned frame object (vm/frame_object.h)
  Object* code;    // owned code object of that frame (for tb_lineno and printing)
  int32_t lasti;   // byte offset of the failing instruction (CPython's tb_lasti)
  int32_t lineno;  // decoded from code's location table; -1 when unknown
};

inline bool is_traceback(const Object* o) { return o->ob_type == &TracebackType; }

// A new traceback entry in front of `next` (nullable): for `frame` running `code` at byte
// offset `lasti`. This is what the VM calls as an exception leaves a frame: the new entry
// becomes exc.__traceback__ (see vm/eval_unwind.cpp).
Result<Ref<Object>> traceback_new(Object* next, Object* frame, Object* code, int32_t lasti);

// tb.tb_next as a new reference (null Ref at the end of the chain); read under the entry's lock.
Ref<Object> traceback_next(Object* tb);

}  // namespace weft
