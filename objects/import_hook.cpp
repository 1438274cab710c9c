// objects/import_hook.cpp — see import_hook.h. The hook is written once at start-up, before any
// thread but the main one exists, and read with acquire after that.
#include "objects/import_hook.h"

#include <atomic>

#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"

namespace weft {
namespace {
std::atomic<ImportModuleFn> g_import_module{nullptr};
}  // namespace

void set_import_module_hook(ImportModuleFn fn) { g_import_module.store(fn, std::memory_order_release); }

Result<Ref<Object>> import_module_for_objects(const char* name) {
  ImportModuleFn fn = g_import_module.load(std::memory_order_acquire);
  if (!fn) return raise(exc::ImportError, "import of {} halted; the runtime is not started", name);
  return fn(str_intern(name));
}

}  // namespace weft
