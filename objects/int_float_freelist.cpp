// objects/int_float_freelist.cpp — the per-thread free list behind take_number_block() /
// recycle_number_block() (objects/int_float_freelist.h).
//
// Why per thread and without locks: the list is a thread_local singly linked list (the link is
// the block's first word), touched only by the thread it belongs to. A block is plain memory:
// whichever thread frees an object may keep its block and hand it out again for a new object of
// its own, so nothing ever crosses threads through the list.
//
// The QSBR rule (gc/README.md): memory of an object whose shared refcount word ever left Init
// may still be looked at by another thread's lock-free try-incref, so it must go through
// gc::free_object_memory (a grace period) and is never recycled here. Only objects still in
// state Init are kept: no other thread can hold a pointer to them (the owner's local count just
// reached zero and no other thread ever took a reference), so reusing their memory at once is as
// safe as mi_free followed by mi_malloc.
//
// Fibers (DESIGN §7): generators may resume on another OS thread, so the thread-local list is
// reached only inside these out-of-line functions, never cached by a caller.
//
// Thread exit: the exiting hook (core/thread_hooks.h) frees the blocks and closes the list, so a
// dealloc that still runs on that OS thread afterwards frees normally instead of leaking.
#include "objects/int_float_freelist.h"

#include <cstdint>
#include <cstring>

#include "core/thread_hooks.h"
#include "gc/alloc.h"

namespace weft {
namespace {

// Enough to absorb the temporaries of an expression chain; CPython keeps 100 per type.
constexpr uint32_t kMaxKeptBlocks = 128;

struct NumberFreeList {
  void* head = nullptr;
  uint32_t count = 0;
  bool closed = false;  // set when the thread state is destroyed
};
constinit thread_local NumberFreeList t_free;

void* next_of(void* block) {
  void* next;
  std::memcpy(&next, block, sizeof next);
  return next;
}

void drain_and_close(core::ThreadState*) {
  NumberFreeList& fl = t_free;
  while (void* block = fl.head) {
    fl.head = next_of(block);
    gc::raw_free(block);
  }
  fl.count = 0;
  fl.closed = true;
}

void reopen(core::ThreadState*) { t_free.closed = false; }

[[maybe_unused]] const bool g_hooks_registered = core::register_thread_lifecycle_hooks(
    {.created = &reopen, .exiting = &drain_and_close});

}  // namespace

[[gnu::noinline]] void* take_number_block() {
  NumberFreeList& fl = t_free;
  void* block = fl.head;
  if (!block) return gc::raw_calloc(1, kNumberBlockSize);
  fl.head = next_of(block);
  --fl.count;
  std::memset(block, 0, kNumberBlockSize);
  return block;
}

[[gnu::noinline]] bool recycle_number_block(Object* o) {
  // relaxed: only this thread frees an Init object; a state other than Init needs QSBR.
  if ((o->ob_ref_shared.load(std::memory_order_relaxed) & kSharedFlagMask) != kSharedInit)
    return false;
  NumberFreeList& fl = t_free;
  if (fl.closed || fl.count >= kMaxKeptBlocks) return false;
  void* block = o;
  std::memcpy(block, &fl.head, sizeof fl.head);
  fl.head = block;
  ++fl.count;
  return true;
}

}  // namespace weft
