// objects/dict_methods.cpp — the dict type: slots, methods, update/merge entry points and the
// dict iterators.
//
// All table access goes through the primitives of dict.cpp (dict_internal.h), which own the
// locking rules. Iterators keep their position in an atomic and advance it with a CAS, so an
// iterator shared between threads hands out each entry at most once and never races.
#include <limits>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/container_common.h"
#include "objects/generic_alias.h"
#include "objects/repr_guard.h"
#include "objects/dict.h"
#include "objects/dict_internal.h"
#include "objects/dict_views.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"

namespace weft {

Type DictKeyIterType, DictValueIterType, DictItemIterType;
Type DictRevKeyIterType, DictRevValueIterType, DictRevItemIterType;

using namespace dict_detail;

namespace {

// d.update(seq) where seq yields pairs.
Status merge_from_pairs(Object* d, Object* seq) {
  Ref<Object> it = TRY(get_iter(seq));
  for (int64_t index = 0;; ++index) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) break;
    Ref<Object> item = next.release_value();
    Result<Ref<Object>> pair = tuple_from_iterable(item.get());
    if (pair.is_error()) {
      if (error_matches(exc::TypeError)) {
        clear_error();
        return raise(exc::TypeError, "object is not iterable");
      }
      return Error{};
    }
    Object* p = pair.value().get();
    if (tuple_size(p) != 2)
      return raise(exc::ValueError,
                   "dictionary update sequence element #{} has length {}; 2 is required", index,
                   tuple_size(p));
    TRY(dict_set_item(d, tuple_item(p, 0), tuple_item(p, 1)));
  }
  return ok();
}

}  // namespace

Status dict_update(Object* d, Object* other) {
  if (is_dict(other)) return dict_merge(d, other, true);
  Ref<Object> keys;
  if (TRY(lookup_attr(other, str_intern("keys"), &keys))) return dict_merge(d, other, true);
  return merge_from_pairs(d, other);
}

namespace {

// Applies the keyword arguments of a vector call as d[name] = value.
Status update_from_keywords(Object* d, Object* const* args, size_t nargs, Object* kwnames) {
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; ++i)
    TRY(dict_set_item(d, tuple_item(kwnames, static_cast<int64_t>(i)), args[nargs + i]));
  return ok();
}

void dict_dealloc(Object* self) {
  DictKeys* k = as_dict(self)->keys.load(std::memory_order_relaxed);
  if (k) {
    DictEntry* entries = k->entries();
    for (int64_t i = 0; i < k->nentries; ++i) {
      xdecref(entries[i].key.load(std::memory_order_relaxed));
      xdecref(entries[i].value.load(std::memory_order_relaxed));
    }
    if (containers::is_shared(self)) gc::free_delayed(k); else gc::raw_free(k);
  }
  free_object(self);
}

void dict_traverse(Object* self, VisitFn visit, void* arg) {
  DictKeys* k = as_dict(self)->keys.load(std::memory_order_relaxed);
  if (!k) return;
  DictEntry* entries = k->entries();
  for (int64_t i = 0; i < k->nentries; ++i) {
    Object* key = entries[i].key.load(std::memory_order_relaxed);
    if (!key) continue;
    visit(key, arg);
    visit(entries[i].value.load(std::memory_order_relaxed), arg);
  }
}

Result<Ref<Object>> dict_repr(Object* self) {
  if (dict_size(self) == 0) return str_from_ascii("{}");
  ReprGuard guard(self);
  if (guard.is_recursive()) return str_from_ascii("{...}");
  StrBuilder out;
  out.append_ascii("{");
  int64_t pos = 0;
  bool first = true;
  Ref<Object> key, value;
  while (next_entry(self, &pos, &key, &value)) {
    if (!first) out.append_ascii(", ");
    first = false;
    Ref<Object> kr = TRY(object_repr(key.get()));
    out.append_str(kr.get());
    out.append_ascii(": ");
    Ref<Object> vr = TRY(object_repr(value.get()));
    out.append_str(vr.get());
  }
  out.append_ascii("}");
  return out.finish();
}

Result<int64_t> dict_length(Object* self) { return dict_size(self); }

Result<bool> dict_contains_slot(Object* self, Object* key) { return dict_contains(self, key); }

Result<Ref<Object>> dict_subscript(Object* self, Object* key) {
  int64_t hash = TRY(key_hash(key));
  Ref<Object> value;
  if (TRY(lookup(self, key, hash, &value))) return value;
  if (!is_dict_exact(self)) {
    Ref<Object> missing;
    if (TRY(lookup_special(self, str_intern("__missing__"), &missing)))
      return call_one(missing.get(), key);
  }
  return raise_with_value(exc::KeyError, key);
}

