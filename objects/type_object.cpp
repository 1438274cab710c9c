// objects/type_object.cpp — the metatype `type`: calling a class (__new__ then __init__),
// type's attribute lookup (metatype data descriptors, then the MRO of the class itself, with
// descriptors bound for the class), attribute assignment on classes (invalidating the attribute
// cache), repr "<class 'int'>", and the type attributes __name__, __qualname__, __module__,
// __mro__, __bases__, __base__, __doc__, __dict__, mro(), __subclasses__() (__annotations__ and
// __annotate__: annotations_descr.cpp).
//
// Static (built-in) types are immutable: setattr on them raises TypeError, so their dicts never
// change after type_ready and lock-free reads of them are safe. Heap types serialise dict
// writes through the dict's own critical section and call type_modified() afterwards.
#include <cstdio>
#include <cstring>
#include <string>

#include "gc/alloc.h"

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/annotations_descr.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/int.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/heap_type.h"
#include "objects/list.h"
#include "objects/mappingproxy.h"
#include "objects/object_impl.h"
#include "objects/slot_defs.h"
#include "objects/str.h"
#include "objects/text_signature.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/union.h"
#include "sync/critical_section.h"


namespace weft {

Type TypeType;

namespace {

Type* as_type(Object* o) { return reinterpret_cast<Type*>(o); }
Object* as_obj(Type* t) { return reinterpret_cast<Object*>(t); }

}  // namespace

Result<Ref<Object>> type_module_name(Type* t) {
  if (type_has_flag(t, kTypeHeap)) {
    Ref<Object> m;
    bool found = TRY(dict_get_item_str(t->dict, str_intern("__module__"), &m));
    if (found) return m;
    return raise(exc::AttributeError, "__module__");
  }
  const char* dot = std::strrchr(t->name, '.');
  if (dot) return str_from_utf8(std::string_view(t->name, static_cast<size_t>(dot - t->name)));
  return new_ref(str_intern("builtins"));
}

// A heap type's __name__ / __qualname__ objects can be replaced by assignment, so they are read
// and swapped inside the type's critical section. (The C name buffer, Type::name, is read
// without locks everywhere; a replaced buffer is freed through QSBR.)
Ref<Object> read_heap_name(Type* t, Object* const* field) {
  sync::CriticalSection cs(t->ob_mutex);
  return Ref<Object>::borrow(*field);
}

Result<Ref<Object>> type_qualname(Type* t) {
  if (type_has_flag(t, kTypeHeap)) {
    Ref<Object> q = read_heap_name(t, &t->heap_qualname);
    if (q) return q;
  }
  return str_from_utf8(type_short_name(t));
}

Error raise_abstract_instantiation(Type* t) {
  Ref<Object> methods;
  Result<bool> found = dict_get_item_str(t->dict, str_intern("__abstractmethods__"), &methods);
  if (found.is_error()) return Error{};
  std::string joined;
  int64_t count = 0;
  if (found.value()) {
    Result<Ref<Object>> sorted_list = list_from_iterable(methods.get());
    if (sorted_list.is_error()) return Error{};
    Ref<Object> lst = sorted_list.release_value();
    if (list_sort(lst.get(), nullptr, false).is_error()) return Error{};
    count = list_size(lst.get());
    for (int64_t i = 0; i < count; ++i) {
      Result<Ref<Object>> r = object_repr(list_item_locked(lst.get(), i));
      if (r.is_error()) return Error{};
      if (i) joined += ", ";
      joined += str_to_std_string(r.value().get());
    }
  }
  return raise(exc::TypeError,
               "Can't instantiate abstract class {} without an implementation for abstract "
               "method{} {}",
               t->name, count == 1 ? "" : "s", joined);
}

Status merge_class_dict(Object* names, Object* cls) {
  Ref<Object> d;
  bool has = TRY(lookup_attr(cls, str_intern("__dict__"), &d));
  if (has) TRY(dict_update(names, d.get()));
  Ref<Object> bases;
  bool has_bases = TRY(lookup_attr(cls, str_intern("__bases__"), &bases));
  if (has_bases && is_tuple(bases.get())) {
    for (int64_t i = 0; i < tuple_size(bases.get()); ++i)
      TRY(merge_class_dict(names, tuple_item(bases.get(), i)));
  }
  return ok();
}

// --- calling a type -----------------------------------------------------------------------------

Result<Ref<Object>> type_call(Object* callable, Object* const* args, size_t nargs, Object* kwnames) {
  Type* t = as_type(callable);
  // type(x) returns the type of x.
  if (t == &TypeType && nargs == 1 && kwnames_count(kwnames) == 0) {
    return new_ref(as_obj(type_of(args[0])));
  }
  if (!t->new_ || type_has_flag(t, kTypeDisallowInstantiation)) {
    return raise(exc::TypeError, "cannot create '{}' instances", t->name);
  }
  Ref<Object> obj = TRY(t->new_(t, args, nargs, kwnames));
  // __init__ runs only when __new__ returned an instance of the class.
  if (!is_instance_of(obj.get(), t)) return obj;
  Type* ot = type_of(obj.get());
  if (ot->init) TRY(ot->init(obj.get(), args, nargs, kwnames));
  return obj;
}

namespace {

Result<Ref<Object>> type_repr(Object* self) {
  Type* t = as_type(self);
  Ref<Object> module;
  Result<Ref<Object>> m = type_module_name(t);
  if (m.is_error()) {
    clear_error();
  } else {
    module = m.release_value();
  }
  Ref<Object> qual = TRY(type_qualname(t));
  std::string text = "<class '";
  if (module && is_str(module.get()) && !str_equal_ascii(module.get(), "builtins")) {
    text += str_to_std_string(module.get());
    text += '.';
  }
  text += str_to_std_string(qual.get());
  text += "'>";
  return str_from_utf8(text);
}

// type.__getattribute__: data descriptors of the metatype, then the class's own MRO (binding
// descriptors with instance None), then non-data descriptors and plain values of the metatype.
Result<Ref<Object>> type_getattro(Object* self, Object* name) {
  if (!is_str(name)) {
    return raise(exc::TypeError, "attribute name must be string, not '{}'", type_name_of(name));
  }
  Type* t = as_type(self);
  Type* meta = type_of(self);
  Object* meta_attr = type_lookup(meta, name);
  Ref<Object> meta_keep = Ref<Object>::borrow(meta_attr);
  DescrGetFn meta_get = meta_attr ? type_of(meta_attr)->descr_get : nullptr;
  if (meta_get && type_of(meta_attr)->descr_set) return meta_get(meta_attr, self, as_obj(meta));
  Object* attr = type_lookup(t, name);
  if (attr) {
    Ref<Object> keep = Ref<Object>::borrow(attr);
    DescrGetFn get = type_of(attr)->descr_get;
    if (get) return get(attr, nullptr, self);
    return keep;
  }
  if (meta_get) return meta_get(meta_attr, self, as_obj(meta));
  if (meta_attr) return meta_keep;
  const FmtArg fa[] = {FmtArg(t->name), FmtArg(name)};
  return raise_attribute_error(self, name,
                               format_message("type object '{}' has no attribute '{}'", fa, 2));
}

Status type_setattro(Object* self, Object* name, Object* value) {
  Type* t = as_type(self);
  if (!type_has_flag(t, kTypeHeap) || type_has_flag(t, kTypeImmutable)) {
    return raise(exc::TypeError,
                 "cannot set '{}' attribute of immutable type '{}'", name, t->name);
  }
  if (!is_str(name)) {
    return raise(exc::TypeError, "attribute name must be string, not '{}'", type_name_of(name));
  }
  // Data descriptors of the metatype (e.g. __name__, __doc__) take precedence.
  Object* meta_attr = type_lookup(type_of(self), name);
  if (meta_attr && type_of(meta_attr)->descr_set) {
    Ref<Object> keep = Ref<Object>::borrow(meta_attr);
    return type_of(meta_attr)->descr_set(meta_attr, self, value);
  }
  Ref<Object> interned = TRY(str_intern_object(new_ref(name)));
  if (value) {
    TRY(dict_set_item(t->dict, interned.get(), value));
  } else {
    bool removed = TRY(dict_pop(t->dict, interned.get(), nullptr));
    if (!removed) {
      const FmtArg fa[] = {FmtArg(t->name), FmtArg(name)};
      return raise_attribute_error(self, name,
                                   format_message("type object '{}' has no attribute '{}'", fa, 2));
    }
  }
  type_modified(t);
  // A dunder changes the class's slots (and those of subclasses that inherit it).
  if (str_length(interned.get()) > 4 && str_char_at(interned.get(), 0) == '_' &&
      str_char_at(interned.get(), 1) == '_') {
    update_slots_for_name(t, interned.get());
  }
  return ok();
}

Result<Ref<Object>> type_get_name(Object* self) {
  Type* t = as_type(self);
  if (type_has_flag(t, kTypeHeap)) {
    Ref<Object> n = read_heap_name(t, &t->heap_name);
    if (n) return n;
  }
  return str_from_utf8(type_short_name(t));
}
Result<Ref<Object>> type_get_qualname(Object* self) { return type_qualname(as_type(self)); }

// The checks CPython's check_set_special_type_attr makes before __name__/__qualname__ change.
Status check_special_attr_set(Type* t, Object* value, const char* attr) {
  if (!type_has_flag(t, kTypeHeap)) {
    return raise(exc::TypeError, "cannot set '{}' attribute of immutable type '{}'", attr, t->name);
  }
  if (!value) {
    return raise(exc::TypeError, "cannot delete '{}' attribute of immutable type '{}'", attr,
                 t->name);
  }
  if (!is_str(value)) {
    return raise(exc::TypeError, "can only assign string to {}.{}, not '{}'", t->name, attr,
                 type_name_of(value));
  }
  return ok();
}

void swap_heap_name(Type* t, Object** field, Object* value) {
  Object* old;
  {
    sync::CriticalSection cs(t->ob_mutex);
    old = std::exchange(*field, new_ref(value).release());
  }
  xdecref(old);
}

Status type_set_name(Object* self, Object* value) {
  Type* t = as_type(self);
  TRY(check_special_attr_set(t, value, "__name__"));
  std::string_view utf8 = TRY(str_utf8(value));
  if (utf8.find('\0') != std::string_view::npos) {
    return raise(exc::ValueError, "type name must not contain null characters");
  }
  char* buf = static_cast<char*>(gc::raw_alloc(utf8.size() + 1));
  if (!buf) return raise_no_memory();
  std::memcpy(buf, utf8.data(), utf8.size());
  buf[utf8.size()] = '\0';
  const char* old = __atomic_exchange_n(&t->name, buf, __ATOMIC_ACQ_REL);
  gc::free_delayed(const_cast<char*>(old));  // other threads may be formatting a message with it
  swap_heap_name(t, &t->heap_name, value);
  return ok();
}

Status type_set_qualname(Object* self, Object* value) {
  Type* t = as_type(self);
  TRY(check_special_attr_set(t, value, "__qualname__"));
  swap_heap_name(t, &t->heap_qualname, value);
  return ok();
}
Result<Ref<Object>> type_get_module(Object* self) { return type_module_name(as_type(self)); }
// Stores `value` as t.__dict__[name] for the special attributes that live in the dict
// (__module__, __doc__), with CPython's check_set_special_type_attr rules.
Status set_special_type_attr(Type* t, Object* value, const char* name) {
  if (!type_has_flag(t, kTypeHeap)) {
    return raise(exc::TypeError, "cannot set '{}' attribute of immutable type '{}'", name,
                 t->name);
  }
  if (!value) {
    return raise(exc::TypeError, "cannot delete '{}' attribute of immutable type '{}'", name,
                 t->name);
  }
  TRY(dict_set_item(t->dict, str_intern(name), value));
  type_modified(t);
  return ok();
}

Status type_set_module(Object* self, Object* value) {
  return set_special_type_attr(as_type(self), value, "__module__");
}

Status type_set_doc(Object* self, Object* value) {
  return set_special_type_attr(as_type(self), value, "__doc__");
}
Result<Ref<Object>> type_get_mro(Object* self) {
  Object* mro = as_type(self)->mro;
  return mro ? new_ref(mro) : new_none();
}
Result<Ref<Object>> type_get_bases(Object* self) { return new_ref(as_type(self)->bases); }
Result<Ref<Object>> type_get_base(Object* self) {
  Type* b = as_type(self)->base;
  return b ? new_ref(as_obj(b)) : new_none();
}
Result<Ref<Object>> type_get_dict(Object* self) {
  // A read-only view: writes must go through setattr(cls, ...) so the attribute cache and the
  // slots stay in step with the dict.
  return mappingproxy_new(as_type(self)->dict);
}
Result<Ref<Object>> type_get_doc(Object* self) {
  Type* t = as_type(self);
  Ref<Object> doc;
  bool found = TRY(dict_get_item_str(t->dict, str_intern("__doc__"), &doc));
  if (!found) return new_none();
  DescrGetFn get = type_of(doc.get())->descr_get;
  if (get && type_has_flag(t, kTypeHeap)) return get(doc.get(), nullptr, self);
  return doc;
}

// __text_signature__: CPython's for the built-in types, None for classes.
Result<Ref<Object>> type_get_text_signature(Object* self) {
  return text_signature_object(type_text_signature(as_type(self)));
}

// __type_params__: the class dict's entry (a PEP 695 class body stores it), else ().
Result<Ref<Object>> type_get_type_params(Object* self) {
  Type* t = as_type(self);
  Ref<Object> params;
  // `type` itself has the descriptor in its dict, which must not be mistaken for a value.
  if (t != &TypeType && TRY(dict_get_item_str(t->dict, str_intern("__type_params__"), &params)))
    return params;
  return tuple_new(0);
}
Status type_set_type_params(Object* self, Object* value) {
  Type* t = as_type(self);
  const char* attr = "__type_params__";
  if (!type_has_flag(t, kTypeHeap))
    return raise(exc::TypeError, "cannot set '{}' attribute of immutable type '{}'", attr, t->name);
  if (!value)
    return raise(exc::TypeError, "cannot delete '{}' attribute of immutable type '{}'", attr, t->name);
  // CPython 3.14 accepts any value here.
  TRY(dict_set_item(t->dict, str_intern(attr), value));
  type_modified(t);
  return ok();
}

// __abstractmethods__ lives in the class's own dict (abc.ABCMeta sets it); assigning it keeps the
// kTypeIsAbstract flag, which object.__new__ checks, in step with its truth value.
Result<Ref<Object>> type_get_abstractmethods(Object* self) {
  Type* t = as_type(self);
  Ref<Object> v;
  // `type` itself has the descriptor in its dict, which must not be mistaken for a value.
  bool found = t != &TypeType && TRY(dict_get_item_str(t->dict, str_intern("__abstractmethods__"), &v));
  if (!found) return raise_attribute_error(self, str_intern("__abstractmethods__"), "__abstractmethods__");
  return v;
}
Status type_set_abstractmethods(Object* self, Object* value) {
  Type* t = as_type(self);
  if (!type_has_flag(t, kTypeHeap)) {
    return raise(exc::TypeError,
                 "cannot set '__abstractmethods__' attribute of immutable type '{}'", t->name);
  }
  bool abstract = false;
  Object* name = str_intern("__abstractmethods__");
  if (value) {
    abstract = TRY(object_is_true(value));
    TRY(dict_set_item(t->dict, name, value));
  } else {
    bool removed = TRY(dict_pop(t->dict, name, nullptr));
    if (!removed) return raise_attribute_error(self, name, "__abstractmethods__");
  }
  uint64_t flags = __atomic_load_n(&t->flags, __ATOMIC_RELAXED);
  flags = abstract ? (flags | kTypeIsAbstract) : (flags & ~uint64_t{kTypeIsAbstract});
  __atomic_store_n(&t->flags, flags, __ATOMIC_RELAXED);
  type_modified(t);
  return ok();
}

// type.mro(): the C3 linearisation of the current bases (a metaclass's mro() calls it while
// the class's MRO is being computed, so it must not read Type::mro).
Result<Ref<Object>> type_mro_method(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> mro = TRY(type_mro_c3(as_type(self)));
  return list_from_array(tuple_items(mro.get()), tuple_size(mro.get()));
}
Result<Ref<Object>> type_subclasses_method(Object* self, Object* const*, size_t, Object*) {
  return type_subclasses_list(as_type(self));
}

// type.__dir__(): the names of the class and all its bases (CPython's type___dir___impl).
Result<Ref<Object>> type_dir_method(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> names = TRY(dict_new());
  TRY(merge_class_dict(names.get(), self));
  return dict_keys_list(names.get());
}

Result<Ref<Object>> type_instancecheck_method(Object* self, Object* const* args, size_t, Object*) {
  return new_bool(TRY(real_isinstance(args[0], self)));
}

Result<Ref<Object>> type_subclasscheck_method(Object* self, Object* const* args, size_t, Object*) {
  return new_bool(TRY(real_issubclass(args[0], self)));
}

// type.__prepare__(name, bases, **kwds): the namespace a class body runs in, a new dict.
Result<Ref<Object>> type_prepare_method(Object*, Object* const*, size_t, Object*) {
  return dict_new();
}

const MethodDef kTypeMethods[] = {
    {"__instancecheck__", type_instancecheck_method, kMethOneArg,
     "Check if an object is an instance."},
    {"__subclasscheck__", type_subclasscheck_method, kMethOneArg, "Check if a class is a subclass."},
    {"__prepare__", type_prepare_method, kMethClass | kMethFastcall,
     "Create the namespace for the class statement"},
    {"mro", type_mro_method, kMethNoArgs, "Return a type's method resolution order."},
    {"__dir__", type_dir_method, kMethNoArgs, "Specialized __dir__ implementation for types."},
    {"__subclasses__", type_subclasses_method, kMethNoArgs,
     "Return a list of immediate subclasses."},
    {nullptr, nullptr, 0, nullptr},
};
// The layout facts CPython exposes (values are Weft's own layout).
const MemberDef kTypeMembers[] = {
    {"__basicsize__", MemberKind::Int64, offsetof(Type, basicsize), true, nullptr},
    {"__itemsize__", MemberKind::Int64, offsetof(Type, itemsize), true, nullptr},
    {"__flags__", MemberKind::Int64, offsetof(Type, flags), true, nullptr},
    {"__weakrefoffset__", MemberKind::Int64, offsetof(Type, weaklistoffset), true, nullptr},
    {"__dictoffset__", MemberKind::Int64, offsetof(Type, dictoffset), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

const GetSetDef kTypeGetSets[] = {
    {"__name__", type_get_name, type_set_name, nullptr},
    {"__qualname__", type_get_qualname, type_set_qualname, nullptr},
    {"__module__", type_get_module, type_set_module, nullptr},
    {"__mro__", type_get_mro, nullptr, nullptr},
    {"__bases__", type_get_bases, type_set_bases, nullptr},
    {"__base__", type_get_base, nullptr, nullptr},
    {"__dict__", type_get_dict, nullptr, nullptr},
    {"__doc__", type_get_doc, type_set_doc, nullptr},
    {"__text_signature__", type_get_text_signature, nullptr, nullptr},
    {"__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods, nullptr},
    {"__annotations__", type_get_annotations, type_set_annotations, nullptr},
    {"__annotate__", type_get_annotate, type_set_annotate, nullptr},
    {"__type_params__", type_get_type_params, type_set_type_params, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status type_init(Object*, Object* const*, size_t nargs, Object* kwnames) {
  if (nargs == 1 && kwnames_count(kwnames) != 0) {
    return raise(exc::TypeError, "type.__init__() takes no keyword arguments");
  }
  if (nargs != 1 && nargs != 3) return raise(exc::TypeError, "type.__init__() takes 1 or 3 arguments");
  return ok();
}

// tp_new_wrapper: T.__new__(S, *args) checks that S is a subtype of T and calls T's new.
Result<Ref<Object>> tp_new_wrapper(Object* self, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  Type* owner = as_type(self);
  if (nargs < 1) return raise(exc::TypeError, "{}.__new__(): not enough arguments", owner->name);
  Object* sub = args[0];
  if (!is_instance_of(sub, &TypeType)) {
    return raise(exc::TypeError, "{}.__new__(X): X is not a type object ({})", owner->name,
                 type_name_of(sub));
  }
  Type* st = as_type(sub);
  if (!type_is_subtype(st, owner)) {
    return raise(exc::TypeError, "{}.__new__({}): {} is not a subtype of {}", owner->name,
                 st->name, st->name, owner->name);
  }
  return owner->new_(st, args + 1, nargs - 1, kwnames);
}

const MethodDef kTpNewDef = {"__new__", tp_new_wrapper, kMethFastcall,
                             "Create and return a new object.  See help(type) for accurate signature."};

Status fill_type_type() {
  Type* t = &TypeType;
  init_static_object(t, &TypeType);
  t->name = "type";
  t->doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type";
  t->basicsize = sizeof(Type);
  // A class's attribute dict plays the role of its instance __dict__ (CPython's tp_dictoffset
  // of type), so metaclasses derived from type get no extra __dict__ slot.
  t->dictoffset = offsetof(Type, dict);
  t->weaklistoffset = offsetof(Type, weaklist);
  // kTypeHaveGc: classes (heap types) are tracked by the cycle collector; static types are
  // never allocated by new_object, so they stay untracked.
  t->flags = kTypeBaseType | kTypeImmutable | kTypeTypeSubclass | kTypeHaveGc;
  t->repr = type_repr;
  t->getattro = type_getattro;
  t->setattro = type_setattro;
  t->call = type_call;
  t->number.or_ = union_type_or;  // int | str
  t->new_ = type_new;
  t->dealloc = type_dealloc;
  t->traverse = type_traverse;
  t->clear = type_clear;
  t->init = type_init;
  t->methods = kTypeMethods;
  t->members = kTypeMembers;
  t->getsets = kTypeGetSets;
  return ok();
}

Status ready_type_type() { return type_ready(&TypeType); }

}  // namespace

Status add_tp_new_wrapper(Type* t) {
  Object* name = str_intern("__new__");
  bool present = TRY(dict_contains(t->dict, name));
  if (present) return ok();
  Ref<Object> fn = TRY(builtin_function_new(&kTpNewDef, as_obj(t), nullptr));
  return dict_set_item(t->dict, name, fn.get());
}

Type* tp_new_wrapper_owner(Object* o) {
  if (!is_builtin_function(o)) return nullptr;
  auto* f = static_cast<BuiltinFunctionObject*>(o);
  if (f->def != &kTpNewDef || !f->self) return nullptr;
  return as_type(f->self);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_type_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_type_type);

}  // namespace weft
