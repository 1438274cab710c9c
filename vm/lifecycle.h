// vm/lifecycle.h — starting and stopping the runtime.
//
// initialize_runtime() brings up, in order: the interpreter and the main thread's state
// (attached), the built-in types (objects/type_registry.h), the builtins and sys modules, and the
// import system. finalize_runtime() runs atexit handlers, flushes stdio and tears down.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace weft::vm {

struct RuntimeConfig {
  std::vector<std::string> argv;       // sys.argv
  std::vector<std::string> orig_argv;  // sys.orig_argv
  std::vector<std::string> path;       // extra sys.path entries, first (script dir, PYTHONPATH)
  bool unbuffered = false;             // -u
  bool isolated = false;               // -I
  bool ignore_environment = false;     // -E
  bool no_site = false;                // -S
};

Status initialize_runtime(const RuntimeConfig& config);
// Returns the process exit status the shutdown itself asks for (0 normally).
int finalize_runtime();
bool runtime_initialized();

}  // namespace weft::vm
