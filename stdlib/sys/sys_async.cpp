// stdlib/sys/sys_async.cpp — sys.set_asyncgen_hooks / get_asyncgen_hooks (PEP 525) and
// sys.set_coroutine_origin_tracking_depth / get_coroutine_origin_tracking_depth.
//
// Both settings are per thread, as in CPython: they live in the calling thread's VmThreadData
// (vm/frame_stack.h), which only that thread touches, so no locking is needed. The async
// generator machinery (vm/async_generator.cpp) calls `firstiter` on a generator's first
// asend/athrow/aclose/__anext__ and remembers `finalizer` for when the generator is finalized
// unfinished; RETURN_GENERATOR (vm/generator.cpp) records cr_origin when the depth is positive.
#include <cstdint>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/structseq.h"
#include "objects/tuple.h"
#include "stdlib/sys/sys_internal.h"
#include "vm/frame_stack.h"

namespace weft::sys {
namespace {

const StructSeqField kAsyncGenHooksFields[] = {
    {"firstiter", "Hook to intercept first iteration"},
    {"finalizer", "Hook to intercept finalization"},
    {nullptr, nullptr},
};
const StructSeqDesc kAsyncGenHooksDesc = {
    "asyncgen_hooks",
    "asyncgen_hooks\n\nA named tuple providing information about asynchronous\ngenerators hooks.  "
    "The attributes are read only.",
    kAsyncGenHooksFields, 2};
StructSeqType AsyncGenHooksType;
WEFT_REGISTER_STRUCTSEQ(AsyncGenHooksType, kAsyncGenHooksDesc);

vm::VmThreadData* this_thread_vm() { return vm::vm_data(core::current_thread_state()); }

Ref<Object> hook_or_none(Object* hook) { return new_ref(hook ? hook : none()); }

// Replaces one hook slot: None clears it.
void store_hook(Object** slot, Object* value) {
  Object* old = *slot;
  *slot = is_none(value) ? nullptr : new_ref(value).release();
  xdecref(old);
}

// set_asyncgen_hooks([firstiter] [, finalizer]): CPython parses these with the old-style
// keyword parser, whose messages ("function takes at most ...") it keeps.
Result<Ref<Object>> sys_set_asyncgen_hooks(Object*, Object* const* args, size_t nargs,
                                           Object* kwnames) {
  size_t nkw = kwnames_count(kwnames);
  if (nargs + nkw > 2) {
    return raise(exc::TypeError, "function takes at most 2 arguments ({} given)", nargs + nkw);
  }
  static const char* const kNames[2] = {"firstiter", "finalizer"};
  Object* given[2] = {nargs > 0 ? args[0] : nullptr, nargs > 1 ? args[1] : nullptr};
  for (size_t k = 0; k < nkw; k++) {
    Object* key = tuple_item(kwnames, static_cast<int64_t>(k));
    int index = str_equal_ascii(key, kNames[0]) ? 0 : str_equal_ascii(key, kNames[1]) ? 1 : -1;
    if (index < 0) {
      return raise(exc::TypeError, "this function got an unexpected keyword argument '{}'",
                   str_to_std_string(key));
    }
    if (given[index]) {
      return raise(exc::TypeError, "argument for function given by name ('{}') and position ({})",
                   kNames[index], index + 1);
    }
    given[index] = args[nargs + k];
  }
  // Both are checked before either is stored (finalizer first, as CPython reports it).
  for (int i : {1, 0}) {
    if (given[i] && !is_none(given[i]) && !is_callable(given[i])) {
      return raise(exc::TypeError, "callable {} expected, got {}", kNames[i],
                   type_name_of(given[i]));
    }
  }
  vm::VmThreadData* vm = this_thread_vm();
  if (given[1]) store_hook(&vm->asyncgen_finalizer, given[1]);
  if (given[0]) store_hook(&vm->asyncgen_firstiter, given[0]);
  return new_none();
}

Result<Ref<Object>> sys_get_asyncgen_hooks(Object*, Object* const*, size_t, Object*) {
  vm::VmThreadData* vm = this_thread_vm();
  Ref<Object> items[2] = {hook_or_none(vm->asyncgen_firstiter),
                          hook_or_none(vm->asyncgen_finalizer)};
  return structseq_from_items(&AsyncGenHooksType, items);
}

Result<Ref<Object>> sys_set_coroutine_origin_tracking_depth(Object*, Object* const* args,
                                                            size_t nargs, Object* kwnames) {
  static const ArgParser kParser("set_coroutine_origin_tracking_depth", "depth");
  Object* depth_arg;
  TRY(kParser.parse(args, nargs, kwnames, &depth_arg));
  Ref<Object> index = TRY(number_index(depth_arg));
  int64_t depth;
  if (!int_to_i64(index.get(), &depth) || depth > INT32_MAX || depth < INT32_MIN) {
    return raise(exc::OverflowError, "Python int too large to convert to C int");
  }
  if (depth < 0) return raise(exc::ValueError, "depth must be >= 0");
  this_thread_vm()->coroutine_origin_tracking_depth = static_cast<int>(depth);
  return new_none();
}

Result<Ref<Object>> sys_get_coroutine_origin_tracking_depth(Object*, Object* const*, size_t,
                                                            Object*) {
  return int_from_i64(this_thread_vm()->coroutine_origin_tracking_depth);
}

}  // namespace

const MethodDef kAsyncFunctions[] = {
    {"set_asyncgen_hooks", sys_set_asyncgen_hooks, kMethFastcall,
     "set_asyncgen_hooks([firstiter] [, finalizer])\n\nSet a finalizer for async generators "
     "objects."},
    {"get_asyncgen_hooks", sys_get_asyncgen_hooks, kMethNoArgs,
     "Return the installed asynchronous generators hooks.\n\nThis returns a namedtuple of the "
     "form (firstiter, finalizer)."},
    {"set_coroutine_origin_tracking_depth", sys_set_coroutine_origin_tracking_depth,
     kMethFastcall,
     "Enable or disable origin tracking for coroutine objects in this thread.\n\nCoroutine "
     "objects will track 'depth' frames of traceback information\nabout where they came from, "
     "available in their cr_origin attribute.\n\nSet a depth of 0 to disable."},
    {"get_coroutine_origin_tracking_depth", sys_get_coroutine_origin_tracking_depth,
     kMethNoArgs, "Check status of origin tracking for coroutine objects in this thread."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::sys
