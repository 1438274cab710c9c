// objects/warnings.cpp — see warnings.h. Stateless: every call goes through Lib's warnings
// module, which keeps its own (locked) filter state.
#include "objects/warnings.h"

#include <cstdio>
#include <string>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/import_hook.h"
#include "objects/int.h"
#include "objects/str.h"

namespace weft {
namespace {

// The default format, for when the warnings module is not available.
void write_fallback(Type* category, std::string_view message) {
  std::string text = std::string(type_short_name(category)) + ": " + std::string(message) + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
}

Result<Ref<Object>> warnings_function(const char* name) {
  Ref<Object> module = TRY(import_module_for_objects("warnings"));
  return get_attr(module.get(), name);
}

}  // namespace

Status warn(Type* category, std::string_view message, int stacklevel) {
  Result<Ref<Object>> fn = warnings_function("warn");
  if (fn.is_error()) {
    clear_error();
    write_fallback(category, message);
    return ok();
  }
  Ref<Object> text = TRY(str_from_utf8(message));
  Ref<Object> level = TRY(int_from_i64(stacklevel));
  Object* args[3] = {text.get(), reinterpret_cast<Object*>(category), level.get()};
  TRY(call(fn.value().get(), args, 3));
  return ok();
}

Status warn_explicit(Type* category, std::string_view message, Object* filename, int lineno,
                     Object* module) {
  Result<Ref<Object>> fn = warnings_function("warn_explicit");
  if (fn.is_error()) {
    clear_error();
    write_fallback(category, message);
    return ok();
  }
  Ref<Object> text = TRY(str_from_utf8(message));
  Ref<Object> line = TRY(int_from_i64(lineno));
  Object* args[5] = {text.get(), reinterpret_cast<Object*>(category), filename, line.get(),
                     module ? module : none()};
  TRY(call(fn.value().get(), args, module ? 5 : 4));
  return ok();
}

}  // namespace weft
