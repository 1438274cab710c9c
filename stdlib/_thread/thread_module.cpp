// stdlib/_thread/thread_module.cpp — the `_thread` module (CPython 3.14's Modules/_threadmodule.c):
// starting threads, thread handles, thread identity, and the lock types (lock.cpp).
//
// Threads themselves (OS thread, thread state, reporting uncaught exceptions, joining, exit) are
// vm/thread_start; this file is the Python surface over it. A _thread._ThreadHandle object owns
// one reference to a vm::ThreadHandle, created with the object and never replaced, so its
// methods need no lock (the vm::ThreadHandle synchronises itself).
//
// _local is local.cpp, _excepthook/_ExceptHookArgs excepthook.cpp, the locks lock.cpp.
// Not yet: interrupt_main, set_name.
#include <pthread.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_thread/excepthook.h"
#include "stdlib/_thread/lock.h"
#include "stdlib/time/pytime.h"
#include "vm/module_table.h"
#include "vm/thread_start.h"

namespace weft::thread_module {
namespace {

// CPython's THREAD_STACK_MIN: smaller stack sizes are refused.
constexpr int64_t kThreadStackMin = 0x8000;
// threading.TIMEOUT_MAX: the largest timeout, in whole seconds, that fits int64 nanoseconds.
constexpr double kTimeoutMax = 9223372036.0;

uint64_t current_ident() { return static_cast<uint64_t>(pthread_self()); }

// ---- _thread._ThreadHandle -----------------------------------------------------------------

Type ThreadHandleType;

struct ThreadHandleObject : Object {
  vm::ThreadHandle* handle;  // one reference; never null, never replaced
};

ThreadHandleObject* as_handle(Object* o) { return static_cast<ThreadHandleObject*>(o); }

void handle_dealloc(Object* self) {
  as_handle(self)->handle->release();
  free_object(self);
}

// Wraps `h`, taking over the caller's reference (released here on failure).
Result<Ref<Object>> handle_object_new(vm::ThreadHandle* h) {
  if (!h) return raise_no_memory();
  Result<Ref<ThreadHandleObject>> obj = new_object<ThreadHandleObject>(&ThreadHandleType);
  if (obj.is_error()) {
    h->release();
    return Error{};
  }
  obj.value()->handle = h;
  return Ref<Object>(obj.release_value());
}

Result<Ref<Object>> handle_vnew(Type*, Object* const*, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("_ThreadHandle", nargs, kwnames, 0, 0));
  return handle_object_new(vm::ThreadHandle::create());
}

Result<Ref<Object>> handle_repr(Object* self) {
  return str_from_utf8("<_thread._ThreadHandle object: ident=" +
                       std::to_string(as_handle(self)->handle->ident()) + ">");
}

Result<Ref<Object>> handle_ident(Object* self) { return int_from_u64(as_handle(self)->handle->ident()); }

// join(timeout=None): None or a negative timeout waits forever.
Result<Ref<Object>> handle_join(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kJoin("join", "| timeout");
  Object* a[1];
  TRY(kJoin.parse(args, nargs, kwnames, a));
  int64_t timeout_ns = -1;
  if (a[0] && !is_none(a[0])) {
    timeout_ns = TRY(pytime::seconds_to_ns(a[0]));
    if (timeout_ns < 0) timeout_ns = -1;
  }
  TRY(as_handle(self)->handle->join(timeout_ns));
  return new_none();
}

Result<Ref<Object>> handle_is_done(Object* self, Object* const*, size_t, Object*) {
  return new_bool(as_handle(self)->handle->is_done());
}

Result<Ref<Object>> handle_set_done(Object* self, Object* const*, size_t, Object*) {
  as_handle(self)->handle->set_done();
  return new_none();
}

const MethodDef kHandleMethods[] = {
    {"join", handle_join, kMethFastcall, nullptr},
    {"is_done", handle_is_done, kMethNoArgs, nullptr},
    {"_set_done", handle_set_done, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kHandleGetSets[] = {
    {"ident", handle_ident, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_handle_type() {
  Type& t = ThreadHandleType;
  t.name = "_thread._ThreadHandle";
  t.basicsize = sizeof(ThreadHandleObject);
  t.flags = kTypeImmutable;
  t.dealloc = handle_dealloc;
  t.repr = handle_repr;
  t.new_ = handle_vnew;
  t.methods = kHandleMethods;
  t.getsets = kHandleGetSets;
  return ok();
}
Status ready_handle_type() { return type_ready(&ThreadHandleType); }
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_handle_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_handle_type);

// ---- module functions ----------------------------------------------------------------------

// start_new_thread(function, args[, kwargs]) -> ident. The thread is a daemon, never joined.
Result<Ref<Object>> thread_start_new_thread(Object*, Object* const* args, size_t nargs,
                                            Object* kwnames) {
  TRY(args_positional_only("start_new_thread", nargs, kwnames, 2, 3));
  Object* func = args[0];
  Object* fargs = args[1];
  Object* fkwargs = nargs > 2 ? args[2] : nullptr;
  if (!is_callable(func)) return raise(exc::TypeError, "first arg must be callable");
  if (!is_tuple(fargs)) return raise(exc::TypeError, "2nd arg must be a tuple");
  if (fkwargs && !is_dict(fkwargs)) return raise(exc::TypeError, "optional 3rd arg must be a dictionary");
  Ref<Object> handle = TRY(handle_object_new(vm::ThreadHandle::create()));
  vm::ThreadHandle* h = as_handle(handle.get())->handle;
  TRY(vm::start_thread(h, new_ref(func), new_ref(fargs), fkwargs ? new_ref(fkwargs) : Ref<Object>(),
                       /*joinable=*/false, /*daemon=*/true));
  return int_from_u64(h->ident());
}

// start_joinable_thread(function, handle=None, daemon=True) -> _ThreadHandle
Result<Ref<Object>> thread_start_joinable_thread(Object*, Object* const* args, size_t nargs,
                                                 Object* kwnames) {
  static const ArgParser kStart("start_joinable_thread", "function | handle daemon");
  Object* a[3];
  TRY(kStart.parse(args, nargs, kwnames, a));
  if (!is_callable(a[0])) return raise(exc::TypeError, "thread function must be callable");
  Ref<Object> handle;
  if (!a[1] || is_none(a[1])) {
    handle = TRY(handle_object_new(vm::ThreadHandle::create()));
  } else if (a[1]->ob_type == &ThreadHandleType) {
    handle = new_ref(a[1]);
  } else {
    return raise(exc::TypeError, "'handle' must be a _ThreadHandle");
  }
  bool daemon = a[2] ? TRY(object_is_true(a[2])) : true;
  Ref<Object> empty = TRY(tuple_new(0));
  TRY(vm::start_thread(as_handle(handle.get())->handle, new_ref(a[0]), std::move(empty),
                       Ref<Object>(), /*joinable=*/true, daemon));
  return handle;
}

Result<Ref<Object>> thread_get_ident(Object*, Object* const*, size_t, Object*) {
  return int_from_u64(current_ident());
}

Result<Ref<Object>> thread_get_native_id(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(gettid());
}

Result<Ref<Object>> thread_count(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(vm::running_thread_count());
}

Result<Ref<Object>> thread_allocate_lock(Object*, Object* const*, size_t, Object*) {
  return lock_new();
}

// stack_size([size]) -> the previous size; 0 means the platform default.
Result<Ref<Object>> thread_stack_size(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("stack_size", nargs, kwnames, 0, 1));
  int64_t old = static_cast<int64_t>(vm::thread_stack_size());
  if (nargs == 1) {
    int64_t size = TRY(index_as_i64(args[0]));
    if (size < 0) return raise(exc::ValueError, "size must be 0 or a positive value");
    if (size != 0 && size < kThreadStackMin)
      return raise(exc::ValueError, "size not valid: {} bytes", size);
    vm::set_thread_stack_size(static_cast<size_t>(size));
  }
  return int_from_i64(old);
}

// exit() / exit_thread(): ends the calling thread by raising SystemExit.
Result<Ref<Object>> thread_exit(Object*, Object* const*, size_t, Object*) {
  return raise_object(TRY(call(reinterpret_cast<Object*>(exc::SystemExit), nullptr, 0)).get());
}

Result<Ref<Object>> thread_daemon_threads_allowed(Object*, Object* const*, size_t, Object*) {
  return new_bool(true);
}

Result<Ref<Object>> thread_is_main_interpreter(Object*, Object* const*, size_t, Object*) {
  return new_bool(true);
}

Result<Ref<Object>> thread_get_main_thread_ident(Object*, Object* const*, size_t, Object*) {
  core::Interpreter& interp = core::interpreter();
  interp.threads_mutex.lock_without_detaching();
  uint64_t ident = interp.main_thread ? interp.main_thread->ident : 0;
  interp.threads_mutex.unlock();
  return int_from_u64(ident);
}

// _make_thread_handle(ident): a handle for an already running thread (threading's main thread).
Result<Ref<Object>> thread_make_thread_handle(Object*, Object* const* args, size_t, Object*) {
  // pthread_t values (what get_ident() returns) fit int64 on the platforms Weft supports.
  uint64_t ident = static_cast<uint64_t>(TRY(index_as_i64(args[0])));
  return handle_object_new(vm::ThreadHandle::new_for_existing(ident));
}

// _shutdown(): waits for every non-daemon thread (threading._shutdown calls it at exit).
Result<Ref<Object>> thread_shutdown(Object*, Object* const*, size_t, Object*) {
  TRY(vm::join_non_daemon_threads());
  return new_none();
}

const MethodDef kThreadFunctions[] = {
    {"start_new_thread", thread_start_new_thread, kMethFastcall,
     "Start a new thread and return its identifier.\n\nThe thread will call the function with "
     "positional arguments from the\ntuple args and keyword arguments taken from the optional "
     "dictionary\nkwargs.  The thread exits when the function returns; the return value\nis "
     "ignored.  The thread will also exit when the function raises an\nunhandled exception; a "
     "stack trace will be printed unless the exception\nis SystemExit."},
    {"start_new", thread_start_new_thread, kMethFastcall, "An obsolete synonym of start_new_thread()."},
    {"start_joinable_thread", thread_start_joinable_thread, kMethFastcall,
     "*For internal use only*: start a new thread.\n\nLike start_new_thread(), this starts a new "
     "thread calling the given function.\nUnlike start_new_thread(), this returns a handle object "
     "with methods to join\nor detach the given thread.\nThis function is not for third-party "
     "code, please use the\n`threading` module instead. During finalization the daemon parameter\n"
     "is ignored and the thread is always joined."},
    {"_excepthook", thread_excepthook, kMethOneArg, "Handle uncaught Thread.run() exception."},
    {"get_ident", thread_get_ident, kMethNoArgs,
     "Return a non-zero integer that uniquely identifies the current thread\namongst other "
     "threads that exist simultaneously."},
    {"get_native_id", thread_get_native_id, kMethNoArgs,
     "Return a non-negative integer identifying the thread as reported\nby the OS (kernel)."},
    {"_count", thread_count, kMethNoArgs,
     "Return the number of currently running Python threads, excluding\nthe main thread."},
    {"allocate_lock", thread_allocate_lock, kMethNoArgs,
     "Create a new lock object. See help(type(threading.Lock())) for\ninformation about locks."},
    {"allocate", thread_allocate_lock, kMethNoArgs, "An obsolete synonym of allocate_lock()."},
    {"stack_size", thread_stack_size, kMethFastcall,
     "Return the thread stack size used when creating new threads."},
    {"exit", thread_exit, kMethNoArgs,
     "This is synonymous to ``raise SystemExit''.  It will cause the current\nthread to exit "
     "silently unless the exception is caught."},
    {"exit_thread", thread_exit, kMethNoArgs, "An obsolete synonym of exit()."},
    {"daemon_threads_allowed", thread_daemon_threads_allowed, kMethNoArgs,
     "Return True if daemon threads are allowed in the current interpreter,\nand False otherwise."},
    {"_is_main_interpreter", thread_is_main_interpreter, kMethNoArgs,
     "Return True if the current interpreter is the main Python interpreter."},
    {"_get_main_thread_ident", thread_get_main_thread_ident, kMethNoArgs,
     "Internal only. Return a non-zero integer that uniquely identifies the main thread\nof the "
     "main interpreter."},
    {"_make_thread_handle", thread_make_thread_handle, kMethOneArg,
     "Internal only. Make a thread handle for threads not spawned\nby the _thread or threading "
     "module."},
    {"_shutdown", thread_shutdown, kMethNoArgs, "Wait for all non-daemon threads (other than the "
                                                "calling thread) to stop."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_thread_module() {
  Ref<Object> m = TRY(module_new("_thread"));
  Ref<Object> name = TRY(str_from_ascii("_thread"));
  TRY(add_functions_to_dict(module_dict(m.get()), kThreadFunctions, m.get(), name.get()));
  Object* lock_type = reinterpret_cast<Object*>(&LockType);
  TRY(module_add_object(m.get(), "LockType", lock_type));
  TRY(module_add_object(m.get(), "lock", lock_type));
  TRY(module_add_object(m.get(), "RLock", reinterpret_cast<Object*>(&RLockType)));
  TRY(module_add_object(m.get(), "_ThreadHandle", reinterpret_cast<Object*>(&ThreadHandleType)));
  TRY(module_add_object(m.get(), "_local", reinterpret_cast<Object*>(&LocalType)));
  TRY(module_add_object(m.get(), "_ExceptHookArgs", reinterpret_cast<Object*>(&ExceptHookArgsType)));
  TRY(module_add_object(m.get(), "error", reinterpret_cast<Object*>(exc::RuntimeError)));
  Ref<Object> timeout_max = TRY(float_from_double(kTimeoutMax));
  TRY(module_add_object(m.get(), "TIMEOUT_MAX", timeout_max.get()));
  return m;
}

WEFT_NATIVE_MODULE("_thread", create_thread_module);

}  // namespace
}  // namespace weft::thread_module
