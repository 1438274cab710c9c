// stdlib/_functools/lru_cache.cpp — functools._lru_cache_wrapper, the engine of
// functools.lru_cache and functools.cache (CPython 3.14's Modules/_functoolsmodule.c behaviour).
//
// Keys follow CPython's _make_key: a lone exact int or str argument is its own key; otherwise a
// tuple of the positional arguments, then a unique marker and the keyword names and values, then
// (typed=True) the types of all argument values. Tuple keys are wrapped in a small hashed-key
// object that remembers the tuple's hash, so each call hashes its arguments exactly once.
//
// Three modes: maxsize=0 (no caching, only counts misses), maxsize=None (a plain dict of
// results) and bounded (a dict from key to a list link, plus a doubly linked list in recency
// order, least recent first).
//
// Thread safety: `cache` is a dict (its own locking) that is never replaced; `hits`/`misses` are
// atomic counters. The recency list is guarded by the wrapper's critical section, and in the
// bounded mode every insertion into or removal from `cache` happens inside that section together
// with the matching list update, so "linked" and "in the dict" agree. The user function is always
// called outside the section (as CPython's free-threaded build does), so two threads missing on
// the same key may both call it; the second result is returned but not stored.
#include <atomic>
#include <cstddef>
#include <utility>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/method.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"
#include "stdlib/_functools/functools.h"
#include "sync/critical_section.h"

namespace weft::functools {

Type LruCacheWrapperType;

namespace {

Type LruLinkType;   // functools._lru_list_elem: one cached result in the bounded mode
Type HashedKeyType; // functools._lru_key: a key tuple with its hash
Object KeywordMark; // separates positional from keyword arguments in key tuples

// ---- keys -----------------------------------------------------------------------------------

struct HashedKeyObject : Object {
  Object* items;  // owned tuple
  int64_t hash;
};

HashedKeyObject* as_hashed(Object* o) { return static_cast<HashedKeyObject*>(o); }

void hashed_dealloc(Object* self) {
  xdecref(as_hashed(self)->items);
  free_object(self);
}

void hashed_traverse(Object* self, VisitFn visit, void* arg) { visit(as_hashed(self)->items, arg); }

Result<int64_t> hashed_hash(Object* self) { return as_hashed(self)->hash; }

Result<Ref<Object>> hashed_richcompare(Object* a, Object* b, CompareOp op) {
  if (b->ob_type != &HashedKeyType) return new_ref(not_implemented());
  return rich_compare(as_hashed(a)->items, as_hashed(b)->items, op);
}

Result<Ref<Object>> make_key(Object* const* args, size_t nargs, Object* kwnames, bool typed) {
  size_t nkw = kwnames_count(kwnames);
  if (!typed && nkw == 0 && nargs == 1 && (is_int_exact(args[0]) || is_str_exact(args[0])))
    return new_ref(args[0]);
  size_t size = nargs + (nkw ? 1 + 2 * nkw : 0) + (typed ? nargs + nkw : 0);
  Ref<Object> items = TRY(tuple_new(static_cast<int64_t>(size)));
  int64_t k = 0;
  auto put = [&](Object* o) { tuple_init_item(items.get(), k++, new_ref(o)); };
  for (size_t i = 0; i < nargs; ++i) put(args[i]);
  if (nkw) {
    put(&KeywordMark);
    for (size_t i = 0; i < nkw; ++i) {
      put(tuple_item(kwnames, static_cast<int64_t>(i)));
      put(args[nargs + i]);
    }
  }
  if (typed) {
    for (size_t i = 0; i < nargs + nkw; ++i) put(reinterpret_cast<Object*>(args[i]->ob_type));
  }
  int64_t hash = TRY(object_hash(items.get()));
  Ref<HashedKeyObject> key = TRY(new_object<HashedKeyObject>(&HashedKeyType));
  key->items = items.release();
  key->hash = hash;
  return Ref<Object>(std::move(key));
}

// ---- the recency list -----------------------------------------------------------------------

struct LruLink;
struct ListNode {
  ListNode* prev = nullptr;  // both null while not linked
  ListNode* next = nullptr;
  LruLink* owner = nullptr;  // the link this node belongs to; null for the wrapper's root
};

struct LruLink : Object {
  ListNode node;
  Object* key;     // owned
  Object* result;  // owned
};

LruLink* as_link(Object* o) { return static_cast<LruLink*>(o); }

void link_dealloc(Object* self) {
  release_fields({as_link(self)->key, as_link(self)->result});
  free_object(self);
}

void link_traverse(Object* self, VisitFn visit, void* arg) {
  visit_fields({as_link(self)->key, as_link(self)->result}, visit, arg);
}

void list_unlink(ListNode* n) {
  n->prev->next = n->next;
  n->next->prev = n->prev;
  n->prev = n->next = nullptr;
}

void list_push_back(ListNode* root, ListNode* n) {
  n->prev = root->prev;
  n->next = root;
  root->prev->next = n;
  root->prev = n;
}

// ---- the wrapper ----------------------------------------------------------------------------

struct LruWrapperObject : Object {
  Object* func;             // owned
  Object* cache;            // owned dict, never replaced
  Object* cache_info_type;  // owned
  Object* dict;             // owned instance __dict__, or nullptr
  int64_t maxsize;          // -1: unbounded
  bool typed;
  std::atomic<int64_t> hits;
  std::atomic<int64_t> misses;
  ListNode root;            // guarded by the critical section; root.next is least recent
  Object* weaklist;         // weak references to this wrapper (objects/weakref.h)
};

LruWrapperObject* as_wrapper(Object* o) { return static_cast<LruWrapperObject*>(o); }

void count(std::atomic<int64_t>& counter) { counter.fetch_add(1, std::memory_order_relaxed); }

Result<Ref<Object>> lru_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kLru("lru_cache", "user_function maxsize typed cache_info_type");
  Object* a[4];
  TRY(kLru.parse(args, nargs, kwnames, a));
  if (!is_callable(a[0])) return raise(exc::TypeError, "the first argument must be callable");
  int64_t maxsize;
  if (is_none(a[1])) {
    maxsize = -1;
  } else if (is_int(a[1])) {
    maxsize = TRY(int_as_i64(a[1]));
    if (maxsize < 0) maxsize = 0;
  } else {
    return raise(exc::TypeError, "maxsize should be integer or None");
  }
  bool typed = TRY(object_is_true(a[2]));
  Ref<Object> cache = TRY(dict_new());
  Ref<LruWrapperObject> w = TRY(new_object<LruWrapperObject>(type, static_cast<size_t>(type->basicsize)));
  w->func = new_ref(a[0]).release();
  w->cache = cache.release();
  w->cache_info_type = new_ref(a[3]).release();
  w->maxsize = maxsize;
  w->typed = typed;
  w->root.prev = w->root.next = &w->root;
  return Ref<Object>(std::move(w));
}

void lru_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  LruWrapperObject* w = as_wrapper(self);
  release_fields({w->func, w->cache, w->cache_info_type, w->dict});
  free_object(self);
}

