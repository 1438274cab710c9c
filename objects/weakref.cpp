// objects/weakref.cpp — weakref.ref (ReferenceType), the per-object lists of weak references,
// and clearing them when the referent dies (objects/weakref.h).
//
// Design (CPython's free-threaded weakrefs, Objects/weakrefobject.c):
//  - A weak-referenceable object holds, at type->weaklistoffset, the head of a doubly-linked list
//    of its WeakrefObjects. Canonical refs and proxies (exact type, no callback) come first — at
//    most one of each, the ref before the proxy — then the others, newest first; callbacks run
//    in list order, so newest first, as in CPython.
//  - The list links and each WeakrefObject's `referent` and `callback` are guarded by one of
//    kNumStripes mutexes, chosen by the referent's address (the weakref remembers its stripe).
//    A stripe is held only for a few pointer operations: never across Python code, allocation
//    or a decref that could run a dealloc.
//  - Dereferencing locks the stripe and try-increfs the referent: that fails once its count has
//    reached zero (shared word kMerged), so a dying object is never resurrected; its memory stays
//    valid while we hold the stripe, because its dealloc clears its list under that same stripe
//    before freeing (and frees through QSBR, its shared word having left Init).
//  - Creating a weakref moves the referent (and the weakref itself, which other threads may
//    try-incref while reusing the canonical ref or running callbacks) to kMaybeWeakref, so
//    owners free them through the CAS path (objects/object.h).
//  - The list head is read without the stripe by has_weakrefs (atomic acquire; writers store
//    with release under the stripe), so an object without weakrefs pays one load at death.
//
// Death: the dealloc slot of every weak-referenceable type calls clear_weakrefs_on_dealloc()
// before releasing any field. It unlinks every weakref, nulls its referent, and — for those with
// a callback that are themselves alive — takes a reference, chaining them through their (now
// unused) wr_next link; then, with the stripe released, calls each callback once.
#include "objects/weakref.h"

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/container_common.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref_internal.h"

namespace weft {

Type WeakrefType;

namespace weakrefs {
namespace {

// A prime, as CPython's NUM_WEAKREF_LIST_LOCKS, so addresses spread over every stripe.
constexpr uintptr_t kNumStripes = 127;
sync::Mutex g_stripes[kNumStripes];

sync::Mutex* stripe_for(Object* referent) {
  return &g_stripes[reinterpret_cast<uintptr_t>(referent) % kNumStripes];
}

// Stripes are taken without detaching (CPython: _Py_LOCK_DONT_DETACH): their holders never
// block, and a thread parked on one must not let a stop-the-world run while the list it is
// about to read is half-edited by the collector.
class WEFT_SCOPED_CAPABILITY StripeLock {
 public:
  explicit StripeLock(sync::Mutex* m) WEFT_ACQUIRE(m) : m_(m) { m_->lock_without_detaching(); }
  ~StripeLock() WEFT_RELEASE() { m_->unlock(); }
  StripeLock(const StripeLock&) = delete;
  StripeLock& operator=(const StripeLock&) = delete;

