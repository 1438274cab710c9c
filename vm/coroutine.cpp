// vm/coroutine.cpp — `async def` coroutines (PEP 492), the coroutine_wrapper that
// coroutine.__await__() returns, and GET_AWAITABLE's protocol.
//
// A coroutine is a GeneratorObject of type CoroutineType (vm/generator.h): RETURN_GENERATOR
// creates it from a CO_COROUTINE frame and the same fiber-based resume machinery runs it; only
// the Python-visible surface differs (cr_* attributes, no __iter__/__next__, __await__, and
// "cannot reuse already awaited coroutine" once finished). `await x` compiles to
// GET_AWAITABLE + the SEND/YIELD_VALUE loop of `yield from`, so a coroutine awaiting another
// coroutine resumes it directly through generator_send.
//
// A coroutine finalized before it ever ran issues "coroutine 'f' was never awaited"
// (RuntimeWarning) through Lib's warnings._warn_unawaited_coroutine, as CPython does; the
// generator's dealloc / cycle-collector finalizer calls warn_unawaited_coroutine.
// cr_origin: when the creating thread set sys.set_coroutine_origin_tracking_depth(n), the
// coroutine records (filename, lineno, funcname) of up to n frames, starting at its caller.
//
// Threads: the wrapper holds only an immutable reference; all state lives in the coroutine,
// which generator.cpp guards with its Running-state CAS.
#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/code.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/import_hook.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "objects/warnings.h"
#include "objects/tuple.h"
#include "vm/frame_stack.h"
#include "vm/generator.h"

