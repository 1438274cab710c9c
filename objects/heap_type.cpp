// objects/heap_type.cpp — creating classes: type.__new__(meta, name, bases, dict, **kwds).
//
// The steps follow CPython 3.14's type_new: pick the most derived metaclass (delegating to its
// __new__ when that is not type's), pick the "best base" whose instance layout every other base
// is compatible with, copy the namespace, lay out instances (the best base's size, then one
// pointer per __slots__ name, then the __dict__ and weakref-list pointers unless a base already
// has them), compute the MRO by C3, inherit the base's native slots, then let the slot table
// (slot_defs.h) install a slot function for every dunder the class defines. Finally the
// __classcell__ is filled, __set_name__ is called on the attributes and __init_subclass__ on
// the parent.
//
// Memory: a class owns its name buffer (Type::name) and, with __slots__, one block holding its
// MemberDef table and the slot names; both are freed with the class (type_dealloc). Instances
// own a reference to their class; subtype_dealloc releases what the class added to the layout
// (slot values, the __dict__) and then runs the native base's dealloc, which frees the memory.
//
// Classes use deferred reference counting (DESIGN §4): every instance creation and destruction
// touches the class's count, and without deferral threads creating instances of one class would
// contend on it, so only the cycle collector frees a class: classes are GC-tracked (type's
// traverse/clear below) and every class is in a cycle anyway (its __mro__ holds it).
//
// Thread safety: a class is private to the creating thread until type_new returns it, so its
// fields are written without locks; later changes go through type_setattro (type_object.cpp).
#include "objects/heap_type.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/cell.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/list.h"
#include "objects/object_impl.h"
#include "objects/slot_defs.h"
#include "objects/str.h"
#include "objects/super.h"
#include "objects/tuple.h"
#include "objects/weakref.h"
#include "sync/critical_section.h"

