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
  // The rest of the command-line flags, as sys.flags reports them (CPython's PyConfig names).
  int debug = 0;                       // -d (count)
  int inspect = 0;                     // -i
  int optimize = 0;                    // -O (count)
  int verbose = 0;                     // -v (count)
  int bytes_warning = 0;               // -b (count)
  int quiet = 0;                       // -q
  bool dont_write_bytecode = false;    // -B, PYTHONDONTWRITEBYTECODE
  bool no_user_site = false;           // -s
  bool safe_path = false;              // -P
  std::vector<std::string> warnoptions;  // -W values, in order (sys.warnoptions)
  std::vector<std::string> xoptions;     // -X values, in order (sys._xoptions)
};

Status initialize_runtime(const RuntimeConfig& config);
// The configuration the runtime was started with (native modules such as sys read it when they
// are created).
const RuntimeConfig& runtime_config();
// Returns the process exit status the shutdown itself asks for (0 normally).
int finalize_runtime();
// Native work that must happen at exit, after other threads are stopped and before the
// standard streams are flushed, in registration order (e.g. stdlib/_io writes out the buffers of
// files the program left open, which CPython does while tearing modules down). Hooks run on the
// main thread, attached; errors must be handled inside. Registered during start-up (module
// creation or static initialisers); returns false when the table (8 entries) is full.
bool register_exit_hook(void (*hook)());
bool runtime_initialized();

}  // namespace weft::vm
