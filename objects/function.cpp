// objects/function.cpp — the function type (see objects/function.h).
//
// Locking: attributes that Python code may reassign (__code__, __defaults__, __kwdefaults__,
// __doc__, __name__, __qualname__, __module__, __annotations__, __annotate__, __type_params__,
// __dict__) are swapped inside the function's critical section and read there with a new
// reference taken before the lock is released. The old value is released after the lock is
// dropped, because its destructor may run arbitrary code. globals, builtins and closure never
// change after creation and are read without a lock.
//
// The call slot (binding arguments, running the frame) is vm::function_vectorcall, installed by
// vm/run.cpp at start-up so that objects/ does not depend on vm/.
#include "objects/function.h"

#include <cstddef>
#include <cstdio>
#include <limits>
#include <iterator>
#include <string>
#include <utility>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/code.h"
#include "objects/dict.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/method.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"
#include "sync/critical_section.h"

namespace weft {

Type FunctionType;

namespace {

FunctionObject* as_func(Object* o) { return static_cast<FunctionObject*>(o); }

// Replaces *slot with a new reference to `value` (nullable) under the function's lock; the old
// value is released afterwards.
void swap_field(Object* func, Object** slot, Object* value) {
  Object* old;
  {
    sync::CriticalSection cs{func->ob_mutex};
    if (value) incref(value);
    old = *slot;
    *slot = value;
    if (slot == &as_func(func)->code || slot == &as_func(func)->defaults ||
        slot == &as_func(func)->kwdefaults) {
      as_func(func)->version.store(0, std::memory_order_relaxed);
    }
  }
  xdecref(old);
}

// A new reference to *slot read under the lock; None when the slot is empty.
Ref<Object> read_field(Object* func, Object* const* slot) {
  sync::CriticalSection cs{func->ob_mutex};
  return new_ref(*slot ? *slot : none());
}

void function_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  FunctionObject* f = as_func(self);
  for (Object* o : {f->code, f->globals, f->builtins, f->name, f->qualname, f->module, f->defaults,
                    f->kwdefaults, f->closure, f->doc, f->dict, f->annotations, f->annotate,
                    f->type_params}) {
    xdecref(o);
  }
  free_object(self);
}

void function_traverse(Object* self, VisitFn visit, void* arg) {
  FunctionObject* f = as_func(self);
  for (Object* o : {f->code, f->globals, f->builtins, f->name, f->qualname, f->module, f->defaults,
                    f->kwdefaults, f->closure, f->doc, f->dict, f->annotations, f->annotate,
                    f->type_params}) {
    if (o) visit(o, arg);
  }
}

// The collector's `clear` (CPython's func_clear): drops what can lead back to the function. The
// code, globals, builtins and names stay: a cleared function must still be safe to inspect.
void function_clear(Object* self) {
  FunctionObject* f = as_func(self);
  Object* dropped[9];
  {
    sync::CriticalSection cs{self->ob_mutex};
    Object** fields[] = {&f->module, &f->defaults, &f->kwdefaults, &f->closure, &f->doc,
                         &f->dict, &f->annotations, &f->annotate, &f->type_params};
    static_assert(std::size(fields) == std::size(dropped));
    for (size_t i = 0; i < std::size(fields); ++i) dropped[i] = std::exchange(*fields[i], nullptr);
  }
  for (Object* o : dropped) xdecref(o);
}

Result<Ref<Object>> function_repr(Object* self) {
  Ref<Object> qualname = read_field(self, &as_func(self)->qualname);
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(self));
  return str_from_utf8("<function " + str_to_std_string(qualname.get()) + " at " + addr + ">");
}

// function.__get__: binds to an instance; looked up on the class it returns the function itself.
Result<Ref<Object>> function_descr_get(Object* self, Object* obj, Object* type) {
  if (!obj || is_none(obj)) return new_ref(self);
  return method_new(self, obj);
}

// --- getters and setters -------------------------------------------------------------------------

Result<Ref<Object>> get_code(Object* self) { return read_field(self, &as_func(self)->code); }
Status set_code(Object* self, Object* value) {
  if (!value || !is_code(value)) {
    return raise(exc::TypeError, "__code__ must be set to a code object");
  }
  int nfree = static_cast<CodeObject*>(value)->nfreevars;
  Object* closure = as_func(self)->closure;
  int nclosure = closure ? static_cast<int>(tuple_size(closure)) : 0;
  if (nfree != nclosure) {
    return raise(exc::ValueError, "{}() requires a code object with {} free vars, not {}",
                 as_func(self)->name, nclosure, nfree);
  }
  swap_field(self, &as_func(self)->code, value);
  return ok();
}

