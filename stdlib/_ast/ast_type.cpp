// stdlib/_ast/ast_type.cpp — ast.AST, the base of every node class (CPython 3.14's
// Python-ast.c ast_type_init / ast_type_reduce / ast_type_replace / ast_repr).
//
// A node is an object with an instance __dict__; every field and position is a plain attribute
// in it, so generic_getattr/setattr do the attribute work and the dict's own critical sections
// make concurrent access safe. The per-class description (_fields, _attributes, _field_types)
// is read from the class at call time, as CPython does, so Python subclasses that set their own
// _fields work too.
#include <cstddef>
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/warnings.h"
#include "stdlib/_ast/ast_internal.h"

namespace weft::ast_module {

Type AstType;

namespace {

struct AstObject : Object {
  Object* dict;  // owned; created with the object
};

Object* dict_of(Object* node) { return static_cast<AstObject*>(node)->dict; }

Result<Ref<Object>> ast_vnew(Type* type, Object* const*, size_t, Object*) {
  Ref<AstObject> node = TRY(new_object<AstObject>(type, static_cast<size_t>(type->basicsize)));
  node->dict = TRY(dict_new()).release();
  return Ref<Object>(std::move(node));
}

// A class attribute that is a tuple of names (_fields, _attributes); () when absent.
Result<Ref<Object>> class_names(Object* cls, const char* attr) {
  Ref<Object> v;
  if (!TRY(lookup_attr(cls, str_intern(attr), &v))) return tuple_new(0);
  if (is_tuple(v.get())) return v;
  return tuple_from_iterable(v.get());
}

Result<bool> tuple_contains_str(Object* names, Object* key, int64_t limit) {
  for (int64_t i = 0; i < limit; ++i)
    if (TRY(objects_equal(tuple_item(names, i), key))) return true;
  return false;
}

// The default of a field the constructor was not given, from the class's _field_types:
// [] for list[...], None for `T | None`, Load() for expr_context. Returns false (after a
// DeprecationWarning for a required field) when there is none.
Result<bool> missing_field_default(Object* cls, Object* field_types, Object* field,
                                   Ref<Object>* out) {
  Ref<Object> type;
  if (!field_types || !TRY(dict_get_item(field_types, field, &type))) return false;
  Ref<Object> origin;
  if (TRY(lookup_attr(type.get(), str_intern("__origin__"), &origin)) &&
      origin.get() == reinterpret_cast<Object*>(&ListType)) {
    *out = TRY(list_new());
    return true;
  }
  Ref<Object> args;
  if (!is_instance_of(type.get(), &TypeType) &&
      TRY(lookup_attr(type.get(), str_intern("__args__"), &args)) && is_tuple(args.get())) {
    for (int64_t i = 0; i < tuple_size(args.get()); ++i) {
      if (tuple_item(args.get(), i) == reinterpret_cast<Object*>(type_of(none()))) {
        *out = new_none();
        return true;
      }
    }
  }
  if (Object* load = expr_context_default(type.get())) {
    *out = new_ref(load);
    return true;
  }
  std::string msg = std::string(type_short_name(reinterpret_cast<Type*>(cls))) +
                    ".__init__ missing 1 required positional argument: '" +
                    str_to_std_string(field) + "'. This will become an error in Python 3.15.";
  TRY(warn(exc::DeprecationWarning, msg));
  return false;
}

// AST.__init__(*args, **kwargs): positional arguments fill _fields in order, keywords set any
// attribute; absent optional/list fields get None/[].
Status ast_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* cls = reinterpret_cast<Object*>(type_of(self));
  const char* name = type_short_name(type_of(self));
  Ref<Object> fields = TRY(class_names(cls, "_fields"));
  int64_t nfields = tuple_size(fields.get());
  if (static_cast<int64_t>(nargs) > nfields)
    return raise(exc::TypeError, "{} constructor takes at most {} positional argument{}", name,
                 nfields, nfields == 1 ? "" : "s");
  for (size_t i = 0; i < nargs; ++i)
    TRY(set_attr(self, tuple_item(fields.get(), static_cast<int64_t>(i)), args[i]));
  size_t nkw = kwnames_count(kwnames);
  Ref<Object> attributes;
  for (size_t i = 0; i < nkw; ++i) {
    Object* key = tuple_item(kwnames, static_cast<int64_t>(i));
    if (TRY(tuple_contains_str(fields.get(), key, static_cast<int64_t>(nargs))))
      return raise(exc::TypeError, "{} got multiple values for argument '{}'", name,
                   str_to_std_string(key));
    if (!TRY(tuple_contains_str(fields.get(), key, nfields))) {
      if (!attributes) attributes = TRY(class_names(cls, "_attributes"));
      if (!TRY(tuple_contains_str(attributes.get(), key, tuple_size(attributes.get())))) {
        std::string msg = std::string(name) + ".__init__ got an unexpected keyword argument '" +
                          str_to_std_string(key) +
                          "'. Support for arbitrary keyword arguments is deprecated and will be "
                          "removed in Python 3.15.";
        TRY(warn(exc::DeprecationWarning, msg));
      }
    }
    TRY(set_attr(self, key, args[nargs + i]));
  }
  Ref<Object> field_types;
  if (!TRY(lookup_attr(cls, str_intern("_field_types"), &field_types)) ||
      !is_dict(field_types.get()))
    field_types = Ref<Object>();
  for (int64_t i = static_cast<int64_t>(nargs); i < nfields; ++i) {
    Object* field = tuple_item(fields.get(), i);
    if (TRY(dict_contains(dict_of(self), field))) continue;
    Ref<Object> value;
    if (TRY(missing_field_default(cls, field_types.get(), field, &value)))
      TRY(set_attr(self, field, value.get()));
  }
  return ok();
}

// __reduce__: (type, (None,) * fields present, __dict__), as CPython 3.14.
Result<Ref<Object>> ast_reduce(Object* self, Object* const*, size_t, Object*) {
  Object* cls = reinterpret_cast<Object*>(type_of(self));
  Ref<Object> fields = TRY(class_names(cls, "_fields"));
  int64_t present = 0;
  for (int64_t i = 0; i < tuple_size(fields.get()); ++i)
    if (TRY(dict_contains(dict_of(self), tuple_item(fields.get(), i)))) ++present;
  Ref<Object> nones = TRY(tuple_new(present));
  for (int64_t i = 0; i < present; ++i) tuple_init_item(nones.get(), i, new_none());
  Ref<Object> dict = TRY(dict_copy(dict_of(self)));
  Object* items[3] = {cls, nones.get(), dict.get()};
  return tuple_from_array(items, 3);
}

// __replace__(**changes) (copy.replace): a new node of the same class with the current fields
// and positions, `changes` applied.
Result<Ref<Object>> ast_replace(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  const char* name = type_short_name(type_of(self));
  if (nargs) return raise(exc::TypeError, "__replace__() takes no positional arguments");
  Object* cls = reinterpret_cast<Object*>(type_of(self));
  Ref<Object> fields = TRY(class_names(cls, "_fields"));
  Ref<Object> attributes = TRY(class_names(cls, "_attributes"));
  Ref<Object> payload = TRY(dict_new());
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; ++i) {
    Object* key = tuple_item(kwnames, static_cast<int64_t>(i));
    if (!TRY(tuple_contains_str(fields.get(), key, tuple_size(fields.get()))) &&
        !TRY(tuple_contains_str(attributes.get(), key, tuple_size(attributes.get()))))
      return raise(exc::TypeError, "{}.__replace__ got an unexpected keyword argument '{}'.", name,
                   str_to_std_string(key));
    TRY(dict_set_item(payload.get(), key, args[i]));
  }
  for (Object* names : {fields.get(), attributes.get()}) {
    for (int64_t i = 0; i < tuple_size(names); ++i) {
      Object* key = tuple_item(names, i);
      if (TRY(dict_contains(payload.get(), key))) continue;
      Ref<Object> value;
      if (TRY(dict_get_item(dict_of(self), key, &value))) {
        TRY(dict_set_item(payload.get(), key, value.get()));
      } else if (names == fields.get()) {
        return raise(exc::TypeError, "{}.__replace__ missing 1 keyword argument: '{}'.", name,
                     str_to_std_string(key));
      }
    }
  }
  Ref<Object> empty = TRY(tuple_new(0));
  return call_tuple_dict(cls, empty.get(), payload.get());
}

