// stdlib/atexit/atexit_module.cpp — the `atexit` module (CPython 3.14's Modules/atexitmodule.c
// behaviour and messages): register(func, *args, **kwargs), unregister(func), _run_exitfuncs(),
// _clear(), _ncallbacks().
//
// The interpreter calls atexit._run_exitfuncs() during finalization, after threading._shutdown()
// and before the final collection (vm/lifecycle.cpp), if the module was imported.
// Callbacks run last-registered first; an exception in one is reported as "Exception ignored in
// atexit callback <func>" and the rest still run.
//
// Locking: the callback list is guarded by g_lock; callbacks are called with the lock released
// (they may register or unregister others), and unregister compares with == outside the lock on
// a snapshot, then removes matches by identity under it.
#include <algorithm>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "sync/mutex.h"
#include "vm/module_table.h"

namespace weft::atexit_module {
namespace {

struct Callback {
  Ref<Object> func;
  Ref<Object> args;    // tuple
  Ref<Object> kwargs;  // dict, or null
};

sync::Mutex g_lock;
std::vector<Callback>* g_callbacks WEFT_GUARDED_BY(g_lock) = nullptr;

Result<Ref<Object>> atexit_register(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs == 0)
    return raise(exc::TypeError, "register() takes at least 1 argument (0 given)");
  if (!is_callable(args[0])) return raise(exc::TypeError, "the first argument must be callable");
  Callback cb;
  cb.func = new_ref(args[0]);
  cb.args = TRY(tuple_from_array(args + 1, static_cast<int64_t>(nargs) - 1));
  size_t nkw = kwnames_count(kwnames);
  if (nkw > 0) {
    cb.kwargs = TRY(dict_new());
    for (size_t i = 0; i < nkw; ++i)
      TRY(dict_set_item(cb.kwargs.get(), tuple_item(kwnames, static_cast<int64_t>(i)),
                        args[nargs + i]));
  }
  sync::MutexLock lock(g_lock);
  if (!g_callbacks) g_callbacks = new std::vector<Callback>();
  g_callbacks->push_back(std::move(cb));
  return new_ref(args[0]);
}

std::vector<Ref<Object>> snapshot_funcs() {
  std::vector<Ref<Object>> funcs;
  sync::MutexLock lock(g_lock);
  if (g_callbacks)
    for (const Callback& cb : *g_callbacks) funcs.push_back(cb.func.dup());
  return funcs;
}

Result<Ref<Object>> atexit_unregister(Object*, Object* const* args, size_t, Object*) {
  // == may run Python code, so it is evaluated on a snapshot without the lock.
  std::vector<Object*> matches;
  std::vector<Ref<Object>> funcs = snapshot_funcs();
  for (const Ref<Object>& f : funcs)
    if (TRY(objects_equal(f.get(), args[0]))) matches.push_back(f.get());
  std::vector<Callback> removed;  // released after the lock
  {
    sync::MutexLock lock(g_lock);
    if (g_callbacks) {
      for (auto it = g_callbacks->begin(); it != g_callbacks->end();) {
        if (std::find(matches.begin(), matches.end(), it->func.get()) != matches.end()) {
          removed.push_back(std::move(*it));
          it = g_callbacks->erase(it);
        } else {
          ++it;
        }
      }
    }
  }
  return new_none();
}

// Takes every registered callback out of the list (newest last).
std::vector<Callback> take_callbacks() {
  sync::MutexLock lock(g_lock);
  std::vector<Callback> all;
  if (g_callbacks) all.swap(*g_callbacks);
  return all;
}

Result<Ref<Object>> atexit_run_exitfuncs(Object*, Object* const*, size_t, Object*) {
  std::vector<Callback> callbacks = take_callbacks();
  for (auto it = callbacks.rbegin(); it != callbacks.rend(); ++it) {
    Ref<Object> kwnames;
    std::vector<Object*> argv(tuple_items(it->args.get()),
                              tuple_items(it->args.get()) + tuple_size(it->args.get()));
    Ref<Object> items;
    if (it->kwargs) {
      items = TRY(dict_items_list(it->kwargs.get()));
      int64_t n = list_size(items.get());
      kwnames = TRY(tuple_new(n));
      for (int64_t i = 0; i < n; ++i) {
        Object* pair = list_item_locked(items.get(), i);  // a list only we hold
        tuple_init_item(kwnames.get(), i, new_ref(tuple_item(pair, 0)));
        argv.push_back(tuple_item(pair, 1));
      }
    }
    Result<Ref<Object>> r = call(it->func.get(), argv.data(), tuple_size(it->args.get()),
                                 kwnames.get());
    if (r.is_error()) {
      Ref<Object> error = take_exception();  // aside while repr() runs
      std::string what = "<object repr() failed>";
      Result<Ref<Object>> text = object_repr(it->func.get());
      if (text.is_error()) {
        clear_error();
      } else {
        what = str_to_std_string(text.value().get());
      }
      set_exception(std::move(error));
      write_unraisable("Exception ignored in atexit callback " + what);
    }
  }
  return new_none();
}

Result<Ref<Object>> atexit_clear(Object*, Object* const*, size_t, Object*) {
  std::vector<Callback> callbacks = take_callbacks();  // released outside the lock
  return new_none();
}

Result<Ref<Object>> atexit_ncallbacks(Object*, Object* const*, size_t, Object*) {
  sync::MutexLock lock(g_lock);
  return int_from_i64(g_callbacks ? static_cast<int64_t>(g_callbacks->size()) : 0);
}

const MethodDef kAtexitFunctions[] = {
    {"register", atexit_register, kMethFastcall,
     "Register a function to be executed upon normal program termination\n\n    func - function "
     "to be called at exit\n    args - optional arguments to pass to func\n    kwargs - optional "
     "keyword arguments to pass to func\n\n    func is returned to facilitate usage as a "
     "decorator."},
    {"unregister", atexit_unregister, kMethOneArg,
     "Unregister an exit function which was previously registered using\natexit.register\n\n    "
     "func - function to be unregistered"},
    {"_run_exitfuncs", atexit_run_exitfuncs, kMethNoArgs,
     "Run all registered exit functions.\n\nIf a callback raises an exception, it is logged with "
     "sys.unraisablehook."},
    {"_clear", atexit_clear, kMethNoArgs, "Clear the list of previously registered exit functions."},
    {"_ncallbacks", atexit_ncallbacks, kMethNoArgs,
     "Return the number of registered exit functions."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_atexit_module() {
  Ref<Object> m = TRY(module_new("atexit"));
  Ref<Object> name = TRY(str_from_ascii("atexit"));
  TRY(add_functions_to_dict(module_dict(m.get()), kAtexitFunctions, m.get(), name.get()));
  return m;
}

WEFT_NATIVE_MODULE("atexit", create_atexit_module);

}  // namespace
}  // namespace weft::atexit_module
