// stdlib/sys/sys_module.h — access to the `sys` module from native code.
#pragma once

#include "objects/ref.h"

namespace weft::sys {

// sys.<name> (a new reference), or a null Ref if sys or the attribute does not exist. Never fails.
Ref<Object> get_object(const char* name);
// sys.<name> = value.
Status set_object(const char* name, Object* value);
// Flushes sys.stdout and sys.stderr, ignoring errors (shutdown and before printing tracebacks).
void flush_std_streams();

}  // namespace weft::sys
