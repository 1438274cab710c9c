// vm/fiber_stack_pool.h — the C stacks that generator fibers run on (DESIGN §7).
//
// A stack is one anonymous mapping made with MAP_NORESERVE: it costs address space when reserved
// and only the pages a fiber actually touches in memory, so a generally generous size is cheap.
// Finished fibers hand their stack back to the pool, which keeps it for the next fiber (a fresh
// mmap plus first-touch faults costs microseconds; a reused stack ~nothing). Debug builds put a
// PROT_NONE guard page at the low end of every stack (each guard splits the mapping in two, and the
// kernel's map-count limit then caps live fibers near 32k, so release builds rely on the software
// check instead: ThreadState::stack_soft_limit = FiberStack::soft_limit() while on the fiber).
//
// Thread safety: acquire/release may be called from any thread. Each thread keeps a small private
// cache (no lock); overflow goes to one shared list guarded by a mutex; beyond its cap, stacks are
// unmapped.
#pragma once

#include <cstddef>
#include <cstdint>

namespace weft::vm {

struct FiberStack {
  char* base = nullptr;   // lowest usable byte (above the guard page, if any)
  size_t size = 0;        // usable bytes; the fiber's stack grows down from base + size
  explicit operator bool() const { return base != nullptr; }
  char* top() const { return base + size; }
  // The lowest address Python code may push the stack to before RecursionError: the bottom plus
  // a reserve for the error path itself and the C library calls it makes.
  uintptr_t soft_limit() const;
};

// Usable bytes of every fiber stack, and the reserve kept below the soft limit.
inline constexpr size_t kFiberStackSize = 512 * 1024;
#if defined(WEFT_ASAN)
inline constexpr size_t kFiberStackReserve = 192 * 1024;  // ASan frames are several times larger
#else
inline constexpr size_t kFiberStackReserve = 64 * 1024;
#endif

class FiberStackPool {
 public:
  // The process-wide pool (never destroyed: fibers may finish during static destruction).
  static FiberStackPool& instance();

  // A stack for a new fiber (from the calling thread's cache, the shared list, or a new mapping);
  // an empty FiberStack if the mapping fails (the caller raises MemoryError).
  FiberStack acquire();
  // Returns a stack whose fiber has finished. Its dirty pages are kept for the next fiber.
  void release(FiberStack stack);

  // Diagnostics and tests: stacks currently mapped by the pool (in use or cached), and cached.
  size_t mapped_count() const;
  size_t shared_cached_count() const;

  // Cache sizes: per thread, and in the shared list.
  static constexpr int kThreadCacheSize = 8;
  static constexpr int kSharedCacheSize = 256;

 private:
  FiberStackPool() = default;
};

// Whether stacks carry a guard page (debug builds).
bool fiber_stacks_have_guard_page();

}  // namespace weft::vm