constexpr int kReprDepth = 3;

Status repr_value(StrBuilder& out, Object* value, int depth);

// CPython 3.14's repr: fields only, nested nodes down to kReprDepth levels, lists longer than
// two shown as [first, ..., last].
Status repr_node(StrBuilder& out, Object* node, int depth) {
  out.append_ascii(type_name_of(node));
  if (depth <= 0) {
    out.append_ascii("(...)");
    return ok();
  }
  out.append_ascii("(");
  Ref<Object> fields = TRY(class_names(reinterpret_cast<Object*>(type_of(node)), "_fields"));
  for (int64_t i = 0; i < tuple_size(fields.get()); ++i) {
    if (i) out.append_ascii(", ");
    Object* field = tuple_item(fields.get(), i);
    Ref<Object> value = TRY(get_attr(node, field));
    out.append_str(field);
    out.append_ascii("=");
    TRY(repr_value(out, value.get(), depth - 1));
  }
  out.append_ascii(")");
  return ok();
}

Status repr_value(StrBuilder& out, Object* value, int depth) {
  if (is_instance_of(value, &AstType)) return repr_node(out, value, depth);
  if (!is_list(value)) {
    Ref<Object> r = TRY(object_repr(value));
    out.append_str(r.get());
    return ok();
  }
  Ref<Object> items = TRY(list_as_tuple(value));
  int64_t n = tuple_size(items.get());
  out.append_ascii("[");
  for (int64_t i = 0; i < n; ++i) {
    if (n > 2 && i == 1) {
      out.append_ascii(", ...");
      i = n - 2;
      continue;
    }
    if (i) out.append_ascii(", ");
    TRY(repr_value(out, tuple_item(items.get(), i), depth));
  }
  out.append_ascii("]");
  return ok();
}

