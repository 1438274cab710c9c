// stdlib/posix/posix_module.cpp — a first subset of the `posix` module (CPython's
// Modules/posixmodule.c): process facts the runtime can answer truthfully today. Everything else
// of posix is absent (AttributeError), never faked; `os` itself needs much more before it imports.
// Stateless: nothing here needs locking.
#include <unistd.h>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "vm/module_table.h"

namespace weft::posix_module {
namespace {

// os.cpu_count(): online processors, or None when the system cannot tell.
Result<Ref<Object>> posix_cpu_count(Object*, Object* const*, size_t, Object*) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1) return new_none();
  return int_from_i64(n);
}

Result<Ref<Object>> posix_getpid(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(getpid());
}

Result<Ref<Object>> posix_getppid(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(getppid());
}

const MethodDef kPosixFunctions[] = {
    {"cpu_count", posix_cpu_count, kMethNoArgs,
     "Return the number of logical CPUs in the system.\n\nReturn None if indeterminable."},
    {"getpid", posix_getpid, kMethNoArgs, "Return the current process id."},
    {"getppid", posix_getppid, kMethNoArgs,
     "Return the parent's process id.\n\nIf the parent process has already exited, Windows "
     "machines will still\nreturn its id; others systems will return the id of the 'init' "
     "process (1)."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_posix_module() {
  Ref<Object> m = TRY(module_new("posix"));
  Ref<Object> name = TRY(str_from_ascii("posix"));
  TRY(add_functions_to_dict(module_dict(m.get()), kPosixFunctions, m.get(), name.get()));
  return m;
}

WEFT_NATIVE_MODULE("posix", create_posix_module);

}  // namespace
}  // namespace weft::posix_module