 private:
  sync::Mutex* m_;
};

WeakrefObject** list_slot(Object* o) {
  return reinterpret_cast<WeakrefObject**>(reinterpret_cast<char*>(o) +
                                           type_of(o)->weaklistoffset);
}
WeakrefObject* load_head(Object* o) { return __atomic_load_n(list_slot(o), __ATOMIC_ACQUIRE); }
void store_head(Object* o, WeakrefObject* w) { __atomic_store_n(list_slot(o), w, __ATOMIC_RELEASE); }

// A new reference to `o` if it is still alive (CPython's _Py_TryIncref). `o`'s shared word has
// left Init (see the file comment), so a failed shared try means its count reached zero.
bool try_incref(Object* o) {
  return containers::try_incref_fast(o) || containers::try_incref_shared(o);
}

bool is_canonical_ref(const WeakrefObject* w) {
  return w->ob_type == &WeakrefType && w->callback == nullptr;
}
bool is_canonical_proxy(const WeakrefObject* w) { return is_proxy(w) && w->callback == nullptr; }
bool is_canonical(const WeakrefObject* w) { return is_canonical_ref(w) || is_canonical_proxy(w); }

// The existing canonical weakref of kind `t` to `o`, or nullptr. Stripe held.
WeakrefObject* find_canonical_locked(Object* o, Type* t) {
  for (WeakrefObject* w = load_head(o); w && is_canonical(w); w = w->wr_next) {
    if (t == &WeakrefType ? is_canonical_ref(w) : is_canonical_proxy(w)) return w;
  }
  return nullptr;
}

// Links `w` into `o`'s list at its place (see the file comment). Stripe held.
void link_locked(Object* o, WeakrefObject* w) {
  WeakrefObject* prev = nullptr;
  if (!is_canonical_ref(w)) {
    for (WeakrefObject* cur = load_head(o); cur && is_canonical(cur); cur = cur->wr_next) prev = cur;
  }
  WeakrefObject* next = prev ? prev->wr_next : load_head(o);
  w->wr_prev = prev;
  w->wr_next = next;
  if (next) next->wr_prev = w;
  if (prev) {
    prev->wr_next = w;
  } else {
    store_head(o, w);
  }
}

// Unlinks `w` from its referent's list and forgets the referent (the callback stays). Stripe
// held; w->referent is non-null.
void unlink_locked(WeakrefObject* w) {
  if (w->wr_prev) {
    w->wr_prev->wr_next = w->wr_next;
  } else {
    store_head(w->referent, w->wr_next);
  }
  if (w->wr_next) w->wr_next->wr_prev = w->wr_prev;
  w->wr_prev = w->wr_next = nullptr;
  w->referent = nullptr;
}

// Clears every weakref to `o` under its stripe and hands each live one that has a callback, as
// an owned reference, to `pending(WeakrefObject*)`. Weakrefs for which `skip` is true are
// cleared without being handed on.
template <class Skip, class Pending>
void clear_list(Object* o, Skip skip, Pending pending) {
  StripeLock lock(stripe_for(o));
  while (WeakrefObject* w = load_head(o)) {
    unlink_locked(w);
    if (w->callback && !skip(w) && try_incref(w)) pending(w);
  }
}

// --- the ref type --------------------------------------------------------------------------------

// ref.__new__(type, ob, callback=None): keywords are left to __init__, as in CPython.
Result<Ref<Object>> weakref_new_slot(Type* type, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("__new__", nargs, 1, 2));
  return new_weakref(type, args[0], nargs == 2 ? args[1] : nullptr);
}

Status weakref_init_slot(Object*, Object* const*, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("ref", kwnames));
  return args_check_positional("__init__", nargs, 1, 2);
}

Result<Ref<Object>> weakref_call(Object* self, Object* const*, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("weakref", kwnames));
  TRY(args_check_positional("weakref", nargs, 0, 0));
  Ref<Object> referent = weakref_get_referent(self);
  return referent ? std::move(referent) : new_none();
}

// The referent's hash, computed once and cached: dicts keyed by refs keep working after the
// referent dies (WeakKeyDictionary relies on it).
Result<int64_t> weakref_hash(Object* self) {
  WeakrefObject* w = as_weakref(self);
  int64_t cached = __atomic_load_n(&w->hash, __ATOMIC_RELAXED);
  if (cached != -1) return cached;
  Ref<Object> referent = weakref_get_referent(self);
  if (!referent) return raise(exc::TypeError, "weak object has gone away");
  int64_t h = TRY(object_hash(referent.get()));
  __atomic_store_n(&w->hash, h, __ATOMIC_RELAXED);
  return h;
}

// == and != compare the referents while both are alive, identity otherwise.
Result<Ref<Object>> weakref_richcompare(Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::Eq && op != CompareOp::Ne) || !is_weakref(a) || !is_weakref(b))
    return new_ref(not_implemented());
  Ref<Object> ra = weakref_get_referent(a);
  Ref<Object> rb = weakref_get_referent(b);
  if (!ra || !rb) return new_bool((a == b) == (op == CompareOp::Eq));
  return rich_compare(ra.get(), rb.get(), op);
}

Result<Ref<Object>> weakref_repr(Object* self) {
  Ref<Object> referent = weakref_get_referent(self);
  if (!referent) return weakref_repr_text("weakref", self, nullptr, "");
  static Object* const name_str = str_intern("__name__");
  Ref<Object> name;
  Result<bool> found = lookup_special(referent.get(), name_str, &name);
  if (found.is_error()) {
    if (!error_matches(exc::AttributeError)) return Error{};
    clear_error();
  } else if (found.value() && is_str(name.get())) {
    return weakref_repr_text("weakref", self, referent.get(),
                             " (" + str_to_std_string(name.get()) + ")");
  }
  return weakref_repr_text("weakref", self, referent.get(), "");
}

