// stdlib/sys/sys_audit.cpp — PEP 578 audit hooks: sys.audit(event, *args) and
// sys.addaudithook(hook) (CPython's Python/sysmodule.c). os.walk, open() wrappers and other Lib
// code raise audit events; with no hooks an event costs one acquire load.
//
// The hooks form an append-only Python list (hooks cannot be removed, as in CPython), created on
// first use and published by compare-and-swap; the list's own critical section makes appends and
// snapshots atomic. sys.audit calls the hooks on a snapshot, so a hook may itself raise events or
// add hooks. Native runtime events (C-level PySys_Audit calls) are not raised yet: only events
// raised from Python reach the hooks.
#include <atomic>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/sys/sys_internal.h"

namespace weft::sys {
namespace {

// The list of hooks (owned, never freed), or nullptr before the first addaudithook.
std::atomic<Object*> g_hooks{nullptr};

// The list, created on first use (a thread that loses the publishing race drops its own).
Result<Object*> hook_list() {
  if (Object* list = g_hooks.load(std::memory_order_acquire)) return list;
  Ref<Object> fresh = TRY(list_new());
  Object* expected = nullptr;
  if (g_hooks.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel))
    return fresh.release();
  return expected;
}

// Calls every hook with (event, args), stopping at the first exception.
Status run_hooks(Object* event, Object* args) {
  Object* list = g_hooks.load(std::memory_order_acquire);
  if (!list) return ok();
  Ref<Object> snapshot = TRY(list_as_tuple(list));
  for (int64_t i = 0; i < tuple_size(snapshot.get()); ++i) {
    Object* call_args[] = {event, args};
    TRY(call(tuple_item(snapshot.get(), i), call_args, 2));
  }
  return ok();
}

Result<Ref<Object>> sys_audit(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("sys.audit", kwnames));
  TRY(args_check_positional("audit", nargs, 1, SIZE_MAX));
  if (!is_str(args[0]))
    return raise(exc::TypeError, "audit() argument 1 must be str, not {}", type_name_of(args[0]));
  if (!g_hooks.load(std::memory_order_acquire)) return new_none();
  Ref<Object> event_args = TRY(tuple_from_array(args + 1, static_cast<int64_t>(nargs - 1)));
  TRY(run_hooks(args[0], event_args.get()));
  return new_none();
}

// addaudithook(hook): the existing hooks hear "sys.addaudithook" first; one raising RuntimeError
// vetoes the new hook silently (CPython's rule), other exceptions propagate.
Result<Ref<Object>> sys_addaudithook(Object*, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  static const ArgParser kParser("addaudithook", "hook");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> empty = TRY(tuple_new(0));
  Status vetted = run_hooks(str_intern("sys.addaudithook"), empty.get());
  if (vetted.is_error()) {
    if (!error_matches(exc::RuntimeError)) return Error{};
    clear_error();
    return new_none();
  }
  Object* list = TRY(hook_list());
  TRY(list_append(list, a[0]));
  return new_none();
}

}  // namespace

const MethodDef kAuditFunctions[] = {
    {"audit", sys_audit, kMethFastcall,
     "audit($module, event, /, *args)\n--\n\nPasses the event to any audit hooks that are "
     "attached."},
    {"addaudithook", sys_addaudithook, kMethFastcall,
     "addaudithook($module, /, hook)\n--\n\nAdds a new audit hook callback."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::sys
