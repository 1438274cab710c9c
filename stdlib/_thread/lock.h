// stdlib/_thread/lock.h — _thread.lock (LockType) and _thread.RLock.
#pragma once

#include <atomic>
#include <cstdint>

#include "objects/type.h"
#include "sync/mutex.h"

namespace weft::thread_module {

// _thread.lock: a plain lock that any thread may release (threading.Condition and Event rely on
// that), built on the 1-byte sync::Mutex through its unannotated entry points.
struct LockObject : Object {
  sync::Mutex lock;
  Object* weaklist;  // weak references to this lock (objects/weakref.h)
};

// _thread.RLock: re-entrant, released only by its owner. `owner` is the holder's get_ident() or
// 0; `count` the recursion depth. Both are written only by the holder while it holds `lock`,
// and read relaxed by anyone (repr); a thread sees its own ident in `owner` only if it holds it.
struct RLockObject : Object {
  sync::Mutex lock;
  std::atomic<uint64_t> owner;
  std::atomic<uint64_t> count;
  Object* weaklist;  // weak references to this lock (objects/weakref.h)
};

extern Type LockType;
extern Type RLockType;
extern Type LocalType;  // _thread._local (local.cpp)

// A new unlocked _thread.lock (allocate_lock()).
Result<Ref<Object>> lock_new();

}  // namespace weft::thread_module