Status dict_ass_subscript(Object* self, Object* key, Object* value) {
  if (value) return dict_set_item(self, key, value);
  return dict_del_item(self, key);
}

// a == b for two dicts: same size and every key of a maps to an equal value in b.
Result<bool> dicts_equal(Object* a, Object* b) {
  if (dict_size(a) != dict_size(b)) return false;
  int64_t pos = 0;
  Ref<Object> key, value;
  while (next_entry(a, &pos, &key, &value)) {
    Ref<Object> other;
    if (!TRY(dict_get_item(b, key.get(), &other))) return false;
    if (other.get() != value.get() && !TRY(objects_equal(value.get(), other.get()))) return false;
  }
  return true;
}

Result<Ref<Object>> dict_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_dict(b) || (op != CompareOp::Eq && op != CompareOp::Ne))
    return new_ref(not_implemented());
  bool eq = TRY(dicts_equal(a, b));
  return new_bool(op == CompareOp::Eq ? eq : !eq);
}

Result<Ref<Object>> dict_or(Object* a, Object* b) {
  if (!is_dict(a) || !is_dict(b)) return new_ref(not_implemented());
  Ref<Object> out = TRY(dict_copy(a));
  TRY(dict_merge(out.get(), b, true));
  return out;
}

Result<Ref<Object>> dict_ior(Object* a, Object* b) {
  TRY(dict_update(a, b));
  return new_ref(a);
}

Result<Ref<Object>> dict_vnew(Type* type, Object* const*, size_t, Object*) {
  return dict_detail::alloc(type);
}

Status dict_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_check_positional("dict", nargs, 0, 1));
  if (nargs) TRY(dict_update(self, args[0]));
  return update_from_keywords(self, args, nargs, kwnames);
}

// --- methods -------------------------------------------------------------------------------------

Result<Ref<Object>> m_get(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("get", nargs, kwnames, 1, 2));
  Ref<Object> value;
  if (TRY(dict_get_item(self, args[0], &value))) return value;
  return new_ref(nargs > 1 ? args[1] : none());
}

Result<Ref<Object>> m_setdefault(Object* self, Object* const* args, size_t nargs,
                                 Object* kwnames) {
  TRY(args_positional_only("setdefault", nargs, kwnames, 1, 2));
  int64_t hash = TRY(key_hash(args[0]));
  return set_default(self, args[0], hash, nargs > 1 ? args[1] : none());
}

Result<Ref<Object>> m_pop(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("pop", nargs, kwnames, 1, 2));
  Ref<Object> value;
  if (TRY(dict_pop(self, args[0], &value))) return value;
  if (nargs > 1) return new_ref(args[1]);
  return raise_with_value(exc::KeyError, args[0]);
}

Result<Ref<Object>> m_popitem(Object* self, Object* const*, size_t, Object*) {
  return pop_last_item(self);
}

Result<Ref<Object>> m_keys(Object* self, Object* const*, size_t, Object*) {
  return dict_view_new(&DictKeysType, self);
}
Result<Ref<Object>> m_values(Object* self, Object* const*, size_t, Object*) {
  return dict_view_new(&DictValuesType, self);
}
Result<Ref<Object>> m_items(Object* self, Object* const*, size_t, Object*) {
  return dict_view_new(&DictItemsType, self);
}

Result<Ref<Object>> m_update(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_check_positional("update", nargs, 0, 1));
  if (nargs) TRY(dict_update(self, args[0]));
  TRY(update_from_keywords(self, args, nargs, kwnames));
  return new_none();
}

Result<Ref<Object>> m_clear(Object* self, Object* const*, size_t, Object*) {
  dict_clear(self);
  return new_none();
}

Result<Ref<Object>> m_copy(Object* self, Object* const*, size_t, Object*) {
  return dict_copy(self);
}

Result<Ref<Object>> m_contains(Object* self, Object* const* args, size_t, Object*) {
  return new_bool(TRY(dict_contains(self, args[0])));
}

// dict.fromkeys(iterable, value=None), a classmethod: self is the class.
Result<Ref<Object>> m_fromkeys(Object* cls, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("fromkeys", nargs, kwnames, 1, 2));
  Object* value = nargs > 1 ? args[1] : none();
  Ref<Object> d = TRY(call_noargs(cls));
  Ref<Object> it = TRY(get_iter(args[0]));
  bool exact = is_dict_exact(d.get());
  for (;;) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) break;
    Ref<Object> key = next.release_value();
    if (exact) TRY(dict_set_item(d.get(), key.get(), value));
    else TRY(set_item(d.get(), key.get(), value));
  }
  return d;
}