namespace weft::vm {

Type CoroutineType;

namespace {

Type CoroWrapperType;

// coroutine.__await__() -> coroutine_wrapper: an iterator driving the coroutine.
struct CoroWrapperObject : Object {
  Object* coro;  // owned, never null
};

Object* wrapped_coro(Object* self) { return static_cast<CoroWrapperObject*>(self)->coro; }

Result<Ref<Object>> coro_await(Object* self, Object* const*, size_t, Object*) {
  Ref<CoroWrapperObject> w = TRY(new_object<CoroWrapperObject>(&CoroWrapperType));
  w->coro = new_ref(self).release();
  return Ref<Object>(std::move(w));
}

Result<Ref<Object>> coro_close(Object* self, Object* const*, size_t, Object*) {
  return generator_close(self);
}

const MethodDef kCoroMethods[] = {
    {"send", generator_send_method, kMethOneArg,
     "send(arg) -> send 'arg' into coroutine,\nreturn next iterated value or raise "
     "StopIteration."},
    {"throw", generator_throw_method, kMethFastcall,
     "throw(value)\nthrow(type[,value[,traceback]])\n\nRaise exception in coroutine, return next "
     "iterated value or raise\nStopIteration."},
    {"close", coro_close, kMethNoArgs, "close() -> raise GeneratorExit inside coroutine."},
    {"__await__", coro_await, kMethNoArgs, "Return an iterator to be used in await expression."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> get_cr_origin(Object* self) {
  Object* origin = static_cast<GeneratorObject*>(self)->origin_or_finalizer;
  return new_ref(origin ? origin : none());
}

const GetSetDef kCoroGetSets[] = {
    {"__name__", generator_get_name, generator_set_name, "name of the coroutine"},
    {"__qualname__", generator_get_qualname, generator_set_qualname,
     "qualified name of the coroutine"},
    {"cr_await", generator_get_yieldfrom, nullptr, "object being awaited on, or None"},
    {"cr_running", generator_get_running, nullptr, nullptr},
    {"cr_frame", generator_get_frame, nullptr, nullptr},
    {"cr_code", generator_get_code, nullptr, nullptr},
    {"cr_suspended", generator_get_suspended, nullptr, nullptr},
    {"cr_origin", get_cr_origin, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// --- coroutine_wrapper ---

Result<Ref<Object>> wrapper_send(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return generator_send_method(wrapped_coro(self), args, nargs, kw);
}
Result<Ref<Object>> wrapper_throw(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return generator_throw_method(wrapped_coro(self), args, nargs, kw);
}
Result<Ref<Object>> wrapper_close(Object* self, Object* const*, size_t, Object*) {
  return generator_close(wrapped_coro(self));
}
Next wrapper_iternext(Object* self) { return generator_iternext(wrapped_coro(self)); }
Result<Ref<Object>> wrapper_iter(Object* self) { return new_ref(self); }

void wrapper_dealloc(Object* self) {
  xdecref(wrapped_coro(self));
  free_object(self);
}
void wrapper_traverse(Object* self, VisitFn visit, void* arg) { visit(wrapped_coro(self), arg); }

const MethodDef kWrapperMethods[] = {
    {"send", wrapper_send, kMethOneArg, nullptr},
    {"throw", wrapper_throw, kMethFastcall, nullptr},
    {"close", wrapper_close, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_coroutine_types() {
  Type& t = CoroutineType;
  t.name = "coroutine";
  t.basicsize = sizeof(GeneratorObject);
  t.weaklistoffset = offsetof(GeneratorObject, weaklist);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = generator_dealloc;
  t.traverse = generator_traverse;
  t.clear = generator_clear;
  t.repr = generator_repr;
  t.hash = nullptr;
  t.methods = kCoroMethods;
  t.getsets = kCoroGetSets;

  Type& w = CoroWrapperType;
  w.name = "coroutine_wrapper";
  w.basicsize = sizeof(CoroWrapperObject);
  w.flags = kTypeHaveGc | kTypeImmutable;
  w.dealloc = wrapper_dealloc;
  w.traverse = wrapper_traverse;
  w.iter = wrapper_iter;
  w.iternext = wrapper_iternext;
  w.methods = kWrapperMethods;
  return ok();
}
Status ready_coroutine_types() {
  TRY(type_ready(&CoroutineType));
  return type_ready(&CoroWrapperType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_coroutine_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_coroutine_types);

// A generator decorated with types.coroutine (CO_ITERABLE_COROUTINE) is its own awaitable.
bool is_iterable_coroutine(Object* o) {
  return is_generator(o) &&
         (static_cast<CodeObject*>(static_cast<GeneratorObject*>(o)->code)->flags &
          kCoIterableCoroutine);
}

}  // namespace

Status coroutine_origin(Frame* caller, Ref<Object>* out) {
  int depth = vm_data(core::current_thread_state())->coroutine_origin_tracking_depth;
  if (depth <= 0) return ok();
  int64_t count = 0;
  for (Frame* f = caller; f && count < depth; f = f->previous) count++;
  Ref<Object> origin = TRY(tuple_new(count));
  Frame* f = caller;
  for (int64_t i = 0; i < count; i++, f = f->previous) {
    Ref<Object> lineno = TRY(int_from_i64(frame_lineno(f)));
    tuple_init_item(origin.get(), i,
                    TRY(tuple_pack({f->code->filename, lineno.get(), f->code->name})));
  }
  *out = std::move(origin);
  return ok();
}

void warn_unawaited_coroutine(Object* coro) {
  static constexpr std::string_view kFinalizeFailure =
      "Exception ignored while finalizing coroutine ";
  Ref<Object> saved = take_exception();
  bool warned = false;
  Result<Ref<Object>> module = import_module_for_objects("warnings");
  if (!module.is_error()) {
    Result<Ref<Object>> fn = get_attr(module.value().get(), "_warn_unawaited_coroutine");
    if (!fn.is_error()) {
      Result<Ref<Object>> r = call_one(fn.value().get(), coro);
      // A filter that turned the warning into an error still counts as having warned.
      warned = !r.is_error() || error_matches(exc::RuntimeWarning);
    }
  }
  if (error_occurred()) write_unraisable_for(kFinalizeFailure, coro);
  if (!warned) {
    // Lib's hook is unavailable: warn directly (the message without origin lines).
    Result<Ref<Object>> name = generator_get_qualname(coro);
    std::string text = "coroutine '";
    if (!name.is_error()) text += str_to_std_string(name.value().get());
    text += "' was never awaited";
    if (warn(exc::RuntimeWarning, text, 1).is_error()) write_unraisable_for(kFinalizeFailure, coro);
    clear_error();
  }
  if (saved) set_exception(std::move(saved));
}

Result<Ref<Object>> awaitable_iter(Object* obj) {
  if (is_coroutine(obj) || is_iterable_coroutine(obj)) return new_ref(obj);
  Ref<Object> await_method;
  if (!TRY(lookup_special(obj, str_intern("__await__"), &await_method))) {
    return raise(exc::TypeError, "'{}' object can't be awaited", type_name_of(obj));
  }
  Ref<Object> it = TRY(call_noargs(await_method.get()));
  if (is_coroutine(it.get()) || is_iterable_coroutine(it.get())) {
    return raise(exc::TypeError, "__await__() returned a coroutine");
  }
  if (!type_of(it.get())->iternext) {
    return raise(exc::TypeError, "__await__() returned non-iterator of type '{}'",
                 type_name_of(it.get()));
  }
  return it;
}

Result<Ref<Object>> get_awaitable(Object* obj, int where) {
  Result<Ref<Object>> it = awaitable_iter(obj);
  if (it.is_error()) {
    if (where == 0 || !error_matches(exc::TypeError)) return it;
    // After __aenter__/__aexit__ CPython names the `async with` when there is no __await__.
    Ref<Object> pending = take_exception();
    Ref<Object> await_method;
    if (TRY(lookup_special(obj, str_intern("__await__"), &await_method))) {
      set_exception(std::move(pending));
      return Error{};
    }
    return raise(exc::TypeError,
                 "'async with' received an object from {} that does not implement __await__: {}",
                 where == 1 ? "__aenter__" : "__aexit__", type_name_of(obj));
  }
  if (is_coroutine(it.value().get())) {
    Ref<Object> delegate = TRY(generator_get_yieldfrom(it.value().get()));
    if (!is_none(delegate.get())) {
      return raise(exc::RuntimeError, "coroutine is being awaited already");
    }
  }
  return it;
}

}  // namespace weft::vm
