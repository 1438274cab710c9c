// vm/generator.h — generator objects (PEP 255/342/380), each running its frame on a fiber.
//
// RETURN_GENERATOR moves the new frame from the thread's frame stack into memory the generator
// owns (frames are position independent, vm/frame.h). Each next()/send()/throw()/close() switches
// into the generator's fiber, where eval_frame runs that frame as an entry frame; YIELD_VALUE
// switches back. While the generator runs, its frame is linked above the resumer's frame (f_back),
// its own handled-exception level sits on the thread's exc_info stack, and the thread's soft stack
// limit is the fiber's.
//
// Threads: a generator may be resumed from any thread, never by two at once: `state` moves from
// Created/Suspended to Running with a CAS ("ValueError: generator already executing").
// Coroutines (vm/coroutine.cpp) and async generators (vm/async_generator.cpp) are the same
// object with another type: RETURN_GENERATOR picks the type from the code flags, and the resume
// machinery below serves all three (messages name the kind: "coroutine already executing").
#pragma once

#include <atomic>
#include <string_view>

#include "objects/ref.h"
#include "objects/type.h"
#include "vm/fiber.h"
#include "vm/frame.h"
#include "vm/frame_stack.h"

namespace weft::vm {

extern Type GeneratorType;
extern Type CoroutineType;       // vm/coroutine.cpp
extern Type AsyncGeneratorType;  // vm/async_generator.cpp

enum class GenState : uint8_t { kCreated, kSuspended, kRunning, kFinished };

// What a resume asks the suspended frame to do.
enum class GenResumeMode : uint8_t { kSend, kThrow };

struct GeneratorObject : Object {
  Frame* frame;          // owned memory (see generator.cpp); nullptr once finished
  Object* code;          // owned
  Object* name;          // owned str (__name__)
  Object* qualname;      // owned str (__qualname__)
  Fiber* fiber;          // owned; created with the generator, started on the first resume
  ExcInfo exc_state;     // the generator's handled-exception level (owned exc_value)
  std::atomic<GenState> state;
  bool yield_from;       // suspended inside `yield from`: the frame's top of stack is the delegate
  // The resume handshake (touched only by the thread holding the Running state):
  GenResumeMode mode;    // resumer -> frame
  Object* transfer;      // owned: the sent value (in) or the yielded/returned value (out)
  bool returned;         // out: the frame returned (transfer = return value) instead of yielding
  // Async generators only (vm/async_generator.cpp): an asend/athrow awaitable is in progress;
  // the generator was closed (aclose(), or StopAsyncIteration/GeneratorExit escaped it).
  std::atomic<bool> ag_running_async;
  std::atomic<bool> ag_closed;
  // Async generators: the sys.set_asyncgen_hooks hooks were applied (on the first
  // asend/athrow/aclose/__anext__). origin_or_finalizer (owned, nullable): a coroutine's
  // cr_origin tuple, or an async generator's finalizer hook, called instead of closing it
  // inline when it is finalized unfinished (asyncio schedules aclose() from there).
  std::atomic<bool> ag_hooks_inited;
  Object* origin_or_finalizer;
  Object* weaklist;  // weak references to this object (objects/weakref.h)
};

inline bool is_generator(const Object* o) { return o->ob_type == &GeneratorType; }
inline bool is_coroutine(const Object* o) { return o->ob_type == &CoroutineType; }
inline bool is_async_generator(const Object* o) { return o->ob_type == &AsyncGeneratorType; }
// Generators and coroutines: the objects SEND and `yield from`/await delegation resume directly.
inline bool is_gen_or_coro(const Object* o) { return is_generator(o) || is_coroutine(o); }

// How one resume ended.
enum class GenOutcome { kYielded, kReturned, kError };

// RETURN_GENERATOR: a generator owning a copy of `f` (the thread's frame, whose slots move into
// the copy; the caller then pops `f`'s memory without clearing it).
Result<Ref<Object>> generator_from_frame(Frame* f);

// send(value) at the C level (value nullptr: None): *out is the yielded or returned value.
// kError leaves the exception set (PEP 479 already applied).
GenOutcome generator_send(Object* gen, Object* value, Ref<Object>* out);

// YIELD_VALUE, on the generator's fiber: hands `value` to the resumer and suspends; returns the
// next sent value, or nullptr with the exception to raise at the yield (throw()/close()) set.
// `in_yield_from` is YIELD_VALUE's oparg. The caller re-fetches its thread state afterwards.
Ref<Object> generator_yield(Frame* f, Ref<Object> value, bool in_yield_from);

// After generator_yield returned nullptr: true if the resume asks to unwind the frame without
// running any handler (finalisation of a generator that ignored GeneratorExit).
bool generator_frame_killed(Frame* f);
// After generator_yield returned a value at a `yield from` YIELD_VALUE: true if it is the
// delegate's return value (the delegate finished while resumed directly through the chain), so
// the loop ends at yield_from_end(f, after_yield) with that value as its result.
bool generator_delegate_returned(Frame* f);
// The END_SEND ending the `yield from` loop whose YIELD_VALUE precedes `after_yield` in f's code,
// or nullptr if the code there is not the compiler's `yield from` loop.
const CodeUnit* yield_from_end(Frame* f, const CodeUnit* after_yield);

// --- shared with the coroutine and async generator types (all take any GeneratorObject) ---

// "generator", "coroutine" or "async generator": the word CPython's messages use.
const char* generator_kind_name(const Object* gen);

// throw() with the exception already pending (set_thrown_exception); close_on_genexit: a
// GeneratorExit closes a `yield from` delegate first (generator.throw does, athrow does not).
GenOutcome generator_throw_pending(Object* gen, Ref<Object>* out, bool close_on_genexit);

// Builds the exception for throw(typ[, val[, tb]]) and sets it pending.
Status set_thrown_exception(Object* typ, Object* val, Object* tb);

// The Python-level methods: send(v), throw(...), close(), and next() as a tp_iternext.
Result<Ref<Object>> generator_send_method(Object* self, Object* const* args, size_t nargs,
                                          Object* kwnames);
Result<Ref<Object>> generator_throw_method(Object* self, Object* const* args, size_t nargs,
                                           Object* kwnames);
Result<Ref<Object>> generator_close(Object* self);
Next generator_iternext(Object* self);

// Type slots and attribute getters every kind shares (prefix gi_/cr_/ag_ chosen by the type).
void generator_dealloc(Object* self);
void generator_traverse(Object* self, VisitFn visit, void* arg);
// For the cycle collector: closes a suspended generator found unreachable (PEP 442 finalizer;
// returns true if it ran code), and drops an unstarted generator's frame (its `clear`).
bool generator_finalize(Object* self);
void generator_clear(Object* self);
Result<Ref<Object>> generator_repr(Object* self);  // "<coroutine object f at 0x...>"
Result<Ref<Object>> generator_get_frame(Object* self);
Result<Ref<Object>> generator_get_running(Object* self);
Result<Ref<Object>> generator_get_suspended(Object* self);
Result<Ref<Object>> generator_get_yieldfrom(Object* self);
Result<Ref<Object>> generator_get_code(Object* self);
Result<Ref<Object>> generator_get_name(Object* self);
Result<Ref<Object>> generator_get_qualname(Object* self);
Status generator_set_name(Object* self, Object* value);
Status generator_set_qualname(Object* self, Object* value);

// Reports the pending exception as unraisable with the message "<prefix><repr of gen>"
// (CPython's PyErr_FormatUnraisable("...%R", gen)); if repr fails, just the prefix.
void write_unraisable_for(std::string_view prefix, Object* gen);

// Finalisation of a coroutine that never started (vm/coroutine.cpp): issues "coroutine '<qualname>'
// was never awaited" (RuntimeWarning) through warnings._warn_unawaited_coroutine; failures go to
// the unraisable hook. A pending exception is preserved. The caller holds a reference to `coro`.
void warn_unawaited_coroutine(Object* coro);

// RETURN_GENERATOR of a coroutine (vm/coroutine.cpp): cr_origin for the thread's
// sys.set_coroutine_origin_tracking_depth (*out stays null when tracking is off): ((filename, lineno,
// funcname), ...) for up to `depth` frames, starting with `caller`.
Status coroutine_origin(Frame* caller, Ref<Object>* out);

// Finalisation of an unfinished async generator whose hooks recorded a finalizer
// (vm/async_generator.cpp): calls finalizer(agen) (errors go to the unraisable hook) and returns
// true; false when there is none and the generator is to be closed inline. The caller holds a
// reference to `agen`.
bool async_gen_call_finalizer(Object* agen);
// Whether finalizing `agen` now would call its finalizer hook.
bool async_gen_has_pending_finalizer(Object* agen);

// --- opcode helpers (vm/coroutine.cpp, vm/async_generator.cpp) ---

// GET_AWAITABLE: the iterator `await obj` drives. `where`: the opcode's oparg (0 await,
// 1 after __aenter__, 2 after __aexit__), which selects CPython's error message.
Result<Ref<Object>> get_awaitable(Object* obj, int where);
// The awaitable's iterator without the "already awaited" check (CPython's
// _PyCoro_GetAwaitableIter).
Result<Ref<Object>> awaitable_iter(Object* obj);
// GET_AITER / GET_ANEXT.
Result<Ref<Object>> get_aiter(Object* obj);
Result<Ref<Object>> get_anext(Object* aiter);
// CALL_INTRINSIC_1 INTRINSIC_ASYNC_GEN_WRAP: marks a value an async generator yields (as
// opposed to one its awaits pass through to the event loop).
Result<Ref<Object>> async_gen_wrap_value(Object* value);

}  // namespace weft::vm
