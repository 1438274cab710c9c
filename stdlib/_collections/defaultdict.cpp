// stdlib/_collections/defaultdict.cpp — collections.defaultdict: a dict subclass whose
// __missing__ calls `default_factory` (CPython's Modules/_collectionsmodule.c, 3.14 behaviour).
//
// Layout: the dict's own fields followed by one owned pointer, `default_factory` (nullptr reads
// as None). The dict part keeps every dict invariant (its critical section guards the entries);
// `default_factory` is a member slot read and written with atomic loads/exchanges by the generic
// member descriptor, and read the same way here. __missing__ runs the factory outside any lock,
// then stores with dict_set_item, so a racing thread may also create a value for the same key:
// the last store wins, as in CPython.
#include <cstddef>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/dict_internal.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/repr_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_collections/collections.h"

namespace weft::collections {

Type DefaultDictType;

namespace {

struct DefaultDictObject : dict_detail::DictObject {
  Object* default_factory;  // owned, or nullptr (= None)
};

DefaultDictObject* as_dd(Object* o) { return static_cast<DefaultDictObject*>(o); }
bool is_defaultdict(Object* o) { return is_instance_of(o, &DefaultDictType); }

// A new reference to the factory, or None.
Ref<Object> factory_of(Object* self) {
  Object* f = __atomic_load_n(&as_dd(self)->default_factory, __ATOMIC_ACQUIRE);
  return f ? new_ref(f) : new_none();
}

void dd_dealloc(Object* self) {
  xdecref(as_dd(self)->default_factory);
  as_dd(self)->default_factory = nullptr;
  DictType.dealloc(self);
}

void dd_traverse(Object* self, VisitFn visit, void* arg) {
  if (Object* f = as_dd(self)->default_factory) visit(f, arg);
  DictType.traverse(self, visit, arg);
}

// defaultdict(default_factory=None, /, *args, **kwargs): the rest goes to dict.__init__.
Status dd_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* factory = nullptr;
  if (nargs > 0) {
    factory = args[0];
    if (!is_none(factory) && !is_callable(factory))
      return raise(exc::TypeError, "first argument must be callable or None");
    ++args;
    --nargs;
  }
  Object* nv = factory && !is_none(factory) ? new_ref(factory).release() : nullptr;
  xdecref(__atomic_exchange_n(&as_dd(self)->default_factory, nv, __ATOMIC_ACQ_REL));
  return DictType.init(self, args, nargs, kwnames);
}

Result<Ref<Object>> dd_missing(Object* self, Object* const* args, size_t, Object*) {
  Object* key = args[0];
  Ref<Object> factory = factory_of(self);
  if (is_none(factory.get())) return raise_with_value(exc::KeyError, key);
  Ref<Object> value = TRY(call_noargs(factory.get()));
  TRY(set_item(self, key, value.get()));
  return value;
}

// type(self)(self.default_factory, source): copy() and the `|` operator.
Result<Ref<Object>> new_like(Object* self, Object* source) {
  Ref<Object> factory = factory_of(self);
  Object* call_args[2] = {factory.get(), source};
  return call(reinterpret_cast<Object*>(self->ob_type), call_args, 2);
}

Result<Ref<Object>> dd_copy(Object* self, Object* const*, size_t, Object*) {
  return new_like(self, self);
}

Result<Ref<Object>> dd_reduce(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> factory = factory_of(self);
  Ref<Object> ctor_args = is_none(factory.get()) ? TRY(tuple_new(0))
                                                 : TRY(tuple_pack({factory.get()}));
  Ref<Object> items = TRY(call_method(self, "items", nullptr, 0));
  Ref<Object> it = TRY(get_iter(items.get()));
  return tuple_pack({reinterpret_cast<Object*>(self->ob_type), ctor_args.get(), none(), none(),
                     it.get()});
}

// "defaultdict(<factory repr>, <dict repr>)". The dict part is rendered first, then the factory
// under its own recursion guard, matching CPython's "..." / "{...}" for self-references.
Result<Ref<Object>> dd_repr(Object* self) {
  Ref<Object> base;
  bool self_recursive;
  {
    ReprGuard probe(self);
    self_recursive = probe.is_recursive();
  }
  base = self_recursive ? TRY(str_from_ascii("{...}")) : TRY(DictType.repr(self));
  Ref<Object> factory = factory_of(self);
  Ref<Object> factory_repr;
  {
    ReprGuard guard(factory.get());
    factory_repr = guard.is_recursive() ? TRY(str_from_ascii("...")) : TRY(object_repr(factory.get()));
  }
  StrBuilder out;
  TRY(out.append_utf8(type_short_name(self->ob_type)));
  out.append_ascii("(");
  out.append_str(factory_repr.get());
  out.append_ascii(", ");
  out.append_str(base.get());
  out.append_ascii(")");
  return out.finish();
}

// a | b where one side is a defaultdict: a copy of a (made by the defaultdict's class) updated
// with b.
Result<Ref<Object>> dd_or(Object* a, Object* b) {
  Object* dd = is_defaultdict(a) ? a : b;
  Object* other = dd == a ? b : a;
  if (!is_dict(other)) return new_ref(not_implemented());
  Ref<Object> out = TRY(new_like(dd, a));
  TRY(dict_update(out.get(), b));
  return out;
}

const char kCopyDoc[] = "D.copy() -> a shallow copy of D.";

const MethodDef kDefaultDictMethods[] = {
    {"__missing__", dd_missing, kMethOneArg,
     "__missing__(key) # Called by __getitem__ for missing key; pseudo-code:\n"
     "  if self.default_factory is None: raise KeyError((key,))\n"
     "  self[key] = value = self.default_factory()\n"
     "  return value\n"},
    {"copy", dd_copy, kMethNoArgs, kCopyDoc},
    {"__copy__", dd_copy, kMethNoArgs, kCopyDoc},
    {"__reduce__", dd_reduce, kMethNoArgs, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

const MemberDef kDefaultDictMembers[] = {
    {"default_factory", MemberKind::ObjectOrNone, offsetof(DefaultDictObject, default_factory),
     false, "Factory for default value called by __missing__()."},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Status fill_defaultdict_type() {
  Type& t = DefaultDictType;
  t.name = "collections.defaultdict";
  t.doc = "defaultdict(default_factory=None, /, [...]) --> dict with default factory\n\n"
          "The default factory is called without arguments to produce\n"
          "a new value when a key is not present, in __getitem__ only.\n"
          "A defaultdict compares equal to a dict with the same items.\n"
          "All remaining arguments are treated the same as if they were\n"
          "passed to the dict constructor, including keyword arguments.\n";
  t.basicsize = sizeof(DefaultDictObject);
  t.flags = kTypeBaseType | kTypeHaveGc | kTypeDictSubclass | kTypeMapping;
  t.base = &DictType;
  t.dealloc = dd_dealloc;
  t.traverse = dd_traverse;
  t.repr = dd_repr;
  t.init = dd_init;
  t.number.or_ = dd_or;
  t.methods = kDefaultDictMethods;
  t.members = kDefaultDictMembers;
  return ok();
}

Status ready_defaultdict_type() { return type_ready(&DefaultDictType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_defaultdict_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_defaultdict_type);

}  // namespace

}  // namespace weft::collections
