// stdlib/_thread/lock.cpp — _thread.lock and _thread.RLock (CPython's Modules/_threadmodule.c
// lock and rlock objects, 3.14 behaviour and messages).
//
// Blocking: acquire first tries without waiting; a real wait parks in sync/'s parking lot with
// ParkDetach::kDetach, so the thread state is detached while blocked (its critical sections are
// released, stop-the-world and QSBR proceed without it) and re-attached afterwards.
//
// TSan: _thread.lock uses the Mutex's unannotated entry points, because Python code may release a
// lock another thread acquired, which TSan would report for an annotated mutex; the Mutex's
// acquire/release atomics still order the protected data. RLock is only ever released by its
// owner, but shares the same code for simplicity.
//
// Signals: a blocked acquire wakes when a signal arrives (the parking lot returns kInterrupted),
// runs the Python handlers (main thread only, vm/signals.h) and, unless one raised, waits again
// for what is left of the timeout, as CPython's acquire_timed() does (PEP 475). That is how
// Ctrl-C reaches a main thread blocked in lock.acquire(), Thread.join() or Condition.wait().
//
// Not yet: _at_fork_reinit.
#include "stdlib/_thread/lock.h"

#include <pthread.h>

#include <cstdio>
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"
#include "stdlib/time/pytime.h"
#include "vm/signals.h"

namespace weft::thread_module {

Type LockType;
Type RLockType;

namespace {

constexpr int64_t kUnsetTimeout = -1'000'000'000;  // timeout=-1 (seconds): wait forever

uint64_t current_ident() { return static_cast<uint64_t>(pthread_self()); }

LockObject* as_lock(Object* o) { return static_cast<LockObject*>(o); }
RLockObject* as_rlock(Object* o) { return static_cast<RLockObject*>(o); }

std::string address_of(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", p);
  return buf;
}

// acquire(blocking=True, timeout=-1) -> the wait in ns: -1 forever, 0 one attempt, else a bound.
Result<int64_t> parse_acquire_args(Object* const* args, size_t nargs, Object* kwnames) {
  size_t total = nargs + kwnames_count(kwnames);
  if (total > 2)
    return raise(exc::TypeError, "acquire() takes at most 2 arguments ({} given)", total);
  static const ArgParser kAcquire("acquire", "| blocking timeout");
  Object* a[2];
  TRY(kAcquire.parse(args, nargs, kwnames, a));
  bool blocking = a[0] ? TRY(object_is_true(a[0])) : true;
  int64_t timeout = a[1] ? TRY(pytime::seconds_to_ns(a[1])) : kUnsetTimeout;
  if (!blocking && timeout != kUnsetTimeout)
    return raise(exc::ValueError, "can't specify a timeout for a non-blocking call");
  if (timeout < 0 && timeout != kUnsetTimeout)
    return raise(exc::ValueError, "timeout value must be a non-negative number");
  if (!blocking) return 0;
  if (timeout == kUnsetTimeout) return -1;
  // CPython bounds timeouts by PY_TIMEOUT_MAX microseconds (LLONG_MAX / 1000).
  if ((timeout + 999) / 1000 > INT64_MAX / 1000 || timeout > INT64_MAX - 999)
    return raise(exc::OverflowError, "timeout value is too large");
  return timeout;
}

// Takes `m` within `timeout_ns` (see parse_acquire_args); detached while parked. Signals that
// interrupt the wait run their handlers; an exception from one ends the wait with that error.
Result<bool> acquire_mutex(sync::Mutex& m, int64_t timeout_ns) WEFT_NO_THREAD_SAFETY_ANALYSIS {
  if (m.try_lock_unannotated()) return true;
  if (timeout_ns == 0) return false;
  int64_t deadline = timeout_ns < 0 ? sync::kNoDeadline : sync::deadline_after(timeout_ns);
  for (;;) {
    switch (m.lock_until_interruptible_unannotated(deadline)) {
      case sync::LockResult::kAcquired: return true;
      case sync::LockResult::kTimedOut: return false;
      case sync::LockResult::kInterrupted: TRY(vm::signals::check_signals()); break;
    }
  }
}

// ---- _thread.lock --------------------------------------------------------------------------

void lock_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  free_object(self);
}

Result<Ref<Object>> lock_repr(Object* self) {
  std::string text = "<";
  text += as_lock(self)->lock.is_locked() ? "locked " : "unlocked ";
  text += type_name_of(self);
  text += " object at " + address_of(self) + ">";
  return str_from_utf8(text);
}

Result<Ref<Object>> lock_vnew(Type* type, Object* const*, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("lock", nargs, kwnames, 0, 0));
  Ref<LockObject> l = TRY(new_object<LockObject>(type, static_cast<size_t>(type->basicsize)));
  return Ref<Object>(std::move(l));
}

