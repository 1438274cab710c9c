// vm/tests/import_lock_test.cpp — the import lock behind _imp.acquire_lock/release_lock/lock_held
// (vm/import.h): recursive for its holder, visible as held to other threads, and a release by a
// thread that does not hold it changes nothing.
#include <gtest/gtest.h>

#include <thread>

#include "vm/import.h"
#include "vm/testing.h"

namespace weft::vm {
namespace {

using weft::testing::RuntimeTest;

bool held_seen_from_other_thread() {
  bool held = false;
  std::thread t([&] { held = import_lock_held(); });
  t.join();
  return held;
}

TEST_F(RuntimeTest, ImportLockIsRecursiveAndVisibleToOtherThreads) {
  EXPECT_FALSE(import_lock_held());
  EXPECT_FALSE(import_lock_release());  // not held: nothing to release
  import_lock_acquire();
  import_lock_acquire();
  EXPECT_TRUE(import_lock_held());
  EXPECT_TRUE(held_seen_from_other_thread());
  EXPECT_TRUE(import_lock_release());
  EXPECT_TRUE(import_lock_held());  // one level left
  EXPECT_TRUE(import_lock_release());
  EXPECT_FALSE(import_lock_held());
  EXPECT_FALSE(held_seen_from_other_thread());
}

TEST_F(RuntimeTest, ImportLockReleaseByNonHolderChangesNothing) {
  import_lock_acquire();
  bool released_elsewhere = true;
  std::thread t([&] { released_elsewhere = import_lock_release(); });
  t.join();
  EXPECT_FALSE(released_elsewhere);
  EXPECT_TRUE(import_lock_held());
  EXPECT_TRUE(import_lock_release());
  EXPECT_FALSE(import_lock_held());
}

}  // namespace
}  // namespace weft::vm