void lru_traverse(Object* self, VisitFn visit, void* arg) {
  LruWrapperObject* w = as_wrapper(self);
  visit_fields({w->func, w->cache, w->cache_info_type, w->dict}, visit, arg);
}

// Bounded mode, after a miss: stores `result` under `key` unless another thread did meanwhile,
// evicting the least recently used entry when full. The evicted link is handed back in *evicted
// so that it is released after the critical section.
Status bounded_store(Object* self, Object* key, Object* result, Ref<Object>* evicted) {
  LruWrapperObject* w = as_wrapper(self);
  Ref<LruLink> link = TRY(new_object<LruLink>(&LruLinkType));
  link->key = new_ref(key).release();
  link->result = new_ref(result).release();
  link->node.owner = link.get();
  sync::CriticalSection cs{self->ob_mutex};
  Ref<Object> existing;
  if (TRY(dict_get_item(w->cache, key, &existing))) return ok();
  if (dict_size(w->cache) >= w->maxsize && w->root.next != &w->root) {
    LruLink* oldest = w->root.next->owner;
    list_unlink(&oldest->node);
    TRY(dict_pop(w->cache, oldest->key, evicted));
  }
  TRY(dict_set_item(w->cache, key, link.get()));
  list_push_back(&w->root, &link->node);
  return ok();
}

Result<Ref<Object>> lru_call(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  LruWrapperObject* w = as_wrapper(self);
  if (w->maxsize == 0) {
    count(w->misses);
    return call(w->func, args, nargs, kwnames);
  }
  Ref<Object> key = TRY(make_key(args, nargs, kwnames, w->typed));
  Ref<Object> found;
  if (w->maxsize < 0) {
    if (TRY(dict_get_item(w->cache, key.get(), &found))) {
      count(w->hits);
      return found;
    }
    count(w->misses);
    Ref<Object> result = TRY(call(w->func, args, nargs, kwnames));
    TRY(dict_set_item(w->cache, key.get(), result.get()));
    return result;
  }
  if (TRY(dict_get_item(w->cache, key.get(), &found))) {
    LruLink* link = as_link(found.get());
    sync::CriticalSection cs{self->ob_mutex};
    if (link->node.prev) {  // still cached: make it the most recent
      list_unlink(&link->node);
      list_push_back(&w->root, &link->node);
      count(w->hits);
      return new_ref(link->result);
    }
  }
  count(w->misses);
  Ref<Object> result = TRY(call(w->func, args, nargs, kwnames));
  Ref<Object> evicted;
  TRY(bounded_store(self, key.get(), result.get(), &evicted));
  return result;
}

