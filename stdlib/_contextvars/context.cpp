// stdlib/_contextvars/context.cpp — contextvars.Context and the per-thread current context.
//
// The current context of a thread lives in its VM data (vm::VmThreadData::context, owned), read
// and written only by that thread. Context.run() enters a context: it is marked entered (an
// atomic flag, so two threads cannot enter one context at once), remembers the previous current
// context in `prev` and becomes current until the call returns.
//
// `vars` is swapped under the context's critical section and read there as a new reference; the
// dict itself is never mutated after publication, so readers use their snapshot unlocked
// (contextvars.h explains the copy-on-write design).
#include <utility>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/type_registry.h"
#include "stdlib/_contextvars/contextvars.h"
#include "sync/critical_section.h"
#include "vm/frame_stack.h"

namespace weft::contextvars {

Type ContextType;

namespace {

ContextObject* as_ctx(Object* o) { return static_cast<ContextObject*>(o); }

vm::VmThreadData* thread_vm() { return vm::vm_data(core::current_thread_state()); }

Result<Ref<Object>> context_vnew(Type*, Object* const*, size_t nargs, Object* kwnames) {
  if (nargs || kwnames_count(kwnames))
    return raise(exc::TypeError, "Context() does not accept any arguments");
  Ref<Object> vars = TRY(dict_new());
  return context_new_with_vars(vars.get());
}

void context_dealloc(Object* self) {
  xdecref(as_ctx(self)->vars);
  xdecref(as_ctx(self)->prev);
  free_object(self);
}

void context_traverse(Object* self, VisitFn visit, void* arg) {
  visit(as_ctx(self)->vars, arg);
  if (Object* p = as_ctx(self)->prev) visit(p, arg);
}

Status check_key(Object* key) {
  if (!is_context_var(key))
    return raise(exc::TypeError, "a ContextVar key was expected, got {}", fmt_repr(key));
  return ok();
}

Result<Ref<Object>> context_subscript(Object* self, Object* key) {
  TRY(check_key(key));
  Ref<Object> vars = context_vars(self);
  Ref<Object> value;
  if (TRY(dict_get_item(vars.get(), key, &value))) return value;
  return raise_with_value(exc::KeyError, key);
}

Result<bool> context_contains(Object* self, Object* key) {
  TRY(check_key(key));
  Ref<Object> vars = context_vars(self);
  return dict_contains(vars.get(), key);
}

Result<int64_t> context_length(Object* self) {
  Ref<Object> vars = context_vars(self);
  return dict_size(vars.get());
}

Result<Ref<Object>> context_iter(Object* self) {
  Ref<Object> vars = context_vars(self);
  return get_iter(vars.get());
}

Result<Ref<Object>> context_richcompare(Object* a, Object* b, CompareOp op) {
  if (b->ob_type != &ContextType || (op != CompareOp::Eq && op != CompareOp::Ne))
    return new_ref(not_implemented());
  Ref<Object> va = context_vars(a);
  Ref<Object> vb = context_vars(b);
  return rich_compare(va.get(), vb.get(), op);
}

// Makes `ctx` the calling thread's current context.
Status enter(Object* ctx) {
  bool expected = false;
  if (!as_ctx(ctx)->entered.compare_exchange_strong(expected, true, std::memory_order_acq_rel))
    return raise(exc::RuntimeError, "cannot enter context: {} is already entered", fmt_repr(ctx));
  vm::VmThreadData* vm = thread_vm();
  as_ctx(ctx)->prev = std::exchange(vm->context, new_ref(ctx).release());
  return ok();
}

// Restores the context that was current before `ctx` was entered.
void leave(Object* ctx) {
  vm::VmThreadData* vm = thread_vm();
  Object* was_current = std::exchange(vm->context, std::exchange(as_ctx(ctx)->prev, nullptr));
  as_ctx(ctx)->entered.store(false, std::memory_order_release);
  xdecref(was_current);
}

Result<Ref<Object>> m_run(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs < 1) return raise(exc::TypeError, "run() missing 1 required positional argument");
  TRY(enter(self));
  Result<Ref<Object>> result = call(args[0], args + 1, nargs - 1, kwnames);
  leave(self);
  return result;
}

Result<Ref<Object>> m_copy(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> vars = context_vars(self);
  return context_new_with_vars(vars.get());
}

Result<Ref<Object>> m_get(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("get", nargs, kwnames, 1, 2));
  TRY(check_key(args[0]));
  Ref<Object> vars = context_vars(self);
  Ref<Object> value;
  if (TRY(dict_get_item(vars.get(), args[0], &value))) return value;
  return new_ref(nargs > 1 ? args[1] : none());
}

