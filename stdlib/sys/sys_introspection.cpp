// stdlib/sys/sys_introspection.cpp — the sys functions that look at the running interpreter:
// frames (_getframe, _getframemodulename), object facts (getsizeof, _is_immortal, _is_interned,
// _is_gil_enabled) and process-wide settings (switch interval, int max str digits,
// call_tracing).
//
// Frames are read from the calling thread's own frame chain (vm/frame_stack.h), so no lock is
// needed. The switch interval is a stored setting only: Weft has no GIL to hand over, exactly
// like CPython's free-threaded build, which also just stores and returns it.
#include <atomic>
#include <cmath>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/str_layout.h"
#include "objects/tuple.h"
#include "stdlib/sys/sys_internal.h"
#include "vm/frame_object.h"
#include "vm/frame_stack.h"

namespace weft::sys {
namespace {

// The frame `depth` calls above the caller of the sys function, or nullptr.
vm::Frame* frame_at_depth(int64_t depth) {
  vm::Frame* f = vm::vm_data(core::current_thread_state())->current_frame;
  while (f && depth > 0) {
    f = f->previous;
    --depth;
  }
  return f;
}

Result<Ref<Object>> sys_getframe(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("_getframe", nargs, kwnames, 0, 1));
  int64_t depth = nargs ? TRY(int_as_i64(TRY(number_index(args[0])).get())) : 0;
  vm::Frame* f = depth >= 0 ? frame_at_depth(depth) : nullptr;
  if (!f) return raise(exc::ValueError, "call stack is not deep enough");
  return vm::frame_object_for(f);
}

// _getframemodulename(depth=0): the __module__ of the function running `depth` frames up (for
// module and class bodies, their globals' __name__), or None past the end of the stack.
Result<Ref<Object>> sys_getframemodulename(Object*, Object* const* args, size_t nargs,
                                           Object* kwnames) {
  static const ArgParser kParser("_getframemodulename", "| depth");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int64_t depth = a[0] ? TRY(int_as_i64(TRY(number_index(a[0])).get())) : 0;
  vm::Frame* f = depth >= 0 ? frame_at_depth(depth) : nullptr;
  if (!f) return new_none();
  if (f->func && is_function(f->func)) {
    Object* module = static_cast<FunctionObject*>(f->func)->module;
    return module ? new_ref(module) : new_none();
  }
  Ref<Object> name;
  if (f->globals && TRY(dict_get_item_str(f->globals, str_intern("__name__"), &name)))
    return name;
  return new_none();
}

// getsizeof(object[, default]): object.__sizeof__(), checked to be a non-negative int. With a
// default, a TypeError (no usable __sizeof__) returns the default instead.
Result<Ref<Object>> sys_getsizeof(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("getsizeof", "object | default");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  auto size_of = [](Object* o) -> Result<Ref<Object>> {
    Ref<Object> method;
    if (!TRY(lookup_special(o, str_intern("__sizeof__"), &method)))
      return raise(exc::TypeError, "Type {} doesn't define __sizeof__", type_name_of(o));
    Ref<Object> size = TRY(call(method.get(), nullptr, 0));
    if (!is_int(size.get())) return raise(exc::TypeError, "an integer is required");
    if (int_sign(size.get()) < 0)
      return raise(exc::ValueError, "__sizeof__() should return >= 0");
    return size;
  };
  Result<Ref<Object>> size = size_of(a[0]);
  if (size.is_error() && a[1] && error_matches(exc::TypeError)) {
    clear_error();
    return new_ref(a[1]);
  }
  return size;
}

Result<Ref<Object>> sys_is_immortal(Object*, Object* const* args, size_t, Object*) {
  return new_bool(is_immortal(args[0]));
}

Result<Ref<Object>> sys_is_interned(Object*, Object* const* args, size_t, Object*) {
  if (!is_str(args[0]))
    return raise(exc::TypeError, "_is_interned() argument must be str, not {}",
                 type_name_of(args[0]));
  return new_bool(strimpl::as_str(args[0])->interned.load(std::memory_order_acquire) != 0);
}

Result<Ref<Object>> sys_is_gil_enabled(Object*, Object* const*, size_t, Object*) {
  return new_bool(false);  // there is no GIL to enable
}

std::atomic<double> g_switch_interval{0.005};

Result<Ref<Object>> sys_getswitchinterval(Object*, Object* const*, size_t, Object*) {
  return float_from_double(g_switch_interval.load(std::memory_order_relaxed));
}

Result<Ref<Object>> sys_setswitchinterval(Object*, Object* const* args, size_t, Object*) {
  double interval = TRY(float_as_double(args[0]));
  if (!(interval > 0.0))
    return raise(exc::ValueError, "switch interval must be strictly positive");
  g_switch_interval.store(interval, std::memory_order_relaxed);
  return new_none();
}

Result<Ref<Object>> sys_get_int_max_str_digits(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(int_max_str_digits());
}

// The smallest non-zero limit CPython accepts (_PY_LONG_MAX_STR_DIGITS_THRESHOLD).
constexpr int64_t kMaxStrDigitsThreshold = 640;

Result<Ref<Object>> sys_set_int_max_str_digits(Object*, Object* const* args, size_t nargs,
                                               Object* kwnames) {
  static const ArgParser kParser("set_int_max_str_digits", "maxdigits");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int64_t digits = TRY(int_as_i64(TRY(number_index(a[0])).get()));
  if (digits != 0 && digits < kMaxStrDigitsThreshold)
    return raise(exc::ValueError, "maxdigits must be >= {} or 0 for unlimited",
                 kMaxStrDigitsThreshold);
  set_int_max_str_digits(digits);
  return new_none();
}

// call_tracing(func, args): func(*args). Weft has no tracing state to save and restore around
// the call (sys.settrace does not exist yet), so this is the plain call.
Result<Ref<Object>> sys_call_tracing(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("call_tracing", nargs, kwnames, 2, 2));
  if (!is_tuple(args[1]))
    return raise(exc::TypeError, "call_tracing() argument 2 must be tuple, not {}",
                 type_name_of(args[1]));
  return call(args[0], tuple_items(args[1]), static_cast<size_t>(tuple_size(args[1])));
}

