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
  std::vector<std::string> path;       // sys.path (script dir, PYTHONPATH...), in order
  std::string executable;              // sys.executable (absolute)
  std::string prefix;                  // sys.prefix
  bool unbuffered = false;             // -u
  bool isolated = false;               // -I
  bool ignore_environment = false;     // -E
  bool no_site = false;                // -S
};

Status initialize_runtime(const RuntimeConfig& config);
// The configuration the runtime was started with (native modules such as sys read it when they
// are created).
const RuntimeConfig& runtime_config();
// Returns the process exit status the shutdown itself asks for (0 normally).
int finalize_runtime();
bool runtime_initialized();

}  // namespace weft::vm
