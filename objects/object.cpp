// objects/object.cpp — object headers, the singletons None / NotImplemented / Ellipsis, and the
// root type `object` with its default slots (__new__, __init__, __repr__, __hash__, __eq__, ...).
//
// Header rules (objects/object.h): a new object is owned by the allocating thread with local
// count 1; an instance of a heap type holds a reference to its type (dropped by free_object), so a
// class lives as long as its instances. Static objects are immortal and never freed.
//
// object.__new__ / object.__init__ follow CPython 3.14's excess-argument rules: extra arguments
// are an error unless the type overrides the other one of the pair, and the messages name the
// type the way CPython does.
//
// The default hash is the address rotated right by 4 bits (CPython's _Py_HashPointer), so
// objects aligned to 16 bytes still spread over hash buckets.
#include <cinttypes>
#include <cstdio>

#include "gc/collector.h"
#include "gc/refcount.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"

namespace weft {

// --- headers ------------------------------------------------------------------------------------

void init_object_header(Object* o, Type* t) {
  o->ob_tid.store(core::current_thread_id(), std::memory_order_relaxed);
  o->ob_flags = 0;
  o->ob_gc_bits.store(0, std::memory_order_relaxed);
  o->ob_ref_local.store(1, std::memory_order_relaxed);
  o->ob_ref_shared.store(0, std::memory_order_relaxed);
  o->ob_type = t;
  if (type_has_flag(t, kTypeHeap)) incref(reinterpret_cast<Object*>(t));
}

Object* allocate_object(Type* t, size_t size) {
  if (type_has_flag(t, kTypeHaveGc)) {
    void* mem = gc::alloc_with_gc_header(size);
    if (!mem) [[unlikely]] return nullptr;
    Object* o = static_cast<Object*>(mem);
    init_object_header(o, t);
    gc::track_new_object(o);
    return o;
  }
  void* mem = gc::raw_calloc(1, size);
  if (!mem) [[unlikely]] return nullptr;
  Object* o = static_cast<Object*>(mem);
  init_object_header(o, t);
  return o;
}

void free_object(Object* o) {
  Type* t = o->ob_type;
  // Memory that other threads may still try-incref goes through QSBR (gc/README.md).
  if (o->ob_flags & kHasGcHeader)
    gc::free_tracked_object(o);
  else
    gc::free_object_memory(o);
  if (type_has_flag(t, kTypeHeap)) decref(reinterpret_cast<Object*>(t));
}

void init_static_object(Object* o, Type* type) {
  o->ob_tid.store(0, std::memory_order_relaxed);
  o->ob_flags = kStaticallyAllocated;
  o->ob_gc_bits.store(0, std::memory_order_relaxed);
  o->ob_ref_local.store(kImmortalLocal, std::memory_order_relaxed);
  o->ob_ref_shared.store(0, std::memory_order_relaxed);
  o->ob_type = type;
}

// --- the singletons -------------------------------------------------------------------------------

Object NoneObject;
Object NotImplementedObject;
Object EllipsisObject;
Type NoneType, NotImplementedType, EllipsisType;

namespace {

Result<Ref<Object>> none_repr(Object*) { return new_ref(str_intern("None")); }
Result<Ref<Object>> not_implemented_repr(Object*) { return new_ref(str_intern("NotImplemented")); }
Result<Ref<Object>> ellipsis_repr(Object*) { return new_ref(str_intern("Ellipsis")); }
Result<bool> none_bool(Object*) { return false; }
Result<bool> not_implemented_bool(Object*) {
  return raise(exc::TypeError, "NotImplemented should not be used in a boolean context");
}
// CPython 3.12+ gives None a fixed hash, independent of its address.
Result<int64_t> none_hash(Object*) { return int64_t{0xFCA86420}; }

Result<Ref<Object>> singleton_new(Type* type, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  if (nargs != 0 || kwnames_count(kwnames) != 0)
    return raise(exc::TypeError, "{} takes no arguments", type->name);
  if (type == &NoneType) return new_none();
  if (type == &NotImplementedType) return new_ref(not_implemented());
  return new_ref(&EllipsisObject);
}

// __reduce__ of the singletons returns their builtin name, so pickle/copy keep identity.
Result<Ref<Object>> not_implemented_reduce(Object*, Object* const*, size_t, Object*) {
  return new_ref(str_intern("NotImplemented"));
}
Result<Ref<Object>> ellipsis_reduce(Object*, Object* const*, size_t, Object*) {
  return new_ref(str_intern("Ellipsis"));
}
const MethodDef kNotImplementedMethods[] = {
    {"__reduce__", not_implemented_reduce, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const MethodDef kEllipsisMethods[] = {
    {"__reduce__", ellipsis_reduce, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

void fill_singleton_type(Type* t, const char* name, UnaryFn repr) {
  init_static_object(t, &TypeType);
  t->name = name;
  t->basicsize = sizeof(Object);
  t->repr = repr;
  t->new_ = singleton_new;
  t->flags = kTypeImmutable;
}

}  // namespace

// --- object -------------------------------------------------------------------------------------

Type ObjectType;

namespace {

bool has_excess_args(size_t nargs, Object* kwnames) {
  return nargs != 0 || kwnames_count(kwnames) != 0;
}

}  // namespace

Result<Ref<Object>> object_generic_alloc(Type* type) {
  if (type->basicsize < static_cast<int64_t>(sizeof(Object)))
    return raise(exc::SystemError, "type '{}' has an invalid basicsize", type->name);
  return new_object<Object>(type, static_cast<size_t>(type->basicsize));
}

Result<Ref<Object>> object_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (has_excess_args(nargs, kwnames)) {
    if (type->new_ != object_new) {
      return raise(exc::TypeError,
                   "object.__new__() takes exactly one argument (the type to instantiate)");
    }
    if (type->init == object_init) return raise(exc::TypeError, "{}() takes no arguments", type->name);
  }
  if (type_has_flag(type, kTypeIsAbstract)) return raise_abstract_instantiation(type);
  return object_generic_alloc(type);
}

Status object_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Type* type = type_of(self);
  if (has_excess_args(nargs, kwnames)) {
    if (type->init != object_init) {
      return raise(exc::TypeError,
                   "object.__init__() takes exactly one argument (the instance to initialize)");
    }
    if (type->new_ == object_new) {
      return raise(exc::TypeError,
                   "{}.__init__() takes exactly one argument (the instance to initialize)",
                   type->name);
    }
  }
  return ok();
}

Result<Ref<Object>> object_default_repr(Object* self) {
  Type* type = type_of(self);
  // A class without __module__ is shown without one (CPython clears that error too).
  Ref<Object> module;
  Result<Ref<Object>> found_module = type_module_name(type);
  if (found_module.is_error()) {
    if (!error_matches(exc::AttributeError)) return Error{};
    clear_error();
  } else {
    module = found_module.release_value();
  }
  Ref<Object> qualname = TRY(type_qualname(type));
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(self));
  std::string text = "<";
  if (module && is_str(module.get()) && !str_equal_ascii(module.get(), "builtins")) {
    text += str_to_std_string(module.get());
    text += '.';
  }
  text += str_to_std_string(qualname.get());
  text += " object at ";
  text += addr;
  text += '>';
  return str_from_utf8(text);
}

Result<Ref<Object>> object_default_str(Object* self) {
  UnaryFn repr = type_of(self)->repr;
  if (!repr) return object_default_repr(self);
  return repr(self);
}

Result<int64_t> object_default_hash(Object* self) {
  uintptr_t y = reinterpret_cast<uintptr_t>(self);
  y = (y >> 4) | (y << (8 * sizeof(uintptr_t) - 4));
  int64_t h = static_cast<int64_t>(y);
  return h == -1 ? -2 : h;
}

Result<Ref<Object>> object_default_richcompare(Object* self, Object* other, CompareOp op) {
  switch (op) {
    case CompareOp::Eq:
      return new_ref(self == other ? py_true() : not_implemented());
    case CompareOp::Ne: {
      // By default __ne__ delegates to __eq__ and inverts the result (unless NotImplemented).
      RichCompareFn cmp = type_of(self)->richcompare;
      if (!cmp) return new_ref(not_implemented());
      Ref<Object> eq = TRY(cmp(self, other, CompareOp::Eq));
      if (eq.get() == not_implemented()) return eq;
      bool truth = TRY(object_is_true(eq.get()));
      return new_bool(!truth);
    }
    default:
      return new_ref(not_implemented());
  }
}

namespace {

Result<Ref<Object>> object_format_method(Object* self, Object* const* args, size_t nargs,
                                         Object* kwnames) {
  Object* spec = args[0];
  if (!is_str(spec)) {
    return raise(exc::TypeError, "__format__() argument must be str, not {}", type_name_of(spec));
  }
  if (str_length(spec) > 0) {
    return raise(exc::TypeError, "unsupported format string passed to {}.__format__",
                 type_name_of(self));
  }
  return object_str(self);
}

Result<Ref<Object>> object_dir_method(Object* self, Object* const*, size_t, Object*) {
  // Instance attributes, then everything reachable from the class (CPython's object___dir__).
  Ref<Object> names = TRY(dict_new());
  Ref<Object> inst_dict;
  bool has_dict = TRY(lookup_attr(self, str_intern("__dict__"), &inst_dict));
  if (has_dict && is_dict(inst_dict.get())) TRY(dict_update(names.get(), inst_dict.get()));
  Ref<Object> cls;
  bool has_class = TRY(lookup_attr(self, str_intern("__class__"), &cls));
  if (has_class) TRY(merge_class_dict(names.get(), cls.get()));
  return dict_keys_list(names.get());
}

Result<Ref<Object>> object_sizeof_method(Object* self, Object* const*, size_t, Object*) {
  Type* t = type_of(self);
  int64_t size = t->basicsize;
  if (t->itemsize != 0) {
    int64_t n = static_cast<VarObject*>(self)->ob_size.load(std::memory_order_relaxed);
    size += (n < 0 ? -n : n) * t->itemsize;
  }
  return int_from_i64(size);
}

Result<Ref<Object>> object_init_subclass_method(Object* cls, Object* const*, size_t, Object*) {
  return new_none();
}

Result<Ref<Object>> object_subclasshook_method(Object* cls, Object* const*, size_t, Object*) {
  return new_ref(not_implemented());
}

Result<Ref<Object>> object_get_class(Object* self) {
  return new_ref(reinterpret_cast<Object*>(type_of(self)));
}

Status object_set_class(Object* self, Object* value) {
  if (!value) return raise(exc::TypeError, "can't delete __class__ attribute");
  if (!is_instance_of(value, &TypeType)) {
    return raise(exc::TypeError, "__class__ must be set to a class, not '{}' object",
                 type_name_of(value));
  }
  Type* newto = reinterpret_cast<Type*>(value);
  Type* oldto = type_of(self);
  if (!type_has_flag(newto, kTypeHeap) || !type_has_flag(oldto, kTypeHeap)) {
    return raise(exc::TypeError,
                 "__class__ assignment only supported for mutable types or ModuleType subclasses");
  }
  TRY(compatible_for_assignment(oldto, newto, "__class__"));
  // The instance owns a reference to its (heap) class.
  incref(value);
  // Publication: other threads read ob_type without a lock; the pointer store is atomic on our
  // targets and both types stay alive (the old one until the decref below, through our ref).
  __atomic_store_n(&self->ob_type, newto, __ATOMIC_RELEASE);
  decref(reinterpret_cast<Object*>(oldto));
  return ok();
}

const MethodDef kObjectMethods[] = {
    {"__format__", object_format_method, kMethOneArg, "Default object formatter."},
    {"__dir__", object_dir_method, kMethNoArgs, "Default dir() implementation."},
    {"__sizeof__", object_sizeof_method, kMethNoArgs, "Size of object in memory, in bytes."},
    {"__reduce__", object_reduce_method, kMethNoArgs, "Helper for pickle."},
    {"__reduce_ex__", object_reduce_ex_method, kMethOneArg, "Helper for pickle."},
    {"__getstate__", object_getstate_method, kMethNoArgs, "Helper for pickle."},
    {"__init_subclass__", object_init_subclass_method, kMethClass | kMethNoArgs,
     "This method is called when a class is subclassed."},
    {"__subclasshook__", object_subclasshook_method, kMethClass | kMethFastcall,
     "Abstract classes can override this to customize issubclass()."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kObjectGetSets[] = {
    {"__class__", object_get_class, object_set_class, "the object's class"},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_object_types() {
  Type* t = &ObjectType;
  init_static_object(t, &TypeType);
  t->name = "object";
  t->doc = "The base class of the class hierarchy.\n\n"
           "When called, it accepts no arguments and returns a new featureless\n"
           "instance that has no instance attributes and cannot be given any.\n";
  t->basicsize = sizeof(Object);
  t->flags = kTypeBaseType | kTypeImmutable;
  t->dealloc = free_object;
  t->repr = object_default_repr;
  t->str = object_default_str;
  t->hash = object_default_hash;
  t->richcompare = object_default_richcompare;
  t->getattro = generic_getattr;
  t->setattro = generic_setattr;
  t->new_ = object_new;
  t->init = object_init;
  t->methods = kObjectMethods;
  t->getsets = kObjectGetSets;

  fill_singleton_type(&NoneType, "NoneType", none_repr);
  NoneType.number.boolean = none_bool;
  NoneType.hash = none_hash;
  fill_singleton_type(&NotImplementedType, "NotImplementedType", not_implemented_repr);
  NotImplementedType.number.boolean = not_implemented_bool;
  NotImplementedType.methods = kNotImplementedMethods;
  fill_singleton_type(&EllipsisType, "ellipsis", ellipsis_repr);
  EllipsisType.methods = kEllipsisMethods;
  init_static_object(&NoneObject, &NoneType);
  init_static_object(&NotImplementedObject, &NotImplementedType);
  init_static_object(&EllipsisObject, &EllipsisType);
  return ok();
}

Status ready_object_types() {
  TRY(type_ready(&ObjectType));
  TRY(type_ready(&NoneType));
  TRY(type_ready(&NotImplementedType));
  TRY(type_ready(&EllipsisType));
  return ok();
}

}  // namespace

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_object_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_object_types);

}  // namespace weft
