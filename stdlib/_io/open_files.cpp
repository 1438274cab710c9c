// stdlib/_io/open_files.cpp — the set of live buffered and text streams, so that output a
// program leaves in the buffers of files it never closed still reaches the files at exit.
// CPython gets this from tearing down modules at shutdown (each file's finaliser flushes it);
// Weft does not tear modules down, so an exit hook (vm/lifecycle.h) flushes every live stream
// instead: text wrappers first (they hand their pending text to their buffers), then buffers.
//
// Locking: the set is guarded by a sync::Mutex, held only to insert, erase or copy. The exit hook
// runs after the other threads are stopped, so no member is being deallocated meanwhile (a
// deallocator erases its object first); it takes a reference to each member under the lock and
// flushes with the lock released.
#include <new>
#include <unordered_set>
#include <vector>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "stdlib/_io/io_internal.h"
#include "sync/mutex.h"
#include "vm/lifecycle.h"

namespace weft::io {
namespace {

sync::Mutex g_lock;
std::unordered_set<Object*>* g_streams WEFT_GUARDED_BY(g_lock) = nullptr;

void flush_open_streams() {
  std::vector<Ref<Object>> text, buffers;
  {
    sync::MutexLock hold(g_lock);
    if (!g_streams) return;
    for (Object* o : *g_streams) {
      bool is_text = is_instance_of(o, &TextIOWrapperType);
      (is_text ? text : buffers).push_back(Ref<Object>::borrow(o));
    }
  }
  for (auto* group : {&text, &buffers}) {
    for (Ref<Object>& stream : *group) {
      Result<bool> closed = iobase_is_closed(stream.get());
      if (!closed.is_error() && !closed.value() &&
          !call_method(stream.get(), "flush", nullptr, 0).is_error())
        continue;
      clear_error();  // a stream that cannot be flushed at exit is skipped, as CPython's finaliser
    }
  }
}

}  // namespace

Status track_stream(Object* stream) {
  sync::MutexLock hold(g_lock);
  try {
    if (!g_streams) {
      g_streams = new std::unordered_set<Object*>();  // lives for the process
      vm::register_exit_hook(flush_open_streams);
    }
    g_streams->insert(stream);
  } catch (const std::bad_alloc&) {
    return raise_no_memory();
  }
  return ok();
}

void untrack_stream(Object* stream) {
  sync::MutexLock hold(g_lock);
  if (g_streams) g_streams->erase(stream);
}

}  // namespace weft::io
