// stdlib/sys/sys_hooks.cpp — sys.displayhook and sys.excepthook, the replaceable hooks the
// interpreter calls for interactive results and for exceptions nobody caught.
//
// displayhook(value): None prints nothing; otherwise builtins._ is cleared, repr(value) and a
// newline go to sys.stdout, then builtins._ = value (CPython's sys_displayhook).
// excepthook(type, value, traceback): prints the exception the way the interpreter does
// (vm/traceback_print.h); vm::report_uncaught_exception calls whatever sys.excepthook is.
// unraisablehook(unraisable): the default report of an exception that cannot propagate
// (CPython's _PyErr_WriteUnraisableDefaultHook): "<err_msg>: <repr(object)>" (or "Exception
// ignored in: <repr(object)>", or "<err_msg>:"), then the exception as the interpreter prints
// it, to sys.stderr (nothing when sys.stderr is None or missing). The runtime's
// write_unraisable() (objects/errors.h) reaches Python through dispatch_unraisable below, which
// packs the exception into an UnraisableHookArgs struct sequence and calls whatever
// sys.unraisablehook is; a missing or None hook means the default one, and an error raised by
// the hook is itself reported by the default hook ("Exception ignored in sys.unraisablehook").
// All are stateless; sys.__displayhook__/__excepthook__/__unraisablehook__ keep the originals.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/structseq.h"
#include "objects/tuple.h"
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

const StructSeqField kUnraisableHookArgsFields[] = {
    {"exc_type", "Exception type"},
    {"exc_value", "Exception value"},
    {"exc_traceback", "Exception traceback"},
    {"err_msg", "Error message"},
    {"object", "Object causing the exception"},
    {nullptr, nullptr},
};
const StructSeqDesc kUnraisableHookArgsDesc = {
    "UnraisableHookArgs",
    "UnraisableHookArgs\n\nType used to pass arguments to sys.unraisablehook.",
    kUnraisableHookArgsFields, 5};
StructSeqType UnraisableHookArgsType;
WEFT_REGISTER_STRUCTSEQ(UnraisableHookArgsType, kUnraisableHookArgsDesc);

enum UnraisableField { kExcType, kExcValue, kExcTraceback, kErrMsg, kObject };

Status write_to(Object* file, std::string_view text) {
  Ref<Object> s = TRY(str_from_utf8(text));
  Object* arg = s.get();
  TRY(call_method(file, "write", &arg, 1));
  return ok();
}

// The default hook's text for one UnraisableHookArgs (CPython's write_unraisable_exc_file).
Result<std::string> format_unraisable(Object* hook_args) {
  Object* exc_type = tuple_item(hook_args, kExcType);
  Object* exc_value = tuple_item(hook_args, kExcValue);
  Object* err_msg = tuple_item(hook_args, kErrMsg);
  Object* object = tuple_item(hook_args, kObject);
  std::string text;
  if (!is_none(object)) {
    if (!is_none(err_msg)) {
      Ref<Object> m = TRY(object_str(err_msg));
      text += str_to_std_string(m.get());
      text += ": ";
    } else {
      text += "Exception ignored in: ";
    }
    Result<Ref<Object>> r = object_repr(object);
    if (r.is_error()) {
      clear_error();
      text += "<object repr() failed>";
    } else {
      text += str_to_std_string(r.value().get());
    }
    text += '\n';
  } else if (!is_none(err_msg)) {
    Ref<Object> m = TRY(object_str(err_msg));
    text += str_to_std_string(m.get());
    text += ":\n";
  }
  if (is_exception_instance(exc_value)) {
    text += vm::format_exception(exc_value);  // the traceback it carries and "Type: message"
  } else if (is_instance_of(exc_type, &TypeType)) {
    text += type_name(reinterpret_cast<Type*>(exc_type));
    text += '\n';
  }
  return text;
}