Result<Ref<Object>> lru_descr_get(Object* self, Object* obj, Object*) {
  if (!obj || is_none(obj)) return new_ref(self);
  return method_new(self, obj);
}

Result<Ref<Object>> lru_cache_info(Object* self, Object* const*, size_t, Object*) {
  LruWrapperObject* w = as_wrapper(self);
  Ref<Object> hits = TRY(int_from_i64(w->hits.load(std::memory_order_relaxed)));
  Ref<Object> misses = TRY(int_from_i64(w->misses.load(std::memory_order_relaxed)));
  Ref<Object> maxsize = w->maxsize < 0 ? new_none() : TRY(int_from_i64(w->maxsize));
  Ref<Object> currsize = TRY(int_from_i64(dict_size(w->cache)));
  Object* info_args[4] = {hits.get(), misses.get(), maxsize.get(), currsize.get()};
  return call(w->cache_info_type, info_args, 4);
}

Result<Ref<Object>> lru_cache_clear(Object* self, Object* const*, size_t, Object*) {
  LruWrapperObject* w = as_wrapper(self);
  sync::CriticalSection cs{self->ob_mutex};
  for (ListNode* n = w->root.next; n != &w->root;) {
    ListNode* next = n->next;
    n->prev = n->next = nullptr;
    n = next;
  }
  w->root.prev = w->root.next = &w->root;
  w->hits.store(0, std::memory_order_relaxed);
  w->misses.store(0, std::memory_order_relaxed);
  dict_clear(w->cache);
  return new_none();
}

Result<Ref<Object>> lru_reduce(Object* self, Object* const*, size_t, Object*) {
  return get_attr(self, "__qualname__");
}

Result<Ref<Object>> lru_copy(Object* self, Object* const*, size_t, Object*) { return new_ref(self); }

Result<Ref<Object>> lru_deepcopy(Object* self, Object* const*, size_t, Object*) {
  return new_ref(self);
}

const MethodDef kLruMethods[] = {
    {"cache_info", lru_cache_info, kMethNoArgs, "Report cache statistics"},
    {"cache_clear", lru_cache_clear, kMethNoArgs, "Clear the cache and cache statistics"},
    {"__reduce__", lru_reduce, kMethNoArgs, nullptr},
    {"__copy__", lru_copy, kMethNoArgs, nullptr},
    {"__deepcopy__", lru_deepcopy, kMethOneArg, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kLruGetSets[] = {
    {"__dict__", instance_dict_get, instance_dict_set, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_lru_types() {
  Type& t = LruCacheWrapperType;
  t.name = "functools._lru_cache_wrapper";
  t.doc = "Create a cached callable that wraps another function.\n\n"
          "user_function:      the function being cached\n\n"
          "maxsize:  0         for no caching\n"
          "          None      for unlimited cache size\n"
          "          n         for a bounded cache\n\n"
          "typed:    False     cache f(3) and f(3.0) as identical calls\n"
          "          True      cache f(3) and f(3.0) as distinct calls\n\n"
          "cache_info_type:    namedtuple class with the fields:\n"
          "                        hits misses currsize maxsize\n";
  t.basicsize = sizeof(LruWrapperObject);
  t.flags = kTypeHaveGc | kTypeMethodDescriptor | kTypeImmutable;
  t.dealloc = lru_dealloc;
  t.traverse = lru_traverse;
  t.call = lru_call;
  t.descr_get = lru_descr_get;
  t.new_ = lru_vnew;
  t.methods = kLruMethods;
  t.getsets = kLruGetSets;
  t.dictoffset = offsetof(LruWrapperObject, dict);
  t.weaklistoffset = offsetof(LruWrapperObject, weaklist);

  Type& l = LruLinkType;
  l.name = "functools._lru_list_elem";
  l.basicsize = sizeof(LruLink);
  l.flags = kTypeHaveGc | kTypeImmutable | kTypeDisallowInstantiation;
  l.dealloc = link_dealloc;
  l.traverse = link_traverse;

  Type& k = HashedKeyType;
  k.name = "functools._lru_key";
  k.basicsize = sizeof(HashedKeyObject);
  k.flags = kTypeHaveGc | kTypeImmutable | kTypeDisallowInstantiation;
  k.dealloc = hashed_dealloc;
  k.traverse = hashed_traverse;
  k.hash = hashed_hash;
  k.richcompare = hashed_richcompare;

  init_static_object(&KeywordMark, &ObjectType);
  return ok();
}

Status ready_lru_types() {
  for (Type* t : {&LruCacheWrapperType, &LruLinkType, &HashedKeyType}) TRY(type_ready(t));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_lru_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_lru_types);

}  // namespace

}  // namespace weft::functools