// --- iterators -----------------------------------------------------------------------------------

enum class IterKind { Keys, Values, Items };

struct DictIterObject : Object {
  Object* dict;                        // owned
  std::atomic<int64_t> pos;            // entry index (forward: next to look at; reverse: one past)
  std::atomic<int64_t> expected_used;  // the size at creation; -1 once a size change was seen
  std::atomic<int64_t> remaining;      // items left, for __length_hint__
  IterKind kind;
  bool reverse;
};

Type* iter_type_for(IterKind kind, bool reverse) {
  switch (kind) {
    case IterKind::Keys: return reverse ? &DictRevKeyIterType : &DictKeyIterType;
    case IterKind::Values: return reverse ? &DictRevValueIterType : &DictValueIterType;
    case IterKind::Items: return reverse ? &DictRevItemIterType : &DictItemIterType;
  }
  return nullptr;
}

Result<Ref<Object>> make_dict_iter(Object* d, IterKind kind, bool reverse) {
  Ref<DictIterObject> it = TRY(new_object<DictIterObject>(iter_type_for(kind, reverse)));
  it->dict = new_ref(d).release();
  it->kind = kind;
  it->reverse = reverse;
  int64_t used = dict_size(d);
  it->expected_used.store(used, std::memory_order_relaxed);
  it->remaining.store(used, std::memory_order_relaxed);
  it->pos.store(reverse ? entry_count(d) : 0, std::memory_order_relaxed);
  return Ref<Object>(std::move(it));
}

void dict_iter_dealloc(Object* self) {
  xdecref(static_cast<DictIterObject*>(self)->dict);
  free_object(self);
}
void dict_iter_traverse(Object* self, VisitFn visit, void* arg) {
  visit(static_cast<DictIterObject*>(self)->dict, arg);
}
Result<Ref<Object>> iter_self(Object* self) { return new_ref(self); }

Next dict_iter_next(Object* self) {
  auto* it = static_cast<DictIterObject*>(self);
  Object* d = it->dict;
  int64_t pos = it->pos.load(std::memory_order_relaxed);
  for (;;) {
    int64_t expected = it->expected_used.load(std::memory_order_relaxed);
    if (expected != dict_size(d)) {
      it->expected_used.store(-1, std::memory_order_relaxed);
      return raise(exc::RuntimeError, "dictionary changed size during iteration");
    }
    int64_t next_pos = pos;
    Ref<Object> key, value;
    bool want_key = it->kind != IterKind::Values;
    bool want_value = it->kind != IterKind::Keys;
    bool found = it->reverse
                     ? prev_entry(d, &next_pos, want_key ? &key : nullptr, want_value ? &value : nullptr)
                     : next_entry(d, &next_pos, want_key ? &key : nullptr, want_value ? &value : nullptr);
    if (!it->pos.compare_exchange_weak(pos, next_pos, std::memory_order_relaxed)) continue;
    if (!found) return Next::done();
    if (it->remaining.fetch_sub(1, std::memory_order_relaxed) <= 0) {
      it->remaining.store(0, std::memory_order_relaxed);
      return raise(exc::RuntimeError, "dictionary keys changed during iteration");
    }
    switch (it->kind) {
      case IterKind::Keys: return Next(std::move(key));
      case IterKind::Values: return Next(std::move(value));
      case IterKind::Items: {
        Result<Ref<Object>> pair = tuple_pack({key.get(), value.get()});
        if (pair.is_error()) return Error{};
        return Next(pair.release_value());
      }
    }
  }
}

Result<Ref<Object>> dict_iter_length_hint(Object* self, Object* const*, size_t, Object*) {
  auto* it = static_cast<DictIterObject*>(self);
  int64_t left = it->remaining.load(std::memory_order_relaxed);
  if (it->expected_used.load(std::memory_order_relaxed) != dict_size(it->dict)) left = 0;
  return int_from_i64(left > 0 ? left : 0);
}

Result<Ref<Object>> dict_iter(Object* self) { return make_dict_iter(self, IterKind::Keys, false); }

Result<Ref<Object>> m_reversed(Object* self, Object* const*, size_t, Object*) {
  return make_dict_iter(self, IterKind::Keys, true);
}