Result<Ref<Object>> lock_acquire(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  int64_t timeout = TRY(parse_acquire_args(args, nargs, kwnames));
  return new_bool(TRY(acquire_mutex(as_lock(self)->lock, timeout)));
}

Result<Ref<Object>> lock_release(Object* self, Object* const*, size_t, Object*) {
  if (!as_lock(self)->lock.try_unlock_unannotated())
    return raise(exc::RuntimeError, "release unlocked lock");
  return new_none();
}

Result<Ref<Object>> lock_exit(Object* self, Object* const*, size_t, Object*) {
  return lock_release(self, nullptr, 0, nullptr);
}

Result<Ref<Object>> lock_locked(Object* self, Object* const*, size_t, Object*) {
  return new_bool(as_lock(self)->lock.is_locked());
}

const MethodDef kLockMethods[] = {
    {"acquire", lock_acquire, kMethFastcall,
     "Lock the lock.  Without argument, this blocks if the lock is already\nlocked (even by the "
     "same thread), waiting for another thread to release\nthe lock, and return True once the "
     "lock is acquired.\nWith an argument, this will only block if the argument is true,\nand the "
     "return value reflects whether the lock is acquired.\nThe blocking operation is "
     "interruptible."},
    {"acquire_lock", lock_acquire, kMethFastcall, "An obsolete synonym of acquire()."},
    {"__enter__", lock_acquire, kMethFastcall, "Lock the lock."},
    {"release", lock_release, kMethNoArgs,
     "Release the lock, allowing another thread that is blocked waiting for\nthe lock to acquire "
     "the lock.  The lock must be in the locked state,\nbut it needn't be locked by the same "
     "thread that unlocks it."},
    {"release_lock", lock_release, kMethNoArgs, "An obsolete synonym of release()."},
    {"__exit__", lock_exit, kMethFastcall, "Release the lock."},
    {"locked", lock_locked, kMethNoArgs, "Return whether the lock is in the locked state."},
    {"locked_lock", lock_locked, kMethNoArgs, "An obsolete synonym of locked()."},
    {nullptr, nullptr, 0, nullptr},
};

// ---- _thread.RLock -------------------------------------------------------------------------

void rlock_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  free_object(self);
}

bool rlock_is_owned(RLockObject* r) {
  return r->count.load(std::memory_order_relaxed) > 0 &&
         r->owner.load(std::memory_order_relaxed) == current_ident();
}

Result<Ref<Object>> rlock_repr(Object* self) {
  RLockObject* r = as_rlock(self);
  uint64_t owner = r->owner.load(std::memory_order_relaxed);
  uint64_t count = r->count.load(std::memory_order_relaxed);
  std::string text = "<";
  text += r->lock.is_locked() ? "locked " : "unlocked ";
  text += type_name_of(self);
  text += " object owner=" + std::to_string(owner) + " count=" + std::to_string(count) + " at " +
          address_of(self) + ">";
  return str_from_utf8(text);
}

// RLock(*args, **kwargs): arguments are accepted and ignored, as CPython does.
Result<Ref<Object>> rlock_vnew(Type* type, Object* const*, size_t, Object*) {
  Ref<RLockObject> r = TRY(new_object<RLockObject>(type, static_cast<size_t>(type->basicsize)));
  return Ref<Object>(std::move(r));
}

