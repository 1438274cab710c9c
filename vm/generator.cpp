// vm/generator.cpp — generator objects running on fibers (see vm/generator.h).
//
// Frame memory. A generator's frame lives in one raw allocation: a back pointer to the generator,
// then the Frame and its slots. YIELD_VALUE finds its generator from the frame alone. The frame
// is an entry frame (eval_frame returns when it finishes) owned by the generator
// (FrameOwner::kGenerator: leave_frame clears it but does not pop thread stack memory).
//
// The resume handshake (resume_fiber <-> generator_yield / fiber_main): the resumer stores the
// mode and the sent value in the generator, links the frame above its own frame, pushes the
// generator's exc_info level, and switches; the frame side takes them, and hands back a yielded
// value (or, when eval_frame ends, the return value or a pending exception) the same way. A
// throw() sets the exception in the resumer's thread state before switching: the fiber then runs
// on that same thread and raises it at the yield.
//
// A send into a `yield from` chain goes straight to its innermost generator
// (send_through_delegates): the resumer claims each level in turn, outermost first, so a level is
// Running while any generator below it runs, as under CPython's SEND_GEN.
//
// Invariants: `state` is kRunning for exactly the duration of one resume, owned by the thread
// that CASed it there, which alone touches mode/transfer/returned/yield_from/exc_state. A
// finished generator has no frame and no fiber. A suspended generator's fiber is always
// finished before the object is freed (finalisation closes it; a generator that ignores
// GeneratorExit is then unwound without running its handlers, the "kill" resume).
#include "vm/generator.h"

#include <cstdio>
#include <cstring>
#include <new>
#include <string>

#include "core/thread_state.h"
#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/traceback.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"
#include "sync/critical_section.h"
#include "vm/eval.h"
#include "vm/eval_ops.h"
#include "vm/frame_object.h"
#include "vm/gc_roots.h"
#include "vm/opcodes.h"
#include "vm/specialize.h"
#include "vm/stack_ref.h"

