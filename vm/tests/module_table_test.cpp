// vm/tests/module_table_test.cpp — the native module registry (vm/module_table.h): lookups by
// name, enumeration, and registration from static initializers. Needs no running interpreter.
#include "vm/module_table.h"

#include <gtest/gtest.h>

namespace weft::vm {
namespace {

Result<Ref<Object>> create_nothing() { return Error{}; }

WEFT_NATIVE_MODULE("_weft_test_module_a", create_nothing);
WEFT_NATIVE_MODULE("_weft_test_module_b", create_nothing);

TEST(ModuleTableTest, FindsModulesRegisteredByStaticInitializers) {
  const NativeModuleDef* a = find_native_module("_weft_test_module_a");
  ASSERT_NE(a, nullptr);
  EXPECT_STREQ(a->name, "_weft_test_module_a");
  EXPECT_EQ(a->create, &create_nothing);
  EXPECT_NE(find_native_module("_weft_test_module_b"), nullptr);
  EXPECT_EQ(find_native_module("_weft_test_module_"), nullptr);  // no prefix matches
  EXPECT_EQ(find_native_module("no_such_module"), nullptr);
}

TEST(ModuleTableTest, EnumeratesEveryModule) {
  int seen = 0;
  for_each_native_module(
      [](const NativeModuleDef& def, void* arg) {
        std::string_view name = def.name;
        if (name == "_weft_test_module_a" || name == "_weft_test_module_b")
          ++*static_cast<int*>(arg);
      },
      &seen);
  EXPECT_EQ(seen, 2);
}

}  // namespace
}  // namespace weft::vm
