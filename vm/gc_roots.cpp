// vm/gc_roots.cpp — the collector hooks of the VM layer (vm/gc_roots.h, gc/collector.h).
//
// visit_thread_frames walks every thread's frame chain (current_frame and its callers, which
// include running generators' frames) under Interpreter::threads_mutex; the collector calls it
// with the world stopped, when every frame's stack_pointer is saved (vm/frame.h: escape points).
// visit_uncounted does the same for the frame a suspended or unstarted generator owns.
// finalize runs a generator's close() (PEP 342 finalisation) or an instance's __del__; weak
// references to unreachable objects are cleared with objects/weakref.h.
#include "vm/gc_roots.h"

#include "core/thread_state.h"
#include "gc/collector.h"
#include "objects/function.h"
#include "objects/heap_type.h"
#include "objects/weakref.h"
#include "vm/frame_stack.h"
#include "vm/generator.h"

namespace weft::vm {

namespace {

template <class Pick>
void visit_slots(Frame* f, VisitFn visit, void* arg, Pick pick) {
  Object** slots = f->localsplus();
  for (int i = 0, n = f->code->nlocalsplus; i < n; ++i) {
    if (slots[i] && pick(slots[i])) visit(slots[i], arg);
  }
  for (Object** p = f->stack_base(); p < f->stack_pointer; ++p) {
    if (*p && pick(*p)) visit(*p, arg);
  }
  if (f->func && pick(f->func)) visit(f->func, arg);
  if (pick(f->code)) visit(f->code, arg);
}

bool is_generator_like(const Object* o) {
  return is_generator(o) || is_coroutine(o) || is_async_generator(o);
}

// The frame a generator owns, if it still has one.
Frame* generator_frame(Object* o) {
  GeneratorObject* g = static_cast<GeneratorObject*>(o);
  if (g->state.load(std::memory_order_acquire) == GenState::kFinished) return nullptr;
  return g->frame;
}

void visit_thread_frames(VisitFn visit, void* arg) {
  core::Interpreter& interp = core::interpreter();
  interp.threads_mutex.lock_without_detaching();
  for (core::ThreadState* ts = interp.threads; ts; ts = ts->next) {
    if (!ts->vm) continue;
    for (Frame* f = ts->vm->current_frame; f; f = f->previous) frame_visit_uncounted(f, visit, arg);
  }
  interp.threads_mutex.unlock();
}

void visit_uncounted(Object* o, VisitFn visit, void* arg) {
  if (!is_generator_like(o)) return;
  if (Frame* f = generator_frame(o)) frame_visit_uncounted(f, visit, arg);
}

bool finalize(Object* o) {
  if (is_generator_like(o)) {
    o->ob_gc_bits.fetch_or(kGcFinalized, std::memory_order_relaxed);
    return generator_finalize(o);
  }
  return object_finalize(o);
}

[[maybe_unused]] const bool g_registered = gc::register_collector_hooks({
    .visit_thread_frames = visit_thread_frames,
    .visit_uncounted = visit_uncounted,
    .finalize = finalize,
    .clear_weakrefs = clear_weakrefs_for_collect,
    .run_weakref_callback = run_weakref_callback,
});

}  // namespace

void frame_traverse_counted(Frame* f, VisitFn visit, void* arg) {
  visit_slots(f, visit, arg, [](Object* o) { return !has_deferred_refcount(o); });
  if (f->locals) visit(f->locals, arg);
  if (f->frame_obj) visit(f->frame_obj, arg);
}

void frame_visit_uncounted(Frame* f, VisitFn visit, void* arg) {
  visit_slots(f, visit, arg, [](Object* o) { return has_deferred_refcount(o); });
}

}  // namespace weft::vm