// Waits for `m` however long it takes, ignoring signals (they are handled later).
void lock_uninterruptibly(sync::Mutex& m) WEFT_NO_THREAD_SAFETY_ANALYSIS {
  m.lock_timed_unannotated(-1);
}

// Takes the RLock (the caller does not own it) and records the holder.
Result<bool> rlock_take(RLockObject* r, int64_t timeout, uint64_t count) {
  if (!TRY(acquire_mutex(r->lock, timeout))) return false;
  r->owner.store(current_ident(), std::memory_order_relaxed);
  r->count.store(count, std::memory_order_relaxed);
  return true;
}

Result<Ref<Object>> rlock_acquire(Object* self, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  int64_t timeout = TRY(parse_acquire_args(args, nargs, kwnames));
  RLockObject* r = as_rlock(self);
  if (rlock_is_owned(r)) {
    uint64_t count = r->count.load(std::memory_order_relaxed);
    if (count == UINT64_MAX) return raise(exc::OverflowError, "Internal lock count overflowed");
    r->count.store(count + 1, std::memory_order_relaxed);
    return new_bool(true);
  }
  return new_bool(TRY(rlock_take(r, timeout, 1)));
}

// Python-level locks are taken and released in different calls (and, for _thread.lock, possibly
// different threads), which Clang's static lock analysis cannot follow: it is off here and the
// protocol is checked at run time (owner/count) and by TSan through the mutex's atomics.
Status rlock_release_all(RLockObject* r) WEFT_NO_THREAD_SAFETY_ANALYSIS {
  r->owner.store(0, std::memory_order_relaxed);
  r->count.store(0, std::memory_order_relaxed);
  r->lock.unlock_unannotated();
  return ok();
}

Result<Ref<Object>> rlock_release(Object* self, Object* const*, size_t, Object*) {
  RLockObject* r = as_rlock(self);
  if (!rlock_is_owned(r)) return raise(exc::RuntimeError, "cannot release un-acquired lock");
  uint64_t count = r->count.load(std::memory_order_relaxed);
  if (count > 1) {
    r->count.store(count - 1, std::memory_order_relaxed);
  } else {
    TRY(rlock_release_all(r));
  }
  return new_none();
}

Result<Ref<Object>> rlock_exit(Object* self, Object* const*, size_t, Object*) {
  return rlock_release(self, nullptr, 0, nullptr);
}

Result<Ref<Object>> rlock_locked(Object* self, Object* const*, size_t, Object*) {
  return new_bool(as_rlock(self)->lock.is_locked());
}

// _release_save(): releases every level; returns (count, owner) for _acquire_restore.
Result<Ref<Object>> rlock_release_save(Object* self, Object* const*, size_t, Object*) {
  RLockObject* r = as_rlock(self);
  if (!rlock_is_owned(r)) return raise(exc::RuntimeError, "cannot release un-acquired lock");
  Ref<Object> count = TRY(int_from_u64(r->count.load(std::memory_order_relaxed)));
  Ref<Object> owner = TRY(int_from_u64(r->owner.load(std::memory_order_relaxed)));
  Ref<Object> state = TRY(tuple_pack({count.get(), owner.get()}));
  TRY(rlock_release_all(r));
  return state;
}

// _acquire_restore((count, owner)): blocks until acquired, then restores the saved state.
Result<Ref<Object>> rlock_acquire_restore(Object* self, Object* const* args, size_t, Object*) {
  Object* state = args[0];
  if (!is_tuple(state) || tuple_size(state) != 2)
    return raise(exc::TypeError, "_acquire_restore() argument 1 must be tuple of 2 ints");
  Ref<Object> count_obj = TRY(number_index(tuple_item(state, 0)));
  Ref<Object> owner_obj = TRY(number_index(tuple_item(state, 1)));
  int64_t count = TRY(int_as_i64(count_obj.get()));
  int64_t owner = TRY(int_as_i64(owner_obj.get()));
  RLockObject* r = as_rlock(self);
  // Not interruptible: Condition.wait() must get the lock back before it returns or raises.
  if (!rlock_is_owned(r)) lock_uninterruptibly(r->lock);
  r->owner.store(static_cast<uint64_t>(owner), std::memory_order_relaxed);
  r->count.store(static_cast<uint64_t>(count), std::memory_order_relaxed);
  return new_none();
}

