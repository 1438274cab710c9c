// stdlib/sys/sys_module.cpp — the `sys` module: interpreter facts and hooks.
//
// The module is created once at start-up (vm/lifecycle.cpp creates it through the native module
// table and stores it in sys.modules). Values that the command line decides (argv, path, the
// stdio streams' buffering) come from vm::runtime_config().
#include <algorithm>
#include <cstdint>
#include <string>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/namespace.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/sys/sys_internal.h"
#include "stdlib/sys/sys_module.h"
#include "vm/frame_stack.h"
#include "vm/interp_state.h"
#include "vm/lifecycle.h"
#include "vm/module_table.h"

namespace weft::sys {
namespace {

Object* g_sys_module = nullptr;  // owned for the whole process

// sys.exit([status]): raise SystemExit(status).
Result<Ref<Object>> sys_exit(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("exit", nargs, kwnames, 0, 1));
  Ref<Object> exc = TRY(call(reinterpret_cast<Object*>(exc::SystemExit), args, nargs));
  return raise_object(exc.get());
}

Result<Ref<Object>> sys_getrecursionlimit(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(core::interpreter().recursion_limit);
}

Result<Ref<Object>> sys_setrecursionlimit(Object*, Object* const* args, size_t, Object*) {
  if (!is_int(args[0]))
    return raise(exc::TypeError, "'{}' object cannot be interpreted as an integer",
                 type_name_of(args[0]));
  int64_t limit = TRY(int_as_i64(args[0]));
  if (limit < 1) return raise(exc::ValueError, "recursion limit must be greater or equal than 1");
  if (limit > INT32_MAX) return raise(exc::OverflowError, "Python int too large to convert to C int");
  core::ThreadState* ts = core::current_thread_state();
  int old = core::interpreter().recursion_limit;
  core::interpreter().recursion_limit = static_cast<int>(limit);
  // The calling thread's remaining depth moves by the same amount (CPython keeps a per-thread
  // depth and compares it to the limit; Weft counts down).
  ts->recursion_remaining += static_cast<int>(limit) - old;
  return new_none();
}

// sys.exception(): the exception being handled, or None.
Result<Ref<Object>> sys_exception(Object*, Object* const*, size_t, Object*) {
  core::ThreadState* ts = core::current_thread_state();
  Object* e = vm::handled_exception(vm::vm_data(ts));
  return e ? new_ref(e) : new_none();
}

// sys.exc_info(): (type, value, traceback) of the exception being handled, or three Nones.
Result<Ref<Object>> sys_exc_info(Object*, Object* const*, size_t, Object*) {
  core::ThreadState* ts = core::current_thread_state();
  Object* e = vm::handled_exception(vm::vm_data(ts));
  if (!e) return tuple_pack({none(), none(), none()});
  Object* tb = exception_traceback(e);
  return tuple_pack({reinterpret_cast<Object*>(type_of(e)), e, tb ? tb : none()});
}

Result<Ref<Object>> sys_intern(Object*, Object* const* args, size_t, Object*) {
  if (!is_str_exact(args[0]))
    return raise(exc::TypeError, "intern() argument must be str, not {}", type_name_of(args[0]));
  return str_intern_object(new_ref(args[0]));
}

Result<Ref<Object>> sys_getrefcount(Object*, Object* const* args, size_t, Object*) {
  return int_from_i64(refcount(args[0]));
}

Result<Ref<Object>> sys_getdefaultencoding(Object*, Object* const*, size_t, Object*) {
  return str_from_ascii("utf-8");
}

Result<Ref<Object>> sys_is_finalizing(Object*, Object* const*, size_t, Object*) {
  return new_bool(core::interpreter().finalizing);
}

const MethodDef kSysFunctions[] = {
    {"exit", sys_exit, kMethFastcall, "Exit the interpreter by raising SystemExit(status)."},
    {"getrecursionlimit", sys_getrecursionlimit, kMethNoArgs, "Return the current value of the recursion limit."},
    {"setrecursionlimit", sys_setrecursionlimit, kMethOneArg, "Set the maximum depth of the Python interpreter stack to n."},
    {"exception", sys_exception, kMethNoArgs, "Return the current exception."},
    {"exc_info", sys_exc_info, kMethNoArgs, "Return current exception information: (type, value, traceback)."},
    {"intern", sys_intern, kMethOneArg, "``Intern'' the given string."},
    {"getrefcount", sys_getrefcount, kMethOneArg, "Return the reference count of object."},
    {"getdefaultencoding", sys_getdefaultencoding, kMethNoArgs, "Return the current default encoding used by the Unicode implementation."},
    {"getfilesystemencoding", sys_getdefaultencoding, kMethNoArgs, "Return the encoding used to convert Unicode filenames to OS filenames."},
    {"is_finalizing", sys_is_finalizing, kMethNoArgs, "Return True if Python is exiting."},
    {nullptr, nullptr, 0, nullptr},
};

Status set(Object* module, const char* name, Result<Ref<Object>> value) {
  if (value.is_error()) return Error{};
  return module_add_object(module, name, value.value().get());
}

Result<Ref<Object>> builtin_module_names() {
  struct Collector {
    std::vector<std::string> names;
  } c;
  vm::for_each_native_module(
      [](const vm::NativeModuleDef& def, void* arg) {
        static_cast<Collector*>(arg)->names.push_back(def.name);
      },
      &c);
  std::sort(c.names.begin(), c.names.end());
  Ref<Object> t = TRY(tuple_new(static_cast<int64_t>(c.names.size())));
  for (size_t i = 0; i < c.names.size(); i++)
    tuple_init_item(t.get(), static_cast<int64_t>(i), TRY(str_from_utf8(c.names[i])));
  return t;
}

Status configure(Object* sys_module, const vm::RuntimeConfig& config) {
  auto str_list = [](const std::vector<std::string>& items) -> Result<Ref<Object>> {
    Ref<Object> l = TRY(list_new());
    for (const std::string& s : items) {
      Ref<Object> item = TRY(str_from_utf8(s));
      TRY(list_append(l.get(), item.get()));
    }
    return l;
  };
  TRY(set(sys_module, "argv", str_list(config.argv)));
  TRY(set(sys_module, "warnoptions", str_list(config.warnoptions)));
  {
    // -X name=value -> {'name': 'value'}; -X name -> {'name': True}.
    Ref<Object> xoptions = TRY(dict_new());
    for (const std::string& x : config.xoptions) {
      size_t eq = x.find('=');
      Ref<Object> key = TRY(str_from_utf8(x.substr(0, eq)));
      Ref<Object> value = eq == std::string::npos ? new_bool(true)
                                                  : TRY(str_from_utf8(x.substr(eq + 1)));
      TRY(dict_set_item(xoptions.get(), key.get(), value.get()));
    }
    TRY(module_add_object(sys_module, "_xoptions", xoptions.get()));
  }
  TRY(set(sys_module, "orig_argv", str_list(config.orig_argv)));
  TRY(set(sys_module, "path", str_list(config.path)));
  TRY(set(sys_module, "executable", str_from_utf8(config.executable)));
  TRY(set(sys_module, "_base_executable", str_from_utf8(config.executable)));
  TRY(set(sys_module, "prefix", str_from_utf8(config.prefix)));
  TRY(set(sys_module, "exec_prefix", str_from_utf8(config.prefix)));
  TRY(set(sys_module, "base_prefix", str_from_utf8(config.prefix)));
  TRY(set(sys_module, "base_exec_prefix", str_from_utf8(config.prefix)));
  // sys.stdin/stdout/stderr are made by _io when the runtime imports it at start-up
  // (stdlib/_io/io_stdio.cpp), as CPython's create_stdio does after importing io.
  return ok();
}


inline constexpr const char* kVersionString = "3.14.2 (weft 0.1.0) [GCC]";

Result<Ref<Object>> create_sys_module() {
  Ref<Object> m = TRY(module_new("sys"));
  Object* d = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("sys"));
  TRY(add_functions_to_dict(d, kSysFunctions, m.get(), name.get()));
  TRY(add_functions_to_dict(d, kHookFunctions, m.get(), name.get()));
  TRY(add_functions_to_dict(d, kIntrospectionFunctions, m.get(), name.get()));
  TRY(add_functions_to_dict(d, kAuditFunctions, m.get(), name.get()));
  TRY(add_functions_to_dict(d, kAsyncFunctions, m.get(), name.get()));
  TRY(add_hook_originals(m.get()));
  TRY(set(m.get(), "stdlib_module_names", stdlib_module_names()));
  TRY(set(m.get(), "abiflags", str_from_ascii("t")));  // a free-threaded build, like CPython's 3.14t
  TRY(set(m.get(), "float_repr_style", str_from_ascii("short")));
  TRY(set(m.get(), "platlibdir", str_from_ascii("lib")));
  TRY(module_add_object(m.get(), "pycache_prefix", none()));
  TRY(set(m.get(), "modules", dict_new()));
  TRY(set(m.get(), "path", list_new()));
  TRY(set(m.get(), "meta_path", list_new()));
  TRY(set(m.get(), "path_hooks", list_new()));
  TRY(set(m.get(), "path_importer_cache", dict_new()));
  TRY(set(m.get(), "argv", list_new()));
  TRY(set(m.get(), "orig_argv", list_new()));
  TRY(set(m.get(), "platform", str_from_ascii("linux")));
  TRY(set(m.get(), "byteorder", str_from_ascii("little")));
  TRY(set(m.get(), "maxsize", int_from_i64(INT64_MAX)));
  TRY(set(m.get(), "maxunicode", int_from_i64(0x10FFFF)));
  TRY(set(m.get(), "version", str_from_ascii(kVersionString)));
  TRY(set(m.get(), "hexversion", int_from_i64(0x030E02F0)));
  TRY(set(m.get(), "api_version", int_from_i64(1013)));
  TRY(add_records(m.get(), 3, 14, 2));  // the same version as kVersionString and hexversion
  TRY(set(m.get(), "builtin_module_names", builtin_module_names()));
  {
    // sys.implementation: Weft's identity. cache_tag None tells importlib not to write
    // bytecode caches (Weft has none yet); types.SimpleNamespace is type(sys.implementation).
    Ref<Object> attrs = TRY(dict_new());
    Ref<Object> impl_name = TRY(str_from_ascii("weft"));
    Ref<Object> zero = TRY(int_from_i64(0)), one = TRY(int_from_i64(1));
    Ref<Object> level = TRY(str_from_ascii("alpha"));
    Ref<Object> impl_version =
        TRY(tuple_pack({zero.get(), one.get(), zero.get(), level.get(), zero.get()}));
    Ref<Object> hexversion = TRY(int_from_i64(0x000100A0));
    Ref<Object> multiarch = TRY(str_from_ascii("x86_64-linux-gnu"));
    TRY(dict_set_item_str(attrs.get(), "name", impl_name.get()));
    TRY(dict_set_item_str(attrs.get(), "cache_tag", none()));
    TRY(dict_set_item_str(attrs.get(), "version", impl_version.get()));
    TRY(dict_set_item_str(attrs.get(), "hexversion", hexversion.get()));
    TRY(dict_set_item_str(attrs.get(), "_multiarch", multiarch.get()));
    TRY(set(m.get(), "implementation", namespace_new(attrs.get())));
  }
  TRY(set(m.get(), "dont_write_bytecode", new_bool(true)));
  TRY(set(m.get(), "copyright", str_from_ascii("Copyright (c) 2026 The Weft authors.\nAll Rights Reserved.")));
  TRY(configure(m.get(), vm::runtime_config()));
  g_sys_module = m.dup().release();
  return m;
}

WEFT_NATIVE_MODULE("sys", create_sys_module);

}  // namespace

Ref<Object> get_object(const char* name) {
  if (!g_sys_module) return Ref<Object>();
  Ref<Object> value;
  Result<bool> found = dict_get_item_str(module_dict(g_sys_module), str_intern(name), &value);
  if (found.is_error()) {
    clear_error();
    return Ref<Object>();
  }
  return value;
}

Status set_object(const char* name, Object* value) {
  if (!g_sys_module) return raise(exc::RuntimeError, "lost sys module");
  return module_add_object(g_sys_module, name, value);
}

void flush_std_streams() {
  for (const char* name : {"stdout", "stderr"}) {
    Ref<Object> s = get_object(name);
    if (!s || is_none(s.get())) continue;
    Result<Ref<Object>> r = call_method(s.get(), str_intern("flush"), nullptr, 0);
    if (r.is_error()) clear_error();
  }
}

}  // namespace weft::sys
