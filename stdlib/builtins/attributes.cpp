// stdlib/builtins/attributes.cpp — attribute and namespace built-ins: getattr, setattr, delattr,
// hasattr, dir, vars, globals, locals.
//
// globals()/locals()/vars()/dir() without arguments look at the calling Python frame
// (vm/frame_locals.h): a native function runs with its Python caller still the current frame.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "stdlib/builtins/builtins.h"
#include "vm/frame_locals.h"

namespace weft::builtins {
namespace {

Status check_attr_name(Object* name) {
  if (!is_str(name))
    return raise(exc::TypeError, "attribute name must be string, not '{}'", type_name_of(name));
  return ok();
}

// getattr(object, name[, default])
Result<Ref<Object>> builtin_getattr(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("getattr", nargs, kwnames, 2, 3));
  TRY(check_attr_name(args[1]));
  if (nargs == 2) return get_attr(args[0], args[1]);
  Ref<Object> value;
  if (TRY(lookup_attr(args[0], args[1], &value))) return value;
  return new_ref(args[2]);
}

Result<Ref<Object>> builtin_setattr(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("setattr", nargs, kwnames, 3, 3));
  TRY(check_attr_name(args[1]));
  TRY(set_attr(args[0], args[1], args[2]));
  return new_none();
}

Result<Ref<Object>> builtin_delattr(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("delattr", nargs, kwnames, 2, 2));
  TRY(check_attr_name(args[1]));
  TRY(del_attr(args[0], args[1]));
  return new_none();
}

Result<Ref<Object>> builtin_hasattr(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("hasattr", nargs, kwnames, 2, 2));
  TRY(check_attr_name(args[1]));
  Ref<Object> value;
  return new_bool(TRY(lookup_attr(args[0], args[1], &value)));
}

Result<Ref<Object>> caller_locals(const char* fname) {
  vm::Frame* f = vm::current_python_frame();
  if (!f) return raise(exc::SystemError, "{}(): no current frame", fname);
  return vm::frame_locals(f);
}

Result<Ref<Object>> builtin_globals(Object*, Object* const*, size_t, Object*) {
  vm::Frame* f = vm::current_python_frame();
  if (!f) return raise(exc::SystemError, "globals(): no current frame");
  return new_ref(f->globals);
}

Result<Ref<Object>> builtin_locals(Object*, Object* const*, size_t, Object*) {
  return caller_locals("locals");
}

// vars([object]): object.__dict__, or locals().
Result<Ref<Object>> builtin_vars(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("vars", nargs, kwnames, 0, 1));
  if (nargs == 0) return caller_locals("vars");
  Ref<Object> d;
  if (!TRY(lookup_attr(args[0], str_intern("__dict__"), &d)))
    return raise(exc::TypeError, "vars() argument must have __dict__ attribute");
  return d;
}

// dir([object]): sorted(object.__dir__()), or the sorted names of the caller's locals.
Result<Ref<Object>> builtin_dir(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("dir", nargs, kwnames, 0, 1));
  Ref<Object> names;
  if (nargs == 0) {
    Ref<Object> locals = TRY(caller_locals("dir"));
    names = TRY(list_from_iterable(locals.get()));
  } else {
    Ref<Object> method;
    if (!TRY(lookup_special(args[0], str_intern("__dir__"), &method)))
      return raise(exc::TypeError, "object does not provide __dir__");
    Ref<Object> result = TRY(call_noargs(method.get()));
    names = TRY(list_from_iterable(result.get()));
  }
  TRY(list_sort(names.get(), nullptr, false));
  return names;
}

}  // namespace

const MethodDef kAttributeFunctions[] = {
    {"delattr", builtin_delattr, kMethFastcall, "Deletes the named attribute from the given object."},
    {"dir", builtin_dir, kMethFastcall, "Show attributes of an object."},
    {"getattr", builtin_getattr, kMethFastcall, "Get a named attribute from an object."},
    {"globals", builtin_globals, kMethNoArgs, "Return the dictionary containing the current scope's global variables."},
    {"hasattr", builtin_hasattr, kMethFastcall, "Return whether the object has an attribute with the given name."},
    {"locals", builtin_locals, kMethNoArgs, "Return a dictionary containing the current scope's local variables."},
    {"setattr", builtin_setattr, kMethFastcall, "Sets the named attribute on the given object to the specified value."},
    {"vars", builtin_vars, kMethFastcall, "Show vars."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::builtins