namespace weft::vm {

Type GeneratorType;

namespace {

// Resume modes beyond the public two: kill unwinds a suspended frame without running handlers;
// delegate-returned ends the frame's `yield from` loop with the sent value as its result (see
// send_through_delegates).
constexpr GenResumeMode kKillMode = static_cast<GenResumeMode>(2);
constexpr GenResumeMode kDelegateReturnedMode = static_cast<GenResumeMode>(3);

GeneratorObject* as_gen(Object* o) { return static_cast<GeneratorObject*>(o); }

GeneratorObject* generator_of(Frame* f) { return reinterpret_cast<GeneratorObject**>(f)[-1]; }
void* frame_allocation(Frame* f) { return reinterpret_cast<GeneratorObject**>(f) - 1; }

// Releases a finished or never-run generator's frame memory and fiber.
void release_frame_and_fiber(GeneratorObject* g) {
  if (g->frame) {
    gc::raw_free(frame_allocation(g->frame));
    g->frame = nullptr;
  }
  if (g->fiber) {
    g->fiber->~Fiber();
    gc::raw_free(g->fiber);
    g->fiber = nullptr;
  }
  Object* handled = g->exc_state.exc_value;
  g->exc_state.exc_value = nullptr;
  xdecref(handled);
}

// A generator whose frame never ran (or was abandoned): clear its slots without running it.
void discard_unstarted(GeneratorObject* g) {
  if (g->frame) frame_clear(g->frame);
  release_frame_and_fiber(g);
  g->state.store(GenState::kFinished, std::memory_order_release);
}

// Claims the generator for one resume. kFinished is reported through *finished (no error).
Status begin_running(GeneratorObject* g, bool* finished) {
  *finished = false;
  GenState s = g->state.load(std::memory_order_acquire);
  for (;;) {
    if (s == GenState::kRunning) {
      return raise(exc::ValueError, "{} already executing", generator_kind_name(g));
    }
    if (s == GenState::kFinished) {
      *finished = true;
      return ok();
    }
    // acquire: the previous resumer's writes (frame, transfer...) happen before this resume.
    if (g->state.compare_exchange_weak(s, GenState::kRunning, std::memory_order_acquire)) {
      return ok();
    }
  }
}

// PEP 479: a StopIteration escaping the frame becomes RuntimeError (so does a
// StopAsyncIteration escaping an async generator, PEP 525).
void apply_pep479(GeneratorObject* g) {
  const char* escaped;
  if (error_matches(exc::StopIteration)) {
    escaped = "StopIteration";
  } else if (is_async_generator(g) && error_matches(exc::StopAsyncIteration)) {
    escaped = "StopAsyncIteration";
  } else {
    return;
  }
  Ref<Object> stop = take_exception();
  (void)raise(exc::RuntimeError, "{} raised {}", generator_kind_name(g), escaped);
  Ref<Object> err = take_exception();
  if (!err) return;  // MemoryError while building it is pending instead
  exception_set_context(err.get(), new_ref(stop.get()));
  exception_set_cause(err.get(), std::move(stop));
  set_exception(std::move(err));
}

// The fiber's body: runs the frame to its end (return or exception).
void fiber_main(void* arg) {
  GeneratorObject* g = static_cast<GeneratorObject*>(arg);
  core::ThreadState* ts = core::current_thread_state();
  ts->stack_soft_limit = g->fiber->stack_soft_limit();
  Frame* f = g->frame;
  // The first send()'s value (None): the POP_TOP that follows RETURN_GENERATOR discards it.
  Object* sent = g->transfer;
  g->transfer = nullptr;
  *f->stack_pointer++ = sent ? stack_from(Ref<Object>::steal(sent)) : none();
  Result<Ref<Object>> r = eval_frame(ts, f);
  g->returned = !r.is_error();
  if (g->returned) g->transfer = r.release_value().release();
}

// One switch into the generator (state already kRunning). `value` is the sent value (send
// mode); for throw/kill modes the exception is already set.
GenOutcome resume_fiber(GeneratorObject* g, GenResumeMode mode, Ref<Object> value,
                        Ref<Object>* out) {
  core::ThreadState* ts = core::current_thread_state();
  VmThreadData* vm = vm_data(ts);
  if (ts->recursion_remaining <= 0) {
    g->state.store(g->fiber->started() ? GenState::kSuspended : GenState::kCreated,
                   std::memory_order_release);
    (void)raise(exc::RecursionError, "maximum recursion depth exceeded");
    return GenOutcome::kError;
  }
  --ts->recursion_remaining;
  Frame* caller_frame = vm->current_frame;
  Frame* f = g->frame;
  f->previous = caller_frame;
  g->exc_state.previous = vm->exc_info;
  vm->exc_info = &g->exc_state;
  uintptr_t saved_limit = ts->stack_soft_limit;
  g->mode = mode;
  g->transfer = value.release();
  g->returned = false;
  bool switched = g->fiber->resume();
  // Back on the resumer's stack, on this same OS thread: `ts` and `vm` (plain pointers, not
  // thread-local addresses a compiler could have cached) are still this thread's.
  ts->stack_soft_limit = saved_limit;
  vm->exc_info = g->exc_state.previous;
  g->exc_state.previous = nullptr;
  vm->current_frame = caller_frame;
  if (!switched) {
    ++ts->recursion_remaining;
    Object* unsent = g->transfer;
    g->transfer = nullptr;
    xdecref(unsent);
    g->state.store(GenState::kCreated, std::memory_order_release);
    (void)raise_no_memory();
    return GenOutcome::kError;
  }
  Ref<Object> result = Ref<Object>::steal(g->transfer);
  g->transfer = nullptr;
  if (!g->fiber->finished()) {
    ++ts->recursion_remaining;  // the frame left the call chain (leave_frame does it at the end)
    --vm->c_recursion_depth;    // its eval_frame is parked on the fiber
    // release: pairs with begin_running's acquire on whichever thread resumes next.
    g->state.store(GenState::kSuspended, std::memory_order_release);
    *out = std::move(result);
    return GenOutcome::kYielded;
  }
  // The frame is finished; leave_frame already cleared it.
  release_frame_and_fiber(g);
  g->state.store(GenState::kFinished, std::memory_order_release);
  if (g->returned) {
    *out = result ? std::move(result) : new_none();
    return GenOutcome::kReturned;
  }
  apply_pep479(g);
  return GenOutcome::kError;
}

// --- sending through a `yield from` / await chain ----------------------------------------------
//
// A value sent to a generator suspended in `yield from` would pass down the chain one fiber
// switch per level and the yielded value back up the same way. Instead, the resumer claims every
// level whose delegate is a suspended generator or coroutine (each becomes Running, exactly as
// if its SEND were executing), links their frames and handled-exception levels into the thread's
// chains as their resumes would, and switches straight into the innermost one. When that one
// yields, every level above it is still parked at its YIELD_VALUE inside the SEND loop, which is
// where the value passing through would have left it: they just become Suspended again. When it
// finishes instead, its result is delivered to its parent at that yield as a thrown exception
// (an exception is re-raised there through its CLEANUP_THROW handler, the path throw() takes),
// or as the result of its `yield from` (a return: the parent's YIELD_VALUE jumps to the END_SEND
// of its loop, where its SEND would have gone on seeing the delegate finish); the parent then
// runs on from there, and so on up.

// Claims the delegate of a claimed generator `g` suspended in `yield from`, if it is a
// suspended generator or coroutine that another level of the call chain can be spent on.
GeneratorObject* claim_delegate(core::ThreadState* ts, GeneratorObject* g) {
  if (!g->yield_from || ts->recursion_remaining <= 1) return nullptr;
  Object* delegate = g->frame->stack_pointer[-1];
  if (!is_gen_or_coro(delegate)) return nullptr;
  GeneratorObject* sub = as_gen(delegate);
  GenState expected = GenState::kSuspended;
  // acquire: as begin_running; a delegate in any other state is left to the parent's SEND.
  if (!sub->state.compare_exchange_strong(expected, GenState::kRunning,
                                          std::memory_order_acquire)) {
    return nullptr;
  }
  return sub;
}

// Links a claimed generator into the thread's frame and exc_info chains (and spends a recursion
// level) as resume_fiber does, without running it; unlink_level undoes it.
void link_level(core::ThreadState* ts, VmThreadData* vm, GeneratorObject* g) {
  --ts->recursion_remaining;
  g->frame->previous = vm->current_frame;
  vm->current_frame = g->frame;
  g->exc_state.previous = vm->exc_info;
  vm->exc_info = &g->exc_state;
}
void unlink_level(core::ThreadState* ts, VmThreadData* vm, GeneratorObject* g) {
  ++ts->recursion_remaining;
  vm->current_frame = g->frame->previous;
  g->frame->previous = nullptr;
  vm->exc_info = g->exc_state.previous;
  g->exc_state.previous = nullptr;
}

// send(value) into a claimed, started generator, straight into the innermost generator of its
// `yield from` chain (see above).
GenOutcome send_through_delegates(GeneratorObject* g, Ref<Object> value, Ref<Object>* out) {
  core::ThreadState* ts = core::current_thread_state();
  VmThreadData* vm = vm_data(ts);
  GeneratorObject* innermost = g;
  while (GeneratorObject* sub = claim_delegate(ts, innermost)) {
    link_level(ts, vm, innermost);
    innermost = sub;
  }
  if (innermost == g) return resume_fiber(g, GenResumeMode::kSend, std::move(value), out);
  GenOutcome outcome = resume_fiber(innermost, GenResumeMode::kSend, std::move(value), out);
  for (GeneratorObject* level = innermost; level != g;) {
    // The linked level above is the current frame again (resume_fiber restored it).
    GeneratorObject* parent = generator_of(vm->current_frame);
    unlink_level(ts, vm, parent);
    if (outcome == GenOutcome::kYielded) {
      parent->state.store(GenState::kSuspended, std::memory_order_release);
    } else if (outcome == GenOutcome::kReturned &&
               yield_from_end(parent->frame, parent->frame->instr_ptr)) {
      outcome = resume_fiber(parent, kDelegateReturnedMode, std::move(*out), out);
    } else {
      if (outcome == GenOutcome::kReturned) {
        // Code of an unexpected shape: StopIteration(value) reaches CLEANUP_THROW instead.
        Ref<Object> result = std::move(*out);
        (void)raise_stop_iteration(result.get());
      }
      outcome = resume_fiber(parent, GenResumeMode::kThrow, {}, out);
    }
    level = parent;
  }
  return outcome;
}

// Throws the pending exception into a generator that never started: the frame does not run
// (no handler can be active before its first instruction); the exception gets the frame's
// traceback entry, as CPython's throw into a fresh frame does.
GenOutcome throw_into_unstarted(GeneratorObject* g) {
  (void)traceback_add_frame(g->frame);
  discard_unstarted(g);
  apply_pep479(g);
  return GenOutcome::kError;
}

// Resumes a claimed generator in `mode` (the exception is set for kThrow).
GenOutcome resume_claimed(GeneratorObject* g, GenResumeMode mode, Ref<Object> value,
                          Ref<Object>* out) {
  if (!g->fiber->started() && mode != GenResumeMode::kSend) return throw_into_unstarted(g);
  return resume_fiber(g, mode, std::move(value), out);
}

// The delegate of a generator suspended in `yield from` (new reference), or null.
Ref<Object> yield_from_target(GeneratorObject* g) {
  if (!g->yield_from || !g->frame) return {};
  return new_ref(g->frame->stack_pointer[-1]);
}

Result<Ref<Object>> generator_close_impl(GeneratorObject* g);

// close() on a `yield from` delegate (CPython's gen_close_iter).
Status close_delegate(Object* yf) {
  if (is_gen_or_coro(yf)) {
    Ref<Object> ignored = TRY(generator_close_impl(as_gen(yf)));
    return ok();
  }
  Ref<Object> meth;
  Result<bool> found = lookup_attr(yf, str_intern("close"), &meth);
  if (found.is_error()) {
    write_unraisable("Exception ignored while closing generator delegate");
    return ok();
  }
  if (!found.value()) return ok();
  Ref<Object> r = TRY(call_noargs(meth.get()));
  return ok();
}

Result<Ref<Object>> generator_close_impl(GeneratorObject* g) {
  bool finished;
  TRY(begin_running(g, &finished));
  if (finished) return new_none();
  if (!g->fiber->started()) {
    discard_unstarted(g);
    return new_none();
  }
  bool delegate_failed = false;
  if (Ref<Object> yf = yield_from_target(g)) delegate_failed = close_delegate(yf.get()).is_error();
  if (!delegate_failed) (void)raise_with_value(exc::GeneratorExit, nullptr);
  Ref<Object> out;
  switch (resume_fiber(g, GenResumeMode::kThrow, new_none(), &out)) {
    case GenOutcome::kYielded:
      return raise(exc::RuntimeError, "{} ignored GeneratorExit", generator_kind_name(g));
    case GenOutcome::kReturned:
      return out;
    case GenOutcome::kError:
      if (error_matches(exc::GeneratorExit) || error_matches(exc::StopIteration)) {
        clear_error();
        return new_none();
      }
      return Error{};
  }
  return Error{};
}

// throw(): the exception is pending. CPython's _gen_throw, with delegation to a `yield from`
// target first.
GenOutcome generator_throw_impl(GeneratorObject* g, Ref<Object>* out, bool close_on_genexit) {
  bool finished;
  {
    Ref<Object> pending = take_exception();
    Status st = begin_running(g, &finished);
    if (st.is_error()) return GenOutcome::kError;  // "already executing" replaces it
    set_exception(std::move(pending));
  }
  if (finished) return GenOutcome::kError;  // the thrown exception propagates as is
  Ref<Object> yf = yield_from_target(g);
  if (yf) {
    if (close_on_genexit && error_matches(exc::GeneratorExit)) {
      Ref<Object> pending = take_exception();
      if (!close_delegate(yf.get()).is_error()) set_exception(std::move(pending));
      return resume_claimed(g, GenResumeMode::kThrow, {}, out);
    }
    Ref<Object> pending = take_exception();
    GenOutcome sub;
    Ref<Object> sub_value;
    if (is_gen_or_coro(yf.get())) {
      set_exception(std::move(pending));
      sub = generator_throw_impl(as_gen(yf.get()), &sub_value, close_on_genexit);
    } else {
      Ref<Object> meth;
      Result<bool> found = lookup_attr(yf.get(), str_intern("throw"), &meth);
      if (found.is_error()) {
        sub = GenOutcome::kError;
      } else if (!found.value()) {
        set_exception(std::move(pending));
        return resume_claimed(g, GenResumeMode::kThrow, {}, out);
      } else {
        Object* arg = pending.get();
        Result<Ref<Object>> r = call(meth.get(), &arg, 1);
        sub = r.is_error() ? GenOutcome::kError : GenOutcome::kYielded;
        if (!r.is_error()) sub_value = r.release_value();
      }
    }
    if (sub == GenOutcome::kYielded) {
      g->state.store(GenState::kSuspended, std::memory_order_release);
      *out = std::move(sub_value);
      return GenOutcome::kYielded;
    }
    if (sub == GenOutcome::kReturned) {
      // The delegate finished: its value arrives as StopIteration (CLEANUP_THROW takes it).
      (void)raise_stop_iteration(sub_value.get());
    }
    return resume_claimed(g, GenResumeMode::kThrow, {}, out);
  }
  return resume_claimed(g, GenResumeMode::kThrow, {}, out);
}

Status set_thrown_exception_impl(Object* typ, Object* val, Object* tb) {
  if (tb && is_none(tb)) tb = nullptr;
  if (tb && !is_traceback(tb)) {
    return raise(exc::TypeError, "throw() third argument must be a traceback object");
  }
  Ref<Object> exc;
  if (is_exception_class(typ)) {
    if (val && !is_none(val)) {
      bool inst = TRY(is_instance(val, typ));
      if (inst) {
        exc = new_ref(val);
      } else if (is_tuple(val)) {
        exc = TRY(call(typ, tuple_items(val), static_cast<size_t>(tuple_size(val))));
      } else {
        exc = TRY(call_one(typ, val));
      }
    } else {
      exc = TRY(call_noargs(typ));
    }
    if (!is_exception_instance(exc.get())) {
      return raise(exc::TypeError,
                   "calling {} should have returned an instance of BaseException, not {}",
                   fmt_repr(typ), type_name_of(exc.get()));
    }
  } else if (is_exception_instance(typ)) {
    if (val && !is_none(val)) {
      return raise(exc::TypeError, "instance exception may not have a separate value");
    }
    exc = new_ref(typ);
  } else {
    return raise(exc::TypeError,
                 "exceptions must be classes or instances deriving from BaseException, not {}",
                 type_name_of(typ));
  }
  if (tb) exception_set_traceback(exc.get(), tb);
  set_exception(std::move(exc));
  return ok();
}

// --- the Python-visible type ---------------------------------------------------------------

Result<Ref<Object>> outcome_to_send_result(GenOutcome o, Ref<Object> value) {
  switch (o) {
    case GenOutcome::kYielded:
      return value;
    case GenOutcome::kReturned:
      if (is_none(value.get())) return raise_with_value(exc::StopIteration, nullptr);
      return raise_stop_iteration(value.get());
    case GenOutcome::kError:
      return Error{};
  }
  return Error{};
}

Result<Ref<Object>> gen_send_method(Object* self, Object* const* args, size_t nargs,
                                    Object* kwnames) {
  Ref<Object> out;
  GenOutcome o = generator_send(self, args[0], &out);
  return outcome_to_send_result(o, std::move(out));
}

Result<Ref<Object>> gen_throw_method(Object* self, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  if (kwnames && tuple_size(kwnames) > 0) {
    return raise(exc::TypeError, "throw() takes no keyword arguments");
  }
  if (nargs < 1 || nargs > 3) {
    return raise(exc::TypeError, "throw expected at least 1 argument, got {}", nargs);
  }
  if (nargs > 3) return raise(exc::TypeError, "throw expected at most 3 arguments, got {}", nargs);
  TRY(set_thrown_exception_impl(args[0], nargs > 1 ? args[1] : nullptr,
                                nargs > 2 ? args[2] : nullptr));
  Ref<Object> out;
  GenOutcome o = generator_throw_impl(as_gen(self), &out, true);
  return outcome_to_send_result(o, std::move(out));
}

Result<Ref<Object>> gen_close_method(Object* self, Object* const*, size_t, Object*) {
  return generator_close_impl(as_gen(self));
}

Next gen_iternext(Object* self) {
  Ref<Object> out;
  switch (generator_send(self, nullptr, &out)) {
    case GenOutcome::kYielded:
      return Next(std::move(out));
    case GenOutcome::kReturned:
      // A returned value travels as StopIteration(value), as CPython's gen_iternext does: next()
      // shows it; every other consumer treats a pending StopIteration as the end
      // (objects/abstract.cpp: iter_next).
      if (out && !is_none(out.get())) return Next(raise_with_value(exc::StopIteration, out.get()));
      return Next::done();
    case GenOutcome::kError:
      return Next(Error{});
  }
  return Next(Error{});
}

Result<Ref<Object>> gen_iter(Object* self) { return new_ref(self); }

Result<Ref<Object>> gen_repr(Object* self) {
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(self));
  std::string_view qualname = TRY(str_utf8(as_gen(self)->qualname));
  std::string text = "<";
  text += type_of(self)->name;
  text += " object ";
  text += qualname;
  text += " at ";
  text += addr;
  text += ">";
  return str_from_utf8(text);
}

// Finalisation of a suspended generator that is being freed: close it, reporting errors as
// unraisable; if it still will not finish, unwind its frame without running handlers.
void finalize_suspended(GeneratorObject* g) {
  Ref<Object> saved = take_exception();
  Result<Ref<Object>> r = generator_close_impl(g);
  if (r.is_error()) {
    write_unraisable_for("Exception ignored while closing generator ", g);  // for every kind
  }
  if (g->state.load(std::memory_order_acquire) == GenState::kSuspended) {
    g->state.store(GenState::kRunning, std::memory_order_relaxed);
    (void)raise_with_value(exc::GeneratorExit, nullptr);
    Ref<Object> ignored;
    (void)resume_fiber(g, kKillMode, new_none(), &ignored);
    clear_error();
  }
  if (saved) set_exception(std::move(saved));
}

// The finalisation that hands the object to Python code, as CPython's _PyGen_Finalize does it
// (at most once: kGcFinalized): an unfinished async generator with a finalizer hook calls it; a
// coroutine that never ran warns "never awaited". Returns false if there is none to run. The
// caller holds a reference to `self`.
bool run_python_finalizer(Object* self) {
  if (async_gen_has_pending_finalizer(self)) return async_gen_call_finalizer(self);
  if (is_coroutine(self) &&
      as_gen(self)->state.load(std::memory_order_acquire) == GenState::kCreated) {
    warn_unawaited_coroutine(self);
    return true;
  }
  return false;
}

bool needs_python_finalizer(Object* self) {
  if (self->ob_gc_bits.load(std::memory_order_relaxed) & kGcFinalized) return false;
  return async_gen_has_pending_finalizer(self) ||
         (is_coroutine(self) &&
          as_gen(self)->state.load(std::memory_order_acquire) == GenState::kCreated);
}

void gen_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  if (needs_python_finalizer(self)) {
    // The finalizer hands the object to Python code (warnings keeps it as `source`, asyncio
    // stores the generator to aclose() it later), so it is resurrected with one reference owned
    // by this thread for the call; dropping that reference re-enters this function (now
    // finalized), unless the Python code kept the object alive.
    self->ob_gc_bits.fetch_or(kGcFinalized, std::memory_order_relaxed);
    self->ob_tid.store(core::current_thread_id(), std::memory_order_relaxed);
    self->ob_ref_local.store(1, std::memory_order_relaxed);
    Ref<Object> resurrected = Ref<Object>::steal(self);
    run_python_finalizer(self);
    return;  // `resurrected` drops here
  }
  GeneratorObject* g = as_gen(self);
  GenState s = g->state.load(std::memory_order_acquire);
  if (s == GenState::kSuspended) finalize_suspended(g);
  if (g->state.load(std::memory_order_acquire) != GenState::kFinished) discard_unstarted(g);
  xdecref(g->code);
  xdecref(g->name);
  xdecref(g->qualname);
  xdecref(g->origin_or_finalizer);
  free_object(self);
}

