// vm/testing.h — GoogleTest support: starts the runtime once for a whole test binary.
//
//   #include "vm/testing.h"
//   TEST_F(RuntimeTest, IntAdds) { ... }
//
// Tests that need no runtime (sync/, pure data structures) do not include this.
#pragma once

#include <gtest/gtest.h>

#include "objects/errors.h"
#include "vm/lifecycle.h"

namespace weft::testing {

// Initialises the runtime on first use; never finalised (the process exits after the tests).
void ensure_runtime();

class RuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override { ensure_runtime(); }
  void TearDown() override {
    // A test must not leave an exception pending.
    EXPECT_FALSE(error_occurred()) << "test left a Python exception set";
    clear_error();
  }
};

}  // namespace weft::testing
