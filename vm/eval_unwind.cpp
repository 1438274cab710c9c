// vm/eval_unwind.cpp — leaving frames, raising, and finding exception handlers.
//
// Exception table (CPython 3.14, InternalDocs/exception_handling.md): a sequence of entries
// (start, length, target, depth_lasti), each a varint of 6-bit groups, most significant group
// first, bit 6 = "more follows"; the first byte of an entry also has bit 7 set. Offsets are in
// code units; depth_lasti = stack depth << 1 | push-lasti bit. Entries are sorted by start.
//
// Context chaining: an exception raised while another is being handled gets that one as its
// __context__ (CPython's _PyErr_SetObject), with cycles in the context chain cut. Raise
// statements always chain; exceptions raised by native code are chained when they first reach
// the loop's error path.
#include <cstdio>

#include "core/qsbr_sequence.h"
#include "core/stop_the_world.h"
#include "gc/collector.h"
#include "gc/qsbr.h"
#include "gc/refcount.h"
#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/traceback.h"
#include "objects/tuple.h"
#include "vm/eval.h"
#include "vm/eval_ops.h"
#include "vm/frame_object.h"
#include "vm/signals.h"
#include "vm/opcodes.h"
#include "vm/stack_ref.h"

namespace weft::vm {
namespace {

int read_table_varint(const uint8_t*& p, const uint8_t* end) {
  if (p >= end) return 0;
  int value = *p & 63;
  while ((*p & 64) && p + 1 < end) {
    ++p;
    value = (value << 6) | (*p & 63);
  }
  ++p;
  return value;
}

// Sets exc.__context__ to the handled exception (if any and not exc itself), cutting a cycle
// if exc already appears in the handled exception's context chain.
void chain_context(VmThreadData* vm, Object* exc) {
  Object* handled = handled_exception(vm);
  if (!handled || handled == exc || !is_exception_instance(exc)) return;
  Object* o = handled;
  while (Object* ctx = exception_context(o)) {
    if (ctx == exc) {
      exception_set_context(o, Ref<Object>());
      break;
    }
    o = ctx;
  }
  exception_set_context(exc, new_ref(handled));
}

// Instantiates an exception class, or checks an instance; `what` names the role in messages.
Result<Ref<Object>> make_exception(Object* o) {
  if (is_exception_class(o)) {
    Ref<Object> value = TRY(call_noargs(o));
    if (!is_exception_instance(value.get())) {
      return raise(exc::TypeError,
                   "calling {} should have returned an instance of BaseException, not {}",
                   fmt_repr(o), type_name_of(value.get()));
    }
    return value;
  }
  if (is_exception_instance(o)) return new_ref(o);
  return raise(exc::TypeError, "exceptions must derive from BaseException");
}

}  // namespace

void leave_frame(core::ThreadState* ts, VmThreadData* vm, Frame* f) {
  vm->current_frame = f->previous;
  ++ts->recursion_remaining;
  frame_clear(f);
  // A generator's frame is not on the thread's frame stack: its generator frees the memory.
  if (f->owner != FrameOwner::kGenerator) pop_frame_memory(vm, f);
}

Status traceback_add_frame(Frame* f) {
  Ref<Object> exc = take_exception();
  if (!exc) return ok();
  core::ThreadState* ts = core::current_thread_state();
  if (!exception_context(exc.get())) chain_context(vm_data(ts), exc.get());
  // tb_frame: the frame's Python object, created now if nothing asked for it before (as
  // CPython's PyTraceBack_Here does).
  Result<Ref<Object>> frame_obj = frame_object_for(f);
  if (frame_obj.is_error()) clear_error();
  Result<Ref<Object>> tb = traceback_new(exception_traceback(exc.get()),
                                         frame_obj.is_error() ? nullptr : frame_obj.value().get(),
                                         f->code, f->lasti_bytes());
  if (tb.is_error()) {
    // MemoryError while building the traceback: keep the original exception.
    clear_error();
  } else {
    exception_set_traceback(exc.get(), tb.value().get());
  }
  set_exception(std::move(exc));
  return ok();
}

bool exception_table_lookup(const CodeObject* code, int offset, int* handler, int* depth,
                            bool* push_lasti) {
  std::string_view table = bytes_view(code->exceptiontable);
  const uint8_t* p = reinterpret_cast<const uint8_t*>(table.data());
  const uint8_t* end = p + table.size();
  while (p < end) {
    int start = read_table_varint(p, end);
    int length = read_table_varint(p, end);
    int target = read_table_varint(p, end);
    int depth_lasti = read_table_varint(p, end);
    if (offset < start) return false;  // sorted: no later entry can cover it
    if (offset < start + length) {
      *handler = target;
      *depth = depth_lasti >> 1;
      *push_lasti = (depth_lasti & 1) != 0;
      return true;
    }
  }
  return false;
}

Error unknown_opcode_error(const CodeObject* code, int opcode, int lasti_bytes) {
  return raise(exc::SystemError, "{}:{}: unknown opcode {}", code->filename, lasti_bytes, opcode);
}

Error unsupported_opcode_error(int opcode) {
  const char* name = opcode_name(opcode);
  return raise(exc::NotImplementedError, "Weft does not execute {} yet", name ? name : "?");
}

Error unsupported_intrinsic(const char* name) {
  return raise(exc::NotImplementedError, "Weft does not run intrinsic {} yet", name);
}

bool do_raise(VmThreadData* vm, Object* exc, Object* cause) {
  if (!exc) {
    Object* handled = handled_exception(vm);
    if (!handled) {
      (void)raise(exc::RuntimeError, "No active exception to reraise");
      return false;
    }
    set_exception(new_ref(handled));
    return true;
  }
  Result<Ref<Object>> value = make_exception(exc);
  if (value.is_error()) return false;
  if (cause) {
    Ref<Object> cause_value;
    if (is_none(cause)) {
      cause_value = new_none();
    } else if (is_exception_class(cause) || is_exception_instance(cause)) {
      Result<Ref<Object>> c = make_exception(cause);
      if (c.is_error()) return false;
      cause_value = c.release_value();
    } else {
      (void)raise(exc::TypeError, "exception causes must derive from BaseException");
      return false;
    }
    exception_set_cause(value.value().get(), std::move(cause_value));
  }
  chain_context(vm, value.value().get());
  set_exception(value.release_value());
  return false;
}

Result<bool> check_exc_match(Object* exc, Object* type) {
  auto check_class = [](Object* cls) -> Status {
    if (!is_exception_class(cls)) {
      return raise(exc::TypeError,
                   "catching classes that do not inherit from BaseException is not allowed");
    }
    return ok();
  };
  if (is_tuple(type)) {
    for (int64_t i = 0, n = tuple_size(type); i < n; ++i) TRY(check_class(tuple_item(type, i)));
    for (int64_t i = 0, n = tuple_size(type); i < n; ++i) {
      if (type_is_subtype(type_of(exc), reinterpret_cast<Type*>(tuple_item(type, i)))) return true;
    }
    return false;
  }
  TRY(check_class(type));
  return type_is_subtype(type_of(exc), reinterpret_cast<Type*>(type));
}

Status exception_group_match(Object* exc, Object* match_type, Ref<Object>* match,
                             Ref<Object>* rest) {
  auto check_class = [](Object* cls) -> Status {
    if (!is_exception_class(cls)) {
      return raise(exc::TypeError,
                   "catching classes that do not inherit from BaseException is not allowed");
    }
    if (type_is_subtype(reinterpret_cast<Type*>(cls), exc::BaseExceptionGroup)) {
      return raise(exc::TypeError,
                   "catching ExceptionGroup with except* is not allowed. Use except instead.");
    }
    return ok();
  };
  if (is_tuple(match_type)) {
    for (int64_t i = 0, n = tuple_size(match_type); i < n; ++i) {
      TRY(check_class(tuple_item(match_type, i)));
    }
  } else {
    TRY(check_class(match_type));
  }
  if (is_none(exc)) {
    *match = new_none();
    *rest = new_none();
    return ok();
  }
  if (TRY(check_exc_match(exc, match_type))) {
    if (is_instance_of(exc, exc::BaseExceptionGroup)) {
      *match = new_ref(exc);
    } else {
      // A naked exception matched: wrap it in an ExceptionGroup("", [exc]).
      Ref<Object> msg = TRY(str_from_ascii(""));
      Ref<Object> list = TRY(tuple_pack({exc}));
      Object* args[2] = {msg.get(), list.get()};
      Ref<Object> group = TRY(call(reinterpret_cast<Object*>(exc::BaseExceptionGroup), args, 2));
      exception_set_traceback(group.get(), exception_traceback(exc));
      *match = std::move(group);
    }
    *rest = new_none();
    return ok();
  }
  if (is_instance_of(exc, exc::BaseExceptionGroup)) {
    Ref<Object> pair = TRY(call_method(exc, "split", &match_type, 1));
    if (!is_tuple(pair.get()) || tuple_size(pair.get()) != 2) {
      return raise(exc::TypeError, "{}.split must return a 2-tuple, got {}",
                   type_name_of(exc), type_name_of(pair.get()));
    }
    *match = new_ref(tuple_item(pair.get(), 0));
    *rest = new_ref(tuple_item(pair.get(), 1));
    return ok();
  }
  *match = new_none();
  *rest = new_ref(exc);
  return ok();
}

// The eval loop's slow path when the breaker word has bits (core/README.md lists the duties).
// Each served bit is cleared by the function that serves it, before it takes its work, so a
// request that arrives meanwhile stays set for the next check.
Status handle_eval_breaker(core::ThreadState* ts) {
  // A check point is a quiescent state: this thread holds no unprotected pointers into shared
  // structures between instructions.
  core::qsbr_quiescent(ts);
  uint64_t bits = ts->eval_breaker.load(std::memory_order_acquire);  // pairs with setters' fetch_or
  if (bits & core::kStopTheWorld) core::park_for_stop_the_world(ts);
  if (bits & core::kMergeRefcounts) gc::merge_queued_objects(ts);
  if (bits & core::kQsbrPoll) gc::process_delayed_frees();
  // Python signal handlers run here, on the main thread; one that raises (KeyboardInterrupt from
  // default_int_handler) makes the instruction at this check point raise.
  if (bits & core::kSignalPending) TRY(signals::run_pending_handlers(ts));
  // Allocations passed the collection threshold (gc/collector.h); the frames are saved here.
  if (bits & core::kGcScheduled) {
    ts->eval_breaker.fetch_and(~uint64_t{core::kGcScheduled}, std::memory_order_relaxed);
    gc::run_scheduled_collection();
  }
  // kAsyncException waits for async exceptions; until they exist that bit is never set.
  return ok();
}

}  // namespace weft::vm
