// objects/weakref.h — weak references (weakref.ref, weakref.proxy) and the hooks that clear them
// when their referent dies (objects/weakref.cpp, objects/weakref_proxy.cpp).
//
// Layout: a weak-referenceable object has a pointer slot at type->weaklistoffset holding the head
// of a doubly-linked list of the WeakrefObjects pointing at it (newest first). The list and every
// WeakrefObject's `referent` pointer are read and written only under the striped mutex chosen by
// the referent's address (CPython's free-threaded design), so a thread calling a ref while
// another drops the last reference to its referent either gets a strong reference (a try-incref
// that succeeded before the count reached zero) or None — never freed memory.
//
// An object that gets a weakref is moved to the kMaybeWeakref shared state (objects/object.h) so
// its owner frees it through the CAS path and its memory through QSBR.
#pragma once

#include <vector>

#include "objects/ref.h"
#include "objects/type.h"
#include "sync/mutex.h"

namespace weft {

extern Type WeakrefType;            // weakref.ReferenceType (subclassable)
extern Type WeakProxyType;          // weakref.ProxyType
extern Type WeakCallableProxyType;  // weakref.CallableProxyType

// A weak reference (ref, proxy or callable proxy). Fields below `referent` are guarded by the
// referent's stripe lock while `referent` is non-null.
struct WeakrefObject : Object {
  Object* referent;         // borrowed; nullptr once the referent died (guarded by its stripe)
  Object* callback;         // owned, or nullptr
  int64_t hash;             // cached referent hash; -1 = not computed yet
  WeakrefObject* wr_prev;   // the referent's list (guarded by the stripe)
  WeakrefObject* wr_next;
  sync::Mutex* stripe;      // the referent's stripe lock, fixed at creation
};

// True if instances of `t` may be weakly referenced.
inline bool type_supports_weakrefs(const Type* t) { return t->weaklistoffset != 0; }

// True if `o` has at least one live weak reference.
bool has_weakrefs(Object* o);

// Called by the dealloc path when o's refcount reached zero: clears every weakref to o and
// runs their callbacks.
void clear_weakrefs_on_dealloc(Object* o);

// For the collector (world stopped): clears every weakref to o without calling anything and
// appends to `callbacks` (owned refs) the weakrefs whose callbacks must run after the world
// restarts. Weakrefs marked kGcUnreachable get no callback (CPython's rule); they stay valid
// objects, and their own clear slot (or dealloc) finishes them.
void clear_weakrefs_for_collect(Object* o, std::vector<Ref<Object>>& callbacks);

// Calls the weakref's callback with the ref as argument, at most once (the callback is taken
// out of the weakref first); an exception is reported through the unraisable hook
// ("Exception ignored while calling weakref callback <cb>"). The caller keeps any pending
// exception aside (clear_weakrefs_on_dealloc does).
void run_weakref_callback(Object* weakref);

// weakref.ref(o, callback) / weakref.proxy(o, callback); callback may be nullptr or None.
Result<Ref<Object>> weakref_new_ref(Object* referent, Object* callback);
Result<Ref<Object>> weakref_new_proxy(Object* referent, Object* callback);

// The referent of a ref or proxy as a strong reference, or null when it is dead (never an error).
Ref<Object> weakref_get_referent(Object* weakref);

// The first weak reference to `o` in its list (obj.__weakref__), or null.
Ref<Object> weakref_first(Object* o);

// The number of weak references (and proxies) to `o`, and a new list of them.
int64_t weakref_count(Object* o);
Result<Ref<Object>> weakref_list(Object* o);

}  // namespace weft