void gen_traverse(Object* self, VisitFn visit, void* arg) {
  GeneratorObject* g = as_gen(self);
  for (Object* o : {g->code, g->name, g->qualname, g->exc_state.exc_value, g->transfer,
                    g->origin_or_finalizer}) {
    if (o) visit(o, arg);
  }
  // The frame's counted slots (its deferred ones are roots: vm/gc_roots.h).
  if (g->frame && g->state.load(std::memory_order_acquire) != GenState::kFinished)
    frame_traverse_counted(g->frame, visit, arg);
}

Result<Ref<Object>> get_gi_frame(Object* self) {
  GeneratorObject* g = as_gen(self);
  if (g->state.load(std::memory_order_acquire) == GenState::kFinished || !g->frame) {
    return new_none();
  }
  return frame_object_for(g->frame);
}
Result<Ref<Object>> get_gi_running(Object* self) {
  return new_bool(as_gen(self)->state.load(std::memory_order_acquire) == GenState::kRunning);
}
Result<Ref<Object>> get_gi_suspended(Object* self) {
  return new_bool(as_gen(self)->state.load(std::memory_order_acquire) == GenState::kSuspended);
}
Result<Ref<Object>> get_gi_yieldfrom(Object* self) {
  GeneratorObject* g = as_gen(self);
  if (g->state.load(std::memory_order_acquire) != GenState::kSuspended) return new_none();
  Ref<Object> yf = yield_from_target(g);
  return yf ? std::move(yf) : new_none();
}
Result<Ref<Object>> get_gi_code(Object* self) { return new_ref(as_gen(self)->code); }

