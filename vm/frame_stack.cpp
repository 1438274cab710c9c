// vm/frame_stack.cpp — the per-thread frame stack (see vm/frame_stack.h).
//
// Chunk sizes: the first chunk is 64 KiB (about 300 frames of a small function), later ones are
// at least that or twice the requested frame. Memory comes from gc::raw_alloc; frames hold no
// pointers into other frames' memory except `previous`, which never crosses a freed chunk because
// frames are popped in LIFO order.
#include "vm/frame_stack.h"

#include <cstdlib>
#include <new>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/errors.h"
#include "vm/frame_object.h"
#include "vm/stack_ref.h"

namespace weft::vm {
namespace {

constexpr size_t kChunkSize = 64 * 1024;

FrameChunk* new_chunk(size_t min_bytes, FrameChunk* previous) {
  size_t bytes = kChunkSize;
  if (min_bytes * 2 + sizeof(FrameChunk) > bytes) bytes = min_bytes * 2 + sizeof(FrameChunk);
  void* mem = gc::raw_alloc(bytes);
  if (!mem) return nullptr;
  auto* c = static_cast<FrameChunk*>(mem);
  c->previous = previous;
  c->top = reinterpret_cast<char*>(c + 1);
  c->limit = static_cast<char*>(mem) + bytes;
  return c;
}

}  // namespace

VmThreadData* vm_data(core::ThreadState* ts) {
  if (ts->vm) [[likely]] return ts->vm;
  auto* vm = new (std::nothrow) VmThreadData();
  if (!vm) std::abort();  // thread start-up: nothing sensible to raise into yet
  vm->chunk = new_chunk(0, nullptr);
  if (!vm->chunk) std::abort();
  ts->vm = vm;
  return vm;
}

void vm_data_destroy(core::ThreadState* ts) {
  VmThreadData* vm = ts->vm;
  if (!vm) return;
  xdecref(vm->exc_base.exc_value);
  xdecref(vm->context);
  xdecref(vm->asyncgen_firstiter);
  xdecref(vm->asyncgen_finalizer);
  for (FrameChunk* c = vm->chunk; c;) {
    FrameChunk* prev = c->previous;
    gc::raw_free(c);
    c = prev;
  }
  if (vm->spare) gc::raw_free(vm->spare);
  delete vm;
  ts->vm = nullptr;
}

Frame* push_frame_memory(VmThreadData* vm, const CodeObject* code) {
  size_t bytes = frame_size(code);
  FrameChunk* c = vm->chunk;
  if (static_cast<size_t>(c->limit - c->top) < bytes) [[unlikely]] {
    FrameChunk* next = vm->spare;
    if (next && static_cast<size_t>(next->limit - reinterpret_cast<char*>(next + 1)) >= bytes) {
      vm->spare = nullptr;
      next->previous = c;
      next->top = reinterpret_cast<char*>(next + 1);
    } else {
      next = new_chunk(bytes, c);
      if (!next) {
        (void)raise_no_memory();
        return nullptr;
      }
    }
    vm->chunk = next;
    c = next;
  }
  auto* f = reinterpret_cast<Frame*>(c->top);
  c->top += bytes;
  return f;
}

void pop_frame_memory(VmThreadData* vm, Frame* f) {
  FrameChunk* c = vm->chunk;
  c->top = reinterpret_cast<char*>(f);
  if (c->top == reinterpret_cast<char*>(c + 1) && c->previous) [[unlikely]] {
    // The chunk is empty: keep it as the spare (freeing a smaller older spare).
    vm->chunk = c->previous;
    if (vm->spare) gc::raw_free(vm->spare);
    vm->spare = c;
  }
}

Object* handled_exception(VmThreadData* vm) {
  for (ExcInfo* e = vm->exc_info; e; e = e->previous) {
    if (e->exc_value && !is_none(e->exc_value)) return e->exc_value;
  }
  return nullptr;
}

void frame_clear(Frame* f) {
  // A frame object outlives the frame: it snapshots what it still needs while the slots live.
  frame_object_detach(f);
  Object** slots = f->localsplus();
  for (int i = 0, n = f->code->nlocalsplus; i < n; ++i) stack_xclose(slots[i]);
  for (Object** p = f->stack_base(); p < f->stack_pointer; ++p) stack_xclose(*p);
  f->stack_pointer = f->stack_base();
  if (f->locals) decref(f->locals);
  f->locals = nullptr;
  if (f->func) stack_close(f->func);
  f->func = nullptr;
  stack_close(f->code);
}

int frame_lineno(const Frame* f) {
  SourceLocation loc;
  if (!code_location(f->code, f->lasti_bytes() / 2, &loc)) return -1;
  return loc.line;
}

}  // namespace weft::vm
