// vm/fiber_stack_pool.cpp — the pool of fiber stacks (see vm/fiber_stack_pool.h).
//
// Why our own pool: Boost's pooled_fixedsize_stack has no lock and never returns memory, and its
// protected_fixedsize_stack pays mmap + mprotect + munmap (~9 µs) per fiber. Here a stack is
// mapped once with MAP_NORESERVE and reused; a generator that runs to completion costs a cache
// pop and push.
//
// Invariants: a stack is in exactly one place — in use by one fiber, in one thread cache, or in
// the shared list. `g_mapped` counts every stack between mmap and munmap.
// Locking: the per-thread cache is touched only by its thread; `g_shared` only under g_mutex,
// which is a leaf lock (nothing else is taken while holding it and it never parks the thread
// state, since no Python code can run inside it).
#include "vm/fiber_stack_pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include <atomic>

#include "sync/mutex.h"

namespace weft::vm {

namespace {

constexpr size_t kPageSize = 4096;

#ifndef NDEBUG
constexpr size_t kGuardSize = kPageSize;
#else
constexpr size_t kGuardSize = 0;
#endif

std::atomic<size_t> g_mapped{0};

sync::Mutex g_mutex;
FiberStack g_shared[FiberStackPool::kSharedCacheSize] WEFT_GUARDED_BY(g_mutex);
int g_shared_count WEFT_GUARDED_BY(g_mutex) = 0;

FiberStack map_stack() {
  size_t total = kFiberStackSize + kGuardSize;
  void* p = mmap(nullptr, total, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (p == MAP_FAILED) return {};
  char* low = static_cast<char*>(p);
  if (kGuardSize && mprotect(low, kGuardSize, PROT_NONE) != 0) {
    munmap(p, total);
    return {};
  }
  g_mapped.fetch_add(1, std::memory_order_relaxed);
  return FiberStack{low + kGuardSize, kFiberStackSize};
}

void unmap_stack(FiberStack s) {
  munmap(s.base - kGuardSize, s.size + kGuardSize);
  g_mapped.fetch_sub(1, std::memory_order_relaxed);
}

bool push_shared(FiberStack s) {
  g_mutex.lock_without_detaching();
  bool kept = g_shared_count < FiberStackPool::kSharedCacheSize;
  if (kept) g_shared[g_shared_count++] = s;
  g_mutex.unlock();
  return kept;
}

FiberStack pop_shared() {
  FiberStack s;
  g_mutex.lock_without_detaching();
  if (g_shared_count > 0) s = g_shared[--g_shared_count];
  g_mutex.unlock();
  return s;
}

// The calling thread's private cache; a thread that exits hands its stacks to the shared list.
struct ThreadCache {
  FiberStack stacks[FiberStackPool::kThreadCacheSize];
  int count = 0;
  ~ThreadCache() {
    while (count > 0) {
      FiberStack s = stacks[--count];
      if (!push_shared(s)) unmap_stack(s);
    }
  }
};
thread_local ThreadCache t_cache;

}  // namespace

uintptr_t FiberStack::soft_limit() const {
  return reinterpret_cast<uintptr_t>(base) + kFiberStackReserve;
}

FiberStackPool& FiberStackPool::instance() {
  static FiberStackPool* pool = new FiberStackPool();
  return *pool;
}

FiberStack FiberStackPool::acquire() {
  ThreadCache& cache = t_cache;
  if (cache.count > 0) return cache.stacks[--cache.count];
  if (FiberStack s = pop_shared()) return s;
  return map_stack();
}

void FiberStackPool::release(FiberStack stack) {
  ThreadCache& cache = t_cache;
  if (cache.count < kThreadCacheSize) {
    cache.stacks[cache.count++] = stack;
    return;
  }
  if (!push_shared(stack)) unmap_stack(stack);
}

size_t FiberStackPool::mapped_count() const { return g_mapped.load(std::memory_order_relaxed); }

size_t FiberStackPool::shared_cached_count() const {
  g_mutex.lock_without_detaching();
  size_t n = static_cast<size_t>(g_shared_count);
  g_mutex.unlock();
  return n;
}

bool fiber_stacks_have_guard_page() { return kGuardSize != 0; }

}  // namespace weft::vm
