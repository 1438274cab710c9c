// vm/async_generator.cpp — asynchronous generators (PEP 525): the async_generator type, its
// asend/athrow awaitables, the wrapped-value marker, and GET_AITER/GET_ANEXT's protocol.
//
// An async generator is a GeneratorObject of type AsyncGeneratorType running on the generator
// machinery (vm/generator.h). Its frame yields two kinds of values: `yield v` compiles to
// CALL_INTRINSIC_1(ASYNC_GEN_WRAP) + YIELD_VALUE, so a value for the consumer arrives wrapped,
// while an `await` inside the body yields the awaited object's values unwrapped. The awaitables
// returned by __anext__/asend/athrow/aclose resume the generator and tell the two apart: a
// wrapped value ends the awaitable (StopIteration(value)); anything else passes through to the
// event loop driving it.
//
// State: each awaitable moves Init -> Iter -> Closed once; the generator's ag_running_async
// (one awaitable in progress) and ag_closed flags are atomics, since awaitables of one generator
// may be driven from different threads (the generator's own Running CAS serialises resumes).
#include <atomic>
#include <string>

#include "core/thread_state.h"

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/warnings.h"
#include "vm/frame_stack.h"
#include "vm/generator.h"

namespace weft::vm {

Type AsyncGeneratorType;

namespace {

Type WrappedValueType;
Type ASendType;
Type AThrowType;

enum class AwaitState : uint8_t { kInit, kIter, kClosed };

struct WrappedValueObject : Object {
  Object* value;  // owned
};

// __anext__() / asend(v).
struct ASendObject : Object {
  Object* gen;       // owned async generator
  Object* sendval;   // owned: the value the first send delivers
  std::atomic<AwaitState> state;
};

// athrow(typ[, val[, tb]]) / aclose() (is_close: throw GeneratorExit, expect no value).
struct AThrowObject : Object {
  Object* gen;    // owned async generator
  Object* typ;    // owned or null (aclose)
  Object* val;    // owned or null
  Object* tb;     // owned or null
  bool is_close;
  std::atomic<AwaitState> state;
};

GeneratorObject* as_gen(Object* o) { return static_cast<GeneratorObject*>(o); }

bool is_wrapped(Object* o) { return o->ob_type == &WrappedValueType; }

// Ends an awaitable's step: a wrapped value becomes StopIteration(value) (the awaitable is
// done), an unwrapped one is an await passing through; a return or an escaping
// StopAsyncIteration/GeneratorExit marks the generator closed.
Result<Ref<Object>> unwrap_outcome(GeneratorObject* g, GenOutcome o, Ref<Object> value) {
  switch (o) {
    case GenOutcome::kYielded:
      if (!is_wrapped(value.get())) return value;
      g->ag_running_async.store(false, std::memory_order_release);
      return raise_stop_iteration(static_cast<WrappedValueObject*>(value.get())->value);
    case GenOutcome::kReturned:
      g->ag_closed.store(true, std::memory_order_release);
      g->ag_running_async.store(false, std::memory_order_release);
      return raise_with_value(exc::StopAsyncIteration, nullptr);
    case GenOutcome::kError:
      if (error_matches(exc::StopAsyncIteration) || error_matches(exc::GeneratorExit)) {
        g->ag_closed.store(true, std::memory_order_release);
      }
      g->ag_running_async.store(false, std::memory_order_release);
      return Error{};
  }
  return Error{};
}

Result<Ref<Object>> new_asend(Object* gen, Object* sendval) {
  Ref<ASendObject> a = TRY(new_object<ASendObject>(&ASendType));
  a->gen = new_ref(gen).release();
  a->sendval = new_ref(sendval ? sendval : none()).release();
  a->state.store(AwaitState::kInit, std::memory_order_relaxed);
  return Ref<Object>(std::move(a));
}

Result<Ref<Object>> new_athrow(Object* gen, Object* typ, Object* val, Object* tb) {
  Ref<AThrowObject> a = TRY(new_object<AThrowObject>(&AThrowType));
  a->gen = new_ref(gen).release();
  a->is_close = typ == nullptr;
  a->typ = typ ? new_ref(typ).release() : nullptr;
  a->val = val ? new_ref(val).release() : nullptr;
  a->tb = tb ? new_ref(tb).release() : nullptr;
  a->state.store(AwaitState::kInit, std::memory_order_relaxed);
  return Ref<Object>(std::move(a));
}

// --- async_generator ---

// sys.set_asyncgen_hooks, applied once per generator on its first asend/athrow/aclose/__anext__
// (by whichever thread gets there first): remember the finalizer, call firstiter(agen).
Status init_hooks(Object* agen) {
  GeneratorObject* g = as_gen(agen);
  if (g->ag_hooks_inited.load(std::memory_order_acquire)) [[likely]] return ok();
  if (g->ag_hooks_inited.exchange(true, std::memory_order_acq_rel)) return ok();
  VmThreadData* vm = vm_data(core::current_thread_state());
  if (vm->asyncgen_finalizer) g->origin_or_finalizer = new_ref(vm->asyncgen_finalizer).release();
  if (vm->asyncgen_firstiter) {
    Ref<Object> firstiter = new_ref(vm->asyncgen_firstiter);  // the call may replace the hook
    TRY(call_one(firstiter.get(), agen));
  }
  return ok();
}

Result<Ref<Object>> ag_aiter(Object* self, Object* const*, size_t, Object*) {
  return new_ref(self);
}
Result<Ref<Object>> ag_anext(Object* self, Object* const*, size_t, Object*) {
  TRY(init_hooks(self));
  return new_asend(self, nullptr);
}
Result<Ref<Object>> ag_asend(Object* self, Object* const* args, size_t, Object*) {
  TRY(init_hooks(self));
  return new_asend(self, args[0]);
}
Result<Ref<Object>> ag_athrow(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  if (kwnames && tuple_size(kwnames) > 0) {
    return raise(exc::TypeError, "athrow() takes no keyword arguments");
  }
  if (nargs < 1) return raise(exc::TypeError, "athrow expected at least 1 argument, got 0");
  if (nargs > 3) {
    return raise(exc::TypeError, "athrow expected at most 3 arguments, got {}", nargs);
  }
  TRY(init_hooks(self));
  return new_athrow(self, args[0], nargs > 1 ? args[1] : nullptr, nargs > 2 ? args[2] : nullptr);
}
Result<Ref<Object>> ag_aclose(Object* self, Object* const*, size_t, Object*) {
  TRY(init_hooks(self));
  return new_athrow(self, nullptr, nullptr, nullptr);
}

const MethodDef kAsyncGenMethods[] = {
    {"__aiter__", ag_aiter, kMethNoArgs, "Return an awaitable, that resolves in asynchronous iterator."},
    {"__anext__", ag_anext, kMethNoArgs, "Return a value or raise StopAsyncIteration."},
    {"asend", ag_asend, kMethOneArg, "asend(v) -> send 'v' in generator."},
    {"athrow", ag_athrow, kMethFastcall, "athrow(value)\nathrow(type[,value[,tb]])\n\nraise "
                                         "exception in generator."},
    {"aclose", ag_aclose, kMethNoArgs, "aclose() -> raise GeneratorExit inside generator."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> get_ag_running(Object* self) {
  return new_bool(as_gen(self)->ag_running_async.load(std::memory_order_acquire));
}

const GetSetDef kAsyncGenGetSets[] = {
    {"__name__", generator_get_name, generator_set_name, "name of the async generator"},
    {"__qualname__", generator_get_qualname, generator_set_qualname,
     "qualified name of the async generator"},
    {"ag_await", generator_get_yieldfrom, nullptr, "object being awaited on, or None"},
    {"ag_frame", generator_get_frame, nullptr, nullptr},
    {"ag_code", generator_get_code, nullptr, nullptr},
    {"ag_running", get_ag_running, nullptr, nullptr},
    {"ag_suspended", generator_get_suspended, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// --- async_generator_asend ---

ASendObject* as_asend(Object* o) { return static_cast<ASendObject*>(o); }

Result<Ref<Object>> asend_send_value(Object* self, Object* arg) {
  ASendObject* a = as_asend(self);
  GeneratorObject* g = as_gen(a->gen);
  AwaitState s = a->state.load(std::memory_order_acquire);
  if (s == AwaitState::kClosed) {
    return raise(exc::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
  }
  if (s == AwaitState::kInit) {
    if (g->ag_running_async.load(std::memory_order_acquire)) {
      a->state.store(AwaitState::kClosed, std::memory_order_release);
      return raise(exc::RuntimeError, "anext(): asynchronous generator is already running");
    }
    if (g->ag_closed.load(std::memory_order_acquire)) {
      a->state.store(AwaitState::kClosed, std::memory_order_release);
      return raise_with_value(exc::StopAsyncIteration, nullptr);
    }
    if (!arg || is_none(arg)) arg = a->sendval;
    a->state.store(AwaitState::kIter, std::memory_order_release);
  }
  g->ag_running_async.store(true, std::memory_order_release);
  Ref<Object> out;
  GenOutcome o = generator_send(g, arg, &out);
  Result<Ref<Object>> r = unwrap_outcome(g, o, std::move(out));
  if (r.is_error()) a->state.store(AwaitState::kClosed, std::memory_order_release);
  return r;
}

Result<Ref<Object>> asend_send(Object* self, Object* const* args, size_t, Object*) {
  return asend_send_value(self, args[0]);
}
Next asend_iternext(Object* self) {
  Result<Ref<Object>> r = asend_send_value(self, nullptr);
  if (r.is_error()) return Next(Error{});
  return Next(r.release_value());
}
Result<Ref<Object>> asend_throw(Object* self, Object* const* args, size_t nargs, Object* kw) {
  ASendObject* a = as_asend(self);
  GeneratorObject* g = as_gen(a->gen);
  AwaitState s = a->state.load(std::memory_order_acquire);
  if (s == AwaitState::kClosed) {
    return raise(exc::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
  }
  if (s == AwaitState::kInit) {
    if (g->ag_running_async.load(std::memory_order_acquire)) {
      a->state.store(AwaitState::kClosed, std::memory_order_release);
      return raise(exc::RuntimeError, "anext(): asynchronous generator is already running");
    }
    a->state.store(AwaitState::kIter, std::memory_order_release);
    g->ag_running_async.store(true, std::memory_order_release);
  }
  if (kw && tuple_size(kw) > 0) return raise(exc::TypeError, "throw() takes no keyword arguments");
  if (nargs < 1 || nargs > 3) {
    return raise(exc::TypeError, "throw expected at least 1 argument, got {}", nargs);
  }
  TRY(set_thrown_exception(args[0], nargs > 1 ? args[1] : nullptr, nargs > 2 ? args[2] : nullptr));
  Ref<Object> out;
  GenOutcome o = generator_throw_pending(g, &out, true);
  Result<Ref<Object>> r = unwrap_outcome(g, o, std::move(out));
  if (r.is_error()) a->state.store(AwaitState::kClosed, std::memory_order_release);
  return r;
}
// asend/athrow .close() (CPython 3.13+): throws GeneratorExit into the generator through the
// awaitable's throw(); the generator finishing (or re-raising) closes it quietly.
Result<Ref<Object>> close_via_throw(Object* self, AwaitState state, CFunction throw_fn) {
  if (state == AwaitState::kClosed) return new_none();
  Object* arg = reinterpret_cast<Object*>(exc::GeneratorExit);
  Result<Ref<Object>> r = throw_fn(self, &arg, 1, nullptr);
  if (!r.is_error()) return raise(exc::RuntimeError, "coroutine ignored GeneratorExit");
  if (error_matches(exc::StopIteration) || error_matches(exc::StopAsyncIteration) ||
      error_matches(exc::GeneratorExit)) {
    clear_error();
    return new_none();
  }
  return r;
}

Result<Ref<Object>> asend_close(Object* self, Object* const*, size_t, Object*) {
  return close_via_throw(self, as_asend(self)->state.load(std::memory_order_acquire),
                         asend_throw);
}

// --- async_generator_athrow ---

AThrowObject* as_athrow(Object* o) { return static_cast<AThrowObject*>(o); }

// Ends an athrow/aclose step that failed: aclose() completes (StopIteration) when the generator
// exited with GeneratorExit or StopAsyncIteration.
Result<Ref<Object>> athrow_failed(AThrowObject* a) {
  as_gen(a->gen)->ag_running_async.store(false, std::memory_order_release);
  a->state.store(AwaitState::kClosed, std::memory_order_release);
  if (a->is_close &&
      (error_matches(exc::StopAsyncIteration) || error_matches(exc::GeneratorExit))) {
    clear_error();
    return raise_with_value(exc::StopIteration, nullptr);
  }
  return Error{};
}

// One athrow/aclose step's outcome.
Result<Ref<Object>> athrow_outcome(AThrowObject* a, GenOutcome o, Ref<Object> value) {
  GeneratorObject* g = as_gen(a->gen);
  if (!a->is_close) {
    Result<Ref<Object>> r = unwrap_outcome(g, o, std::move(value));
    if (r.is_error()) a->state.store(AwaitState::kClosed, std::memory_order_release);
    return r;
  }
  switch (o) {
    case GenOutcome::kYielded:
      if (!is_wrapped(value.get())) return value;
      g->ag_running_async.store(false, std::memory_order_release);
      a->state.store(AwaitState::kClosed, std::memory_order_release);
      return raise(exc::RuntimeError, "async generator ignored GeneratorExit");
    case GenOutcome::kReturned:
      (void)raise_with_value(exc::StopAsyncIteration, nullptr);
      return athrow_failed(a);
    case GenOutcome::kError:
      return athrow_failed(a);
  }
  return Error{};
}

Result<Ref<Object>> athrow_send_value(Object* self, Object* arg) {
  AThrowObject* a = as_athrow(self);
  GeneratorObject* g = as_gen(a->gen);
  AwaitState s = a->state.load(std::memory_order_acquire);
  if (s == AwaitState::kClosed) {
    return raise(exc::RuntimeError, "cannot reuse already awaited aclose()/athrow()");
  }
  if (g->state.load(std::memory_order_acquire) == GenState::kFinished) {
    a->state.store(AwaitState::kClosed, std::memory_order_release);
    return raise_with_value(exc::StopIteration, nullptr);
  }
  Ref<Object> out;
  if (s == AwaitState::kInit) {
    if (g->ag_running_async.load(std::memory_order_acquire)) {
      a->state.store(AwaitState::kClosed, std::memory_order_release);
      return raise(exc::RuntimeError, "{}(): asynchronous generator is already running",
                   a->is_close ? "aclose" : "athrow");
    }
    if (g->ag_closed.load(std::memory_order_acquire)) {
      a->state.store(AwaitState::kClosed, std::memory_order_release);
      return raise_with_value(exc::StopAsyncIteration, nullptr);
    }
    if (arg && !is_none(arg)) {
      return raise(exc::RuntimeError, "can't send non-None value to a just-started coroutine");
    }
    a->state.store(AwaitState::kIter, std::memory_order_release);
    g->ag_running_async.store(true, std::memory_order_release);
    if (a->is_close) {
      g->ag_closed.store(true, std::memory_order_release);
      (void)raise_with_value(exc::GeneratorExit, nullptr);
    } else {
      Status st = set_thrown_exception(a->typ, a->val, a->tb);
      if (st.is_error()) return athrow_failed(a);
    }
    GenOutcome o = generator_throw_pending(g, &out, false);
    return athrow_outcome(a, o, std::move(out));
  }
  GenOutcome o = generator_send(g, arg, &out);
  return athrow_outcome(a, o, std::move(out));
}

Result<Ref<Object>> athrow_send(Object* self, Object* const* args, size_t, Object*) {
  return athrow_send_value(self, args[0]);
}
Next athrow_iternext(Object* self) {
  Result<Ref<Object>> r = athrow_send_value(self, nullptr);
  if (r.is_error()) return Next(Error{});
  return Next(r.release_value());
}
Result<Ref<Object>> athrow_throw(Object* self, Object* const* args, size_t nargs, Object* kw) {
  AThrowObject* a = as_athrow(self);
  if (a->state.load(std::memory_order_acquire) == AwaitState::kClosed) {
    return raise(exc::RuntimeError, "cannot reuse already awaited aclose()/athrow()");
  }
  if (kw && tuple_size(kw) > 0) return raise(exc::TypeError, "throw() takes no keyword arguments");
  if (nargs < 1 || nargs > 3) {
    return raise(exc::TypeError, "throw expected at least 1 argument, got {}", nargs);
  }
  GeneratorObject* g = as_gen(a->gen);
  if (a->state.load(std::memory_order_acquire) == AwaitState::kInit) {
    if (g->ag_running_async.load(std::memory_order_acquire)) {
      a->state.store(AwaitState::kClosed, std::memory_order_release);
      return raise(exc::RuntimeError, "{}(): asynchronous generator is already running",
                   a->is_close ? "aclose" : "athrow");
    }
    a->state.store(AwaitState::kIter, std::memory_order_release);
    g->ag_running_async.store(true, std::memory_order_release);
  }
  TRY(set_thrown_exception(args[0], nargs > 1 ? args[1] : nullptr, nargs > 2 ? args[2] : nullptr));
  Ref<Object> out;
  GenOutcome o = generator_throw_pending(a->gen, &out, true);
  return athrow_outcome(a, o, std::move(out));
}
Result<Ref<Object>> athrow_close(Object* self, Object* const*, size_t, Object*) {
  return close_via_throw(self, as_athrow(self)->state.load(std::memory_order_acquire),
                         athrow_throw);
}

Result<Ref<Object>> self_iter(Object* self) { return new_ref(self); }
Result<Ref<Object>> self_await(Object* self, Object* const*, size_t, Object*) {
  return new_ref(self);
}

const MethodDef kASendMethods[] = {
    {"send", asend_send, kMethOneArg, nullptr},
    {"throw", asend_throw, kMethFastcall, nullptr},
    {"close", asend_close, kMethNoArgs, nullptr},
    {"__await__", self_await, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const MethodDef kAThrowMethods[] = {
    {"send", athrow_send, kMethOneArg, nullptr},
    {"throw", athrow_throw, kMethFastcall, nullptr},
    {"close", athrow_close, kMethNoArgs, nullptr},
    {"__await__", self_await, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

void wrapped_dealloc(Object* self) {
  xdecref(static_cast<WrappedValueObject*>(self)->value);
  free_object(self);
}
void wrapped_traverse(Object* self, VisitFn visit, void* arg) {
  visit(static_cast<WrappedValueObject*>(self)->value, arg);
}
// An asend/athrow/aclose awaitable freed before it was ever driven: "coroutine method 'asend' of
// 'agen' was never awaited" (RuntimeWarning; a failure to warn is unraisable).
void warn_unawaited_method(Object* agen, const char* method, AwaitState state) {
  if (state != AwaitState::kInit) return;
  Ref<Object> saved = take_exception();
  Result<Ref<Object>> qualname = generator_get_qualname(agen);
  std::string text = std::string("coroutine method '") + method + "' of '";
  if (!qualname.is_error()) text += str_to_std_string(qualname.value().get());
  clear_error();
  text += "' was never awaited";
  if (warn(exc::RuntimeWarning, text, 1).is_error()) {
    write_unraisable_for("Exception ignored while finalizing async generator ", agen);
  }
  if (saved) set_exception(std::move(saved));
}

void asend_dealloc(Object* self) {
  warn_unawaited_method(as_asend(self)->gen, "asend",
                        as_asend(self)->state.load(std::memory_order_acquire));
  xdecref(as_asend(self)->gen);
  xdecref(as_asend(self)->sendval);
  free_object(self);
}
void asend_traverse(Object* self, VisitFn visit, void* arg) {
  visit(as_asend(self)->gen, arg);
  visit(as_asend(self)->sendval, arg);
}
void athrow_dealloc(Object* self) {
  AThrowObject* a = as_athrow(self);
  warn_unawaited_method(a->gen, a->is_close ? "aclose" : "athrow",
                        a->state.load(std::memory_order_acquire));
  for (Object* o : {a->gen, a->typ, a->val, a->tb}) xdecref(o);
  free_object(self);
}
void athrow_traverse(Object* self, VisitFn visit, void* arg) {
  AThrowObject* a = as_athrow(self);
  for (Object* o : {a->gen, a->typ, a->val, a->tb}) {
    if (o) visit(o, arg);
  }
}

void fill_awaitable_type(Type& t, const char* name, size_t size, const MethodDef* methods,
                         DeallocFn dealloc, TraverseFn traverse, Next (*iternext)(Object*)) {
  t.name = name;
  t.basicsize = size;
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = dealloc;
  t.traverse = traverse;
  t.iter = self_iter;
  t.iternext = iternext;
  t.methods = methods;
}

Status fill_async_gen_types() {
  Type& t = AsyncGeneratorType;
  t.name = "async_generator";
  t.basicsize = sizeof(GeneratorObject);
  t.weaklistoffset = offsetof(GeneratorObject, weaklist);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = generator_dealloc;
  t.traverse = generator_traverse;
  t.clear = generator_clear;
  t.repr = generator_repr;
  t.hash = nullptr;
  t.methods = kAsyncGenMethods;
  t.getsets = kAsyncGenGetSets;
  fill_awaitable_type(ASendType, "async_generator_asend", sizeof(ASendObject), kASendMethods,
                      asend_dealloc, asend_traverse, asend_iternext);
  fill_awaitable_type(AThrowType, "async_generator_athrow", sizeof(AThrowObject), kAThrowMethods,
                      athrow_dealloc, athrow_traverse, athrow_iternext);
  Type& w = WrappedValueType;
  w.name = "async_generator_wrapped_value";
  w.basicsize = sizeof(WrappedValueObject);
  w.flags = kTypeHaveGc | kTypeImmutable;
  w.dealloc = wrapped_dealloc;
  w.traverse = wrapped_traverse;
  return ok();
}
Status ready_async_gen_types() {
  for (Type* t : {&AsyncGeneratorType, &ASendType, &AThrowType, &WrappedValueType}) {
    TRY(type_ready(t));
  }
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_async_gen_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_async_gen_types);

}  // namespace

Result<Ref<Object>> async_gen_wrap_value(Object* value) {
  Ref<WrappedValueObject> w = TRY(new_object<WrappedValueObject>(&WrappedValueType));
  w->value = new_ref(value).release();
  return Ref<Object>(std::move(w));
}

bool async_gen_has_pending_finalizer(Object* agen) {
  if (!is_async_generator(agen)) return false;
  GeneratorObject* g = as_gen(agen);
  return g->origin_or_finalizer && !g->ag_closed.load(std::memory_order_acquire) &&
         g->state.load(std::memory_order_acquire) != GenState::kFinished;
}

bool async_gen_call_finalizer(Object* agen) {
  Object* finalizer = as_gen(agen)->origin_or_finalizer;
  if (!finalizer) return false;
  Ref<Object> saved = take_exception();
  Ref<Object> hook = new_ref(finalizer);
  if (call_one(hook.get(), agen).is_error()) {
    write_unraisable_for("Exception ignored while finalizing generator ", agen);
  }
  if (saved) set_exception(std::move(saved));
  return true;
}

Result<Ref<Object>> get_aiter(Object* obj) {
  Ref<Object> aiter_method;
  if (!TRY(lookup_special(obj, str_intern("__aiter__"), &aiter_method))) {
    return raise(exc::TypeError, "'async for' requires an object with __aiter__ method, got {}",
                 type_name_of(obj));
  }
  Ref<Object> it = TRY(call_noargs(aiter_method.get()));
  Ref<Object> anext_method;
  if (!TRY(lookup_special(it.get(), str_intern("__anext__"), &anext_method))) {
    return raise(exc::TypeError,
                 "'async for' received an object from __aiter__ that does not implement "
                 "__anext__: {}",
                 type_name_of(it.get()));
  }
  return it;
}

Result<Ref<Object>> get_anext(Object* aiter) {
  if (is_async_generator(aiter)) {
    TRY(init_hooks(aiter));
    return new_asend(aiter, nullptr);
  }
  Ref<Object> anext_method;
  if (!TRY(lookup_special(aiter, str_intern("__anext__"), &anext_method))) {
    return raise(exc::TypeError, "'async for' requires an iterator with __anext__ method, got {}",
                 type_name_of(aiter));
  }
  Ref<Object> next = TRY(call_noargs(anext_method.get()));
  Result<Ref<Object>> awaitable = awaitable_iter(next.get());
  if (awaitable.is_error()) {
    Ref<Object> cause = take_exception();
    (void)raise(exc::TypeError, "'async for' received an invalid object from __anext__: {}",
                type_name_of(next.get()));
    Ref<Object> err = take_exception();
    if (err) {
      exception_set_context(err.get(), new_ref(cause.get()));
      exception_set_cause(err.get(), std::move(cause));
      set_exception(std::move(err));
    }
    return Error{};
  }
  return awaitable;
}

}  // namespace weft::vm