// keys() / values() / items() of the snapshot taken now.
Result<Ref<Object>> snapshot_view(Object* self, const char* method) {
  Ref<Object> vars = context_vars(self);
  return call_method(vars.get(), method, nullptr, 0);
}
Result<Ref<Object>> m_keys(Object* self, Object* const*, size_t, Object*) {
  return snapshot_view(self, "keys");
}
Result<Ref<Object>> m_values(Object* self, Object* const*, size_t, Object*) {
  return snapshot_view(self, "values");
}
Result<Ref<Object>> m_items(Object* self, Object* const*, size_t, Object*) {
  return snapshot_view(self, "items");
}

const MethodDef kContextMethods[] = {
    {"run", m_run, kMethFastcall, nullptr},
    {"copy", m_copy, kMethNoArgs, "Return a shallow copy of the context object."},
    {"get", m_get, kMethFastcall,
     "Return the value for `key` if `key` has the value in the context object.\n\nIf `key` "
     "does not exist, return `default`. If `default` is not given,\nreturn None."},
    {"keys", m_keys, kMethNoArgs, "Return a list of all variables in the context object."},
    {"values", m_values, kMethNoArgs,
     "Return a list of all variables' values in the context object."},
    {"items", m_items, kMethNoArgs,
     "Return all variables and their values in the context object.\n\nThe result is returned "
     "as a list of 2-tuples (variable, value)."},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_context_type() {
  Type& t = ContextType;
  t.name = "_contextvars.Context";
  t.basicsize = sizeof(ContextObject);
  t.flags = kTypeHaveGc | kTypeImmutable | kTypeMapping;
  t.dealloc = context_dealloc;
  t.traverse = context_traverse;
  t.richcompare = context_richcompare;
  t.hash = hash_not_implemented;
  t.iter = context_iter;
  t.new_ = context_vnew;
  t.mapping.length = context_length;
  t.mapping.subscript = context_subscript;
  t.sequence.contains = context_contains;
  t.methods = kContextMethods;
  return ok();
}

Status ready_context_type() { return type_ready(&ContextType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_context_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_context_type);

}  // namespace

Result<Ref<Object>> context_new_with_vars(Object* vars) {
  Ref<ContextObject> ctx = TRY(new_object<ContextObject>(&ContextType));
  ctx->vars = new_ref(vars).release();
  return Ref<Object>(std::move(ctx));
}

Result<Ref<Object>> current_context() {
  vm::VmThreadData* vm = thread_vm();
  if (!vm->context) {
    Ref<Object> vars = TRY(dict_new());
    vm->context = TRY(context_new_with_vars(vars.get())).release();
  }
  return new_ref(vm->context);
}

Ref<Object> context_vars(Object* ctx) {
  sync::CriticalSection cs{ctx->ob_mutex};
  return new_ref(as_ctx(ctx)->vars);
}

void context_publish_vars(Object* ctx, Ref<Object> vars) {
  Object* old = vars.release();
  {
    sync::CriticalSection cs{ctx->ob_mutex};
    std::swap(as_ctx(ctx)->vars, old);
  }
  decref(old);
}

}  // namespace weft::contextvars