Result<Ref<Object>> rlock_is_owned_method(Object* self, Object* const*, size_t, Object*) {
  return new_bool(rlock_is_owned(as_rlock(self)));
}

Result<Ref<Object>> rlock_recursion_count(Object* self, Object* const*, size_t, Object*) {
  RLockObject* r = as_rlock(self);
  return int_from_u64(rlock_is_owned(r) ? r->count.load(std::memory_order_relaxed) : 0);
}

const MethodDef kRLockMethods[] = {
    {"acquire", rlock_acquire, kMethFastcall,
     "Lock the lock.  `blocking` indicates whether we should wait\nfor the lock to be available "
     "or not.  If `blocking` is False\nand another thread holds the lock, the method will return "
     "False\nimmediately.  If `blocking` is True and another thread holds\nthe lock, the method "
     "will wait for the lock to be released,\ntake it and then return True."},
    {"__enter__", rlock_acquire, kMethFastcall, "Lock the lock."},
    {"release", rlock_release, kMethNoArgs,
     "Release the lock, allowing another thread that is blocked waiting for\nthe lock to acquire "
     "the lock.  The lock must be in the locked state,\nand must be locked by the same thread "
     "that unlocks it; otherwise a\n`RuntimeError` is raised."},
    {"__exit__", rlock_exit, kMethFastcall, "Release the lock."},
    {"locked", rlock_locked, kMethNoArgs, "locked()\n\nReturn a boolean indicating whether this "
                                          "object is locked right now."},
    {"_is_owned", rlock_is_owned_method, kMethNoArgs, "For internal use by `threading.Condition`."},
    {"_recursion_count", rlock_recursion_count, kMethNoArgs,
     "For internal use by reentrancy checks."},
    {"_release_save", rlock_release_save, kMethNoArgs, "For internal use by `threading.Condition`."},
    {"_acquire_restore", rlock_acquire_restore, kMethOneArg,
     "For internal use by `threading.Condition`."},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_lock_types() {
  Type& l = LockType;
  l.name = "_thread.lock";
  l.doc = "A lock object is a synchronization primitive.  To create a lock,\ncall "
          "threading.Lock().  Methods are:\n\nacquire() -- lock the lock, possibly blocking "
          "until it can be obtained\nrelease() -- unlock of the lock\nlocked() -- test whether "
          "the lock is currently locked\n\nA lock is not owned by the thread that locked it; "
          "another thread may\nunlock it.  A thread attempting to lock a lock that it has "
          "already\nlocked will block until another thread unlocks it.  Deadlocks may\nensue.";
  l.basicsize = sizeof(LockObject);
  l.weaklistoffset = offsetof(LockObject, weaklist);
  l.flags = kTypeImmutable;
  l.dealloc = lock_dealloc;
  l.repr = lock_repr;
  l.new_ = lock_vnew;
  l.methods = kLockMethods;

  Type& r = RLockType;
  r.name = "_thread.RLock";
  r.doc = nullptr;
  r.basicsize = sizeof(RLockObject);
  r.weaklistoffset = offsetof(RLockObject, weaklist);
  r.flags = kTypeImmutable | kTypeBaseType;
  r.dealloc = rlock_dealloc;
  r.repr = rlock_repr;
  r.new_ = rlock_vnew;
  r.methods = kRLockMethods;
  return ok();
}
Status ready_lock_types() {
  TRY(type_ready(&LockType));
  return type_ready(&RLockType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_lock_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_lock_types);

}  // namespace

Result<Ref<Object>> lock_new() { return lock_vnew(&LockType, nullptr, 0, nullptr); }

}  // namespace weft::thread_module
