// objects/descr.cpp — method/getset/member descriptors and builtin_function_or_method
// (objects/descr.h).
//
// Descriptors are created once per type by type_ready() and never change afterwards, so calls
// and attribute accesses read them without locks. Calling a MethodDef checks the kMethNoArgs /
// kMethOneArg / kMethNoKeywords contracts here, once, with CPython's messages, so the native
// functions behind them need not.
//
// Messages name a method by its owner's type ("list.append() takes exactly one argument (0
// given)"), a module function by its bare name ("len() takes ..."), as CPython does.
#include "objects/descr.h"

#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/import_hook.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/object_impl.h"
#include "objects/text_signature.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"

namespace weft {

Type MethodDescriptorType, ClassMethodDescriptorType, BuiltinFunctionType;
Type GetSetDescriptorType, MemberDescriptorType;

namespace {

// How messages name a built-in: "list.append", "math.floor" (a module function: its __module__
// unless that is builtins), or "len" (CPython's _PyObject_FunctionStr). Only built on errors.
std::string display_name(const char* owner_name, Object* module, const char* name) {
  // Methods are named by their qualname, which uses the short type name ("defaultdict", not
  // "collections.defaultdict").
  if (owner_name) {
    std::string_view owner = owner_name;
    size_t dot = owner.rfind('.');
    if (dot != std::string_view::npos) owner.remove_prefix(dot + 1);
    return std::string(owner) + "." + name;
  }
  if (module && is_str(module) && !str_equal_ascii(module, "builtins"))
    return str_to_std_string(module) + "." + name;
  return name;
}

template <class D>
Result<Ref<Object>> new_descr(Type* descr_type, Type* owner, const char* name) {
  Ref<D> d = TRY(new_object<D>(descr_type));
  d->owner = owner;
  incref(reinterpret_cast<Object*>(owner));
  d->name = str_intern(name);
  return Ref<Object>(std::move(d));
}

// A descriptor owns its class (a class's slot and __dict__ descriptors may outlive it, and their
// MemberDef/GetSetDef tables live as long as the class); the collector sees that reference.
void descr_dealloc(Object* self) {
  Object* owner = reinterpret_cast<Object*>(static_cast<DescrObject*>(self)->owner);
  free_object(self);
  decref(owner);
}

void descr_traverse(Object* self, VisitFn visit, void* arg) {
  visit(reinterpret_cast<Object*>(static_cast<DescrObject*>(self)->owner), arg);
}

// "descriptor 'append' for 'list' objects doesn't apply to a 'int' object"
Error descr_wrong_self(DescrObject* d, Object* obj) {
  return raise(exc::TypeError, "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
               d->name, d->owner->name, type_name_of(obj));
}

Result<Ref<Object>> descr_repr_common(Object* self, const char* kind) {
  auto* d = static_cast<DescrObject*>(self);
  return str_from_utf8(std::string("<") + kind + " '" + str_to_std_string(d->name) + "' of '" +
                       d->owner->name + "' objects>");
}

Result<Ref<Object>> descr_get_name(Object* self) {
  return new_ref(static_cast<DescrObject*>(self)->name);
}
Result<Ref<Object>> descr_get_qualname(Object* self) {
  auto* d = static_cast<DescrObject*>(self);
  return str_from_utf8(std::string(type_short_name(d->owner)) + "." + str_to_std_string(d->name));
}
Result<Ref<Object>> descr_get_objclass(Object* self) {
  return new_ref(reinterpret_cast<Object*>(static_cast<DescrObject*>(self)->owner));
}

Result<Ref<Object>> doc_or_none(const char* doc) {
  if (!doc) return new_none();
  return str_from_utf8(doc);
}

// --- method_descriptor ----------------------------------------------------------------------

Result<Ref<Object>> method_descr_get(Object* self, Object* obj, Object* type) {
  auto* d = static_cast<MethodDescrObject*>(self);
  if (!obj) return new_ref(self);
  if (!is_instance_of(obj, d->owner)) return descr_wrong_self(d, obj);
  Ref<Object> bound = TRY(builtin_function_new(d->def, obj, nullptr));
  static_cast<BuiltinFunctionObject*>(bound.get())->owner = d->owner;
  return bound;
}

Result<Ref<Object>> method_descr_call(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  auto* d = static_cast<MethodDescrObject*>(self);
  if (nargs < 1) {
    return raise(exc::TypeError, "unbound method {}.{}() needs an argument", d->owner->name,
                 d->def->name);
  }
  if (!is_instance_of(args[0], d->owner)) {
    return raise(exc::TypeError, "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                 d->def->name, d->owner->name, type_name_of(args[0]));
  }
  return call_method_def(d->def, d->owner->name, args[0], args + 1, nargs - 1, kwnames);
}

Result<Ref<Object>> method_descr_repr(Object* self) { return descr_repr_common(self, "method"); }
Result<Ref<Object>> method_descr_doc(Object* self) {
  return doc_or_none(static_cast<MethodDescrObject*>(self)->def->doc);
}
// method_descriptor and classmethod_descriptor: CPython's signature of owner.name.
Result<Ref<Object>> method_descr_text_signature(Object* self) {
  auto* d = static_cast<MethodDescrObject*>(self);
  return text_signature_object(builtin_text_signature(d->owner->name, d->def->name));
}

// --- classmethod_descriptor -------------------------------------------------------------------

Result<Ref<Object>> classmethod_descr_get(Object* self, Object* obj, Object* type) {
  auto* d = static_cast<MethodDescrObject*>(self);
  if (!type) type = reinterpret_cast<Object*>(type_of(obj));
  if (!is_instance_of(type, &TypeType)) {
    return raise(exc::TypeError, "descriptor '{}' for type '{}' needs a type, not a '{}' as arg 2",
                 d->name, d->owner->name, type_name_of(type));
  }
  if (!type_is_subtype(reinterpret_cast<Type*>(type), d->owner)) {
    return raise(exc::TypeError, "descriptor '{}' requires a subtype of '{}' but received '{}'",
                 d->name, d->owner->name, reinterpret_cast<Type*>(type)->name);
  }
  Ref<Object> bound = TRY(builtin_function_new(d->def, type, nullptr));
  static_cast<BuiltinFunctionObject*>(bound.get())->owner = d->owner;
  return bound;
}

Result<Ref<Object>> classmethod_descr_call(Object* self, Object* const* args, size_t nargs,
                                           Object* kwnames) {
  auto* d = static_cast<MethodDescrObject*>(self);
  if (nargs < 1) {
    return raise(exc::TypeError, "descriptor '{}' of '{}' object needs an argument", d->name,
                 d->owner->name);
  }
  Ref<Object> bound = TRY(classmethod_descr_get(self, nullptr, args[0]));
  return call(bound.get(), args + 1, nargs - 1, kwnames);
}

Result<Ref<Object>> classmethod_descr_repr(Object* self) {
  return descr_repr_common(self, "method");
}

// --- builtin_function_or_method ---------------------------------------------------------------

void builtin_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  auto* f = static_cast<BuiltinFunctionObject*>(self);
  xdecref(f->self);
  xdecref(f->module);
  free_object(self);
}

Result<Ref<Object>> builtin_call(Object* callable, Object* const* args, size_t nargs,
                                 Object* kwnames) {
  auto* f = static_cast<BuiltinFunctionObject*>(callable);
  const char* owner_name = f->owner ? f->owner->name : nullptr;
  // A class method's messages name the class it is bound to: "C.__init_subclass__() takes no
  // keyword arguments" (CPython formats them from the bound class).
  if (f->owner && (f->def->flags & kMethClass) && f->self && is_instance_of(f->self, &TypeType))
    owner_name = reinterpret_cast<Type*>(f->self)->name;
  return call_method_def(f->def, owner_name, f->self, args, nargs, kwnames, f->module);
}

Result<Ref<Object>> builtin_repr(Object* self) {
  auto* f = static_cast<BuiltinFunctionObject*>(self);
  bool is_module_fn = !f->self || !f->owner;
  if (is_module_fn) return str_from_utf8(std::string("<built-in function ") + f->def->name + ">");
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(f->self));
  return str_from_utf8(std::string("<built-in method ") + f->def->name + " of " +
                       type_name_of(f->self) + " object at " + addr + ">");
}

Result<Ref<Object>> builtin_get_name(Object* self) {
  return str_from_utf8(static_cast<BuiltinFunctionObject*>(self)->def->name);
}
Result<Ref<Object>> builtin_get_qualname(Object* self) {
  auto* f = static_cast<BuiltinFunctionObject*>(self);
  Type* owner = f->owner ? f->owner : tp_new_wrapper_owner(self);  // "int.__new__"
  if (!owner) return str_from_utf8(f->def->name);
  return str_from_utf8(std::string(type_short_name(owner)) + "." + f->def->name);
}
Result<Ref<Object>> builtin_get_self(Object* self) {
  auto* f = static_cast<BuiltinFunctionObject*>(self);
  return f->self ? new_ref(f->self) : new_none();
}
Result<Ref<Object>> builtin_get_module(Object* self) {
  auto* f = static_cast<BuiltinFunctionObject*>(self);
  return f->module ? new_ref(f->module) : new_none();
}
Status builtin_set_module(Object* self, Object* value) {
  auto* f = static_cast<BuiltinFunctionObject*>(self);
  xdecref(std::exchange(f->module, value ? new_ref(value).release() : nullptr));
  return ok();
}
Result<Ref<Object>> builtin_get_doc(Object* self) {
  return doc_or_none(static_cast<BuiltinFunctionObject*>(self)->def->doc);
}
// A bound method's signature is its type's method's; a module function's is looked up under the
// module's name; a type's __new__ has the slot signature.
Result<Ref<Object>> builtin_get_text_signature(Object* self) {
  auto* f = static_cast<BuiltinFunctionObject*>(self);
  if (f->owner) return text_signature_object(builtin_text_signature(f->owner->name, f->def->name));
  if (tp_new_wrapper_owner(self)) return text_signature_object(slot_text_signature("__new__"));
  if (f->module && is_str(f->module)) {
    std::string module = str_to_std_string(f->module);
    return text_signature_object(builtin_text_signature(module.c_str(), f->def->name));
  }
  return new_none();
}
const GetSetDef kBuiltinGetSets[] = {
    {"__name__", builtin_get_name, nullptr, nullptr},
    {"__qualname__", builtin_get_qualname, nullptr, nullptr},
    {"__self__", builtin_get_self, nullptr, nullptr},
    {"__module__", builtin_get_module, builtin_set_module, nullptr},
    {"__doc__", builtin_get_doc, nullptr, nullptr},
    {"__text_signature__", builtin_get_text_signature, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// pickle support (CPython's meth_reduce): a module function pickles as its name, found again in
// its __module__; a bound method as getattr(__self__, name).
Result<Ref<Object>> builtin_reduce(Object* self, Object* const*, size_t, Object*) {
  auto* f = static_cast<BuiltinFunctionObject*>(self);
  Ref<Object> name = TRY(str_from_utf8(f->def->name));
  if (!f->self || is_module(f->self)) return name;
  Ref<Object> builtins = TRY(import_module_for_objects("builtins"));
  Ref<Object> getattr_fn = TRY(get_attr(builtins.get(), "getattr"));
  Ref<Object> args = TRY(tuple_pack({f->self, name.get()}));
  return tuple_pack({getattr_fn.get(), args.get()});
}
const MethodDef kBuiltinMethods[] = {
    {"__reduce__", builtin_reduce, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> builtin_richcompare(Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::Eq && op != CompareOp::Ne) || !is_builtin_function(b))
    return new_ref(not_implemented());
  auto* x = static_cast<BuiltinFunctionObject*>(a);
  auto* y = static_cast<BuiltinFunctionObject*>(b);
  bool eq = x->def == y->def && x->self == y->self;
  return new_bool(op == CompareOp::Eq ? eq : !eq);
}
Result<int64_t> builtin_hash(Object* self) {
  auto* f = static_cast<BuiltinFunctionObject*>(self);
  uintptr_t h = reinterpret_cast<uintptr_t>(f->def) ^ (reinterpret_cast<uintptr_t>(f->self) >> 4);
  int64_t r = static_cast<int64_t>(h >> 1);
  return r == -1 ? -2 : r;
}

// --- getset_descriptor ------------------------------------------------------------------------

Result<Ref<Object>> getset_get(Object* self, Object* obj, Object* type) {
  auto* d = static_cast<GetSetDescrObject*>(self);
  if (!obj) return new_ref(self);
  if (!is_instance_of(obj, d->owner)) return descr_wrong_self(d, obj);
  if (!d->def->get) {
    return raise(exc::AttributeError, "attribute '{}' of '{}' objects is not readable", d->name,
                 d->owner->name);
  }
  return d->def->get(obj);
}

Status getset_set(Object* self, Object* obj, Object* value) {
  auto* d = static_cast<GetSetDescrObject*>(self);
  if (!is_instance_of(obj, d->owner)) return descr_wrong_self(d, obj);
  if (!d->def->set) {
    return raise(exc::AttributeError, "attribute '{}' of '{}' objects is not writable", d->name,
                 d->owner->name);
  }
  return d->def->set(obj, value);
}

Result<Ref<Object>> getset_repr(Object* self) { return descr_repr_common(self, "attribute"); }
Result<Ref<Object>> getset_doc(Object* self) {
  return doc_or_none(static_cast<GetSetDescrObject*>(self)->def->doc);
}

// --- member_descriptor ------------------------------------------------------------------------

Result<Ref<Object>> member_get(Object* self, Object* obj, Object* type) {
  auto* d = static_cast<MemberDescrObject*>(self);
  if (!obj) return new_ref(self);
  if (!is_instance_of(obj, d->owner)) return descr_wrong_self(d, obj);
  char* addr = reinterpret_cast<char*>(obj) + d->def->offset;
  switch (d->def->kind) {
    case MemberKind::Object: {
      Object* v = __atomic_load_n(reinterpret_cast<Object**>(addr), __ATOMIC_ACQUIRE);
      if (!v) {
        const FmtArg fa[] = {FmtArg(type_name_of(obj)), FmtArg(d->name)};
        return raise_attribute_error(
            obj, d->name, format_message("'{}' object has no attribute '{}'", fa, 2));
      }
      return new_ref(v);
    }
    case MemberKind::ObjectOrNone: {
      Object* v = __atomic_load_n(reinterpret_cast<Object**>(addr), __ATOMIC_ACQUIRE);
      return v ? new_ref(v) : new_none();
    }
    case MemberKind::Int64:
      return int_from_i64(__atomic_load_n(reinterpret_cast<int64_t*>(addr), __ATOMIC_RELAXED));
    case MemberKind::Bool:
      return new_bool(__atomic_load_n(reinterpret_cast<bool*>(addr), __ATOMIC_RELAXED));
    case MemberKind::Double: {
      double v;
      __atomic_load(reinterpret_cast<double*>(addr), &v, __ATOMIC_RELAXED);
      return float_from_double(v);
    }
  }
  return bad_internal_call("member_get");
}

Status member_set(Object* self, Object* obj, Object* value) {
  auto* d = static_cast<MemberDescrObject*>(self);
  if (!is_instance_of(obj, d->owner)) return descr_wrong_self(d, obj);
  if (d->def->readonly) return raise(exc::AttributeError, "readonly attribute");
  char* addr = reinterpret_cast<char*>(obj) + d->def->offset;
  switch (d->def->kind) {
    case MemberKind::Object:
    case MemberKind::ObjectOrNone: {
      if (!value && d->def->kind == MemberKind::Object &&
          !__atomic_load_n(reinterpret_cast<Object**>(addr), __ATOMIC_ACQUIRE)) {
        return raise(exc::AttributeError, "'{}' object has no attribute '{}'", type_name_of(obj),
                     d->name);
      }
      Object* nv = value ? new_ref(value).release() : nullptr;
      Object* old = __atomic_exchange_n(reinterpret_cast<Object**>(addr), nv, __ATOMIC_ACQ_REL);
      xdecref(old);
      return ok();
    }
    case MemberKind::Int64: {
      if (!value) return raise(exc::TypeError, "can't delete numeric/char attribute");
      int64_t v = TRY(index_as_i64(value));
      __atomic_store_n(reinterpret_cast<int64_t*>(addr), v, __ATOMIC_RELAXED);
      return ok();
    }
    case MemberKind::Bool: {
      if (!value) return raise(exc::TypeError, "can't delete numeric/char attribute");
      if (!is_bool(value)) return raise(exc::TypeError, "attribute value type must be bool");
      __atomic_store_n(reinterpret_cast<bool*>(addr), value == py_true(), __ATOMIC_RELAXED);
      return ok();
    }
    case MemberKind::Double: {
      if (!value) return raise(exc::TypeError, "can't delete numeric/char attribute");
      double v;
      if (is_float(value)) {
        v = float_value(value);
      } else if (is_int(value)) {
        v = TRY(int_as_double(value));
      } else {
        return raise(exc::TypeError, "attribute value type must be float");
      }
      __atomic_store(reinterpret_cast<double*>(addr), &v, __ATOMIC_RELAXED);
      return ok();
    }
  }
  return bad_internal_call("member_set");
}

Result<Ref<Object>> member_repr(Object* self) { return descr_repr_common(self, "member"); }
Result<Ref<Object>> member_doc(Object* self) {
  return doc_or_none(static_cast<MemberDescrObject*>(self)->def->doc);
}

const GetSetDef kMethodDescrGetSets[] = {
    {"__name__", descr_get_name, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr},
    {"__doc__", method_descr_doc, nullptr, nullptr},
    {"__text_signature__", method_descr_text_signature, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};
const GetSetDef kGetSetDescrGetSets[] = {
    {"__name__", descr_get_name, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr},
    {"__doc__", getset_doc, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};
const GetSetDef kMemberDescrGetSets[] = {
    {"__name__", descr_get_name, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr},
    {"__doc__", member_doc, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

void fill_descr_type(Type* t, const char* name, int64_t size, const GetSetDef* getsets) {
  init_static_object(t, &TypeType);
  t->name = name;
  t->basicsize = size;
  t->flags = kTypeImmutable | kTypeHaveGc;
  t->dealloc = descr_dealloc;
  t->traverse = descr_traverse;
  t->getsets = getsets;
}

Status fill_descr_types() {
  fill_descr_type(&MethodDescriptorType, "method_descriptor", sizeof(MethodDescrObject),
                  kMethodDescrGetSets);
  MethodDescriptorType.flags |= kTypeMethodDescriptor;
  MethodDescriptorType.descr_get = method_descr_get;
  MethodDescriptorType.call = method_descr_call;
  MethodDescriptorType.repr = method_descr_repr;

  fill_descr_type(&ClassMethodDescriptorType, "classmethod_descriptor", sizeof(MethodDescrObject),
                  kMethodDescrGetSets);
  ClassMethodDescriptorType.descr_get = classmethod_descr_get;
  ClassMethodDescriptorType.call = classmethod_descr_call;
  ClassMethodDescriptorType.repr = classmethod_descr_repr;

  fill_descr_type(&GetSetDescriptorType, "getset_descriptor", sizeof(GetSetDescrObject),
                  kGetSetDescrGetSets);
  GetSetDescriptorType.descr_get = getset_get;
  GetSetDescriptorType.descr_set = getset_set;
  GetSetDescriptorType.repr = getset_repr;

  fill_descr_type(&MemberDescriptorType, "member_descriptor", sizeof(MemberDescrObject),
                  kMemberDescrGetSets);
  MemberDescriptorType.descr_get = member_get;
  MemberDescriptorType.descr_set = member_set;
  MemberDescriptorType.repr = member_repr;

  Type* b = &BuiltinFunctionType;
  init_static_object(b, &TypeType);
  b->name = "builtin_function_or_method";
  b->basicsize = sizeof(BuiltinFunctionObject);
  b->weaklistoffset = offsetof(BuiltinFunctionObject, weaklist);
  b->flags = kTypeImmutable;
  b->dealloc = builtin_dealloc;
  b->call = builtin_call;
  b->repr = builtin_repr;
  b->richcompare = builtin_richcompare;
  b->hash = builtin_hash;
  b->getsets = kBuiltinGetSets;
  b->methods = kBuiltinMethods;
  return ok();
}

Status ready_descr_types() {
  for (Type* t : {&MethodDescriptorType, &ClassMethodDescriptorType, &GetSetDescriptorType,
                  &MemberDescriptorType, &BuiltinFunctionType})
    TRY(type_ready(t));
  return ok();
}

}  // namespace

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_descr_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_descr_types);

// --- public constructors ----------------------------------------------------------------------

Result<Ref<Object>> method_descriptor_new(Type* owner, const MethodDef* def) {
  Ref<Object> d = TRY(new_descr<MethodDescrObject>(&MethodDescriptorType, owner, def->name));
  static_cast<MethodDescrObject*>(d.get())->def = def;
  return d;
}

Result<Ref<Object>> classmethod_descriptor_new(Type* owner, const MethodDef* def) {
  Ref<Object> d = TRY(new_descr<MethodDescrObject>(&ClassMethodDescriptorType, owner, def->name));
  static_cast<MethodDescrObject*>(d.get())->def = def;
  return d;
}

Result<Ref<Object>> getset_descriptor_new(Type* owner, const GetSetDef* def) {
  Ref<Object> d = TRY(new_descr<GetSetDescrObject>(&GetSetDescriptorType, owner, def->name));
  static_cast<GetSetDescrObject*>(d.get())->def = def;
  return d;
}

Result<Ref<Object>> member_descriptor_new(Type* owner, const MemberDef* def) {
  Ref<Object> d = TRY(new_descr<MemberDescrObject>(&MemberDescriptorType, owner, def->name));
  static_cast<MemberDescrObject*>(d.get())->def = def;
  return d;
}

Result<Ref<Object>> builtin_function_new(const MethodDef* def, Object* self, Object* module_name) {
  Ref<BuiltinFunctionObject> f = TRY(new_object<BuiltinFunctionObject>(&BuiltinFunctionType));
  f->def = def;
  f->self = self ? new_ref(self).release() : nullptr;
  f->module = module_name ? new_ref(module_name).release() : nullptr;
  f->owner = nullptr;
  return Ref<Object>(std::move(f));
}

Status add_functions_to_dict(Object* dict, const MethodDef* table, Object* self,
                             Object* module_name) {
  for (const MethodDef* m = table; m && m->name; ++m) {
    Ref<Object> fn = TRY(builtin_function_new(m, self, module_name));
    // A native module's functions live as long as the process (modules are created once and
    // never torn down). Immortal, they are loaded and called by every thread without touching a
    // shared reference count: `len` in a loop on N threads must not bounce one cache line.
    gc::set_immortal(fn.get());
    TRY(dict_set_item(dict, str_intern(m->name), fn.get()));
  }
  return ok();
}

Result<Ref<Object>> call_method_def(const MethodDef* def, const char* owner_name, Object* self,
                                    Object* const* args, size_t nargs, Object* kwnames,
                                    Object* module) {
  uint32_t flags = def->flags;
  if (flags & (kMethNoArgs | kMethOneArg | kMethNoKeywords)) {
    if (kwnames_count(kwnames) != 0) {
      return raise(exc::TypeError, "{}() takes no keyword arguments",
                   display_name(owner_name, module, def->name));
    }
    if ((flags & kMethNoArgs) && nargs != 0) {
      return raise(exc::TypeError, "{}() takes no arguments ({} given)",
                   display_name(owner_name, module, def->name), nargs);
    }
    if ((flags & kMethOneArg) && nargs != 1) {
      return raise(exc::TypeError, "{}() takes exactly one argument ({} given)",
                   display_name(owner_name, module, def->name), nargs);
    }
    kwnames = nullptr;
  }
  return def->fn(self, args, nargs, kwnames);
}

}  // namespace weft
