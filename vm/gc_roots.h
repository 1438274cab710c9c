// vm/gc_roots.h — what the cycle collector (gc/collector.h) needs to know about frames.
//
// Frame slots follow vm/stack_ref.h: a slot holding a deferred object (kGcDeferred) does not
// own a reference, every other slot does. So a frame's references split in two:
//  - counted ones, which the traverse of the object owning the frame (a generator) reports like
//    any other field (the collector subtracts them);
//  - uncounted ones, which the collector must treat as roots (it adds them), for frames on
//    every thread's stack and frames inside generators.
// vm/gc_roots.cpp registers the collector hooks that do the second part, and the finalizer hook
// (generators are closed, instances run __del__).
#pragma once

#include "objects/type.h"
#include "vm/frame.h"

namespace weft::vm {

// Visits the references `f` owns: non-deferred slots (locals and the live value stack), the
// function and code when not deferred, the locals mapping and the frame object.
void frame_traverse_counted(Frame* f, VisitFn visit, void* arg);

// Visits the deferred objects `f` holds through uncounted slots.
void frame_visit_uncounted(Frame* f, VisitFn visit, void* arg);

}  // namespace weft::vm
