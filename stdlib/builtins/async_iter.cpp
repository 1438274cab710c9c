// stdlib/builtins/async_iter.cpp — aiter(), anext() and the anext_awaitable that
// anext(it, default) returns.
//
// aiter/anext call __aiter__/__anext__ (looked up on the type, like every special method).
// Without a default, anext() returns __anext__()'s awaitable itself. With one, it wraps that
// awaitable: each step (next/send/throw/close) is forwarded to the awaitable's iterator, and a
// StopAsyncIteration coming out becomes StopIteration(default), i.e. `await` yields the default.
// Like CPython, the wrapper asks for the awaitable's iterator at every step (for a coroutine or
// an async generator's asend that is the object itself), so it holds no mutable state and is
// safe to share between threads; the wrapped awaitable serialises its own resumes.
#include <utility>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/builtins/builtins.h"
#include "vm/generator.h"

namespace weft::builtins {
namespace {

Type AnextAwaitableType;

struct AnextAwaitable : Object {
  Object* wrapped;        // owned: what __anext__() returned
  Object* default_value;  // owned
};

AnextAwaitable* as_anext(Object* o) { return static_cast<AnextAwaitable*>(o); }

void anext_dealloc(Object* self) {
  xdecref(as_anext(self)->wrapped);
  xdecref(as_anext(self)->default_value);
  free_object(self);
}

void anext_traverse(Object* self, VisitFn visit, void* arg) {
  for (Object* o : {as_anext(self)->wrapped, as_anext(self)->default_value}) {
    if (o) visit(o, arg);
  }
}

void anext_clear(Object* self) {
  xdecref(std::exchange(as_anext(self)->wrapped, nullptr));
  xdecref(std::exchange(as_anext(self)->default_value, nullptr));
}

// The iterator one step drives: awaitable_iter() of the wrapped awaitable (a coroutine stands
// for itself).
Result<Ref<Object>> step_iterator(Object* self) {
  Object* wrapped = as_anext(self)->wrapped;
  if (!wrapped) return raise(exc::RuntimeError, "anext_awaitable was cleared");
  return vm::awaitable_iter(wrapped);
}

// After a failed step: StopAsyncIteration means the iterator is exhausted, so the await
// finishes with the default value instead.
Error end_with_default(Object* self) {
  if (!error_matches(exc::StopAsyncIteration)) return Error{};
  clear_error();
  return raise_stop_iteration(as_anext(self)->default_value);
}

Next anext_iternext(Object* self) {
  Result<Ref<Object>> it = step_iterator(self);
  if (it.is_error()) return Next(Error{});
  Object* iter = it.value().get();
  Next step = vm::is_coroutine(iter) ? vm::generator_iternext(iter) : type_of(iter)->iternext(iter);
  if (step.is_error()) return Next(end_with_default(self));
  return step;
}

// send/throw/close: the same method of the step iterator.
Result<Ref<Object>> forward(Object* self, const char* method, Object* const* args, size_t nargs) {
  Ref<Object> iter = TRY(step_iterator(self));
  Result<Ref<Object>> r = call_method(iter.get(), method, args, nargs);
  if (r.is_error()) return end_with_default(self);
  return r;
}

Result<Ref<Object>> anext_send(Object* self, Object* const* args, size_t, Object*) {
  return forward(self, "send", args, 1);
}

Result<Ref<Object>> anext_throw(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("throw", kwnames));
  return forward(self, "throw", args, nargs);
}

Result<Ref<Object>> anext_close(Object* self, Object* const*, size_t, Object*) {
  return forward(self, "close", nullptr, 0);
}

Result<Ref<Object>> anext_self(Object* self) { return new_ref(self); }

Result<Ref<Object>> anext_await(Object* self, Object* const*, size_t, Object*) {
  return new_ref(self);
}

const MethodDef kAnextAwaitableMethods[] = {
    {"__await__", anext_await, kMethNoArgs, "Return an iterator to be used in await expression."},
    {"send", anext_send, kMethOneArg,
     "send(arg) -> send 'arg' into the wrapped iterator,\nreturn next yielded value or raise "
     "StopIteration."},
    {"throw", anext_throw, kMethFastcall,
     "throw(value)\nthrow(typ[,val[,tb]])\n\nraise exception in the wrapped iterator, return "
     "next yielded value\nor raise StopIteration."},
    {"close", anext_close, kMethNoArgs, "close() -> raise GeneratorExit inside generator."},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_anext_awaitable_type() {
  Type& t = AnextAwaitableType;
  t.name = "anext_awaitable";
  t.basicsize = sizeof(AnextAwaitable);
  t.flags = kTypeHaveGc | kTypeImmutable | kTypeDisallowInstantiation;
  t.dealloc = anext_dealloc;
  t.traverse = anext_traverse;
  t.clear = anext_clear;
  t.iter = anext_self;
  t.iternext = anext_iternext;
  t.methods = kAnextAwaitableMethods;
  return ok();
}
Status ready_anext_awaitable_type() { return type_ready(&AnextAwaitableType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_anext_awaitable_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_anext_awaitable_type);

Result<Ref<Object>> builtin_aiter(Object*, Object* const* args, size_t, Object*) {
  Object* iterable = args[0];
  Ref<Object> aiter_method;
  if (!TRY(lookup_special(iterable, str_intern("__aiter__"), &aiter_method)))
    return raise(exc::TypeError, "'{}' object is not an async iterable", type_name_of(iterable));
  Ref<Object> it = TRY(call_noargs(aiter_method.get()));
  Ref<Object> anext_method;
  if (!TRY(lookup_special(it.get(), str_intern("__anext__"), &anext_method)))
    return raise(exc::TypeError, "aiter() returned not an async iterator of type '{}'",
                 type_name_of(it.get()));
  return it;
}

Result<Ref<Object>> builtin_anext(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("anext", nargs, kwnames, 1, 2));
  Object* aiterator = args[0];
  Ref<Object> anext_method;
  if (!TRY(lookup_special(aiterator, str_intern("__anext__"), &anext_method)))
    return raise(exc::TypeError, "'{}' object is not an async iterator", type_name_of(aiterator));
  Ref<Object> awaitable = TRY(call_noargs(anext_method.get()));
  if (nargs == 1) return awaitable;
  Ref<AnextAwaitable> wrapper = TRY(new_object<AnextAwaitable>(&AnextAwaitableType));
  wrapper->wrapped = awaitable.release();
  wrapper->default_value = new_ref(args[1]).release();
  return Ref<Object>(std::move(wrapper));
}

}  // namespace

const MethodDef kAsyncIterFunctions[] = {
    {"aiter", builtin_aiter, kMethOneArg,
     "Return an AsyncIterator for an AsyncIterable object."},
    {"anext", builtin_anext, kMethFastcall,
     "Return the next item from the async iterator.\n\nIf default is given and the async "
     "iterator is exhausted,\nit is returned instead of raising StopAsyncIteration."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::builtins
