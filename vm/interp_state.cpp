// vm/interp_state.cpp — the builtins dict and sys.modules pointers (see vm/interp_state.h).
#include "vm/interp_state.h"

#include <atomic>

#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"

namespace weft::vm {
namespace {
std::atomic<Object*> g_builtins{nullptr};
std::atomic<Object*> g_sys_modules{nullptr};
}  // namespace

// The stores happen once at start-up; the acquire loads pair with these release stores.
Object* builtins_dict() { return g_builtins.load(std::memory_order_acquire); }
void set_builtins_dict(Object* dict) {
  incref(dict);  // kept for the life of the process
  g_builtins.store(dict, std::memory_order_release);
}
Object* sys_modules() { return g_sys_modules.load(std::memory_order_acquire); }
void set_sys_modules(Object* dict) {
  incref(dict);
  g_sys_modules.store(dict, std::memory_order_release);
}

Result<Object*> builtins_for_globals(Object* globals) {
  Ref<Object> b;
  if (TRY(dict_get_item_str(globals, str_intern("__builtins__"), &b))) {
    // The reference is held by globals; return it borrowed like CPython does.
    Object* raw = b.get();
    // FIXME: a module object here (CPython allows one) needs objects/module.h, not written yet.
    if (is_dict(raw)) return raw;
  }
  Object* d = builtins_dict();
  if (!d) return raise(exc::SystemError, "builtins are not initialised");
  return d;
}

}  // namespace weft::vm
