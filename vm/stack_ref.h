// vm/stack_ref.h — how the VM counts the references held by frames (DESIGN §4).
//
// A frame's local variables and value stack hold Object* slots. A slot owns one reference,
// EXCEPT when the object uses deferred reference counting (kGcDeferred: module-level functions,
// modules, code objects...): then the slot holds an uncounted reference, and the cycle collector
// (which will scan frames) is what keeps the object alive. So threads that all call one shared
// function never touch its refcount.
//
// The rule "counted unless deferred" is decided by the object's kGcDeferred bit at the moment of
// the push AND of the pop. That is consistent because the bit is only ever set on a fresh object
// before any frame can see it (objects/function.h: object_enable_deferred_refcount), and never
// cleared while frames may hold it. (CPython tags the pointer instead; testing the bit keeps
// the slots plain Object* so they can be passed straight to vector calls.)
//
// Until the collector exists deferred objects are never freed (their shared count is biased).
//
//   stack_dup(o)       a borrowed object becomes a slot value (incref unless deferred/immortal)
//   stack_close(o)     a slot value is dropped (decref unless deferred/immortal)
//   stack_from(ref)    an owned Ref becomes a slot value
//   stack_to_ref(o)    a slot value becomes an owned Ref (the slot is consumed)
// They are forced inline: the interpreter loop runs them on nearly every instruction.
#pragma once

#include "objects/function.h"
#include "objects/ref.h"

namespace weft::vm {

[[gnu::always_inline]] inline Object* stack_dup(Object* o) {
  if (!has_deferred_refcount(o)) incref(o);
  return o;
}
[[gnu::always_inline]] inline void stack_close(Object* o) {
  if (!has_deferred_refcount(o)) decref(o);
}
[[gnu::always_inline]] inline void stack_xclose(Object* o) {
  if (o) stack_close(o);
}
[[gnu::always_inline]] inline Object* stack_from(Ref<Object>&& r) {
  Object* o = r.release();
  // The Ref's count is not wanted for a deferred object; the bias keeps it above zero.
  if (has_deferred_refcount(o)) [[unlikely]] decref(o);
  return o;
}
[[gnu::always_inline]] inline Ref<Object> stack_to_ref(Object* o) {
  if (has_deferred_refcount(o)) [[unlikely]] return Ref<Object>::borrow(o);
  return Ref<Object>::steal(o);
}

}  // namespace weft::vm