Result<Ref<Object>> sys_getfilesystemencodeerrors(Object*, Object* const*, size_t, Object*) {
  return str_from_ascii("surrogateescape");
}

// _clear_type_descriptors(type, /): removes the __dict__ and __weakref__ descriptors from a
// heap class's own namespace (what dataclasses does before rebuilding a class with __slots__).
Result<Ref<Object>> sys_clear_type_descriptors(Object*, Object* const* args, size_t, Object*) {
  if (!is_instance_of(args[0], &TypeType))
    return raise(exc::TypeError, "_clear_type_descriptors() argument must be type, not {}",
                 type_name_of(args[0]));
  Type* type = reinterpret_cast<Type*>(args[0]);
  if (!type_has_flag(type, kTypeHeap) || type_has_flag(type, kTypeImmutable))
    return raise(exc::TypeError, "argument is immutable");
  // Popped straight from the namespace: deleting through the attribute would reach type's own
  // __dict__ descriptor. Neither name is a slot dunder, so only the attribute caches change.
  for (const char* name : {"__dict__", "__weakref__"}) TRY(dict_pop(type->dict, str_intern(name), nullptr));
  type_modified(type);
  return new_none();
}

constexpr const char* kStdlibModuleNames[] = {
#include "stdlib/sys/stdlib_module_names.inc"
};

}  // namespace

Result<Ref<Object>> stdlib_module_names() {
  Ref<Object> names = TRY(tuple_new(static_cast<int64_t>(std::size(kStdlibModuleNames))));
  int64_t i = 0;
  for (const char* name : kStdlibModuleNames)
    tuple_init_item(names.get(), i++, TRY(str_from_ascii(name)));
  return frozenset_new(names.get());
}

const MethodDef kIntrospectionFunctions[] = {
    {"_getframe", sys_getframe, kMethFastcall, "Return a frame object from the call stack."},
    {"_getframemodulename", sys_getframemodulename, kMethFastcall,
     "Return the name of the module for a calling frame."},
    {"getsizeof", sys_getsizeof, kMethFastcall, "Return the size of object in bytes."},
    {"_is_immortal", sys_is_immortal, kMethOneArg, "Return True if the given object is \"immortal\"."},
    {"_is_interned", sys_is_interned, kMethOneArg, "Return True if the given string is \"interned\"."},
    {"_is_gil_enabled", sys_is_gil_enabled, kMethNoArgs,
     "Return True if the GIL is currently enabled and False otherwise."},
    {"getswitchinterval", sys_getswitchinterval, kMethNoArgs,
     "Return the current thread switch interval; see sys.setswitchinterval()."},
    {"setswitchinterval", sys_setswitchinterval, kMethOneArg,
     "Set the ideal thread switching delay inside the Python interpreter."},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, kMethNoArgs,
     "Return the maximum string digits limit for non-binary int<->str conversions."},
    {"set_int_max_str_digits", sys_set_int_max_str_digits, kMethFastcall,
     "Set the maximum string digits limit for non-binary int<->str conversions."},
    {"call_tracing", sys_call_tracing, kMethFastcall,
     "Call func(*args), while tracing is enabled."},
    {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors, kMethNoArgs,
     "Return the error mode used Unicode to OS filename conversion."},
    {"_clear_type_descriptors", sys_clear_type_descriptors, kMethOneArg,
     "Private function for clearing certain descriptors from a type's dictionary."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::sys
