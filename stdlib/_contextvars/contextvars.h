// stdlib/_contextvars/contextvars.h — the pieces of `_contextvars` that its files share.
//
// Design (CPython's Python/context.c semantics, a simpler store): a Context maps ContextVars to
// values through a dict that is never mutated once published. ContextVar.set() copies the dict,
// changes the copy and publishes it, so copy_context() is O(1) (the copy shares the dict) and a
// set is O(n) in the number of variables of that context (CPython's HAMT makes it O(log n)).
#pragma once

#include <atomic>

#include "objects/type.h"

namespace weft::contextvars {

struct ContextObject : Object {
  Object* vars;                // owned dict, immutable once published; guarded by ob_mutex
  Object* prev;                // owned: the context that was current before this one was entered
  std::atomic<bool> entered;   // set while some thread runs inside this context
};

extern Type ContextType;     // _contextvars.Context
extern Type ContextVarType;  // _contextvars.ContextVar
extern Type TokenType;       // _contextvars.Token

inline bool is_context_var(const Object* o) { return o->ob_type == &ContextVarType; }

// The calling thread's current context, created (empty) on first use.
Result<Ref<Object>> current_context();
// The vars dict of `ctx` (a new reference to the published snapshot).
Ref<Object> context_vars(Object* ctx);
// Publishes a new vars dict for `ctx` (which the calling thread has entered or owns as current).
void context_publish_vars(Object* ctx, Ref<Object> vars);
// A new context sharing `vars` (a published snapshot).
Result<Ref<Object>> context_new_with_vars(Object* vars);

}  // namespace weft::contextvars
