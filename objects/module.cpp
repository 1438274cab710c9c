// objects/module.cpp — the module type (see objects/module.h).
//
// Why it is built this way:
//  - Modules are shared by every thread that imports them, so each one is marked for deferred
//    reference counting when created (DESIGN §4), whether by the import system (module_new) or
//    by Python code (types.ModuleType(name), which importlib uses).
//  - The dict is allocated with the module and never replaced, so reading the `dict` pointer
//    needs no lock; the dict's own critical sections make the namespace thread-safe.
//  - Attribute lookup is written out here instead of calling generic_getattr so that a missing
//    attribute costs no AttributeError construction before the PEP 562 `__getattr__` hook and
//    the module-specific message are tried.
//  - repr follows importlib._bootstrap._module_repr (CPython delegates to it): the spec's
//    name/origin/loader when __spec__ is set, else __name__, __file__ and __loader__.
#include "objects/module.h"
#include "objects/annotations_descr.h"

#include <array>
#include <string>
#include <string_view>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"

namespace weft {

Type ModuleType;

namespace {

ModuleObject* as_module(Object* o) { return static_cast<ModuleObject*>(o); }

void module_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  xdecref(as_module(self)->dict);
  free_object(self);
}

void module_traverse(Object* self, VisitFn visit, void* arg) {
  if (as_module(self)->dict) visit(as_module(self)->dict, arg);
}

// Fills the namespace as module.__init__ does: __name__, __doc__, __package__, __loader__,
// __spec__ (the last three None).
Status init_namespace(Object* dict, Object* name, Object* doc) {
  TRY(dict_set_item(dict, str_intern("__name__"), name));
  TRY(dict_set_item(dict, str_intern("__doc__"), doc));
  TRY(dict_set_item(dict, str_intern("__package__"), none()));
  TRY(dict_set_item(dict, str_intern("__loader__"), none()));
  TRY(dict_set_item(dict, str_intern("__spec__"), none()));
  return ok();
}

// A module with an empty dict, of `type` (ModuleType or a subclass), marked deferred.
Result<Ref<Object>> allocate_module(Type* type) {
  Ref<ModuleObject> m = TRY(new_object<ModuleObject>(type, static_cast<size_t>(type->basicsize)));
  m->dict = TRY(dict_new()).release();
  object_enable_deferred_refcount(m.get());
  return Ref<Object>(std::move(m));
}

// d[key] for a dict that may hold a non-str key equal to `key`; false when absent.
Result<bool> dict_lookup(Object* d, Object* key, Ref<Object>* out) {
  if (is_str_exact(key)) return dict_get_item_str(d, key, out);
  return dict_get_item(d, key, out);
}

// The truth of getattr(spec, attr, False), errors swallowed (CPython's _PyModuleSpec_IsInitializing
// treats a failing spec as "not initializing").
bool spec_flag(Object* spec, const char* attr) {
  Ref<Object> value;
  Result<bool> found = lookup_attr(spec, str_intern(attr), &value);
  if (found.is_error()) {
    clear_error();
    return false;
  }
  if (!found.value()) return false;
  Result<bool> truth = object_is_true(value.get());
  if (truth.is_error()) {
    clear_error();
    return false;
  }
  return truth.value();
}

// name in spec._uninitialized_submodules, errors swallowed.
bool spec_has_uninitialized_submodule(Object* spec, Object* name) {
  Ref<Object> subs;
  Result<bool> found = lookup_attr(spec, str_intern("_uninitialized_submodules"), &subs);
  if (found.is_error()) {
    clear_error();
    return false;
  }
  if (!found.value()) return false;
  Result<bool> in = contains(subs.get(), name);
  if (in.is_error()) {
    clear_error();
    return false;
  }
  return in.value();
}

// The AttributeError for a name neither the type, the dict nor __getattr__ provides.
Error module_attribute_error(Object* self, Object* name) {
  Object* d = module_dict(self);
  Ref<Object> mod_name;
  if (!TRY(dict_get_item_str(d, str_intern("__name__"), &mod_name)) || !is_str(mod_name.get())) {
    return raise_attribute_error(self, name, format_message("module has no attribute '{}'",
                                                            std::array<FmtArg, 1>{FmtArg(name)}.data(), 1));
  }
  Ref<Object> spec;
  TRY(dict_get_item_str(d, str_intern("__spec__"), &spec));
  const FmtArg args[] = {FmtArg(mod_name.get()), FmtArg(name)};
  const FmtArg swapped[] = {FmtArg(name), FmtArg(mod_name.get())};
  std::string message;
  if (spec && spec_flag(spec.get(), "_initializing")) {
    message = format_message(
        "partially initialized module '{}' has no attribute '{}' (most likely due to a circular "
        "import)", args, 2);
  } else if (spec && spec_has_uninitialized_submodule(spec.get(), name)) {
    message = format_message(
        "cannot access submodule '{}' of module '{}' (most likely due to a circular import)",
        swapped, 2);
  } else {
    message = format_message("module '{}' has no attribute '{}'", args, 2);
  }
  return raise_attribute_error(self, name, message);
}

Result<Ref<Object>> module_getattro(Object* self, Object* name) {
  if (!is_str(name)) return generic_getattr(self, name);  // raises the type error for `name`
  Type* t = type_of(self);
  Object* descr = type_lookup(t, name);
  Ref<Object> keep = Ref<Object>::borrow(descr);  // the type's dict may change under us
  DescrGetFn get = descr ? type_of(descr)->descr_get : nullptr;
  if (get && type_of(descr)->descr_set) return get(descr, self, reinterpret_cast<Object*>(t));
  Object* d = module_dict(self);
  Ref<Object> value;
  if (TRY(dict_lookup(d, name, &value))) return value;
  if (get) return get(descr, self, reinterpret_cast<Object*>(t));
  if (descr) return keep;
  // PEP 562: a module-level __getattr__(name) is the last resort.
  Ref<Object> hook;
  if (TRY(dict_get_item_str(d, str_intern("__getattr__"), &hook))) return call_one(hook.get(), name);
  return module_attribute_error(self, name);
}

// repr of importlib._bootstrap._module_repr_from_spec.
Status append_repr(StrBuilder& out, Object* o) {
  Ref<Object> r = TRY(object_repr(o));
  out.append_str(r.get());
  return ok();
}

Result<Ref<Object>> repr_from_spec(Object* spec) {
  Ref<Object> name = TRY(get_attr(spec, "name"));
  Ref<Object> origin = TRY(get_attr(spec, "origin"));
  StrBuilder out;
  out.append_ascii("<module ");
  if (is_none(origin.get())) {
    if (is_none(name.get())) {
      out.append_ascii("'?'");
    } else {
      TRY(append_repr(out, name.get()));
    }
    Ref<Object> loader = TRY(get_attr(spec, "loader"));
    if (is_none(loader.get())) {
      out.append_ascii(">");
    } else if (std::string_view(type_short_name(type_of(loader.get()))) == "NamespaceLoader") {
      // importlib's NamespaceLoader: "(namespace) from [paths]".
      Ref<Object> path = TRY(get_attr(loader.get(), "_path"));
      Ref<Object> as_list = TRY(call_one(reinterpret_cast<Object*>(&ListType), path.get()));
      out.append_ascii(" (namespace) from ");
      TRY(append_repr(out, as_list.get()));
      out.append_ascii(">");
    } else {
      out.append_ascii(" (");
      TRY(append_repr(out, loader.get()));
      out.append_ascii(")>");
    }
    return out.finish();
  }
  Ref<Object> has_location = TRY(get_attr(spec, "has_location"));
  if (TRY(object_is_true(has_location.get()))) {
    if (is_none(name.get())) {
      out.append_ascii("'?'");
    } else {
      TRY(append_repr(out, name.get()));
    }
    out.append_ascii(" from ");
    TRY(append_repr(out, origin.get()));
    out.append_ascii(">");
  } else {
    TRY(append_repr(out, name.get()));
    out.append_ascii(" (");
    Ref<Object> text = TRY(object_str(origin.get()));
    out.append_str(text.get());
    out.append_ascii(")>");
  }
  return out.finish();
}

Result<Ref<Object>> module_repr(Object* self) {
  Ref<Object> loader, spec, name, file;
  if (!TRY(lookup_attr(self, str_intern("__loader__"), &loader))) loader = new_none();
  if (TRY(lookup_attr(self, str_intern("__spec__"), &spec)) && TRY(object_is_true(spec.get()))) {
    return repr_from_spec(spec.get());
  }
  StrBuilder out;
  out.append_ascii("<module ");
  if (TRY(lookup_attr(self, str_intern("__name__"), &name))) {
    TRY(append_repr(out, name.get()));
  } else {
    out.append_ascii("'?'");
  }
  if (TRY(lookup_attr(self, str_intern("__file__"), &file))) {
    out.append_ascii(" from ");
    TRY(append_repr(out, file.get()));
    out.append_ascii(">");
  } else if (is_none(loader.get())) {
    out.append_ascii(">");
  } else {
    out.append_ascii(" (");
    TRY(append_repr(out, loader.get()));
    out.append_ascii(")>");
  }
  return out.finish();
}

// module.__dir__(): the module's own __dir__ function if its namespace has one, else the keys.
Result<Ref<Object>> module_dir_method(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> dict = TRY(get_attr(self, "__dict__"));
  if (!is_dict(dict.get())) return raise(exc::TypeError, "<module>.__dict__ is not a dictionary");
  Ref<Object> dir_fn;
  if (TRY(dict_get_item_str(dict.get(), str_intern("__dir__"), &dir_fn))) {
    return call_noargs(dir_fn.get());
  }
  return dict_keys_list(dict.get());
}

// module.__new__: an empty namespace; __init__ fills it.
Result<Ref<Object>> module_vnew(Type* type, Object* const*, size_t, Object*) {
  return allocate_module(type);
}

// module.__init__(name, doc=None)
Status module_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("module", "name | doc");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  if (!is_str(a[0])) {
    return raise(exc::TypeError, "module() argument 'name' must be str, not {}", type_name_of(a[0]));
  }
  return init_namespace(module_dict(self), a[0], a[1] ? a[1] : none());
}

