// objects/namespace.cpp — types.SimpleNamespace (CPython's Objects/namespaceobject.c behaviour).
//
// The attributes are the instance __dict__ (at dictoffset), so generic_getattr/setattr do all
// attribute work and the dict's own critical sections make them thread-safe. Only construction,
// repr and comparison are specific.
#include "objects/namespace.h"

#include <cstddef>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/repr_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"

namespace weft {

Type SimpleNamespaceType;

namespace {

struct NamespaceObject : Object {
  Object* dict;  // owned; created with the object, never replaced by new_/init
};

Object* dict_of(Object* ns) { return static_cast<NamespaceObject*>(ns)->dict; }

Result<Ref<Object>> namespace_vnew(Type* type, Object* const*, size_t, Object*) {
  Ref<NamespaceObject> ns = TRY(new_object<NamespaceObject>(type, static_cast<size_t>(type->basicsize)));
  ns->dict = TRY(dict_new()).release();
  return Ref<Object>(std::move(ns));
}

// SimpleNamespace(mapping_or_iterable=(), /, **kwargs)
Status namespace_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs > 1)
    return raise(exc::TypeError, "SimpleNamespace expected at most 1 argument, got {}", nargs);
  Object* d = dict_of(self);
  if (nargs == 1) {
    Ref<Object> items = TRY(dict_new());
    TRY(dict_update(items.get(), args[0]));
    Ref<Object> keys = TRY(dict_keys_list(items.get()));
    for (int64_t i = 0; i < list_size(keys.get()); ++i) {
      Ref<Object> key = TRY(list_get_item(keys.get(), i));
      if (!is_str(key.get())) return raise(exc::TypeError, "keywords must be strings");
    }
    TRY(dict_update(d, items.get()));
  }
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; ++i)
    TRY(dict_set_item(d, tuple_item(kwnames, static_cast<int64_t>(i)), args[nargs + i]));
  return ok();
}

// "namespace(a=1, b=2)"; subclasses show their own name; a cycle shows "namespace(...)".
Result<Ref<Object>> namespace_repr(Object* self) {
  const char* name = type_of(self) == &SimpleNamespaceType ? "namespace" : type_short_name(type_of(self));
  ReprGuard guard(self);
  StrBuilder out;
  out.append_ascii(name);
  if (guard.is_recursive()) {
    out.append_ascii("(...)");
    return out.finish();
  }
  out.append_ascii("(");
  Ref<Object> items = TRY(dict_items_list(dict_of(self)));
  bool first = true;
  for (int64_t i = 0; i < list_size(items.get()); ++i) {
    Ref<Object> pair = TRY(list_get_item(items.get(), i));
    Object* key = tuple_item(pair.get(), 0);
    if (!is_str(key)) continue;  // CPython shows only string-named attributes
    if (!first) out.append_ascii(", ");
    first = false;
    out.append_str(key);
    out.append_ascii("=");
    Ref<Object> value_repr = TRY(object_repr(tuple_item(pair.get(), 1)));
    out.append_str(value_repr.get());
  }
  out.append_ascii(")");
  return out.finish();
}

// Equal when both are SimpleNamespaces (or subclasses) with equal attribute dicts.
Result<Ref<Object>> namespace_richcompare(Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::Eq && op != CompareOp::Ne) || !is_instance_of(a, &SimpleNamespaceType) ||
      !is_instance_of(b, &SimpleNamespaceType))
    return new_ref(not_implemented());
  return rich_compare(dict_of(a), dict_of(b), op);
}

void namespace_dealloc(Object* self) {
  xdecref(dict_of(self));
  free_object(self);
}

void namespace_traverse(Object* self, VisitFn visit, void* arg) {
  if (Object* d = dict_of(self)) visit(d, arg);
}

const MemberDef kNamespaceMembers[] = {
    {"__dict__", MemberKind::Object, offsetof(NamespaceObject, dict), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Status fill_namespace_type() {
  Type& t = SimpleNamespaceType;
  t.name = "types.SimpleNamespace";
  t.doc = "A simple attribute-based namespace.";
  t.basicsize = sizeof(NamespaceObject);
  t.flags = kTypeBaseType | kTypeHaveGc;
  t.dictoffset = offsetof(NamespaceObject, dict);
  t.dealloc = namespace_dealloc;
  t.traverse = namespace_traverse;
  t.repr = namespace_repr;
  t.richcompare = namespace_richcompare;
  t.hash = hash_not_implemented;
  t.getattro = generic_getattr;
  t.setattro = generic_setattr;
  t.new_ = namespace_vnew;
  t.init = namespace_init;
  t.members = kNamespaceMembers;
  return ok();
}
Status ready_namespace_type() { return type_ready(&SimpleNamespaceType); }
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_namespace_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_namespace_type);

}  // namespace

Result<Ref<Object>> namespace_new(Object* attrs) {
  Ref<Object> ns = TRY(namespace_vnew(&SimpleNamespaceType, nullptr, 0, nullptr));
  TRY(dict_update(dict_of(ns.get()), attrs));
  return ns;
}

}  // namespace weft