namespace weft {

namespace {

std::atomic<CurrentGlobalsHook> g_globals_hook{nullptr};

Object* as_obj(Type* t) { return reinterpret_cast<Object*>(t); }
Type* as_type(Object* o) { return reinterpret_cast<Type*>(o); }
bool is_type(Object* o) { return is_instance_of(o, &TypeType); }

std::string class_name(Type* t) { return type_short_name(t); }

// --- metaclass and best base ---------------------------------------------------------------------

Result<Type*> calculate_metaclass(Type* meta, Object* bases) {
  Type* winner = meta;
  for (int64_t i = 0; i < tuple_size(bases); ++i) {
    Type* tmp = type_of(tuple_item(bases, i));
    if (type_is_subtype(winner, tmp)) continue;
    if (type_is_subtype(tmp, winner)) {
      winner = tmp;
      continue;
    }
    return raise(exc::TypeError,
                 "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                 "subclass of the metaclasses of all its bases");
  }
  return winner;
}

// True when `t` adds fields to `base`'s instance layout (beyond the __dict__ and weakref
// pointers a class adds for itself), CPython's extra_ivars.
bool extra_ivars(Type* t, Type* base) {
  int64_t t_size = t->basicsize;
  if (t->itemsize || base->itemsize) return t_size != base->basicsize || t->itemsize != base->itemsize;
  constexpr int64_t kPtr = sizeof(Object*);
  if (type_has_flag(t, kTypeHeap) && t->weaklistoffset && base->weaklistoffset == 0 &&
      t->weaklistoffset + kPtr == t_size)
    t_size -= kPtr;
  if (type_has_flag(t, kTypeHeap) && t->dictoffset > 0 && base->dictoffset == 0 &&
      t->dictoffset + kPtr == t_size)
    t_size -= kPtr;
  return t_size != base->basicsize;
}

Type* solid_base(Type* t) {
  Type* base = t->base ? solid_base(t->base) : &ObjectType;
  return extra_ivars(t, base) ? t : base;
}

Result<Type*> best_base(Object* bases) {
  Type* base = nullptr;
  Type* winner = nullptr;
  for (int64_t i = 0; i < tuple_size(bases); ++i) {
    Object* b = tuple_item(bases, i);
    if (!is_type(b)) return raise(exc::TypeError, "bases must be types");
    Type* bt = as_type(b);
    if (!type_has_flag(bt, kTypeBaseType)) {
      return raise(exc::TypeError, "type '{}' is not an acceptable base type", bt->name);
    }
    Type* candidate = solid_base(bt);
    if (!winner) {
      winner = candidate;
      base = bt;
    } else if (type_is_subtype(winner, candidate)) {
      // keep the current winner
    } else if (type_is_subtype(candidate, winner)) {
      winner = candidate;
      base = bt;
    } else {
      return raise(exc::TypeError, "multiple bases have instance lay-out conflict");
    }
  }
  return base;
}

// --- MRO ----------------------------------------------------------------------------------------

Result<Ref<Object>> c3_mro(Type* t) {
  Object* bases = t->bases;
  int64_t n = tuple_size(bases);
  if (n == 1) {
    Object* bmro = as_type(tuple_item(bases, 0))->mro;
    int64_t m = tuple_size(bmro);
    Ref<Object> mro = TRY(tuple_new(m + 1));
    tuple_init_item(mro.get(), 0, new_ref(as_obj(t)));
    for (int64_t i = 0; i < m; ++i) tuple_init_item(mro.get(), i + 1, new_ref(tuple_item(bmro, i)));
    return mro;
  }
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = i + 1; j < n; ++j) {
      if (tuple_item(bases, i) == tuple_item(bases, j)) {
        return raise(exc::TypeError, "duplicate base class {}",
                     class_name(as_type(tuple_item(bases, i))));
      }
    }
  }
  // The sequences to merge: each base's MRO, then the list of bases. Borrowed pointers: the
  // bases tuple keeps every class alive.
  std::vector<std::vector<Object*>> seqs;
  for (int64_t i = 0; i < n; ++i) {
    Object* bmro = as_type(tuple_item(bases, i))->mro;
    seqs.emplace_back(tuple_items(bmro), tuple_items(bmro) + tuple_size(bmro));
  }
  seqs.emplace_back(tuple_items(bases), tuple_items(bases) + n);
  std::vector<size_t> pos(seqs.size(), 0);
  std::vector<Object*> out{as_obj(t)};
  auto in_tail = [&](Object* c) {
    for (size_t s = 0; s < seqs.size(); ++s)
      for (size_t k = pos[s] + 1; k < seqs[s].size(); ++k)
        if (seqs[s][k] == c) return true;
    return false;
  };
  for (;;) {
    bool remaining = false;
    Object* next = nullptr;
    for (size_t s = 0; s < seqs.size() && !next; ++s) {
      if (pos[s] >= seqs[s].size()) continue;
      remaining = true;
      Object* head = seqs[s][pos[s]];
      if (!in_tail(head)) next = head;
    }
    if (!remaining) break;
    if (!next) {
      std::vector<Object*> heads;
      for (size_t s = 0; s < seqs.size(); ++s) {
        if (pos[s] < seqs[s].size() &&
            std::find(heads.begin(), heads.end(), seqs[s][pos[s]]) == heads.end())
          heads.push_back(seqs[s][pos[s]]);
      }
      std::string names;
      for (size_t k = 0; k < heads.size(); ++k) {
        names += k ? ", " : " ";
        names += class_name(as_type(heads[k]));
      }
      return raise(exc::TypeError,
                   "Cannot create a consistent method resolution order (MRO) for bases{}", names);
    }
    out.push_back(next);
    for (size_t s = 0; s < seqs.size(); ++s)
      if (pos[s] < seqs[s].size() && seqs[s][pos[s]] == next) ++pos[s];
  }
  return tuple_from_array(out.data(), static_cast<int64_t>(out.size()));
}

// The MRO: type.mro() unless the metaclass overrides mro().
Result<Ref<Object>> compute_mro(Type* t) {
  Type* meta = type_of(as_obj(t));
  if (meta != &TypeType) {
    static Object* const mro_name = str_intern("mro");
    Object* custom = type_lookup(meta, mro_name);
    Object* standard = type_lookup(&TypeType, mro_name);
    if (custom && custom != standard) {
      Ref<Object> result = TRY(call_method(as_obj(t), mro_name, nullptr, 0));
      Ref<Object> mro = TRY(tuple_from_iterable(result.get()));
      for (int64_t i = 0; i < tuple_size(mro.get()); ++i) {
        Object* c = tuple_item(mro.get(), i);
        if (!is_type(c)) {
          return raise(exc::TypeError, "mro() returned a non-class ('{}')", type_name_of(c));
        }
      }
      return mro;
    }
  }
  return c3_mro(t);
}

// --- __slots__ ------------------------------------------------------------------------------------

bool is_identifier(Object* s) {
  int64_t n = str_length(s);
  if (n == 0) return false;
  for (int64_t i = 0; i < n; ++i) {
    uint32_t c = str_char_at(s, i);
    bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 128 ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// "__x" in class "_C" -> "_C__x" (CPython's _Py_Mangle).
Result<Ref<Object>> mangle(Object* class_name_obj, Object* name) {
  std::string id = str_to_std_string(name);
  if (id.size() < 2 || id[0] != '_' || id[1] != '_') return new_ref(name);
  if (id.size() >= 4 && id.compare(id.size() - 2, 2, "__") == 0) return new_ref(name);
  if (id.find('.') != std::string::npos) return new_ref(name);
  std::string cls = str_to_std_string(class_name_obj);
  size_t k = cls.find_first_not_of('_');
  if (k == std::string::npos) return new_ref(name);
  return str_from_utf8("_" + cls.substr(k) + id);
}

struct SlotLayout {
  std::vector<Ref<Object>> names;  // mangled, sorted, without __dict__ / __weakref__
  bool add_dict = false;
  bool add_weak = false;
};

Status parse_slots(Object* slots, Object* name, Object* dict, Type* base, SlotLayout* out) {
  Ref<Object> seq;
  if (is_str(slots)) {
    seq = TRY(tuple_pack({slots}));
  } else {
    seq = TRY(tuple_from_iterable(slots));
  }
  bool may_add_dict = base->dictoffset == 0;
  bool may_add_weak = base->weaklistoffset == 0 && base->itemsize == 0;
  for (int64_t i = 0; i < tuple_size(seq.get()); ++i) {
    Object* s = tuple_item(seq.get(), i);
    if (!is_str(s)) {
      return raise(exc::TypeError, "__slots__ items must be strings, not '{}'", type_name_of(s));
    }
    if (!is_identifier(s)) return raise(exc::TypeError, "__slots__ must be identifiers");
    if (str_equal_ascii(s, "__dict__")) {
      if (!may_add_dict || out->add_dict) {
        return raise(exc::TypeError, "__dict__ slot disallowed: we already got one");
      }
      out->add_dict = true;
      continue;
    }
    if (str_equal_ascii(s, "__weakref__")) {
      if (!may_add_weak || out->add_weak) {
        return raise(exc::TypeError, "__weakref__ slot disallowed: we already got one");
      }
      out->add_weak = true;
      continue;
    }
    Ref<Object> m = TRY(mangle(name, s));
    bool conflict = TRY(dict_contains(dict, m.get()));
    if (conflict) {
      return raise(exc::ValueError, "{} in __slots__ conflicts with class variable",
                   fmt_repr(m.get()));
    }
    out->names.push_back(std::move(m));
  }
  if (!out->names.empty() && base->itemsize != 0) {
    return raise(exc::TypeError, "nonempty __slots__ not supported for subtype of '{}'",
                 base->name);
  }
  std::sort(out->names.begin(), out->names.end(),
            [](const Ref<Object>& a, const Ref<Object>& b) { return str_compare(a.get(), b.get()) < 0; });
  return ok();
}

// One allocation: the MemberDef table (null-terminated) followed by the names' UTF-8 bytes.
Result<MemberDef*> make_slot_members(const SlotLayout& layout, int64_t first_offset) {
  size_t n = layout.names.size();
  std::vector<std::string> utf8;
  size_t bytes = (n + 1) * sizeof(MemberDef);
  for (const Ref<Object>& name : layout.names) {
    utf8.push_back(str_to_std_string(name.get()));
    bytes += utf8.back().size() + 1;
  }
  void* mem = gc::raw_calloc(1, bytes);
  if (!mem) return raise_no_memory();
  auto* defs = static_cast<MemberDef*>(mem);
  char* text = reinterpret_cast<char*>(defs + n + 1);
  for (size_t i = 0; i < n; ++i) {
    std::memcpy(text, utf8[i].c_str(), utf8[i].size() + 1);
    defs[i] = MemberDef{text, MemberKind::Object,
                        static_cast<size_t>(first_offset) + i * sizeof(Object*), false, nullptr};
    text += utf8[i].size() + 1;
  }
  defs[n] = MemberDef{nullptr, MemberKind::Object, 0, false, nullptr};
  return defs;
}

// --- instances of classes ----------------------------------------------------------------------

Result<Ref<Object>> subtype_get_dict(Object* self) {
  Object** slot = instance_dict_slot(self);
  if (!slot) {
    return raise(exc::AttributeError, "This object has no __dict__");
  }
  Object* d = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
  if (d) return new_ref(d);
  Ref<Object> fresh = TRY(dict_new());
  Object* expected = nullptr;
  if (__atomic_compare_exchange_n(slot, &expected, fresh.get(), false, __ATOMIC_ACQ_REL,
                                  __ATOMIC_ACQUIRE)) {
    Object* installed = fresh.release();
    return new_ref(installed);
  }
  return new_ref(expected);
}

Status subtype_set_dict(Object* self, Object* value) {
  Object** slot = instance_dict_slot(self);
  if (!slot) return raise(exc::AttributeError, "This object has no __dict__");
  if (value && !is_dict(value)) {
    return raise(exc::TypeError, "__dict__ must be set to a dictionary, not a '{}'",
                 type_name_of(value));
  }
  // `del obj.__dict__` drops the dict; a fresh empty one appears on the next access.
  Object* old = __atomic_exchange_n(slot, value ? new_ref(value).release() : nullptr,
                                    __ATOMIC_ACQ_REL);
  xdecref(old);
  return ok();
}

Result<Ref<Object>> subtype_get_weakref(Object* self) {
  Ref<Object> head = weakref_first(self);
  return head ? std::move(head) : new_none();
}

const GetSetDef kDictGetSet[] = {
    {"__dict__", subtype_get_dict, subtype_set_dict, "dictionary for instance variables"},
    {nullptr, nullptr, nullptr, nullptr},
};
const GetSetDef kWeakrefGetSet[] = {
    {"__weakref__", subtype_get_weakref, nullptr, "list of weak references to the object"},
    {nullptr, nullptr, nullptr, nullptr},
};

// Runs __del__ once per object (CPython's PyObject_CallFinalizerFromDealloc). The dead object is
// resurrected with one reference owned by this thread (nobody else can hold one: its count was
// zero), __del__ runs, and that reference is dropped again: if __del__ stored `self` somewhere
// the object lives on; otherwise the drop re-enters subtype_dealloc, which now skips the
// finalizer (kGcFinalized) and frees. Returns true when that happened and the caller must stop.
// The __del__ of `self`'s class (borrowed), or nullptr if it has none or it already ran.
Object* pending_del_method(Object* self) {
  static Object* const del_name = str_intern("__del__");
  if (self->ob_gc_bits.load(std::memory_order_relaxed) & kGcFinalized) return nullptr;
  return type_lookup(type_of(self), del_name);
}

// Marks `self` finalized and calls `del` (its __del__) on it; the caller holds a reference to
// `self`. A pending exception is kept; an exception from __del__ goes to the unraisable hook.
void run_del(Object* self, Object* del) {
  Ref<Object> del_ref = new_ref(del);
  self->ob_gc_bits.fetch_or(kGcFinalized, std::memory_order_relaxed);
  Ref<Object> saved = take_exception();  // a dealloc may run while an exception is pending
  Result<Ref<Object>> r = Error{};
  DescrGetFn get = type_of(del)->descr_get;
  if (get) {
    Result<Ref<Object>> bound = get(del, self, as_obj(type_of(self)));
    if (!bound.is_error()) r = call_noargs(bound.value().get());
  } else {
    r = call_one(del, self);
  }
  if (r.is_error()) {
    Result<Ref<Object>> shown = object_repr(del);
    std::string what = shown.is_error() ? std::string("<__del__>")
                                        : str_to_std_string(shown.value().get());
    if (shown.is_error()) {
      Ref<Object> lost = take_exception();  // keep the original error for the report
      (void)lost;
    }
    write_unraisable("Exception ignored while calling deallocator " + what);
  }
  if (saved) set_exception(std::move(saved));
}

bool call_finalizer(Object* self) {
  Object* del = pending_del_method(self);
  if (!del) return false;
  self->ob_tid.store(core::current_thread_id(), std::memory_order_relaxed);
  self->ob_ref_local.store(1, std::memory_order_relaxed);
  Ref<Object> resurrected = Ref<Object>::steal(self);
  run_del(self, del);
  resurrected.reset();  // may free `self` (re-entering subtype_dealloc)
  return true;
}

// The native (static) type an instance's memory layout starts from.
Type* native_base(Type* t) {
  while (type_has_flag(t, kTypeHeap)) t = t->base;
  return t;
}

// The instance __dict__ slot that the heap layers added (nullptr if the native base manages its
// own dict, or there is none).
Object** heap_dict_slot(Object* self, Type* native) {
  return native->dictoffset == 0 ? instance_dict_slot(self) : nullptr;
}

// tp_traverse of instances of classes: __slots__ values, the __dict__, the class, then the
// native base's fields.
void subtype_traverse(Object* self, VisitFn visit, void* arg) {
  Type* t = type_of(self);
  for (Type* k = t; k && type_has_flag(k, kTypeHeap); k = k->base) {
    for (const MemberDef* m = k->members; m && m->name; ++m) {
      Object* v = *reinterpret_cast<Object**>(reinterpret_cast<char*>(self) + m->offset);
      if (v) visit(v, arg);
    }
  }
  Type* native = native_base(t);
  if (Object** d = heap_dict_slot(self, native); d && *d) visit(*d, arg);
  visit(as_obj(t), arg);
  if (native->traverse) native->traverse(self, visit, arg);
}

// tp_clear of instances of classes: drops the __slots__ values and the __dict__ (the collector
// breaks cycles through instances this way), then the native base's clear.
void subtype_clear(Object* self) {
  Type* t = type_of(self);
  for (Type* k = t; k && type_has_flag(k, kTypeHeap); k = k->base) {
    for (const MemberDef* m = k->members; m && m->name; ++m) {
      auto* field = reinterpret_cast<Object**>(reinterpret_cast<char*>(self) + m->offset);
      Object* old;
      {
        sync::CriticalSection cs{self->ob_mutex};
        old = std::exchange(*field, nullptr);
      }
      xdecref(old);
    }
  }
  Type* native = native_base(t);
  if (Object** d = heap_dict_slot(self, native)) {
    Object* old;
    {
      sync::CriticalSection cs{self->ob_mutex};
      old = std::exchange(*d, nullptr);
    }
    xdecref(old);
  }
  if (native->clear) native->clear(self);
}

void subtype_dealloc(Object* self) {
  if (call_finalizer(self)) return;
  clear_weakrefs_on_dealloc(self);  // before any field is released, as CPython
  Type* t = type_of(self);
  for (Type* k = t; k && type_has_flag(k, kTypeHeap); k = k->base) {
    for (const MemberDef* m = k->members; m && m->name; ++m) {
      auto* field = reinterpret_cast<Object**>(reinterpret_cast<char*>(self) + m->offset);
      xdecref(std::exchange(*field, nullptr));
    }
  }
  if (Object** d = instance_dict_slot(self)) xdecref(std::exchange(*d, nullptr));
  native_base(t)->dealloc(self);  // releases the native fields, frees the memory, drops the class ref
}

// --- the namespace --------------------------------------------------------------------------------

// Wraps a plain function stored under `name` in staticmethod/classmethod, as CPython does for
// __new__ (static) and __init_subclass__ / __class_getitem__ (class methods).
Status wrap_implicit(Object* dict, const char* name, bool as_classmethod) {
  Ref<Object> v;
  bool found = TRY(dict_get_item_str(dict, str_intern(name), &v));
  if (!found || !is_function(v.get())) return ok();
  Ref<Object> wrapped = as_classmethod ? TRY(classmethod_new(v.get())) : TRY(staticmethod_new(v.get()));
  return dict_set_item(dict, str_intern(name), wrapped.get());
}

Status add_descriptors(Type* t, const GetSetDef* getsets) {
  for (const GetSetDef* g = getsets; g && g->name; ++g) {
    Object* name = str_intern(g->name);
    bool present = TRY(dict_contains(t->dict, name));
    if (present) continue;
    Ref<Object> d = TRY(getset_descriptor_new(t, g));
    TRY(dict_set_item(t->dict, name, d.get()));
  }
  return ok();
}

Status set_names(Type* t) {
  static Object* const set_name = str_intern("__set_name__");
  Ref<Object> items = TRY(dict_items_list(t->dict));
  for (int64_t i = 0; i < list_size(items.get()); ++i) {
    Object* pair = list_item_locked(items.get(), i);
    Object* value = tuple_item(pair, 1);
    Ref<Object> hook;
    bool found = TRY(lookup_special(value, set_name, &hook));
    if (!found) continue;
    Object* args[2] = {as_obj(t), tuple_item(pair, 0)};
    if (call(hook.get(), args, 2, nullptr).is_error()) {
      // CPython 3.12+ adds a note naming the attribute and the class, then re-raises.
      Ref<Object> e = take_exception();
      const FmtArg fa[] = {FmtArg(type_name_of(value)), fmt_repr(tuple_item(pair, 0)),
                           FmtArg(t->name)};
      std::string note =
          format_message("Error calling __set_name__ on '{}' instance {} in '{}'", fa, 3);
      Ref<Object> note_obj = TRY(str_from_utf8(note));
      Object* note_arg = note_obj.get();
      if (is_exception_instance(e.get())) {
        Result<Ref<Object>> added = call_method(e.get(), "add_note", &note_arg, 1);
        if (added.is_error()) return Error{};
      }
      set_exception(std::move(e));
      return Error{};
    }
  }
  return ok();
}

// super(t, t).__init_subclass__(**kwds)
Status init_subclass(Type* t, Object* const* kwvalues, Object* kwnames) {
  static Object* const name = str_intern("__init_subclass__");
  Ref<Object> hook = TRY(super_getattr(t, as_obj(t), name));
  TRY(call(hook.get(), kwvalues, 0, kwnames));
  return ok();
}

Status check_args(Object* const* args, size_t nargs) {
  if (nargs != 3) return raise(exc::TypeError, "type() takes 1 or 3 arguments");
  if (!is_str(args[0])) {
    return raise(exc::TypeError, "type.__new__() argument 1 must be str, not {}",
                 type_name_of(args[0]));
  }
  if (!is_tuple(args[1])) {
    return raise(exc::TypeError, "type.__new__() argument 2 must be tuple, not {}",
                 type_name_of(args[1]));
  }
  if (!is_dict(args[2])) {
    return raise(exc::TypeError, "type.__new__() argument 3 must be dict, not {}",
                 type_name_of(args[2]));
  }
  return ok();
}

// Fills the new class's names: tp_name buffer, __name__, __qualname__, __module__.
Status set_names_and_doc(Type* t, Object* name, Object* dict) {
  std::string_view utf8 = TRY(str_utf8(name));
  if (utf8.find('\0') != std::string_view::npos) {
    return raise(exc::ValueError, "type name must not contain null characters");
  }
  char* buf = static_cast<char*>(gc::raw_alloc(utf8.size() + 1));
  if (!buf) return raise_no_memory();
  std::memcpy(buf, utf8.data(), utf8.size());
  buf[utf8.size()] = '\0';
  t->name = buf;
  t->heap_name = new_ref(name).release();

  Ref<Object> qualname;
  bool has_qualname = TRY(dict_pop(dict, str_intern("__qualname__"), &qualname));
  if (has_qualname) {
    if (!is_str(qualname.get())) {
      return raise(exc::TypeError, "type __qualname__ must be a str, not {}",
                   type_name_of(qualname.get()));
    }
    t->heap_qualname = qualname.release();
  } else {
    t->heap_qualname = new_ref(name).release();
  }

  bool has_module = TRY(dict_contains(dict, str_intern("__module__")));
  if (!has_module) {
    if (Object* globals = current_python_globals()) {
      Ref<Object> module;
      bool found = TRY(dict_get_item(globals, str_intern("__name__"), &module));
      if (found) TRY(dict_set_item(dict, str_intern("__module__"), module.get()));
    }
  }
  return ok();
}

// Lays out instances: best base, then __slots__ values, then __dict__ and the weakref list.
Status lay_out_instances(Type* t, Type* base, Object* name, Object* dict) {
  t->basicsize = base->basicsize;
  t->itemsize = base->itemsize;
  t->dictoffset = base->dictoffset;
  t->weaklistoffset = base->weaklistoffset;
  SlotLayout layout;
  Ref<Object> slots;
  bool has_slots = TRY(dict_get_item_str(dict, str_intern("__slots__"), &slots));
  if (has_slots) {
    TRY(parse_slots(slots.get(), name, dict, base, &layout));
  } else {
    layout.add_dict = base->dictoffset == 0;
    layout.add_weak = base->weaklistoffset == 0 && base->itemsize == 0;
  }
  constexpr int64_t kPtr = sizeof(Object*);
  if (!layout.names.empty()) {
    t->members = TRY(make_slot_members(layout, t->basicsize));
    t->basicsize += kPtr * static_cast<int64_t>(layout.names.size());
    for (const MemberDef* m = t->members; m->name; ++m) {
      Ref<Object> d = TRY(member_descriptor_new(t, m));
      TRY(dict_set_item(dict, str_intern(m->name), d.get()));
    }
  }
  if (layout.add_dict) {
    if (base->itemsize) {
      t->dictoffset = -kPtr;  // counted from the end of the variable-size part
    } else {
      t->dictoffset = t->basicsize;
    }
    t->basicsize += kPtr;
  }
  if (layout.add_weak) {
    t->weaklistoffset = t->basicsize;
    t->basicsize += kPtr;
  }
  return ok();
}

}  // namespace

Result<Type*> type_best_base(Object* bases) { return best_base(bases); }
Result<Ref<Object>> type_mro_c3(Type* t) { return c3_mro(t); }
Result<Ref<Object>> type_compute_mro(Type* t) { return compute_mro(t); }

void set_current_globals_hook(CurrentGlobalsHook hook) {
  g_globals_hook.store(hook, std::memory_order_release);
}

Object* current_python_globals() {
  CurrentGlobalsHook hook = g_globals_hook.load(std::memory_order_acquire);
  return hook ? hook() : nullptr;
}

Result<Ref<Object>> type_new(Type* meta, Object* const* args, size_t nargs, Object* kwnames) {
  if (meta == &TypeType && nargs == 1 && kwnames_count(kwnames) == 0) {
    return new_ref(as_obj(type_of(args[0])));
  }
  TRY(check_args(args, nargs));
  Object* name = args[0];
  Object* bases_in = args[1];
  Type* winner = TRY(calculate_metaclass(meta, bases_in));
  if (winner != meta && winner->new_ != &type_new) {
    return winner->new_(winner, args, nargs, kwnames);
  }
  meta = winner;

  Ref<Object> bases = tuple_size(bases_in) == 0 ? TRY(tuple_pack({as_obj(&ObjectType)}))
                                                 : new_ref(bases_in);
  Type* base = TRY(best_base(bases.get()));
  Ref<Object> dict = TRY(dict_copy(args[2]));

  Ref<Object> type_obj = TRY(object_generic_alloc(meta));
  Type* t = as_type(type_obj.get());
  // From here on `type_obj` owns a partly built class; type_dealloc copes with null fields.
  t->flags = kTypeHeap | kTypeBaseType | kTypeHaveGc;
  t->bases = bases.release();
  t->base = base;
  TRY(set_names_and_doc(t, name, dict.get()));
  TRY(wrap_implicit(dict.get(), "__new__", false));
  TRY(wrap_implicit(dict.get(), "__init_subclass__", true));
  TRY(wrap_implicit(dict.get(), "__class_getitem__", true));
  Ref<Object> cell;
  bool has_cell = TRY(dict_pop(dict.get(), str_intern("__classcell__"), &cell));
  if (has_cell && !is_cell(cell.get())) {
    return raise(exc::TypeError, "__classcell__ must be a nonlocal cell, not {}",
                 fmt_repr(as_obj(type_of(cell.get()))));
  }
  // PEP 649: the __classdict__ cell of the methods and __annotate__ must name the class's own
  // dict (the body's namespace was copied), as CPython's type_new_set_classdictcell.
  Ref<Object> dict_cell;
  bool has_dict_cell = TRY(dict_pop(dict.get(), str_intern("__classdictcell__"), &dict_cell));
  if (has_dict_cell && !is_cell(dict_cell.get())) {
    return raise(exc::TypeError, "__classdictcell__ must be a nonlocal cell, not {}",
                 fmt_repr(as_obj(type_of(dict_cell.get()))));
  }
  TRY(lay_out_instances(t, base, name, dict.get()));
  // A class defining __eq__ without __hash__ is unhashable.
  bool has_eq = TRY(dict_contains(dict.get(), str_intern("__eq__")));
  bool has_hash = TRY(dict_contains(dict.get(), str_intern("__hash__")));
  if (has_eq && !has_hash) TRY(dict_set_item(dict.get(), str_intern("__hash__"), none()));
  t->dict = dict.release();
  if (t->dictoffset != 0 && base->dictoffset == 0) TRY(add_descriptors(t, kDictGetSet));
  if (t->weaklistoffset != 0 && base->weaklistoffset == 0) TRY(add_descriptors(t, kWeakrefGetSet));
  // __doc__ comes after the descriptors, as CPython's PyType_Ready orders the class dict.
  bool has_doc = TRY(dict_contains(t->dict, str_intern("__doc__")));
  if (!has_doc) TRY(dict_set_item(t->dict, str_intern("__doc__"), none()));

  t->mro = TRY(compute_mro(t)).release();
  type_inherit_from(t, base);
  t->dealloc = subtype_dealloc;
  t->traverse = subtype_traverse;
  t->clear = subtype_clear;
  fixup_slots(t);
  for (int64_t i = 0; i < tuple_size(t->bases); ++i)
    register_subclass(as_type(tuple_item(t->bases, i)), t);
  object_enable_deferred_refcount(type_obj.get());

  if (has_cell) cell_set(cell.get(), type_obj.get());
  if (has_dict_cell) cell_set(dict_cell.get(), t->dict);
  TRY(set_names(t));
  TRY(init_subclass(t, args + nargs, kwnames));
  return type_obj;
}

namespace {
// Drops `t` from its bases' subclass registries (idempotent). The registry is weak: once a
// class is garbage it must not be handed out by __subclasses__ any more.
void unregister_from_bases(Type* t) {
  if (!t->bases) return;
  for (int64_t i = 0; i < tuple_size(t->bases); ++i)
    unregister_subclass(as_type(tuple_item(t->bases, i)), t);
}
}  // namespace

// tp_traverse of classes (type's slot; a class whose metaclass is itself a class reaches it
// through subtype_traverse). Reports exactly the counted references a heap type owns that can
// be part of a cycle: its __dict__ (methods, whose __globals__ usually hold the class; slot and
// __dict__ descriptors, which own the class; __type_params__, __annotate__...), __bases__ and
// __mro__ (which holds the class itself). `base` is borrowed (the bases tuple owns it), the
// names are strings, and the subclass registry is weak, so none of them is visited. Static types
// are immortal and untracked: they report nothing (gc.get_referents(int) == [] as in CPython).
void type_traverse(Object* self, VisitFn visit, void* arg) {
  Type* t = as_type(self);
  if (!type_has_flag(t, kTypeHeap)) return;
  if (t->dict) visit(t->dict, arg);
  if (t->bases) visit(t->bases, arg);
  if (t->mro) visit(t->mro, arg);
}

// tp_clear of classes: the collector breaks a cycle through a class by emptying its __dict__ and
// dropping its __mro__ (the tuple that holds the class itself), as CPython's type_clear. The
// dict object stays (code that holds the class may still read t->dict); with no MRO, lookups
// walk the base chain (type.cpp), which the untouched bases tuple keeps alive. The class first
// leaves its bases' subclass registries, so no other thread can find it through
// __subclasses__() while it is being torn down, and its attribute-cache tag is invalidated.
void type_clear(Object* self) {
  Type* t = as_type(self);
  if (!type_has_flag(t, kTypeHeap)) return;
  unregister_from_bases(t);
  type_modified(t);
  if (t->dict) dict_clear(t->dict);
  xdecref(__atomic_exchange_n(&t->mro, nullptr, __ATOMIC_ACQ_REL));
}

void type_dealloc(Object* self) {
  Type* t = as_type(self);
  clear_weakrefs_on_dealloc(self);
  unregister_from_bases(t);
  xdecref(t->bases);
  xdecref(t->mro);
  xdecref(t->dict);
  xdecref(t->heap_name);
  xdecref(t->heap_qualname);
  if (t->name) gc::raw_free(const_cast<char*>(t->name));
  if (t->members) gc::raw_free(const_cast<MemberDef*>(t->members));
  free_object(self);
}

bool object_finalize(Object* self) {
  if (!type_has_flag(type_of(self), kTypeHeap)) return false;
  Object* del = pending_del_method(self);
  if (!del) return false;
  run_del(self, del);
  return true;
}

}  // namespace weft
