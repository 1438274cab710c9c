// objects/type_registry.h — start-up initialisation of the built-in types, in phases.
//
// Each file that defines static types registers an init function with a phase:
//   kPhaseFill    fill the static Type structs (slots, names, flags); allocates nothing
//   kPhaseReady   type_ready() the types (needs str, dict and tuple to work)
//   kPhaseObjects create singletons and caches (small ints, interned strings, exception types)
// `init_builtin_types()` runs all registered functions phase by phase, in registration order
// within a phase. Registration happens from static initializers:
//
//   WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_int_type);
#pragma once

#include "core/result.h"

namespace weft {

enum TypeInitPhase : int { kPhaseFill = 0, kPhaseReady = 1, kPhaseObjects = 2, kNumPhases = 3 };

using TypeInitFn = Status (*)();
bool register_type_init(TypeInitPhase phase, TypeInitFn fn, const char* name);

// Runs every registered init function; called once by the runtime's start-up (vm/lifecycle).
Status init_builtin_types();

}  // namespace weft

#define WEFT_TYPE_INIT_CONCAT2(a, b) a##b
#define WEFT_TYPE_INIT_CONCAT(a, b) WEFT_TYPE_INIT_CONCAT2(a, b)
#define WEFT_REGISTER_TYPE_INIT(phase, fn)                                                   \
  [[maybe_unused]] static const bool WEFT_TYPE_INIT_CONCAT(weft_type_init_, __LINE__) =      \
      ::weft::register_type_init(phase, fn, #fn)
