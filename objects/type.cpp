// objects/type.cpp — readying types, subtype checks, and the MRO lookup with its attribute cache.
//
// type_ready() completes a type: header, default base `object`, bases/MRO tuples, the __dict__
// built from the method/member/getset tables and from the type's own slots (wrapper
// descriptors), slot inheritance from the base, and the fast-subclass flag bits.
//
// Attribute cache (DESIGN §5, CPython's type cache): a global direct-mapped table of
// (version tag, name) -> value entries. A type's version tag is 0 when unassigned/invalid;
// type_lookup() gives it a fresh tag (CAS from 0, tags are never reused) before walking the MRO
// and records the result under the tag it read first. type_modified() runs after a type's dict
// changed and zeroes the tag of the type and all its subclasses, so an entry recorded during a
// concurrent modification can never match again. Each entry is a small seqlock: writers make
// the sequence odd with a CAS (a writer that loses simply does not cache), readers retry-free
// check that the sequence was even and unchanged around their reads. All fields are atomics, so
// there are no data races. The cached value is borrowed from the type's dict; as in CPython the
// values found there (functions, descriptors) are deferred-refcounted or immortal, which keeps
// a just-replaced value alive until the reader takes its reference.
//
// The subclass registry (for type_modified and __subclasses__) is a side table guarded by
// g_type_mutex rather than the Type::subclasses field: entries are weak (removed when a heap type
// dies) and must not keep subclasses alive.
#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object_impl.h"
#include "objects/slot_defs.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "sync/mutex.h"

