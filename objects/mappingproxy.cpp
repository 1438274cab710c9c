// objects/mappingproxy.cpp — mappingproxy: a read-only view of a mapping (type.__dict__,
// types.MappingProxyType).
//
// Every read is forwarded to the wrapped mapping; there are no write operations at all, which
// is what keeps a class's __dict__ from being changed behind the attribute cache's back (writes
// go through setattr(cls, ...), which invalidates the cache). The proxy itself is immutable.
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/list.h"
#include "objects/mappingproxy.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"

namespace weft {

Type MappingProxyType;

namespace {

struct MappingProxyObject : Object {
  Object* mapping;  // owned
};

Object* target(Object* self) { return static_cast<MappingProxyObject*>(self)->mapping; }

void proxy_dealloc(Object* self) {
  decref(target(self));
  free_object(self);
}

// The collector's view: the proxied mapping (owned).
void proxy_traverse(Object* self, VisitFn visit, void* arg) { visit(target(self), arg); }

Status check_mapping(Object* mapping) {
  Type* t = type_of(mapping);
  bool ok_mapping = t->mapping.subscript && !is_list(mapping) && !is_tuple(mapping);
  if (!ok_mapping) {
    return raise(exc::TypeError, "mappingproxy() argument must be a mapping, not {}",
                 type_name_of(mapping));
  }
  return ok();
}

Result<Ref<Object>> proxy_new(Type*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("mappingproxy", "mapping");
  Object* a[1];
  TRY(parser.parse(args, nargs, kwnames, a));
  return mappingproxy_new(a[0]);
}

Result<Ref<Object>> proxy_getitem(Object* self, Object* key) { return get_item(target(self), key); }
Result<int64_t> proxy_len(Object* self) { return object_length(target(self)); }
Result<bool> proxy_contains(Object* self, Object* key) {
  if (is_dict_exact(target(self))) return dict_contains(target(self), key);
  return contains(target(self), key);
}
Result<Ref<Object>> proxy_iter(Object* self) { return get_iter(target(self)); }
Result<Ref<Object>> proxy_str(Object* self) { return object_str(target(self)); }
Result<Ref<Object>> proxy_repr(Object* self) {
  Ref<Object> inner = TRY(object_repr(target(self)));
  return str_from_utf8("mappingproxy(" + str_to_std_string(inner.get()) + ")");
}
Result<Ref<Object>> proxy_richcompare(Object* self, Object* other, CompareOp op) {
  return rich_compare(target(self), other, op);
}
Result<Ref<Object>> proxy_or(Object* a, Object* b) {
  // Either operand may be the proxy; the result is a plain mapping (CPython's mappingproxy_or).
  Object* left = type_of(a) == &MappingProxyType ? target(a) : a;
  Object* right = type_of(b) == &MappingProxyType ? target(b) : b;
  return binary_op(left, right, BinaryOp::Or);
}

Result<Ref<Object>> forward(Object* self, const char* name, Object* const* args, size_t nargs) {
  return call_method(target(self), name, args, nargs);
}
Result<Ref<Object>> proxy_get(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("get", nargs, kwnames, 1, 2));
  return forward(self, "get", args, nargs);
}
Result<Ref<Object>> proxy_keys(Object* self, Object* const*, size_t, Object*) {
  return forward(self, "keys", nullptr, 0);
}
Result<Ref<Object>> proxy_values(Object* self, Object* const*, size_t, Object*) {
  return forward(self, "values", nullptr, 0);
}
Result<Ref<Object>> proxy_items(Object* self, Object* const*, size_t, Object*) {
  return forward(self, "items", nullptr, 0);
}
Result<Ref<Object>> proxy_copy(Object* self, Object* const*, size_t, Object*) {
  return forward(self, "copy", nullptr, 0);
}
Result<Ref<Object>> proxy_reversed(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> fn = TRY(get_attr(target(self), "__reversed__"));
  return call_noargs(fn.get());
}

const MethodDef kProxyMethods[] = {
    {"get", proxy_get, kMethFastcall,
     "Return the value for key if key is in the mapping, else default."},
    {"keys", proxy_keys, kMethNoArgs, "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", proxy_values, kMethNoArgs, "D.values() -> an object providing a view on D's values"},
    {"items", proxy_items, kMethNoArgs, "D.items() -> a set-like object providing a view on D's items"},
    {"copy", proxy_copy, kMethNoArgs, "D.copy() -> a shallow copy of D"},
    {"__reversed__", proxy_reversed, kMethNoArgs, "D.__reversed__() -> reverse iterator"},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

Status fill_mappingproxy_type() {
  Type* t = &MappingProxyType;
  init_static_object(t, &TypeType);
  t->name = "mappingproxy";
  t->doc = "Read-only proxy of a mapping.";
  t->basicsize = sizeof(MappingProxyObject);
  t->flags = kTypeImmutable | kTypeHaveGc | kTypeMapping;
  t->dealloc = proxy_dealloc;
  t->traverse = proxy_traverse;
  t->new_ = proxy_new;
  t->repr = proxy_repr;
  t->str = proxy_str;
  t->richcompare = proxy_richcompare;
  t->iter = proxy_iter;
  t->mapping.subscript = proxy_getitem;
  t->mapping.length = proxy_len;
  t->sequence.contains = proxy_contains;
  t->number.or_ = proxy_or;
  t->methods = kProxyMethods;
  return ok();
}

Status ready_mappingproxy_type() { return type_ready(&MappingProxyType); }

}  // namespace

Result<Ref<Object>> mappingproxy_new(Object* mapping) {
  TRY(check_mapping(mapping));
  Ref<MappingProxyObject> p = TRY(new_object<MappingProxyObject>(&MappingProxyType));
  p->mapping = new_ref(mapping).release();
  return Ref<Object>(std::move(p));
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_mappingproxy_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_mappingproxy_type);

}  // namespace weft
