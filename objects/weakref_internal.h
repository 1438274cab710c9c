// objects/weakref_internal.h — what weakref.cpp shares with weakref_proxy.cpp and the _weakref
// module: the referent accessors and the common constructor. Not for other files.
#pragma once

#include <string_view>

#include "objects/weakref.h"

namespace weft::weakrefs {

inline WeakrefObject* as_weakref(Object* o) { return static_cast<WeakrefObject*>(o); }

inline bool is_ref(const Object* o) { return is_instance_of(o, &WeakrefType); }
inline bool is_proxy_type(const Type* t) {
  return t == &WeakProxyType || t == &WeakCallableProxyType;
}
inline bool is_proxy(const Object* o) { return is_proxy_type(o->ob_type); }
// Any weak reference object (PyWeakref_Check).
inline bool is_weakref(const Object* o) { return is_ref(o) || is_proxy(o); }

// The slots ref and proxy types share: unlink from the referent's list and drop the callback.
void weakref_clear(Object* self);
void weakref_dealloc(Object* self);
void weakref_traverse(Object* self, VisitFn visit, void* arg);

// Creates a weak reference of type `t` (WeakrefType or a subclass, or a proxy type) to
// `referent`. Without a callback, an exact ref or proxy reuses the existing one (CPython's rule).
Result<Ref<Object>> new_weakref(Type* t, Object* referent, Object* callback /*nullable*/);

// The proxy's referent, or ReferenceError("weakly-referenced object no longer exists").
Result<Ref<Object>> proxy_referent(Object* proxy);

// Writes "<{kind} at 0x..; to '{type}' at 0x..{suffix}>" or "<{kind} at 0x..; dead>".
Result<Ref<Object>> weakref_repr_text(const char* kind, Object* self, Object* referent,
                                      std::string_view name_suffix /*"" or " (name)"*/);

}  // namespace weft::weakrefs