namespace weft {

namespace {

sync::Mutex g_type_mutex;  // guards g_subclasses
std::unordered_map<const Type*, std::vector<Type*>>& subclass_table() {
  static auto* table = new std::unordered_map<const Type*, std::vector<Type*>>();
  return *table;
}

std::atomic<uint32_t> g_next_version_tag{1};

struct CacheEntry {
  std::atomic<uint32_t> sequence{0};  // odd while a writer fills the entry
  std::atomic<uint32_t> version{0};
  std::atomic<Object*> name{nullptr};
  std::atomic<Object*> value{nullptr};
};
constexpr size_t kCacheBits = 12;
constexpr size_t kCacheSize = size_t{1} << kCacheBits;
CacheEntry g_cache[kCacheSize];

size_t cache_index(uint32_t version, Object* name) {
  uintptr_t h = reinterpret_cast<uintptr_t>(name) >> 3;
  return (static_cast<size_t>(version) ^ static_cast<size_t>(h) ^ static_cast<size_t>(h >> kCacheBits)) &
         (kCacheSize - 1);
}

uint32_t assign_version_tag(Type* t) {
  uint32_t v = t->version_tag.load(std::memory_order_acquire);
  if (v != 0) return v;
  uint32_t fresh = g_next_version_tag.fetch_add(1, std::memory_order_relaxed);
  if (fresh == 0) return 0;  // exhausted after 4 billion modifications: stop caching
  if (t->version_tag.compare_exchange_strong(v, fresh, std::memory_order_acq_rel)) return fresh;
  return v;
}

Object* lookup_uncached(Type* t, Object* name) {
  Object* mro = t->mro;
  if (!mro) {
    // Not ready yet (during type_ready of a static type): walk the base chain.
    for (Type* b = t; b; b = b->base) {
      if (!b->dict) continue;
      Ref<Object> v;
      Result<bool> found = dict_get_item_str(b->dict, name, &v);
      if (found.is_error()) {
        clear_error();
        continue;
      }
      if (found.value()) return v.get();  // borrowed: the dict keeps it alive
    }
    return nullptr;
  }
  int64_t n = tuple_size(mro);
  for (int64_t i = 0; i < n; ++i) {
    Type* b = reinterpret_cast<Type*>(tuple_item(mro, i));
    if (!b->dict) continue;
    Ref<Object> v;
    Result<bool> found = dict_get_item_str(b->dict, name, &v);
    if (found.is_error()) {
      clear_error();
      continue;
    }
    if (found.value()) return v.get();
  }
  return nullptr;
}

}  // namespace

Object* type_lookup(Type* t, Object* name) {
  uint32_t version = assign_version_tag(t);
  if (version != 0 && is_str_exact(name)) {
    CacheEntry& e = g_cache[cache_index(version, name)];
    uint32_t seq = e.sequence.load(std::memory_order_acquire);
    if ((seq & 1) == 0) {
      uint32_t ev = e.version.load(std::memory_order_relaxed);
      Object* en = e.name.load(std::memory_order_relaxed);
      Object* value = e.value.load(std::memory_order_relaxed);
      std::atomic_thread_fence(std::memory_order_acquire);
      if (e.sequence.load(std::memory_order_relaxed) == seq && ev == version && en == name)
        return value;
    }
  }
  Object* value = lookup_uncached(t, name);
  if (version != 0 && is_str_exact(name) && is_immortal(name)) {
    // Only interned (immortal) names are cached: the entry compares names by address and must
    // not hold a dangling pointer.
    CacheEntry& e = g_cache[cache_index(version, name)];
    uint32_t seq = e.sequence.load(std::memory_order_relaxed);
    if ((seq & 1) == 0 &&
        e.sequence.compare_exchange_strong(seq, seq + 1, std::memory_order_acquire)) {
      e.version.store(version, std::memory_order_relaxed);
      e.name.store(name, std::memory_order_relaxed);
      e.value.store(value, std::memory_order_relaxed);
      e.sequence.store(seq + 2, std::memory_order_release);
    }
  }
  return value;
}

void type_modified(Type* t) {
  std::vector<Type*> work{t};
  sync::MutexLock lock(g_type_mutex);
  while (!work.empty()) {
    Type* cur = work.back();
    work.pop_back();
    cur->version_tag.store(0, std::memory_order_release);
    auto it = subclass_table().find(cur);
    if (it != subclass_table().end()) work.insert(work.end(), it->second.begin(), it->second.end());
  }
}

void register_subclass(Type* base, Type* sub) {
  sync::MutexLock lock(g_type_mutex);
  subclass_table()[base].push_back(sub);
}

void unregister_subclass(Type* base, Type* sub) {
  sync::MutexLock lock(g_type_mutex);
  auto it = subclass_table().find(base);
  if (it == subclass_table().end()) return;
  auto& v = it->second;
  v.erase(std::remove(v.begin(), v.end(), sub), v.end());
  if (v.empty()) subclass_table().erase(it);
}

Result<Ref<Object>> type_subclasses_list(Type* t) {
  std::vector<Type*> subs;
  {
    sync::MutexLock lock(g_type_mutex);
    auto it = subclass_table().find(t);
    if (it != subclass_table().end()) {
      // A class the collector found unreachable stays registered until its clear runs, after
      // the world restarts; like CPython's weak subclass entries, it is already gone.
      for (Type* s : it->second) {
        if (s->ob_gc_bits.load(std::memory_order_relaxed) & kGcUnreachable) continue;
        subs.push_back(s);
      }
    }
    // Take references while the registry still guarantees the subclasses are alive.
    for (Type* s : subs) incref(reinterpret_cast<Object*>(s));
  }
  Result<Ref<Object>> made = list_new(0);
  bool failed = made.is_error();
  for (Type* s : subs) {
    if (!failed) failed = list_append(made.value().get(), reinterpret_cast<Object*>(s)).is_error();
    decref(reinterpret_cast<Object*>(s));
  }
  if (failed) return Error{};
  return made;
}

bool type_is_subtype(const Type* sub, const Type* base) {
  if (sub == base) return true;
  Object* mro = sub->mro;
  if (mro) {
    int64_t n = tuple_size(mro);
    Object* const* items = tuple_items(mro);
    for (int64_t i = 0; i < n; ++i)
      if (items[i] == reinterpret_cast<const Object*>(base)) return true;
    return false;
  }
  // Not ready yet: follow the base chain (what CPython's type_is_subtype_base_chain does).
  for (const Type* t = sub->base; t; t = t->base)
    if (t == base) return true;
  return base == &ObjectType;
}

const char* type_short_name(const Type* t) {
  if (type_has_flag(t, kTypeHeap)) return t->name;
  const char* dot = std::strrchr(t->name, '.');
  return dot ? dot + 1 : t->name;
}

// --- type_ready -----------------------------------------------------------------------------

namespace {

// Copies the base's slot into `t` where `t` left it empty.
template <class F>
void inherit(F& mine, F theirs) {
  if (!mine) mine = theirs;
}

void inherit_slots(Type* t, Type* b) {
  // Number, sequence and mapping tables: slot by slot.
  auto inherit_table = [](auto& mine, const auto& theirs) {
    using Table = std::remove_reference_t<decltype(mine)>;
    constexpr size_t n = sizeof(Table) / sizeof(void*);
    static_assert(sizeof(Table) == n * sizeof(void*));
    void** m = reinterpret_cast<void**>(&mine);
    void* const* o = reinterpret_cast<void* const*>(&theirs);
    for (size_t i = 0; i < n; ++i)
      if (!m[i]) m[i] = o[i];
  };
  inherit_table(t->number, b->number);
  inherit_table(t->sequence, b->sequence);
  inherit_table(t->mapping, b->mapping);
  inherit(t->dealloc, b->dealloc);
  inherit(t->repr, b->repr);
  inherit(t->str, b->str);
  // __hash__ and rich comparison are inherited together: a type that defines one of them
  // keeps its own pair (CPython's inherit_slots rule).
  if (!t->richcompare && !t->hash) {
    t->richcompare = b->richcompare;
    t->hash = b->hash;
  }
  inherit(t->getattro, b->getattro);
  inherit(t->setattro, b->setattro);
  inherit(t->call, b->call);
  inherit(t->iter, b->iter);
  inherit(t->iternext, b->iternext);
  inherit(t->descr_get, b->descr_get);
  inherit(t->descr_set, b->descr_set);
  inherit(t->init, b->init);
  inherit(t->traverse, b->traverse);
  inherit(t->clear, b->clear);
  if (t->basicsize == 0) t->basicsize = b->basicsize;
  if (t->itemsize == 0) t->itemsize = b->itemsize;
  if (t->dictoffset == 0) t->dictoffset = b->dictoffset;
  if (t->weaklistoffset == 0) t->weaklistoffset = b->weaklistoffset;
  t->flags |= b->flags & (kTypeHaveGc | kTypeManagedDict | kTypeSequence | kTypeMapping |
                          kTypeMethodDescriptor);
}

// The fast-subclass bits from the MRO (CPython's inherit_special).
void set_subclass_flags(Type* t) {
  if (t->base) {
    t->flags |= t->base->flags & (kTypeLongSubclass | kTypeListSubclass | kTypeTupleSubclass |
                                  kTypeBytesSubclass | kTypeUnicodeSubclass | kTypeDictSubclass |
                                  kTypeBaseExcSubclass | kTypeTypeSubclass);
  }
  if (t == &TypeType) t->flags |= kTypeTypeSubclass;
}

Status add_method_table(Type* t) {
  for (const MethodDef* m = t->methods; m && m->name; ++m) {
    Object* name = str_intern(m->name);
    bool present = TRY(dict_contains(t->dict, name));
    if (present) continue;  // an explicit entry wins (e.g. a slot wrapper added by hand)
    Ref<Object> descr;
    if (m->flags & kMethClass) {
      descr = TRY(classmethod_descriptor_new(t, m));
    } else if (m->flags & kMethStatic) {
      Ref<Object> fn = TRY(builtin_function_new(m, nullptr, nullptr));
      descr = TRY(staticmethod_new(fn.get()));
    } else {
      descr = TRY(method_descriptor_new(t, m));
    }
    // A static type's methods live as long as the process; immortal, `items.append(x)` on N
    // threads loads and calls list.append without contending on one reference count.
    if (t->ob_flags & kStaticallyAllocated) gc::set_immortal(descr.get());
    TRY(dict_set_item(t->dict, name, descr.get()));
  }
  for (const MemberDef* m = t->members; m && m->name; ++m) {
    Ref<Object> descr = TRY(member_descriptor_new(t, m));
    TRY(dict_set_item(t->dict, str_intern(m->name), descr.get()));
  }
  for (const GetSetDef* g = t->getsets; g && g->name; ++g) {
    Ref<Object> descr = TRY(getset_descriptor_new(t, g));
    TRY(dict_set_item(t->dict, str_intern(g->name), descr.get()));
  }
  return ok();
}

}  // namespace

void type_inherit_from(Type* t, Type* base) {
  set_subclass_flags(t);
  inherit_slots(t, base);
}

Status type_ready(Type* t) {
  if (t->mro) return ok();  // already ready
  if (!t->ob_type) init_static_object(t, &TypeType);
  if (!t->base && t != &ObjectType) t->base = &ObjectType;
  if (t->base) TRY(type_ready(t->base));
  if (t->base && t->base->ob_type != &TypeType && t->ob_type == &TypeType) {
    t->ob_type = t->base->ob_type;  // a static type inherits its base's metatype
  }

  if (!t->dict) t->dict = TRY(dict_new()).release();
  TRY(add_method_table(t));
  TRY(add_slot_wrappers(t));  // before inheritance: only the slots t fills itself
  if (t->new_) TRY(add_tp_new_wrapper(t));  // only a __new__ of its own, as in CPython
  bool has_doc = TRY(dict_contains(t->dict, str_intern("__doc__")));
  if (!has_doc) {
    if (t->doc) {
      Ref<Object> doc = TRY(str_from_utf8(t->doc));
      TRY(dict_set_item(t->dict, str_intern("__doc__"), doc.get()));
    } else {
      TRY(dict_set_item(t->dict, str_intern("__doc__"), none()));
    }
  }

  if (!t->bases) {
    t->bases = t->base ? TRY(tuple_pack({reinterpret_cast<Object*>(t->base)})).release()
                       : TRY(tuple_new(0)).release();
  }
  // Static types have a single base: the MRO is the type followed by its base's MRO.
  if (t->base) {
    Object* bmro = t->base->mro;
    int64_t n = tuple_size(bmro);
    Ref<Object> mro = TRY(tuple_new(n + 1));
    tuple_init_item(mro.get(), 0, new_ref(reinterpret_cast<Object*>(t)));
    for (int64_t i = 0; i < n; ++i) tuple_init_item(mro.get(), i + 1, new_ref(tuple_item(bmro, i)));
    set_subclass_flags(t);
    inherit_slots(t, t->base);
    // A type without its own __hash__ that defines __eq__ only is unhashable (heap types get
    // this rule in type_new; static types declare hash_not_implemented themselves).
    t->mro = mro.release();
    register_subclass(t->base, t);
  } else {
    t->mro = TRY(tuple_pack({reinterpret_cast<Object*>(t)})).release();
  }
  if (t->hash == hash_not_implemented) {
    bool has_hash = TRY(dict_contains(t->dict, str_intern("__hash__")));
    if (!has_hash) TRY(dict_set_item(t->dict, str_intern("__hash__"), none()));
  }
  if (t->new_ == nullptr && t->base) {
    // A static type derived directly from object without a constructor of its own cannot be
    // instantiated ("cannot create 'X' instances"); others inherit their base's.
    if (t->base == &ObjectType) {
      t->flags |= kTypeDisallowInstantiation;
    } else if (!type_has_flag(t, kTypeDisallowInstantiation)) {
      t->new_ = t->base->new_;
    }
  }
  return ok();
}

}  // namespace weft
