// vm/module_table.h — the table of native (C++) modules.
//
// stdlib/ modules register themselves with a static initializer; the import system looks names
// up here before searching sys.path. So vm/ never includes stdlib/ (DESIGN §2):
//
//   static Result<Ref<Object>> create_math_module();    // returns the module object
//   WEFT_NATIVE_MODULE("math", create_math_module);
#pragma once

#include <string_view>

#include "objects/ref.h"

namespace weft::vm {

using ModuleCreateFn = Result<Ref<Object>> (*)();

struct NativeModuleDef {
  const char* name;
  ModuleCreateFn create;
};

bool register_native_module(const char* name, ModuleCreateFn create);
// The module definition for `name`, or nullptr.
const NativeModuleDef* find_native_module(std::string_view name);
// All registered modules (sys.builtin_module_names).
void for_each_native_module(void (*fn)(const NativeModuleDef&, void*), void* arg);

}  // namespace weft::vm

#define WEFT_NATIVE_MODULE_CONCAT2(a, b) a##b
#define WEFT_NATIVE_MODULE_CONCAT(a, b) WEFT_NATIVE_MODULE_CONCAT2(a, b)
#define WEFT_NATIVE_MODULE(name, fn)                                                       \
  [[maybe_unused]] static const bool WEFT_NATIVE_MODULE_CONCAT(weft_native_module_, __LINE__) = \
      ::weft::vm::register_native_module(name, fn)