Result<Ref<Object>> get_name(Object* self) { return new_ref(as_gen(self)->name); }
Result<Ref<Object>> get_qualname(Object* self) { return new_ref(as_gen(self)->qualname); }

Status set_string_field(Object* self, Object* value, Object* GeneratorObject::*field,
                        const char* what) {
  if (!value || !is_str(value)) {
    return raise(exc::TypeError, "{} must be set to a string object", what);
  }
  sync::CriticalSection cs{self->ob_mutex};
  Object* old = as_gen(self)->*field;
  as_gen(self)->*field = new_ref(value).release();
  xdecref(old);
  return ok();
}
Status set_name(Object* self, Object* value) {
  return set_string_field(self, value, &GeneratorObject::name, "__name__");
}
Status set_qualname(Object* self, Object* value) {
  return set_string_field(self, value, &GeneratorObject::qualname, "__qualname__");
}

const MethodDef kGenMethods[] = {
    {"send", gen_send_method, kMethOneArg,
     "send(arg) -> send 'arg' into generator,\nreturn next yielded value or raise StopIteration."},
    {"throw", gen_throw_method, kMethFastcall,
     "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in generator, return next yielded "
     "value or raise\nStopIteration.\nthe (type, val, tb) signature is deprecated, \nand may be "
     "removed in a future version of Python."},
    {"close", gen_close_method, kMethNoArgs, "close() -> raise GeneratorExit inside generator."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kGenGetSets[] = {
    {"__name__", get_name, set_name, "name of the generator"},
    {"__qualname__", get_qualname, set_qualname, "qualified name of the generator"},
    {"gi_frame", get_gi_frame, nullptr, "frame object of the generator"},
    {"gi_running", get_gi_running, nullptr, nullptr},
    {"gi_suspended", get_gi_suspended, nullptr, nullptr},
    {"gi_yieldfrom", get_gi_yieldfrom, nullptr, "object being iterated by yield from, or None"},
    {"gi_code", get_gi_code, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_generator_type() {
  Type& t = GeneratorType;
  t.name = "generator";
  t.basicsize = sizeof(GeneratorObject);
  t.weaklistoffset = offsetof(GeneratorObject, weaklist);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = gen_dealloc;
  t.traverse = gen_traverse;
  t.clear = generator_clear;
  t.repr = gen_repr;
  t.iter = gen_iter;
  t.iternext = gen_iternext;
  t.hash = nullptr;
  t.methods = kGenMethods;
  t.getsets = kGenGetSets;
  return ok();
}
Status ready_generator_type() { return type_ready(&GeneratorType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_generator_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_generator_type);

}  // namespace

Result<Ref<Object>> generator_from_frame(Frame* f) {
  CodeObject* code = f->code;
  Type* type = (code->flags & kCoCoroutine)        ? &CoroutineType
               : (code->flags & kCoAsyncGenerator) ? &AsyncGeneratorType
                                                    : &GeneratorType;
  // cr_origin first: a coroutine freed on a later error must not look unawaited-but-live.
  Ref<Object> origin;
  if (type == &CoroutineType) TRY(coroutine_origin(f->previous, &origin));
  Ref<GeneratorObject> g = TRY(new_object<GeneratorObject>(type));
  g->origin_or_finalizer = origin.release();
  size_t bytes = frame_size(code);
  void* mem = gc::raw_alloc(sizeof(GeneratorObject*) + bytes);
  void* fiber_mem = gc::raw_alloc(sizeof(Fiber));
  if (!mem || !fiber_mem) {
    if (mem) gc::raw_free(mem);
    if (fiber_mem) gc::raw_free(fiber_mem);
    return raise_no_memory();
  }
  *static_cast<GeneratorObject**>(mem) = g.get();
  Frame* nf = reinterpret_cast<Frame*>(static_cast<GeneratorObject**>(mem) + 1);
  std::memcpy(static_cast<void*>(nf), f, bytes);
  nf->stack_pointer = nf->stack_base() + (f->stack_pointer - f->stack_base());
  nf->owner = FrameOwner::kGenerator;
  nf->is_entry = true;
  nf->previous = nullptr;
  nf->return_offset = 0;
  if (Object* fo = nf->frame_obj) {
    sync::CriticalSection cs{fo->ob_mutex};
    static_cast<FrameObject*>(fo)->frame = nf;
  }
  g->frame = nf;
  g->fiber = new (fiber_mem) Fiber(fiber_main, g.get());
  g->code = new_ref(code).release();
  Object* func = f->func;
  if (func && is_function(func)) {
    g->name = new_ref(static_cast<FunctionObject*>(func)->name).release();
    g->qualname = new_ref(static_cast<FunctionObject*>(func)->qualname).release();
  } else {
    g->name = new_ref(code->name).release();
    g->qualname = new_ref(code->qualname).release();
  }
  g->ag_running_async.store(false, std::memory_order_relaxed);
  g->ag_closed.store(false, std::memory_order_relaxed);
  g->ag_hooks_inited.store(false, std::memory_order_relaxed);
  g->state.store(GenState::kCreated, std::memory_order_relaxed);
  return Ref<Object>(std::move(g));
}

GenOutcome generator_send(Object* gen, Object* value, Ref<Object>* out) {
  GeneratorObject* g = as_gen(gen);
  bool finished;
  if (begin_running(g, &finished).is_error()) return GenOutcome::kError;
  if (finished) {
    if (is_coroutine(g)) {
      (void)raise(exc::RuntimeError, "cannot reuse already awaited coroutine");
      return GenOutcome::kError;
    }
    // An exhausted generator: next() ends, send() raises a bare StopIteration.
    *out = new_none();
    return GenOutcome::kReturned;
  }
  if (!g->fiber->started() && value && !is_none(value)) {
    g->state.store(GenState::kCreated, std::memory_order_release);
    (void)raise(exc::TypeError, "can't send non-None value to a just-started {}",
                generator_kind_name(g));
    return GenOutcome::kError;
  }
  Ref<Object> sent = value ? new_ref(value) : new_none();
  if (g->yield_from) return send_through_delegates(g, std::move(sent), out);
  return resume_fiber(g, GenResumeMode::kSend, std::move(sent), out);
}

Ref<Object> generator_yield(Frame* f, Ref<Object> value, bool in_yield_from) {
  GeneratorObject* g = generator_of(f);
  g->transfer = value.release();
  g->returned = false;
  g->yield_from = in_yield_from;
  f->previous = nullptr;
  g->fiber->suspend();
  // Resumed, possibly by another thread: fetch everything thread-specific again.
  core::ThreadState* ts = core::current_thread_state();
  ts->stack_soft_limit = g->fiber->stack_soft_limit();
  VmThreadData* vm = ts->vm;  // set: the resumer's resume_fiber fetched it
  ++vm->c_recursion_depth;
  vm->current_frame = f;
  g->yield_from = false;
  Ref<Object> sent = Ref<Object>::steal(g->transfer);
  g->transfer = nullptr;
  // kThrow and kKillMode: the exception to raise is pending.
  if (g->mode != GenResumeMode::kSend && g->mode != kDelegateReturnedMode) return {};
  return sent;
}

bool generator_frame_killed(Frame* f) { return generator_of(f)->mode == kKillMode; }
bool generator_delegate_returned(Frame* f) {
  return generator_of(f)->mode == kDelegateReturnedMode;
}

const CodeUnit* yield_from_end(Frame* f, const CodeUnit* after_yield) {
  // The compiler's `yield from` loop: SEND end; YIELD_VALUE 1; RESUME; JUMP_BACKWARD_NO_INTERRUPT
  // (to the SEND); ... end: END_SEND. Every unit is checked (by family: the specialiser may have
  // rewritten RESUME), so any other shape answers null.
  const CodeUnit* first = f->first_instr;
  const int64_t units = bytes_size(f->code->code) / kCodeUnitSize;
  auto unit_at = [&](const CodeUnit* p, int* op, int* arg) {
    if (p < first || p >= first + units) return false;
    CodeUnit u = unit_load_acquire(p);
    *op = opcode_family(unit_opcode(u));
    *arg = unit_oparg(u);
    return true;
  };
  int op, arg;
  if (!unit_at(after_yield - 1, &op, &arg) || op != YIELD_VALUE || arg != 1) return nullptr;
  if (!unit_at(after_yield, &op, &arg) || op != RESUME) return nullptr;
  const CodeUnit* jump = after_yield + 1 + cache_entries(RESUME);
  if (!unit_at(jump, &op, &arg) || op != JUMP_BACKWARD_NO_INTERRUPT) return nullptr;
  const CodeUnit* send = jump + 1 + cache_entries(JUMP_BACKWARD_NO_INTERRUPT) - arg;
  if (!unit_at(send, &op, &arg) || op != SEND) return nullptr;
  const CodeUnit* end = send + 1 + cache_entries(SEND) + arg;
  if (!unit_at(end, &op, &arg) || op != END_SEND) return nullptr;
  return end;
}

const char* generator_kind_name(const Object* gen) {
  if (is_coroutine(gen)) return "coroutine";
  if (is_async_generator(gen)) return "async generator";
  return "generator";
}

GenOutcome generator_throw_pending(Object* gen, Ref<Object>* out, bool close_on_genexit) {
  return generator_throw_impl(as_gen(gen), out, close_on_genexit);
}
Status set_thrown_exception(Object* typ, Object* val, Object* tb) {
  return set_thrown_exception_impl(typ, val, tb);
}
Result<Ref<Object>> generator_send_method(Object* self, Object* const* args, size_t nargs,
                                          Object* kwnames) {
  return gen_send_method(self, args, nargs, kwnames);
}
Result<Ref<Object>> generator_throw_method(Object* self, Object* const* args, size_t nargs,
                                           Object* kwnames) {
  return gen_throw_method(self, args, nargs, kwnames);
}
Result<Ref<Object>> generator_close(Object* self) { return generator_close_impl(as_gen(self)); }
Next generator_iternext(Object* self) { return gen_iternext(self); }
void generator_dealloc(Object* self) { gen_dealloc(self); }

void write_unraisable_for(std::string_view prefix, Object* gen) {
  Ref<Object> pending = take_exception();
  std::string msg(prefix);
  Result<Ref<Object>> text = gen_repr(gen);
  if (!text.is_error()) {
    Result<std::string_view> utf8 = str_utf8(text.value().get());
    if (!utf8.is_error()) msg += utf8.value();
  }
  clear_error();
  set_exception(std::move(pending));
  write_unraisable(msg);
}
void generator_traverse(Object* self, VisitFn visit, void* arg) { gen_traverse(self, visit, arg); }

bool generator_finalize(Object* self) {
  // The collector holds a reference and has set kGcFinalized.
  if (run_python_finalizer(self)) return true;
  GeneratorObject* g = as_gen(self);
  if (g->state.load(std::memory_order_acquire) != GenState::kSuspended) return false;
  finalize_suspended(g);
  return true;
}

void generator_clear(Object* self) {
  GeneratorObject* g = as_gen(self);
  if (g->state.load(std::memory_order_acquire) == GenState::kCreated) discard_unstarted(g);
  Object* origin_or_finalizer = g->origin_or_finalizer;
  g->origin_or_finalizer = nullptr;
  xdecref(origin_or_finalizer);
}
Result<Ref<Object>> generator_repr(Object* self) { return gen_repr(self); }
Result<Ref<Object>> generator_get_frame(Object* self) { return get_gi_frame(self); }
Result<Ref<Object>> generator_get_running(Object* self) { return get_gi_running(self); }
Result<Ref<Object>> generator_get_suspended(Object* self) { return get_gi_suspended(self); }
Result<Ref<Object>> generator_get_yieldfrom(Object* self) { return get_gi_yieldfrom(self); }
Result<Ref<Object>> generator_get_code(Object* self) { return get_gi_code(self); }
Result<Ref<Object>> generator_get_name(Object* self) { return get_name(self); }
Result<Ref<Object>> generator_get_qualname(Object* self) { return get_qualname(self); }
Status generator_set_name(Object* self, Object* value) { return set_name(self, value); }
Status generator_set_qualname(Object* self, Object* value) { return set_qualname(self, value); }

}  // namespace weft::vm