Result<Ref<Object>> get_globals(Object* self) { return new_ref(as_func(self)->globals); }
Result<Ref<Object>> get_builtins(Object* self) { return new_ref(as_func(self)->builtins); }
Result<Ref<Object>> get_closure(Object* self) {
  Object* c = as_func(self)->closure;
  return new_ref(c ? c : none());
}

Result<Ref<Object>> get_name(Object* self) { return read_field(self, &as_func(self)->name); }
Status set_name(Object* self, Object* value) {
  if (!value || !is_str(value)) return raise(exc::TypeError, "__name__ must be set to a string object");
  swap_field(self, &as_func(self)->name, value);
  return ok();
}

Result<Ref<Object>> get_qualname(Object* self) { return read_field(self, &as_func(self)->qualname); }
Status set_qualname(Object* self, Object* value) {
  if (!value || !is_str(value)) {
    return raise(exc::TypeError, "__qualname__ must be set to a string object");
  }
  swap_field(self, &as_func(self)->qualname, value);
  return ok();
}

Result<Ref<Object>> get_module(Object* self) { return read_field(self, &as_func(self)->module); }
Status set_module(Object* self, Object* value) {
  swap_field(self, &as_func(self)->module, value ? value : none());
  return ok();
}

Result<Ref<Object>> get_doc(Object* self) { return read_field(self, &as_func(self)->doc); }
Status set_doc(Object* self, Object* value) {
  swap_field(self, &as_func(self)->doc, value ? value : none());
  return ok();
}

Result<Ref<Object>> get_defaults(Object* self) { return read_field(self, &as_func(self)->defaults); }
Status set_defaults(Object* self, Object* value) {
  if (value && is_none(value)) value = nullptr;
  if (value && !is_tuple(value)) {
    return raise(exc::TypeError, "__defaults__ must be set to a tuple object");
  }
  swap_field(self, &as_func(self)->defaults, value);
  return ok();
}

Result<Ref<Object>> get_kwdefaults(Object* self) { return read_field(self, &as_func(self)->kwdefaults); }
Status set_kwdefaults(Object* self, Object* value) {
  if (value && is_none(value)) value = nullptr;
  if (value && !is_dict(value)) {
    return raise(exc::TypeError, "__kwdefaults__ must be set to a dict object");
  }
  swap_field(self, &as_func(self)->kwdefaults, value);
  return ok();
}

// __annotations__: the stored dict; else the result of __annotate__(1) (cached); else a new
// empty dict (cached), as CPython 3.14 does.
Result<Ref<Object>> get_annotations(Object* self) {
  FunctionObject* f = as_func(self);
  Ref<Object> annotate;
  {
    sync::CriticalSection cs{self->ob_mutex};
    if (f->annotations) return new_ref(f->annotations);
    if (f->annotate && !is_none(f->annotate)) annotate = new_ref(f->annotate);
  }
  Ref<Object> value;
  if (annotate) {
    Ref<Object> format = TRY(int_from_i64(1));
    value = TRY(call_one(annotate.get(), format.get()));
    if (!is_dict(value.get())) {
      return raise(exc::TypeError, "__annotate__ returned non-dict of type '{}'",
                   type_name_of(value.get()));
    }
  } else {
    value = TRY(dict_new());
  }
  {
    sync::CriticalSection cs{self->ob_mutex};
    if (f->annotations) return new_ref(f->annotations);  // another thread won the race
    f->annotations = new_ref(value.get()).release();
  }
  return value;
}
Status set_annotations(Object* self, Object* value) {
  if (value && is_none(value)) value = nullptr;
  if (value && !is_dict(value)) {
    return raise(exc::TypeError, "__annotations__ must be set to a dict object");
  }
  swap_field(self, &as_func(self)->annotations, value);
  return ok();
}

Result<Ref<Object>> get_annotate(Object* self) { return read_field(self, &as_func(self)->annotate); }
Status set_annotate(Object* self, Object* value) {
  if (!value) return raise(exc::TypeError, "__annotate__ cannot be deleted");
  if (is_none(value)) {
    swap_field(self, &as_func(self)->annotate, nullptr);
    return ok();
  }
  if (!is_callable(value)) return raise(exc::TypeError, "__annotate__ must be callable or None");
  swap_field(self, &as_func(self)->annotate, value);
  swap_field(self, &as_func(self)->annotations, nullptr);
  return ok();
}

Result<Ref<Object>> get_type_params(Object* self) {
  Ref<Object> v = read_field(self, &as_func(self)->type_params);
  if (is_none(v.get())) return tuple_new(0);
  return v;
}
Status set_type_params(Object* self, Object* value) {
  if (!value || !is_tuple(value)) {
    return raise(exc::TypeError, "__type_params__ must be set to a tuple");
  }
  swap_field(self, &as_func(self)->type_params, value);
  return ok();
}

