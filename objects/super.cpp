// objects/super.cpp — super(type, obj), super(type), and zero-argument super() (objects/super.h).
//
// Attribute lookup walks the MRO of the "start type" (type(obj), or obj itself when obj is a
// subclass of `type`) from the entry after `type`, reading each class's own __dict__, and binds
// what it finds with instance obj (or none when obj is the start type itself). `__class__` and
// misses fall back to the super object's own attributes.
//
// The zero-argument form needs the caller's frame (the __class__ cell and the first argument);
// objects/ knows nothing of frames, so the VM installs a hook (set_zero_arg_super_hook).
//
// A super object is immutable once __init__ ran (which happens before it is shared).
#include "objects/super.h"

#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"


namespace weft {

Type SuperType;

namespace {

std::atomic<ZeroArgSuperHook> g_zero_arg_hook{nullptr};

Object* as_obj(Type* t) { return reinterpret_cast<Object*>(t); }
Type* as_type(Object* o) { return reinterpret_cast<Type*>(o); }
SuperObject* as_super(Object* o) { return static_cast<SuperObject*>(o); }

// The type whose MRO is searched (CPython's supercheck).
Result<Type*> super_check(Type* type, Object* obj) {
  if (is_instance_of(obj, &TypeType) && type_is_subtype(as_type(obj), type)) return as_type(obj);
  if (type_is_subtype(type_of(obj), type)) return type_of(obj);
  // obj.__class__ may differ from type(obj) (proxies).
  Ref<Object> cls;
  bool found = TRY(lookup_attr(obj, str_intern("__class__"), &cls));
  if (found && is_instance_of(cls.get(), &TypeType) && cls.get() != as_obj(type_of(obj)) &&
      type_is_subtype(as_type(cls.get()), type)) {
    return as_type(cls.get());
  }
  bool obj_is_type = is_instance_of(obj, &TypeType);
  return raise(exc::TypeError,
               "super(type, obj): obj ({} {}) is not an instance or subtype of type ({}).",
               obj_is_type ? "type" : "instance of",
               obj_is_type ? as_type(obj)->name : type_name_of(obj), type->name);
}

// Finds `name` in start_type's MRO after `type`: true and *out set, or false.
Result<bool> lookup_after(Type* type, Type* start_type, Object* name, Ref<Object>* out) {
  Object* mro = start_type->mro;
  if (!mro) return false;
  int64_t n = tuple_size(mro);
  int64_t i = 0;
  while (i + 1 < n && tuple_item(mro, i) != as_obj(type)) ++i;
  for (++i; i < n; ++i) {
    Object* dict = as_type(tuple_item(mro, i))->dict;
    if (!dict) continue;
    bool found = TRY(dict_get_item(dict, name, out));
    if (found) return true;
  }
  return false;
}

// The shared lookup of super objects and LOAD_SUPER_ATTR. Sets *found = false on a miss.
Result<Ref<Object>> super_lookup(Type* type, Object* obj, Type* start_type, Object* name,
                                 bool* found) {
  // A miss returns None with *found == false (a Result<Ref> cannot be empty without an error).
  Ref<Object> res;
  *found = TRY(lookup_after(type, start_type, name, &res));
  if (!*found) return new_none();
  DescrGetFn get = type_of(res.get())->descr_get;
  if (!get) return res;
  return get(res.get(), obj == as_obj(start_type) ? nullptr : obj, as_obj(start_type));
}

Error no_attribute(Object* name) {
  return raise(exc::AttributeError, "'super' object has no attribute '{}'", name);
}

void super_dealloc(Object* self) {
  SuperObject* s = as_super(self);
  xdecref(as_obj(s->type));
  xdecref(s->obj);
  xdecref(as_obj(s->obj_type));
  free_object(self);
}

// The collector's view: the class, the bound object and its type (all owned).
void super_traverse(Object* self, VisitFn visit, void* arg) {
  SuperObject* s = as_super(self);
  if (s->type) visit(as_obj(s->type), arg);
  if (s->obj) visit(s->obj, arg);
  if (s->obj_type) visit(as_obj(s->obj_type), arg);
}

Result<Ref<Object>> super_alloc(Type* type, Object* const*, size_t, Object*) {
  return object_generic_alloc(type);
}

Status super_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("super", kwnames));
  TRY(args_check_positional("super", nargs, 0, 2));
  Ref<Object> type;
  Ref<Object> obj;
  if (nargs == 0) {
    ZeroArgSuperHook hook = g_zero_arg_hook.load(std::memory_order_acquire);
    if (!hook) return raise(exc::RuntimeError, "super(): no arguments");
    TRY(hook(&type, &obj));
  } else {
    type = new_ref(args[0]);
    if (nargs == 2 && !is_none(args[1])) obj = new_ref(args[1]);
  }
  if (!is_instance_of(type.get(), &TypeType)) {
    return raise(exc::TypeError, "super() argument 1 must be a type, not {}",
                 type_name_of(type.get()));
  }
  Type* obj_type = nullptr;
  if (obj) obj_type = TRY(super_check(as_type(type.get()), obj.get()));
  SuperObject* s = as_super(self);
  xdecref(as_obj(std::exchange(s->type, as_type(type.release()))));
  xdecref(std::exchange(s->obj, obj.release()));
  if (obj_type) incref(as_obj(obj_type));
  xdecref(as_obj(std::exchange(s->obj_type, obj_type)));
  return ok();
}

