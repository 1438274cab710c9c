// objects/type_registry.cpp — the start-up list of built-in type initialisers
// (objects/type_registry.h).
//
// register_type_init() runs from static initializers in arbitrary translation-unit order, so the
// list lives in a function-local static (constructed on first use, never destroyed before
// main's exit matters). Registration happens before main() on one thread; init_builtin_types()
// runs once on the main thread during start-up, before any other Python thread exists, so the
// list needs no lock. Within a phase, functions run in registration order.
#include "objects/type_registry.h"

#include <cstdio>
#include <vector>

namespace weft {

namespace {

struct TypeInitEntry {
  TypeInitPhase phase;
  TypeInitFn fn;
  const char* name;
};

std::vector<TypeInitEntry>& registry() {
  static std::vector<TypeInitEntry> entries;
  return entries;
}

bool g_initialized = false;

}  // namespace

bool register_type_init(TypeInitPhase phase, TypeInitFn fn, const char* name) {
  registry().push_back(TypeInitEntry{phase, fn, name});
  return true;
}

Status init_builtin_types() {
  if (g_initialized) return ok();
  g_initialized = true;
  for (int phase = 0; phase < kNumPhases; ++phase) {
    for (const TypeInitEntry& e : registry()) {
      if (e.phase != phase) continue;
      if (e.fn().is_error()) {
        std::fprintf(stderr, "weft: built-in type initialiser %s failed\n", e.name);
        return Error{};
      }
    }
  }
  return ok();
}

}  // namespace weft