Result<Ref<Object>> get_callback(Object* self) {
  WeakrefObject* w = as_weakref(self);
  StripeLock lock(w->stripe);
  return w->callback ? new_ref(w->callback) : new_none();
}

const GetSetDef kWeakrefGetSets[] = {
    {"__callback__", get_callback, nullptr,
     "Callback function (or None) which is called when the referent dies"},
    {nullptr, nullptr, nullptr, nullptr},
};

const MethodDef kWeakrefMethods[] = {
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

Status fill_weakref_type() {
  Type& t = WeakrefType;
  t.name = "weakref.ReferenceType";
  t.doc = nullptr;
  t.basicsize = sizeof(WeakrefObject);
  t.flags = kTypeHaveGc | kTypeBaseType | kTypeImmutable;
  t.dealloc = weakref_dealloc;
  t.traverse = weakref_traverse;
  t.clear = weakref_clear;
  t.repr = weakref_repr;
  t.hash = weakref_hash;
  t.richcompare = weakref_richcompare;
  t.call = weakref_call;
  t.new_ = weakref_new_slot;
  t.init = weakref_init_slot;
  t.getsets = kWeakrefGetSets;
  t.methods = kWeakrefMethods;
  return ok();
}
Status ready_weakref_type() { return type_ready(&WeakrefType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_weakref_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_weakref_type);

}  // namespace

void weakref_clear(Object* self) {
  WeakrefObject* w = as_weakref(self);
  Object* callback;
  {
    StripeLock lock(w->stripe);
    if (w->referent) unlink_locked(w);
    callback = std::exchange(w->callback, nullptr);
  }
  xdecref(callback);
}

void weakref_dealloc(Object* self) {
  if (as_weakref(self)->stripe) weakref_clear(self);
  free_object(self);
}

void weakref_traverse(Object* self, VisitFn visit, void* arg) {
  if (Object* cb = as_weakref(self)->callback) visit(cb, arg);
}

Result<Ref<Object>> new_weakref(Type* t, Object* referent, Object* callback) {
  if (!type_supports_weakrefs(type_of(referent)))
    return raise(exc::TypeError, "cannot create weak reference to '{}' object",
                 type_name_of(referent));
  if (callback && is_none(callback)) callback = nullptr;
  bool may_reuse = callback == nullptr && (t == &WeakrefType || is_proxy_type(t));
  sync::Mutex* stripe = stripe_for(referent);
  if (may_reuse) {
    StripeLock lock(stripe);
    WeakrefObject* existing = find_canonical_locked(referent, t);
    if (existing && try_incref(existing)) return Ref<Object>::steal(existing);
  }
  // Allocated outside the stripe: allocation may raise, and dropping an unused one runs its
  // dealloc, which takes the stripe.
  Ref<WeakrefObject> w = TRY(new_object<WeakrefObject>(t, static_cast<size_t>(t->basicsize)));
  w->hash = -1;
  w->stripe = stripe;
  w->callback = callback ? new_ref(callback).release() : nullptr;
  containers::mark_maybe_weakref(w.get());
  containers::mark_maybe_weakref(referent);
  Ref<Object> found;
  {
    StripeLock lock(stripe);
    // Another thread may have created the canonical one meanwhile.
    WeakrefObject* existing = may_reuse ? find_canonical_locked(referent, t) : nullptr;
    if (existing && try_incref(existing)) {
      found = Ref<Object>::steal(existing);
    } else {
      w->referent = referent;
      link_locked(referent, w.get());
    }
  }
  if (found) return found;  // `w` is dropped here, without the stripe (see above)
  return Ref<Object>(std::move(w));
}

Result<Ref<Object>> proxy_referent(Object* proxy) {
  Ref<Object> referent = weakref_get_referent(proxy);
  if (!referent)
    return raise(exc::ReferenceError, "weakly-referenced object no longer exists");
  return referent;
}

Result<Ref<Object>> weakref_repr_text(const char* kind, Object* self, Object* referent,
                                      std::string_view name_suffix) {
  char buf[160];
  if (!referent) {
    std::snprintf(buf, sizeof buf, "<%s at %p; dead>", kind, static_cast<void*>(self));
    return str_from_ascii(buf);
  }
  std::snprintf(buf, sizeof buf, "<%s at %p; to '", kind, static_cast<void*>(self));
  std::string text = buf;
  text += type_name_of(referent);
  std::snprintf(buf, sizeof buf, "' at %p", static_cast<void*>(referent));
  text += buf;
  text += name_suffix;
  text += '>';
  return str_from_utf8(text);
}

}  // namespace weakrefs

