// vm/eval.h — running frames: the interpreter loop's entry point and its out-of-line helpers.
#pragma once

#include "core/thread_state.h"
#include "objects/ref.h"
#include "vm/frame.h"

namespace weft::vm {

// Runs `entry` (already pushed and initialised, is_entry set) and every Python frame it calls,
// until `entry` returns or raises. The entry frame is cleared and popped before returning.
Result<Ref<Object>> eval_frame(core::ThreadState* ts, Frame* entry);

// Serves the eval-breaker bits of `ts` (stop-the-world, refcount merges, QSBR, signals, async
// exceptions). Called by the loop when the word is non-zero; may raise (KeyboardInterrupt...).
Status handle_eval_breaker(core::ThreadState* ts);

}  // namespace weft::vm