Result<Ref<Object>> ast_repr(Object* self) {
  StrBuilder out;
  TRY(repr_node(out, self, kReprDepth));
  return out.finish();
}

void ast_dealloc(Object* self) {
  xdecref(dict_of(self));
  free_object(self);
}

void ast_traverse(Object* self, VisitFn visit, void* arg) {
  if (Object* d = dict_of(self)) visit(d, arg);
}

const MethodDef kAstMethods[] = {
    {"__reduce__", ast_reduce, kMethNoArgs, "Helper for pickle."},
    {"__replace__", ast_replace, kMethFastcall,
     "Return a copy of the AST node with new values "
     "for the specified fields."},
    {nullptr, nullptr, 0, nullptr},
};

const MemberDef kAstMembers[] = {
    {"__dict__", MemberKind::Object, offsetof(AstObject, dict), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Status fill_ast_type() {
  Type& t = AstType;
  t.name = "ast.AST";
  t.doc = nullptr;
  t.basicsize = sizeof(AstObject);
  t.flags = kTypeBaseType | kTypeHaveGc;
  t.dictoffset = offsetof(AstObject, dict);
  t.dealloc = ast_dealloc;
  t.traverse = ast_traverse;
  t.repr = ast_repr;
  t.getattro = generic_getattr;
  t.setattro = generic_setattr;
  t.new_ = ast_vnew;
  t.init = ast_init;
  t.methods = kAstMethods;
  t.members = kAstMembers;
  return ok();
}
Status ready_ast_type() { return type_ready(&AstType); }
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_ast_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_ast_type);

}  // namespace

Result<Ref<Object>> new_ast_instance(Object* cls) {
  return ast_vnew(reinterpret_cast<Type*>(cls), nullptr, 0, nullptr);
}

bool is_ast_object(Object* o) { return is_instance_of(o, &AstType); }

}  // namespace weft::ast_module
