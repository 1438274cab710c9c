// stdlib/sys/sys_hooks.cpp — sys.displayhook and sys.excepthook, the replaceable hooks the
// interpreter calls for interactive results and for exceptions nobody caught.
//
// displayhook(value): None prints nothing; otherwise builtins._ is cleared, repr(value) and a
// newline go to sys.stdout, then builtins._ = value (CPython's sys_displayhook).
// excepthook(type, value, traceback): prints the exception the way the interpreter does
// (vm/traceback_print.h); vm::report_uncaught_exception calls whatever sys.excepthook is.
// Both are stateless; sys.__displayhook__/__excepthook__ keep the originals.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/module.h"
#include "objects/str.h"
#include "stdlib/sys/sys_internal.h"
#include "stdlib/sys/sys_module.h"
#include "vm/interp_state.h"
#include "vm/traceback_print.h"

namespace weft::sys {
namespace {

Status set_builtins_underscore(Object* value) {
  Object* builtins = vm::builtins_dict();
  if (!builtins) return raise(exc::RuntimeError, "lost builtins module");
  return dict_set_item(builtins, str_intern("_"), value);
}

Result<Ref<Object>> sys_displayhook(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs != 1 || kwnames_count(kwnames) != 0)
    return raise(exc::TypeError, "sys.displayhook() takes exactly one argument ({} given)",
                 nargs + kwnames_count(kwnames));
  Object* value = args[0];
  if (is_none(value)) return new_none();
  // Cleared first so that repr() of a value referring to `_` sees None, as in CPython.
  TRY(set_builtins_underscore(none()));
  Ref<Object> out = get_object("stdout");
  if (!out || is_none(out.get())) return raise(exc::RuntimeError, "lost sys.stdout");
  Ref<Object> text = TRY(object_repr(value));
  Object* text_arg = text.get();
  TRY(call_method(out.get(), "write", &text_arg, 1));
  Ref<Object> newline = TRY(str_from_ascii("\n"));
  Object* newline_arg = newline.get();
  TRY(call_method(out.get(), "write", &newline_arg, 1));
  TRY(set_builtins_underscore(value));
  return new_none();
}

Result<Ref<Object>> sys_excepthook(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs != 3 || kwnames_count(kwnames) != 0)
    return raise(exc::TypeError, "excepthook expected 3 arguments, got {}",
                 nargs + kwnames_count(kwnames));
  Object* value = args[1];
  if (!is_exception_instance(value)) {
    vm::write_stderr(std::string("TypeError: print_exception(): Exception expected for value, ") +
                     type_name_of(value) + " found\n");
    return new_none();
  }
  vm::print_exception(value);
  return new_none();
}

}  // namespace

const MethodDef kHookFunctions[] = {
    {"displayhook", sys_displayhook, kMethFastcall,
     "Print an object to sys.stdout and also save it in builtins._"},
    {"excepthook", sys_excepthook, kMethFastcall,
     "Handle an exception by displaying it with a traceback on sys.stderr."},
    {nullptr, nullptr, 0, nullptr},
};

Status add_hook_originals(Object* sys_module) {
  for (const char* name : {"displayhook", "excepthook"}) {
    Ref<Object> hook = TRY(get_attr(sys_module, name));
    std::string dunder = std::string("__") + name + "__";
    TRY(module_add_object(sys_module, dunder.c_str(), hook.get()));
  }
  return ok();
}

}  // namespace weft::sys