Result<Ref<Object>> get_dict(Object* self) {
  FunctionObject* f = as_func(self);
  Ref<Object> fresh;
  {
    sync::CriticalSection cs{self->ob_mutex};
    if (f->dict) return new_ref(f->dict);
  }
  fresh = TRY(dict_new());
  sync::CriticalSection cs{self->ob_mutex};
  if (!f->dict) f->dict = new_ref(fresh.get()).release();
  return new_ref(f->dict);
}
Status set_dict(Object* self, Object* value) {
  if (!value) return raise(exc::TypeError, "cannot delete __dict__");
  if (!is_dict(value)) return raise(exc::TypeError, "__dict__ must be set to a dictionary, not a '{}'", type_name_of(value));
  swap_field(self, &as_func(self)->dict, value);
  return ok();
}

const GetSetDef kFunctionGetSets[] = {
    {"__code__", get_code, set_code, nullptr},
    {"__globals__", get_globals, nullptr, nullptr},
    {"__builtins__", get_builtins, nullptr, nullptr},
    {"__closure__", get_closure, nullptr, nullptr},
    {"__name__", get_name, set_name, nullptr},
    {"__qualname__", get_qualname, set_qualname, nullptr},
    {"__module__", get_module, set_module, nullptr},
    {"__doc__", get_doc, set_doc, nullptr},
    {"__defaults__", get_defaults, set_defaults, nullptr},
    {"__kwdefaults__", get_kwdefaults, set_kwdefaults, nullptr},
    {"__annotations__", get_annotations, set_annotations, nullptr},
    {"__annotate__", get_annotate, set_annotate, nullptr},
    {"__type_params__", get_type_params, set_type_params, nullptr},
    {"__dict__", get_dict, set_dict, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_function_type() {
  Type& t = FunctionType;
  t.name = "function";
  t.doc = "Create a function object.";
  t.basicsize = sizeof(FunctionObject);
  t.weaklistoffset = offsetof(FunctionObject, weaklist);
  t.flags = kTypeHaveGc | kTypeMethodDescriptor | kTypeImmutable;
  t.dealloc = function_dealloc;
  t.traverse = function_traverse;
  t.clear = function_clear;
  t.repr = function_repr;
  t.descr_get = function_descr_get;
  t.getsets = kFunctionGetSets;
  t.dictoffset = offsetof(FunctionObject, dict);
  return ok();
}
Status ready_function_type() { return type_ready(&FunctionType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_function_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_function_type);

}  // namespace

void object_enable_deferred_refcount(Object* o) {
  o->ob_gc_bits.store(o->ob_gc_bits.load(std::memory_order_relaxed) | kGcDeferred,
                      std::memory_order_relaxed);
  o->ob_ref_shared.fetch_add(kDeferredRefcountBias << kSharedShift, std::memory_order_relaxed);
}

Result<Ref<Object>> function_new(Object* code, Object* globals, Object* builtins) {
  CodeObject* c = static_cast<CodeObject*>(code);
  Ref<Object> module;
  if (!TRY(dict_get_item_str(globals, str_intern("__name__"), &module))) module = new_none();
  Ref<FunctionObject> f = TRY(new_object<FunctionObject>(&FunctionType));
  f->code = new_ref(code).release();
  f->globals = new_ref(globals).release();
  f->builtins = new_ref(builtins).release();
  f->name = new_ref(c->name).release();
  f->qualname = new_ref(c->qualname).release();
  f->module = module.release();
  bool has_doc = (c->flags & kCoHasDocstring) && tuple_size(c->consts) > 0;
  f->doc = new_ref(has_doc ? tuple_item(c->consts, 0) : none()).release();
  f->version.store(1, std::memory_order_relaxed);
  // Module- and class-level functions are shared by every caller: defer their refcount
  // (closures are not, so that they are freed promptly, as CPython decides).
  if (!(c->flags & kCoNested)) object_enable_deferred_refcount(f.get());
  return Ref<Object>(std::move(f));
}

Status function_set_attribute(Object* func, int which, Object* value) {
  FunctionObject* f = as_func(func);
  Object** slot = nullptr;
  switch (which) {
    case kFuncDefaults: slot = &f->defaults; break;
    case kFuncKwdefaults: slot = &f->kwdefaults; break;
    case kFuncAnnotations: slot = &f->annotations; break;
    case kFuncClosure: slot = &f->closure; break;
    case kFuncAnnotate: slot = &f->annotate; break;
    default: return bad_internal_call("function_set_attribute");
  }
  // The function is fresh (MAKE_FUNCTION just built it) and not yet shared: no lock needed.
  incref(value);
  Object* old = *slot;
  *slot = value;
  xdecref(old);
  return ok();
}

}  // namespace weft