const MethodDef kModuleMethods[] = {
    {"__dir__", module_dir_method, kMethNoArgs, "Implement dir(module)."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kModuleGetSets[] = {
    {"__annotations__", module_get_annotations, module_set_annotations, nullptr},
    {"__annotate__", module_get_annotate, module_set_annotate, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

const MemberDef kModuleMembers[] = {
    {"__dict__", MemberKind::Object, offsetof(ModuleObject, dict), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Status fill_module_type() {
  Type& t = ModuleType;
  t.name = "module";
  t.doc = "Create a module object.\n\n"
          "The name must be a string; the optional doc argument can have any type.";
  t.basicsize = sizeof(ModuleObject);
  t.weaklistoffset = offsetof(ModuleObject, weaklist);
  t.flags = kTypeHaveGc | kTypeBaseType | kTypeImmutable;
  t.dealloc = module_dealloc;
  t.traverse = module_traverse;
  t.repr = module_repr;
  t.getattro = module_getattro;
  t.setattro = generic_setattr;
  t.new_ = module_vnew;
  t.init = module_init;
  t.methods = kModuleMethods;
  t.members = kModuleMembers;
  t.getsets = kModuleGetSets;
  t.dictoffset = offsetof(ModuleObject, dict);
  return ok();
}
Status ready_module_type() { return type_ready(&ModuleType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_module_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_module_type);

}  // namespace

Result<Ref<Object>> module_new(Object* name) {
  Ref<Object> m = TRY(allocate_module(&ModuleType));
  TRY(init_namespace(module_dict(m.get()), name, none()));
  return m;
}

Result<Ref<Object>> module_new(const char* name) {
  Ref<Object> text = TRY(str_from_utf8(name));
  return module_new(text.get());
}

Result<Ref<Object>> module_get_name(Object* m) {
  Ref<Object> name;
  if (!TRY(dict_get_item_str(module_dict(m), str_intern("__name__"), &name)) ||
      !is_str(name.get())) {
    return raise(exc::SystemError, "nameless module");
  }
  return name;
}

Status module_add_object(Object* m, const char* name, Object* value) {
  return dict_set_item(module_dict(m), str_intern(name), value);
}

}  // namespace weft
