// vm/module_table.cpp — the registry of native modules (vm/module_table.h).
//
// Modules register from static initializers (WEFT_NATIVE_MODULE) in other translation units, in
// an unspecified order and before main(). The table is therefore a function-local static
// (constructed on first use, whichever initializer comes first) and a fixed-capacity array, so
// registering never allocates and never throws. After start-up it is only read; registration
// and lookups are still serialised by a Mutex so a late registration (a test) is race-free.
#include "vm/module_table.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "sync/mutex.h"

namespace weft::vm {
namespace {

// More than CPython's built-in module count; raising it costs 16 bytes per entry.
constexpr size_t kMaxNativeModules = 256;

struct ModuleTable {
  sync::Mutex lock;
  size_t count WEFT_GUARDED_BY(lock) = 0;
  // Entries below `count` are written once, under `lock`, and never change afterwards.
  NativeModuleDef defs[kMaxNativeModules] = {};
};

ModuleTable& table() {
  static ModuleTable t;  // constant-initialised: safe from any static initializer
  return t;
}

}  // namespace

bool register_native_module(const char* name, ModuleCreateFn create) {
  ModuleTable& t = table();
  sync::MutexLock guard(t.lock);
  for (size_t i = 0; i < t.count; ++i) {
    if (std::strcmp(t.defs[i].name, name) == 0) {
      // Two modules with one name is a link-time mistake; report it loudly at start-up.
      std::fprintf(stderr, "weft: native module '%s' registered twice\n", name);
      std::abort();
    }
  }
  if (t.count == kMaxNativeModules) {
    std::fprintf(stderr, "weft: too many native modules (raise kMaxNativeModules)\n");
    std::abort();
  }
  t.defs[t.count++] = NativeModuleDef{name, create};
  return true;
}

const NativeModuleDef* find_native_module(std::string_view name) {
  ModuleTable& t = table();
  sync::MutexLock guard(t.lock);
  for (size_t i = 0; i < t.count; ++i)
    if (name == t.defs[i].name) return &t.defs[i];
  return nullptr;
}

void for_each_native_module(void (*fn)(const NativeModuleDef&, void*), void* arg) {
  ModuleTable& t = table();
  size_t n;
  {
    sync::MutexLock guard(t.lock);
    n = t.count;
  }
  // Entries below `n` never change once written, so the callback (which may import, and so
  // look modules up) runs without the lock.
  for (size_t i = 0; i < n; ++i) fn(t.defs[i], arg);
}

}  // namespace weft::vm
