// stdlib/_warnings/warnings_module.cpp — `_warnings`: the `warn` and `warn_explicit` that
// importlib._bootstrap (and any code importing `_warnings` directly) calls.
//
// Design: Lib/warnings.py keeps its pure-Python implementation (Lib/_py_warnings.py) because this
// module does not publish the accelerator's state (filters, _defaultaction, _onceregistry,
// _acquire_lock, _release_lock, _filters_mutated_lock_held, _warnings_context), so warnings.py's
// `from _warnings import ...` falls back as CPython's does without the C module. Each function here
// forwards its arguments unchanged to the Lib function of the same name, so filters, registries,
// `showwarning` and the messages for bad arguments are exactly the ones Python code sees. A
// native function adds no Python frame, so `stacklevel` counts from the same caller as a direct
// call to warnings.warn. No state of its own: safe from any thread (warnings.py locks its own).
#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/import_hook.h"
#include "objects/module.h"
#include "objects/str.h"
#include "vm/module_table.h"

namespace weft::warnings_module {
namespace {

// Calls warnings.<name>(*args, **kwargs) with the caller's vector-call arguments.
Result<Ref<Object>> forward_to_lib(const char* name, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  Ref<Object> module = TRY(import_module_for_objects("warnings"));
  Ref<Object> fn = TRY(get_attr(module.get(), name));
  return call(fn.get(), args, nargs, kwnames);
}

Result<Ref<Object>> warn(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  return forward_to_lib("warn", args, nargs, kwnames);
}

Result<Ref<Object>> warn_explicit(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  return forward_to_lib("warn_explicit", args, nargs, kwnames);
}

const MethodDef kWarningsFunctions[] = {
    {"warn", warn, kMethFastcall,
     "Issue a warning, or maybe ignore it or raise an exception.\n\n"
     "  message\n    Text of the warning message.\n"
     "  category\n    The Warning category subclass. Defaults to UserWarning.\n"
     "  stacklevel\n    How far up the call stack to make this warning appear. A value of 2 for\n"
     "    example attributes the warning to the caller of the code calling warn().\n"
     "  source\n    If supplied, the destroyed object which emitted a ResourceWarning\n"
     "  skip_file_prefixes\n    An optional tuple of module filename prefixes indicating frames to\n"
     "    skip during stacklevel computations for stack frame attribution."},
    {"warn_explicit", warn_explicit, kMethFastcall,
     "Issue a warning, or maybe ignore it or raise an exception."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_warnings_module() {
  Ref<Object> m = TRY(module_new("_warnings"));
  Object* dict = module_dict(m.get());
  Ref<Object> doc = TRY(str_from_ascii(
      "_warnings provides basic warning filtering support.\n"
      "It is a helper module to speed up interpreter start-up."));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  Ref<Object> name = TRY(str_from_ascii("_warnings"));
  TRY(add_functions_to_dict(dict, kWarningsFunctions, m.get(), name.get()));
  return m;
}

WEFT_NATIVE_MODULE("_warnings", create_warnings_module);

}  // namespace
}  // namespace weft::warnings_module