const MethodDef kDictIterMethods[] = {
    {"__length_hint__", dict_iter_length_hint, kMethNoArgs,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

const MethodDef kDictMethods[] = {
    {"__contains__", m_contains, kMethOneArg, "True if the dictionary has the specified key, else False."},
    {"get", m_get, kMethFastcall, "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", m_setdefault, kMethFastcall,
     "Insert key with a value of default if key is not in the dictionary.\n\n"
     "Return the value for key if key is in the dictionary, else default."},
    {"pop", m_pop, kMethFastcall,
     "D.pop(k[,d]) -> v, remove specified key and return the corresponding value.\n\n"
     "If the key is not found, return the default if given; otherwise,\n"
     "raise a KeyError."},
    {"popitem", m_popitem, kMethNoArgs,
     "Remove and return a (key, value) pair as a 2-tuple.\n\n"
     "Pairs are returned in LIFO (last-in, first-out) order.\n"
     "Raises KeyError if the dict is empty."},
    {"keys", m_keys, kMethNoArgs, "Return a set-like object providing a view on the dict's keys."},
    {"items", m_items, kMethNoArgs, "Return a set-like object providing a view on the dict's items."},
    {"values", m_values, kMethNoArgs, "Return an object providing a view on the dict's values."},
    {"update", m_update, kMethFastcall,
     "D.update([E, ]**F) -> None.  Update D from mapping/iterable E and F."},
    {"fromkeys", m_fromkeys, kMethFastcall | kMethClass,
     "Create a new dictionary with keys from iterable and values set to value."},
    {"clear", m_clear, kMethNoArgs, "Remove all items from the dict."},
    {"copy", m_copy, kMethNoArgs, "Return a shallow copy of the dict."},
    {"__reversed__", m_reversed, kMethNoArgs, "Return a reverse iterator over the dict keys."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

void fill_dict_iter_type(Type& t, const char* name) {
  t.name = name;
  t.basicsize = sizeof(DictIterObject);
  t.flags = kTypeImmutable | kTypeHaveGc | kTypeDisallowInstantiation;
  t.dealloc = dict_iter_dealloc;
  t.traverse = dict_iter_traverse;
  t.iter = iter_self;
  t.iternext = dict_iter_next;
  t.methods = kDictIterMethods;
}

Status fill_dict_types() {
  Type& t = DictType;
  t.name = "dict";
  t.doc = "dict() -> new empty dictionary\n"
          "dict(mapping) -> new dictionary initialized from a mapping object's\n"
          "    (key, value) pairs\n"
          "dict(iterable) -> new dictionary initialized as if via:\n"
          "    d = {}\n"
          "    for k, v in iterable:\n"
          "        d[k] = v\n"
          "dict(**kwargs) -> new dictionary initialized with the name=value pairs\n"
          "    in the keyword argument list.  For example:  dict(one=1, two=2)";
  t.basicsize = sizeof(DictObject);
  t.flags = kTypeBaseType | kTypeHaveGc | kTypeDictSubclass | kTypeMapping;
  t.dealloc = dict_dealloc;
  t.traverse = dict_traverse;
  t.clear = dict_clear;  // the collector breaks cycles by emptying dicts
  t.repr = dict_repr;
  t.hash = hash_not_implemented;
  t.richcompare = dict_richcompare;
  t.iter = dict_iter;
  t.new_ = dict_vnew;
  t.init = dict_init;
  t.sequence.contains = dict_contains_slot;
  t.mapping.length = dict_length;
  t.mapping.subscript = dict_subscript;
  t.mapping.ass_subscript = dict_ass_subscript;
  t.number.or_ = dict_or;
  t.number.inplace_or = dict_ior;
  t.methods = kDictMethods;
  fill_dict_iter_type(DictKeyIterType, "dict_keyiterator");
  fill_dict_iter_type(DictValueIterType, "dict_valueiterator");
  fill_dict_iter_type(DictItemIterType, "dict_itemiterator");
  fill_dict_iter_type(DictRevKeyIterType, "dict_reversekeyiterator");
  fill_dict_iter_type(DictRevValueIterType, "dict_reversevalueiterator");
  fill_dict_iter_type(DictRevItemIterType, "dict_reverseitemiterator");
  return ok();
}

Status ready_dict_types() {
  for (Type* t : {&DictType, &DictKeyIterType, &DictValueIterType, &DictItemIterType,
                  &DictRevKeyIterType, &DictRevValueIterType, &DictRevItemIterType})
    TRY(type_ready(t));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_dict_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_dict_types);

}  // namespace

Result<Ref<Object>> dict_iter_new(Object* d, int kind, bool reverse) {
  return make_dict_iter(d, static_cast<IterKind>(kind), reverse);
}

}  // namespace weft
