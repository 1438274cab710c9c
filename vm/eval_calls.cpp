// vm/eval_calls.cpp — attribute loads for calls, special-method lookup, CALL_FUNCTION_EX,
// intrinsics and imports.
//
// load_method is the LOAD_ATTR "method" form: when `obj.name` would bind a plain function found
// on the type (and the instance dict does not shadow it), it returns the function unbound so CALL
// passes obj as self without creating a bound-method object.
#include "objects/abstract.h"
#include "objects/code.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exception_group.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/typevar.h"
#include "vm/eval_ops.h"
#include "vm/generator.h"
#include "vm/interp_state.h"
#include "vm/opcodes.h"

namespace weft::vm {

Result<bool> load_method(Object* obj, Object* name, Ref<Object>* out) {
  Type* t = type_of(obj);
  if (t->getattro == generic_getattr) {
    Object* descr = type_lookup(t, name);
    if (descr && type_has_flag(type_of(descr), kTypeMethodDescriptor)) {
      Ref<Object> keep = new_ref(descr);  // the type's dict may change while we look further
      if (t->dictoffset > 0) {
        Object* dict = *reinterpret_cast<Object**>(reinterpret_cast<char*>(obj) + t->dictoffset);
        Ref<Object> shadow;
        if (dict && TRY(dict_get_item_str(dict, name, &shadow))) {
          *out = std::move(shadow);
          return false;
        }
      }
      *out = std::move(keep);
      return true;
    }
  }
  *out = TRY(get_attr(obj, name));
  return false;
}

Status load_special(Object* owner, int which, Ref<Object>* meth, Ref<Object>* self_or_null) {
  Object* name = str_intern(kSpecialMethodNames[which]);
  Ref<Object> bound;
  if (!TRY(lookup_special(owner, name, &bound))) {
    bool async = which == SPECIAL___AENTER__ || which == SPECIAL___AEXIT__;
    return raise(exc::TypeError, "'{}' object does not support the {}context manager protocol "
                 "(missed {} method)", type_name_of(owner), async ? "asynchronous " : "",
                 kSpecialMethodNames[which]);
  }
  *meth = std::move(bound);
  *self_or_null = Ref<Object>();
  return ok();
}

Result<Ref<Object>> load_super_attr(Object* global_super, Object* cls, Object* self, Object* name) {
  // super(cls, self).name; the zero-argument form is equivalent once the compiler has loaded
  // __class__ and the first argument.
  Object* args[2] = {cls, self};
  Ref<Object> sup = TRY(call(global_super, args, 2));
  return get_attr(sup.get(), name);
}

// CPython's _PyObject_FunctionStr: "module.qualname()" ("qualname()" for builtins), or
// str(callable) when it has no __qualname__.
std::string callable_description(Object* func) {
  Ref<Object> qualname;
  Result<bool> found = lookup_attr(func, str_intern("__qualname__"), &qualname);
  if (found.is_error() || !found.value() || !is_str(qualname.get())) {
    if (found.is_error()) clear_error();
    Result<Ref<Object>> text = object_str(func);
    if (text.is_error()) {
      clear_error();
      return std::string(type_name_of(func)) + " object";
    }
    return str_to_std_string(text.value().get());
  }
  std::string name = str_to_std_string(qualname.get()) + "()";
  Ref<Object> module;
  Result<bool> has_module = lookup_attr(func, str_intern("__module__"), &module);
  if (has_module.is_error()) {
    clear_error();
    return name;
  }
  if (has_module.value() && is_str(module.get()) && !str_equal_ascii(module.get(), "builtins"))
    return str_to_std_string(module.get()) + "." + name;
  return name;
}

Result<Ref<Object>> call_function_ex(Object* func, Object* args, Object* kwargs) {
  Ref<Object> tuple;
  if (is_tuple_exact(args)) {
    tuple = new_ref(args);
  } else {
    Result<Ref<Object>> t = tuple_from_iterable(args);
    if (t.is_error()) {
      if (error_matches(exc::TypeError) && !type_of(args)->iter && !type_of(args)->sequence.item) {
        clear_error();
        return raise(exc::TypeError, "{} argument after * must be an iterable, not {}",
                     callable_description(func), type_name_of(args));
      }
      return Error{};
    }
    tuple = t.release_value();
  }
  Ref<Object> kw;
  if (kwargs && !is_none(kwargs)) {
    if (is_dict_exact(kwargs)) {
      kw = new_ref(kwargs);
    } else {
      kw = TRY(dict_new());
      TRY(dict_merge_op(func, kw.get(), kwargs));
    }
  }
  return call_tuple_dict(func, tuple.get(), kw ? kw.get() : nullptr);
}

namespace {
Status import_star(Frame* f, Object* module) {
  if (!f->locals) return raise(exc::SystemError, "no locals found during 'import *'");
  Ref<Object> all;
  bool have_all = TRY(lookup_attr(module, str_intern("__all__"), &all));
  Ref<Object> names;
  if (have_all) {
    names = TRY(list_from_iterable(all.get()));
  } else {
    Ref<Object> dict = TRY(get_attr(module, "__dict__"));
    names = TRY(list_from_iterable(dict.get()));
  }
  for (int64_t i = 0; i < list_size(names.get()); ++i) {
    Ref<Object> name = TRY(list_get_item(names.get(), i));
    if (!is_str(name.get())) {
      return raise(exc::TypeError, "{} in {}.{} must be str, not {}",
                   have_all ? "Item" : "Key", module, have_all ? "__all__" : "__dict__",
                   type_name_of(name.get()));
    }
    if (!have_all && str_length(name.get()) > 0 && str_char_at(name.get(), 0) == '_') continue;
    Ref<Object> value = TRY(get_attr(module, name.get()));
    TRY(set_item(f->locals, name.get(), value.get()));
  }
  return ok();
}
}  // namespace

namespace {
// INTRINSIC_STOPITERATION_ERROR: the handler the compiler wraps around every generator,
// coroutine and async generator body (PEP 479). A StopIteration escaping the body (and, in an
// async generator, a StopAsyncIteration) becomes a RuntimeError whose cause and context are
// the original; any other exception comes back unchanged for RERAISE.
Result<Ref<Object>> stopiteration_error(Frame* f, Object* exc) {
  int flags = f->code->flags;
  const char* message = nullptr;
  if (is_instance_of(exc, exc::StopIteration)) {
    message = (flags & kCoAsyncGenerator) ? "async generator raised StopIteration"
              : (flags & kCoCoroutine)    ? "coroutine raised StopIteration"
                                          : "generator raised StopIteration";
  } else if ((flags & kCoAsyncGenerator) && is_instance_of(exc, exc::StopAsyncIteration)) {
    message = "async generator raised StopAsyncIteration";
  }
  if (!message) return Ref<Object>::borrow(exc);
  Ref<Object> text = TRY(str_from_ascii(message));
  Ref<Object> error = TRY(call_one(exc::RuntimeError, text.get()));
  exception_set_cause(error.get(), Ref<Object>::borrow(exc));
  exception_set_context(error.get(), Ref<Object>::borrow(exc));
  return error;
}
}  // namespace

Result<Ref<Object>> call_intrinsic_1(Frame* f, int which, Object* value) {
  switch (which) {
    case INTRINSIC_PRINT: {
      Object* modules = sys_modules();
      Ref<Object> sys;
      if (!modules || !TRY(dict_get_item_str(modules, str_intern("sys"), &sys))) {
        return raise(exc::RuntimeError, "lost sys.displayhook");
      }
      Ref<Object> hook = TRY(get_attr(sys.get(), "displayhook"));
      return call_one(hook.get(), value);
    }
    case INTRINSIC_IMPORT_STAR:
      TRY(import_star(f, value));
      return new_none();
    case INTRINSIC_UNARY_POSITIVE: return number_positive(value);
    case INTRINSIC_LIST_TO_TUPLE: return list_as_tuple(value);
    case INTRINSIC_ASYNC_GEN_WRAP: return async_gen_wrap_value(value);
    case INTRINSIC_STOPITERATION_ERROR: return stopiteration_error(f, value);
    // PEP 695 (objects/typevar.h): `value` is the parameter's name, the alias's
    // (name, type_params, lazy value) tuple, or the type parameters for Generic[...].
    case INTRINSIC_TYPEVAR: return typevar_from_compiler(value, nullptr, nullptr);
    case INTRINSIC_PARAMSPEC: return paramspec_from_compiler(value);
    case INTRINSIC_TYPEVARTUPLE: return typevartuple_from_compiler(value);
    case INTRINSIC_TYPEALIAS: return typealias_from_compiler(value);
    case INTRINSIC_SUBSCRIPT_GENERIC: return subscript_generic(value);
    default: return unsupported_intrinsic(kIntrinsic1Names[which < kNumIntrinsic1 ? which : 0]);
  }
}

// `value2` was below `value1` on the stack.
Result<Ref<Object>> call_intrinsic_2(Frame*, int which, Object* value2, Object* value1) {
  switch (which) {
    case INTRINSIC_TYPEVAR_WITH_BOUND: return typevar_from_compiler(value2, value1, nullptr);
    case INTRINSIC_TYPEVAR_WITH_CONSTRAINTS: return typevar_from_compiler(value2, nullptr, value1);
    case INTRINSIC_SET_TYPEPARAM_DEFAULT: return typeparam_set_lazy_default(value2, value1);
    case INTRINSIC_PREP_RERAISE_STAR: return exception_group_prep_reraise_star(value2, value1);
    case INTRINSIC_SET_FUNCTION_TYPE_PARAMS:
      TRY(set_attr(value2, str_intern("__type_params__"), value1));
      return Ref<Object>::borrow(value2);
    default: return unsupported_intrinsic(kIntrinsic2Names[which < kNumIntrinsic2 ? which : 0]);
  }
}

Result<Ref<Object>> import_name(Frame* f, Object* name, Object* fromlist, Object* level) {
  Ref<Object> import_fn;
  Object* key = str_intern("__import__");
  bool found = is_dict_exact(f->builtins) ? TRY(dict_get_item_str(f->builtins, key, &import_fn))
                                          : false;
  if (!found) return raise(exc::ImportError, "__import__ not found");
  Object* args[5] = {name, f->globals, f->locals ? f->locals : none(), fromlist, level};
  return call(import_fn.get(), args, 5);
}

Result<Ref<Object>> import_from(Object* module, Object* name) {
  Ref<Object> value;
  if (TRY(lookup_attr(module, name, &value))) return value;
  // A submodule imported circularly may be in sys.modules before its parent's attribute is set.
  Ref<Object> pkgname;
  bool has_name = TRY(lookup_attr(module, str_intern("__name__"), &pkgname)) &&
                  is_str(pkgname.get());
  if (has_name && sys_modules()) {
    std::string full = str_to_std_string(pkgname.get()) + "." + str_to_std_string(name);
    Ref<Object> full_name = TRY(str_from_utf8(full));
    if (TRY(dict_get_item(sys_modules(), full_name.get(), &value))) return value;
  }
  std::string from = has_name ? str_to_std_string(pkgname.get()) : "<unknown module name>";
  Ref<Object> file;
  std::string location = "unknown location";
  if (TRY(lookup_attr(module, str_intern("__file__"), &file)) && is_str(file.get())) {
    location = str_to_std_string(file.get());
  }
  return raise(exc::ImportError, "cannot import name '{}' from '{}' ({})", name, from, location);
}

}  // namespace weft::vm
