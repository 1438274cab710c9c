// objects/function.h — Python function objects (`def`, `lambda`).
//
// A FunctionObject pairs a code object with the namespaces it runs in (globals, builtins), its
// default arguments, closure cells and the metadata Python code can read and write (__name__,
// __qualname__, __doc__, __dict__, __annotations__, __type_params__...). Calling one binds the
// arguments into a new frame and runs the eval loop; that call slot lives in vm/run.cpp (objects/
// knows nothing of the VM) and is installed into FunctionType at start-up.
//
// Deferred reference counting (DESIGN §4): functions defined at module or class level (code
// without CO_NESTED) are marked kGcDeferred when created. The VM's value stack does not count
// references to deferred objects (vm/stack_ref.h), so threads calling one shared function do not
// contend on its refcount. Until the cycle collector exists a deferred function is never freed:
// its shared count carries a large bias that ordinary decrefs cannot cancel.
//
// Mutable attributes (__defaults__, __kwdefaults__, __doc__, __annotations__...) are swapped
// inside the function's critical section; readers take a new reference under the same lock.
#pragma once

#include "objects/type.h"

namespace weft {

extern Type FunctionType;

struct FunctionObject : Object {
  Object* code;          // code object (owned)
  Object* globals;       // dict (owned)
  Object* builtins;      // dict (owned): globals['__builtins__'] resolved at creation
  Object* name;          // str (owned)
  Object* qualname;      // str (owned)
  Object* module;        // globals['__name__'] at creation, or None (owned)
  Object* defaults;      // tuple or nullptr (owned)
  Object* kwdefaults;    // dict or nullptr (owned)
  Object* closure;       // tuple of cells or nullptr (owned)
  Object* doc;           // owned (None when absent)
  Object* dict;          // instance __dict__ or nullptr (owned)
  Object* annotations;   // dict or nullptr (owned)
  Object* annotate;      // __annotate__ callable or nullptr (owned)
  Object* type_params;   // tuple or nullptr (owned)
  // Bumped whenever __code__, __defaults__ or __kwdefaults__ change; later specialisation keys
  // its call caches on it (0 = never cacheable).
  std::atomic<uint32_t> version;
  Object* weaklist;  // weak references to this object (objects/weakref.h)
};

inline bool is_function(const Object* o) { return o->ob_type == &FunctionType; }

// A new function for `code` running in `globals` with `builtins` (MAKE_FUNCTION). __name__/__qualname__ come from
// the code object, __module__ from globals['__name__'], __doc__ from the first constant when the
// code has CO_HAS_DOCSTRING. Module- and class-level functions are marked deferred (see above).
Result<Ref<Object>> function_new(Object* code, Object* globals, Object* builtins);

// SET_FUNCTION_ATTRIBUTE: the oparg bits of CPython 3.14 (MAKE_FUNCTION_DEFAULTS = 0x01,
// KWDEFAULTS = 0x02, ANNOTATIONS = 0x04, CLOSURE = 0x08, ANNOTATE = 0x10). Steals nothing.
enum FunctionAttr : int {
  kFuncDefaults = 0x01, kFuncKwdefaults = 0x02, kFuncAnnotations = 0x04, kFuncClosure = 0x08,
  kFuncAnnotate = 0x10,
};
Status function_set_attribute(Object* func, int which, Object* value);

// Borrowed views used by the VM's call path. The pointers stay valid while the caller holds a
// reference to the function and does not run code that could reassign the attribute; the VM
// takes new references under the function's lock before running arbitrary code.
inline Object* function_code(const Object* f) { return static_cast<const FunctionObject*>(f)->code; }
inline Object* function_globals(const Object* f) { return static_cast<const FunctionObject*>(f)->globals; }
inline Object* function_builtins(const Object* f) { return static_cast<const FunctionObject*>(f)->builtins; }

// Marks a freshly created object (owned by the caller's thread, not yet shared) as using deferred
// reference counting: sets kGcDeferred and biases the shared count so ordinary decrefs never free
// it. Only the cycle collector (not yet written) may free such objects.
void object_enable_deferred_refcount(Object* o);
inline bool has_deferred_refcount(const Object* o) {
  return (o->ob_gc_bits.load(std::memory_order_relaxed) & kGcDeferred) != 0;
}

}  // namespace weft