Result<Ref<Object>> sys_unraisablehook(Object*, Object* const* args, size_t, Object*) {
  Object* hook_args = args[0];
  if (type_of(hook_args) != &UnraisableHookArgsType) {
    return raise(exc::TypeError, "sys.unraisablehook argument type must be UnraisableHookArgs");
  }
  Ref<Object> file = get_object("stderr");
  if (!file || is_none(file.get())) return new_none();
  std::string text = TRY(format_unraisable(hook_args));
  TRY(write_to(file.get(), text));
  TRY(call_method(file.get(), "flush", nullptr, 0));
  return new_none();
}

Result<Ref<Object>> make_hook_args(Object* exc, Object* err_msg, Object* object) {
  Ref<Object> items[5];
  items[kExcType] = new_ref(reinterpret_cast<Object*>(type_of(exc)));
  items[kExcValue] = new_ref(exc);
  Object* tb = exception_traceback(exc);
  items[kExcTraceback] = new_ref(tb ? tb : none());
  items[kErrMsg] = new_ref(err_msg);
  items[kObject] = new_ref(object);
  return structseq_from_items(&UnraisableHookArgsType, items);
}

// Calls the default hook; its own failures are dropped (there is nowhere left to report them).
void run_default_hook(Object* hook_args) {
  Object* arg = hook_args;
  if (sys_unraisablehook(nullptr, &arg, 1, nullptr).is_error()) clear_error();
}

// The runtime's unraisable-exception hook (objects/errors.h): runs sys.unraisablehook.
void dispatch_unraisable(std::string_view message, Object* exc) {
  Result<Ref<Object>> msg = message.empty() ? new_none() : str_from_utf8(message);
  if (msg.is_error()) {
    clear_error();
    return;
  }
  Result<Ref<Object>> made = make_hook_args(exc, msg.value().get(), none());
  if (made.is_error()) {
    clear_error();
    return;
  }
  Object* hook_args = made.value().get();
  Ref<Object> hook = get_object("unraisablehook");
  if (!hook || is_none(hook.get())) {
    run_default_hook(hook_args);
    return;
  }
  if (!call_one(hook.get(), hook_args).is_error()) return;
  // The hook failed: report its error with the default hook, naming the hook.
  Ref<Object> hook_error = take_exception();
  if (!hook_error) return;
  Result<Ref<Object>> hook_msg = str_from_ascii("Exception ignored in sys.unraisablehook");
  if (hook_msg.is_error()) {
    clear_error();
    return;
  }
  Result<Ref<Object>> failed = make_hook_args(hook_error.get(), hook_msg.value().get(), hook.get());
  if (failed.is_error()) {
    clear_error();
    return;
  }
  run_default_hook(failed.value().get());
}

}  // namespace

const MethodDef kHookFunctions[] = {
    {"displayhook", sys_displayhook, kMethFastcall,
     "Print an object to sys.stdout and also save it in builtins._"},
    {"excepthook", sys_excepthook, kMethFastcall,
     "Handle an exception by displaying it with a traceback on sys.stderr."},
    {"unraisablehook", sys_unraisablehook, kMethOneArg,
     "Handle an unraisable exception.\n\nThe unraisable argument has the following attributes:\n\n"
     "* exc_type: Exception type.\n* exc_value: Exception value, can be None.\n"
     "* exc_traceback: Exception traceback, can be None.\n"
     "* err_msg: Error message, can be None.\n"
     "* object: Object causing the exception, can be None."},
    {nullptr, nullptr, 0, nullptr},
};

Status add_hook_originals(Object* sys_module) {
  for (const char* name : {"displayhook", "excepthook", "unraisablehook"}) {
    Ref<Object> hook = TRY(get_attr(sys_module, name));
    std::string dunder = std::string("__") + name + "__";
    TRY(module_add_object(sys_module, dunder.c_str(), hook.get()));
  }
  // From now on exceptions that cannot propagate go through sys.unraisablehook.
  set_unraisable_hook(dispatch_unraisable);
  return ok();
}

}  // namespace weft::sys