using weakrefs::as_weakref;
using weakrefs::load_head;

bool has_weakrefs(Object* o) {
  return type_supports_weakrefs(type_of(o)) && load_head(o) != nullptr;
}

void clear_weakrefs_on_dealloc(Object* o) {
  if (!has_weakrefs(o)) return;
  WeakrefObject* first = nullptr;
  WeakrefObject* last = nullptr;
  weakrefs::clear_list(
      o, [](WeakrefObject*) { return false; },
      [&](WeakrefObject* w) {
        // Unlinked: wr_next is free to chain the pending callbacks, in list order.
        if (last) {
          last->wr_next = w;
        } else {
          first = w;
        }
        last = w;
      });
  if (!first) return;
  Ref<Object> saved = take_exception();  // a dealloc may run while an exception is pending
  while (first) {
    Ref<Object> w = Ref<Object>::steal(first);
    first = std::exchange(first->wr_next, nullptr);
    run_weakref_callback(w.get());
  }
  if (saved) set_exception(std::move(saved));
}

void clear_weakrefs_for_collect(Object* o, std::vector<Ref<Object>>& callbacks) {
  if (!has_weakrefs(o)) return;
  // Unreachable weakrefs get no callback (CPython: it could resurrect other garbage).
  auto unreachable = [](WeakrefObject* w) {
    return (w->ob_gc_bits.load(std::memory_order_relaxed) & kGcUnreachable) != 0;
  };
  weakrefs::clear_list(o, unreachable,
                       [&](WeakrefObject* w) { callbacks.push_back(Ref<Object>::steal(w)); });
}

void run_weakref_callback(Object* weakref) {
  WeakrefObject* w = as_weakref(weakref);
  Object* raw;
  {
    weakrefs::StripeLock lock(w->stripe);
    raw = std::exchange(w->callback, nullptr);
  }
  if (!raw) return;
  Ref<Object> callback = Ref<Object>::steal(raw);
  if (!call_one(callback.get(), weakref).is_error()) return;
  Ref<Object> pending = take_exception();
  Result<Ref<Object>> shown = object_repr(callback.get());
  std::string what = shown.is_error() ? "<callback>" : str_to_std_string(shown.value().get());
  clear_error();
  set_exception(std::move(pending));
  write_unraisable("Exception ignored while calling weakref callback " + what);
}

Result<Ref<Object>> weakref_new_ref(Object* referent, Object* callback) {
  return weakrefs::new_weakref(&WeakrefType, referent, callback);
}

Ref<Object> weakref_get_referent(Object* weakref) {
  WeakrefObject* w = as_weakref(weakref);
  weakrefs::StripeLock lock(w->stripe);
  Object* o = w->referent;
  if (!o || !weakrefs::try_incref(o)) return {};
  return Ref<Object>::steal(o);
}

Ref<Object> weakref_first(Object* o) {
  if (!type_supports_weakrefs(type_of(o))) return {};
  weakrefs::StripeLock lock(weakrefs::stripe_for(o));
  for (WeakrefObject* w = load_head(o); w; w = w->wr_next) {
    if (weakrefs::try_incref(w)) return Ref<Object>::steal(w);
  }
  return {};
}

int64_t weakref_count(Object* o) {
  if (!type_supports_weakrefs(type_of(o))) return 0;
  weakrefs::StripeLock lock(weakrefs::stripe_for(o));
  int64_t n = 0;
  for (WeakrefObject* w = load_head(o); w; w = w->wr_next) ++n;
  return n;
}

Result<Ref<Object>> weakref_list(Object* o) {
  Ref<Object> result = TRY(list_new());
  if (!type_supports_weakrefs(type_of(o))) return result;
  // References are taken under the stripe into storage reserved before it (no allocation, hence
  // no decref, while it is held); weakrefs added meanwhile are left out.
  int64_t n = weakref_count(o);
  std::vector<Ref<Object>> refs;
  refs.reserve(static_cast<size_t>(n));
  {
    weakrefs::StripeLock lock(weakrefs::stripe_for(o));
    for (WeakrefObject* w = load_head(o); w && refs.size() < refs.capacity(); w = w->wr_next) {
      if (weakrefs::try_incref(w)) refs.push_back(Ref<Object>::steal(w));
    }
  }
  for (Ref<Object>& r : refs) TRY(list_append(result.get(), r.get()));
  return result;
}

}  // namespace weft
