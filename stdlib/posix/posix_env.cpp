// stdlib/posix/posix_env.cpp — the process environment: posix.environ (a dict of bytes keys to
// bytes values, as CPython on POSIX; os.environ wraps it), putenv, unsetenv.
//
// environ is a snapshot taken when posix is created; os.environ keeps it in step by calling
// putenv/unsetenv. putenv/unsetenv call the C library, whose environment is not thread-safe
// against concurrent getenv in other C code; CPython has the same caveat, and Weft itself reads
// the environment only at start-up.
#include <cstdlib>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/module.h"
#include "stdlib/posix/posix_internal.h"

extern char** environ;

namespace weft::posix_module {
namespace {

Result<Ref<Object>> snapshot_environ() {
  Ref<Object> d = TRY(dict_new());
  for (char** p = environ; p && *p; ++p) {
    const char* eq = std::strchr(*p, '=');
    if (!eq) continue;
    Ref<Object> key = TRY(bytes_from(std::string_view(*p, static_cast<size_t>(eq - *p))));
    Ref<Object> value = TRY(bytes_from(eq + 1));
    // The first definition of a name wins, as getenv() sees it.
    Ref<Object> existing;
    if (TRY(dict_get_item(d.get(), key.get(), &existing))) continue;
    TRY(dict_set_item(d.get(), key.get(), value.get()));
  }
  return d;
}

Result<Ref<Object>> posix_putenv(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("putenv", nargs, kwnames, 2, 2));
  std::string name, value;
  TRY(fs_convert(args[0], &name));
  TRY(fs_convert(args[1], &value));
  // An empty name is left to setenv() (EINVAL -> OSError), as CPython does.
  if (name.find('=') != std::string::npos)
    return raise(exc::ValueError, "illegal environment variable name");
  if (setenv(name.c_str(), value.c_str(), 1) != 0) return raise_errno(errno);
  return new_none();
}

Result<Ref<Object>> posix_unsetenv(Object*, Object* const* args, size_t, Object*) {
  std::string name;
  TRY(fs_convert(args[0], &name));
  if (unsetenv(name.c_str()) != 0) return raise_errno(errno);
  return new_none();
}

Result<Ref<Object>> posix_create_environ(Object*, Object* const*, size_t, Object*) {
  return snapshot_environ();
}

}  // namespace

const MethodDef kEnvFunctions[] = {
    {"putenv", posix_putenv, kMethFastcall, "Change or add an environment variable."},
    {"unsetenv", posix_unsetenv, kMethOneArg, "Delete an environment variable."},
    {"_create_environ", posix_create_environ, kMethNoArgs,
     "Create the environment dictionary."},
    {nullptr, nullptr, 0, nullptr},
};

Status add_environ(Object* module) {
  Ref<Object> env = TRY(snapshot_environ());
  return module_add_object(module, "environ", env.get());
}

}  // namespace weft::posix_module
