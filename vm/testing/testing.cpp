// vm/testing/testing.cpp — see vm/testing.h.
#include "vm/testing.h"

#include <cstdio>
#include <cstdlib>

namespace weft::testing {

void ensure_runtime() {
  static bool started = [] {
    vm::RuntimeConfig config;
    config.argv = {""};
    config.executable = "weft";
    if (vm::initialize_runtime(config).is_error()) {
      std::fputs("weft tests: the runtime failed to start\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)started;
}

}  // namespace weft::testing
