// vm/lifecycle.cpp — start-up and shutdown of the runtime (see lifecycle.h for the order).
//
// Start-up runs on the main thread before any other thread exists; everything it publishes
// (types, builtins, sys.modules) is visible to threads started later through the thread-start
// synchronisation itself.
#include "vm/lifecycle.h"

#include <cstdio>
#include <cstdlib>

#include "core/thread_state.h"
#include "gc/collector.h"
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "vm/import.h"
#include "vm/interp_state.h"
#include "vm/module_table.h"
#include "vm/thread_start.h"

namespace weft::vm {
namespace {
RuntimeConfig g_config;
bool g_initialized = false;
// Exit hooks: written during start-up, read at exit (both on the main thread).
constexpr int kMaxExitHooks = 8;
void (*g_exit_hooks[kMaxExitHooks])() = {};
int g_exit_hook_count = 0;

Result<Ref<Object>> create_native(const char* name) {
  const NativeModuleDef* def = find_native_module(name);
  if (!def) return raise(exc::SystemError, "native module '{}' is not linked in", name);
  return def->create();
}

// Flushes sys.stdout/sys.stderr through their Python methods. Returns false if stdout could not
// be flushed (CPython then exits with status 120).
bool flush_std_streams() {
  Ref<Object> sys;
  Result<bool> found = dict_get_item(sys_modules(), str_intern("sys"), &sys);
  if (found.is_error() || !found.value()) {
    clear_error();
    return true;
  }
  bool ok_all = true;
  for (const char* name : {"stderr", "stdout"}) {
    Ref<Object> stream;
    Result<bool> has = lookup_attr(sys.get(), str_intern(name), &stream);
    if (has.is_error()) {
      clear_error();
      continue;
    }
    if (!has.value() || is_none(stream.get())) continue;
    Result<Ref<Object>> r = call_method(stream.get(), "flush", nullptr, 0);
    if (r.is_error()) {
      clear_error();
      if (name[3] == 'o') ok_all = false;
    }
  }
  return ok_all;
}

// sys.modules[module].function() if the program imported `module`; an error is reported as
// unraisable with `context`, never propagated (finalization goes on).
void call_module_function_at_exit(const char* module, const char* function, const char* context) {
  Object* modules = sys_modules();
  if (!modules) return;
  Ref<Object> m;
  Result<bool> found = dict_get_item_str(modules, str_intern(module), &m);
  if (found.is_error()) {
    clear_error();
    return;
  }
  if (!found.value() || is_none(m.get())) return;
  Result<Ref<Object>> fn = get_attr(m.get(), function);
  if (fn.is_error() || call(fn.value().get(), nullptr, 0).is_error()) write_unraisable(context);
}

}  // namespace

const RuntimeConfig& runtime_config() { return g_config; }

bool register_exit_hook(void (*hook)()) {
  if (g_exit_hook_count == kMaxExitHooks) return false;
  g_exit_hooks[g_exit_hook_count++] = hook;
  return true;
}
bool runtime_initialized() { return g_initialized; }

Status initialize_runtime(const RuntimeConfig& config) {
  g_config = config;
  core::Interpreter& interp = core::interpreter();
  interp.argv = config.argv;
  interp.orig_argv = config.orig_argv;
  interp.main_thread = core::ThreadState::attach_new(&interp);
  if (init_builtin_types().is_error()) {
    std::fputs("weft: fatal error: could not initialise the built-in types\n", stderr);
    std::abort();
  }
  // sys first: it owns the sys.modules dict everything else registers in.
  Ref<Object> sys = TRY(create_native("sys"));
  Ref<Object> modules = TRY(get_attr(sys.get(), "modules"));
  set_sys_modules(modules.get());
  TRY(dict_set_item(modules.get(), str_intern("sys"), sys.get()));
  Ref<Object> builtins = TRY(create_native("builtins"));
  TRY(dict_set_item(modules.get(), str_intern("builtins"), builtins.get()));
  g_initialized = true;
  // As CPython does at start-up: importing _signal installs default_int_handler for SIGINT, so
  // Ctrl-C raises KeyboardInterrupt (vm/signals.h).
  TRY(import_module(str_intern("_signal")));
  // As CPython imports io at start-up: creating _io binds builtins.open (stdlib/_io).
  TRY(import_module(str_intern("_io")));
  return ok();
}

int finalize_runtime() {
  // CPython's Py_FinalizeEx order: wait for the non-daemon threads (threading._shutdown), run
  // the atexit callbacks, then collect the garbage the program left.
  call_module_function_at_exit("threading", "_shutdown", "Exception ignored on threading shutdown");
  call_module_function_at_exit("atexit", "_run_exitfuncs", "Exception ignored in atexit");
  // Garbage cycles the program left get their finalizers run and are freed, as in CPython's
  // finalization (gc/collector.h).
  gc::run_shutdown_collection();
  // A debugging aid: what the final collection left alive (gc/leak_report.cpp). Here, while
  // the world can still be stopped (stop_threads_for_exit ends that).
  if (const char* leaks = std::getenv("WEFT_DEBUG_LEAKS"); leaks && *leaks && *leaks != '0')
    gc::report_live_objects(stderr);
  // Daemon threads may still be running Python code: stop them for good first (they park if
  // they ever try to attach again), then tear down (vm/thread_start.h). Sets `finalizing`.
  stop_threads_for_exit();
  for (int i = 0; i < g_exit_hook_count; ++i) g_exit_hooks[i]();
  return flush_std_streams() ? 0 : 120;
}

}  // namespace weft::vm
