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
// Coroutines and async generators are not supported yet (RETURN_GENERATOR raises
// NotImplementedError for their code objects).
#pragma once

#include <atomic>

#include "objects/ref.h"
#include "objects/type.h"
#include "vm/fiber.h"
#include "vm/frame.h"
#include "vm/frame_stack.h"

namespace weft::vm {

extern Type GeneratorType;

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
};

inline bool is_generator(const Object* o) { return o->ob_type == &GeneratorType; }

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

}  // namespace weft::vm
