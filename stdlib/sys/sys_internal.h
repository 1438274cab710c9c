// stdlib/sys/sys_internal.h — how sys_module.cpp assembles the module from its theme files.
#pragma once

#include "objects/type.h"

namespace weft::sys {

// sys_hooks.cpp: displayhook, excepthook (and their __dunder__ originals are added by
// add_hook_originals once the functions are in the module).
extern const MethodDef kHookFunctions[];
Status add_hook_originals(Object* sys_module);

// sys_introspection.cpp: _getframe, _getframemodulename, getsizeof, _is_immortal, _is_interned,
// _is_gil_enabled, switch interval, int max str digits, call_tracing, cache clearing.
extern const MethodDef kIntrospectionFunctions[];
// sys.stdlib_module_names (frozenset of CPython 3.14's list).
Result<Ref<Object>> stdlib_module_names();

// sys_audit.cpp: audit, addaudithook (PEP 578).
extern const MethodDef kAuditFunctions[];

// sys_async.cpp: set/get_asyncgen_hooks, set/get_coroutine_origin_tracking_depth.
extern const MethodDef kAsyncFunctions[];

// sys_records.cpp: version_info (major.minor.micro 'final' 0), flags, float_info, int_info,
// hash_info, thread_info: struct sequences (objects/structseq.h) added to the module.
Status add_records(Object* sys_module, int major, int minor, int micro);

}  // namespace weft::sys