Result<Ref<Object>> super_getattro(Object* self, Object* name) {
  SuperObject* s = as_super(self);
  if (s->obj_type && !(is_str(name) && str_equal_ascii(name, "__class__"))) {
    bool found;
    Ref<Object> r = TRY(super_lookup(s->type, s->obj, s->obj_type, name, &found));
    if (found) return r;
  }
  return generic_getattr(self, name);
}

Result<Ref<Object>> super_descr_get(Object* self, Object* obj, Object*) {
  SuperObject* s = as_super(self);
  if (!obj || s->obj) return new_ref(self);
  Object* args[2] = {as_obj(s->type), obj};
  return call(as_obj(type_of(self)), args, 2, nullptr);
}

Result<Ref<Object>> super_repr(Object* self) {
  SuperObject* s = as_super(self);
  std::string text = "<super: <class '";
  text += s->type ? s->type->name : "NULL";
  text += "'>, ";
  if (s->obj_type) {
    text += "<";
    text += s->obj_type->name;
    text += " object>>";
  } else {
    text += "NULL>";
  }
  return str_from_utf8(text);
}

const MemberDef kSuperMembers[] = {
    {"__thisclass__", MemberKind::ObjectOrNone, offsetof(SuperObject, type), true,
     "the class invoking super()"},
    {"__self__", MemberKind::ObjectOrNone, offsetof(SuperObject, obj), true,
     "the instance invoking super(); may be None"},
    {"__self_class__", MemberKind::ObjectOrNone, offsetof(SuperObject, obj_type), true,
     "the type of the instance invoking super(); may be None"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Status fill_super_type() {
  Type* t = &SuperType;
  init_static_object(t, &TypeType);
  t->name = "super";
  t->doc = "super() -> same as super(__class__, <first argument>)\n"
           "super(type) -> unbound super object\n"
           "super(type, obj) -> bound super object; requires isinstance(obj, type)\n"
           "super(type, type2) -> bound super object; requires issubclass(type2, type)";
  t->basicsize = sizeof(SuperObject);
  t->flags = kTypeBaseType | kTypeImmutable | kTypeHaveGc;
  t->dealloc = super_dealloc;
  t->traverse = super_traverse;
  t->repr = super_repr;
  t->getattro = super_getattro;
  t->descr_get = super_descr_get;
  t->new_ = super_alloc;
  t->init = super_init;
  t->members = kSuperMembers;
  return ok();
}

Status ready_super_type() { return type_ready(&SuperType); }

}  // namespace

Result<Ref<Object>> super_getattr(Type* start_after, Object* self_or_type, Object* name) {
  Type* start_type = TRY(super_check(start_after, self_or_type));
  bool found;
  Ref<Object> r = TRY(super_lookup(start_after, self_or_type, start_type, name, &found));
  if (!found) return no_attribute(name);
  return r;
}

void set_zero_arg_super_hook(ZeroArgSuperHook hook) {
  g_zero_arg_hook.store(hook, std::memory_order_release);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_super_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_super_type);

}  // namespace weft
