// vm/function_constructor.cpp — `types.FunctionType(code, globals, name=None, argdefs=None,
// closure=None, kwdefaults=None)`, CPython's func_new, with its checks and messages.
//
// annotationlib builds functions this way to re-run an __annotate__ with fake globals and cells
// (Format.STRING / FORWARDREF), which typing.NamedTuple, TypedDict and dataclasses rely on. The
// constructor lives in the VM, not objects/function.cpp, because a function's builtins come from
// the interpreter when `globals` has no `__builtins__` (builtins_for_globals); it is installed on
// FunctionType at kPhaseFill (a store only), as vm/vm_hooks.cpp installs its hooks.
// The new function is private to the caller until returned: no locking.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/cell.h"
#include "objects/code.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "vm/interp_state.h"

namespace weft::vm {
namespace {

Status check_optional(Object* value, bool ok_type, const char* message) {
  if (value && !is_none(value) && !ok_type) return raise(exc::TypeError, "{}", message);
  return ok();
}

Result<Ref<Object>> function_vnew(Type*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("function", "code globals | name argdefs closure kwdefaults");
  Object* a[6];
  TRY(kParser.parse(args, nargs, kwnames, a));
  auto [code, globals, name, defaults, closure, kwdefaults] = a;
  if (!is_code(code)) {
    return raise(exc::TypeError, "function() argument 'code' must be code, not {}",
                 type_name_of(code));
  }
  if (!is_dict(globals)) {
    return raise(exc::TypeError, "function() argument 'globals' must be dict, not {}",
                 type_name_of(globals));
  }
  const auto* co = static_cast<const CodeObject*>(code);
  TRY(check_optional(name, name && is_str(name), "arg 3 (name) must be None or string"));
  TRY(check_optional(defaults, defaults && is_tuple(defaults), "arg 4 (defaults) must be None or tuple"));
  bool closure_given = closure && !is_none(closure);
  if (closure_given && !is_tuple(closure))
    return raise(exc::TypeError, "arg 5 (closure) must be None or tuple");
  if (!closure_given && co->nfreevars > 0)
    return raise(exc::TypeError, "arg 5 (closure) must be tuple");
  TRY(check_optional(kwdefaults, kwdefaults && is_dict(kwdefaults),
                     "arg 6 (kwdefaults) must be None or dict"));
  int64_t nclosure = closure_given ? tuple_size(closure) : 0;
  if (nclosure != co->nfreevars) {
    return raise(exc::ValueError, "{} requires closure of length {}, not {}", co->name,
                 co->nfreevars, nclosure);
  }
  for (int64_t i = 0; i < nclosure; ++i) {
    Object* cell = tuple_item(closure, i);
    if (!is_cell(cell))
      return raise(exc::TypeError, "arg 5 (closure) expected cell, found {}", type_name_of(cell));
  }
  Object* builtins = TRY(builtins_for_globals(globals));
  Ref<Object> func = TRY(function_new(code, globals, builtins));
  auto* f = static_cast<FunctionObject*>(func.get());
  // Fresh and unshared: plain stores, as MAKE_FUNCTION's SET_FUNCTION_ATTRIBUTE does.
  if (name && !is_none(name)) {
    Object* old = f->name;
    f->name = new_ref(name).release();
    decref(old);
  }
  if (defaults && !is_none(defaults)) TRY(function_set_attribute(func.get(), kFuncDefaults, defaults));
  if (closure_given) TRY(function_set_attribute(func.get(), kFuncClosure, closure));
  if (kwdefaults && !is_none(kwdefaults))
    TRY(function_set_attribute(func.get(), kFuncKwdefaults, kwdefaults));
  return func;
}

Status install_function_constructor() {
  FunctionType.new_ = function_vnew;
  return ok();
}
WEFT_REGISTER_TYPE_INIT(kPhaseFill, install_function_constructor);

}  // namespace
}  // namespace weft::vm
