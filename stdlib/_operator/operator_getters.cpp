// stdlib/_operator/operator_getters.cpp — operator.itemgetter, operator.attrgetter and
// operator.methodcaller (CPython 3.14's Modules/_operator.c behaviour, reprs, __reduce__ and
// messages).
//
// All three are immutable once built: the fields are set by the constructor and never change,
// so calls from any number of threads need no locking. Calls use the vector convention (the
// type's `call` slot) and take exactly one positional argument. attrgetter splits dotted names
// at construction into tuples of interned attribute names, so a call only walks them.
// These types, like CPython's, do not bind as methods when stored on a class (no descr_get).
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/object_impl.h"
#include "objects/repr_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_functools/functools.h"
#include "stdlib/_operator/operator.h"

namespace weft::operator_module {

Type ItemGetterType;
Type AttrGetterType;
Type MethodCallerType;

namespace {

using functools::release_fields;
using functools::visit_fields;

// itemgetter: `items` holds the keys; attrgetter: `items` holds one tuple of interned names per
// dotted attribute; methodcaller: `items` holds the positional arguments.
struct GetterObject : Object {
  Object* items;   // owned tuple
  Object* name;    // methodcaller: the interned method name; otherwise nullptr
  Object* kwargs;  // methodcaller: a dict of keyword arguments; otherwise nullptr
};

GetterObject* as_getter(Object* o) { return static_cast<GetterObject*>(o); }

Result<Ref<Object>> new_getter(Type* type, Ref<Object> items, Object* name, Object* kwargs) {
  Ref<GetterObject> g =
      TRY(new_object<GetterObject>(type, static_cast<size_t>(type->basicsize)));
  g->items = items.release();
  g->name = name ? new_ref(name).release() : nullptr;
  g->kwargs = kwargs ? new_ref(kwargs).release() : nullptr;
  return Ref<Object>(std::move(g));
}

void getter_dealloc(Object* self) {
  GetterObject* g = as_getter(self);
  release_fields({g->items, g->name, g->kwargs});
  free_object(self);
}

void getter_traverse(Object* self, VisitFn visit, void* arg) {
  GetterObject* g = as_getter(self);
  visit_fields({g->items, g->name, g->kwargs}, visit, arg);
}

// Every call takes exactly one positional argument, as in CPython.
Status check_call_args(const char* name, size_t nargs, Object* kwnames) {
  return args_positional_only(name, nargs, kwnames, 1, 1);
}

// "operator.<name>(<repr of item 0>, <repr of item 1>, ...)", "<name>(...)" when recursive.
// `render` gives each item's text.
// `append_extra` may add text before the closing parenthesis.
template <typename RenderFn, typename ExtraFn>
Result<Ref<Object>> getter_repr(Object* self, const char* name, Object* items, RenderFn render,
                                ExtraFn append_extra) {
  ReprGuard guard(self);
  StrBuilder out;
  if (guard.is_recursive()) {
    out.append_ascii(name);
    out.append_ascii("(...)");
    return out.finish();
  }
  Ref<Object> qualname = TRY(type_qualname(self->ob_type));
  Ref<Object> qn = TRY(object_str(qualname.get()));
  out.append_ascii("operator.");
  out.append_str(qn.get());
  out.append_ascii("(");
  for (int64_t i = 0; i < tuple_size(items); ++i) {
    if (i) out.append_ascii(", ");
    Ref<Object> text = TRY(render(tuple_item(items, i)));
    out.append_str(text.get());
  }
  TRY(append_extra(out));
  out.append_ascii(")");
  return out.finish();
}

// ---- itemgetter -----------------------------------------------------------------------------

Result<Ref<Object>> itemgetter_new(Type* type, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  TRY(args_no_keywords("itemgetter", kwnames));
  if (nargs < 1) return raise(exc::TypeError, "itemgetter expected 1 argument, got 0");
  Ref<Object> items = TRY(tuple_from_array(args, static_cast<int64_t>(nargs)));
  return new_getter(type, std::move(items), nullptr, nullptr);
}

Result<Ref<Object>> itemgetter_call(Object* self, Object* const* args, size_t nargs,
                                    Object* kwnames) {
  TRY(check_call_args("itemgetter", nargs, kwnames));
  Object* items = as_getter(self)->items;
  int64_t n = tuple_size(items);
  if (n == 1) return get_item(args[0], tuple_item(items, 0));
  Ref<Object> out = TRY(tuple_new(n));
  for (int64_t i = 0; i < n; ++i)
    tuple_init_item(out.get(), i, TRY(get_item(args[0], tuple_item(items, i))));
  return out;
}

Status no_extra(StrBuilder&) { return ok(); }

Result<Ref<Object>> itemgetter_repr(Object* self) {
  return getter_repr(self, "itemgetter", as_getter(self)->items, object_repr, no_extra);
}

Result<Ref<Object>> itemgetter_reduce(Object* self, Object* const*, size_t, Object*) {
  return tuple_pack({reinterpret_cast<Object*>(self->ob_type), as_getter(self)->items});
}

// ---- attrgetter -----------------------------------------------------------------------------

// "a.b.c" -> ("a", "b", "c") interned; a name without a dot stays a single interned str.
Result<Ref<Object>> split_dotted(Object* name) {
  int64_t len = str_length(name);
  int64_t dots = 0;
  for (int64_t i = 0; i < len; ++i) dots += str_char_at(name, i) == '.';
  if (dots == 0) return str_intern_object(new_ref(name));
  Ref<Object> parts = TRY(tuple_new(dots + 1));
  int64_t start = 0, k = 0;
  for (int64_t i = 0; i <= len; ++i) {
    if (i < len && str_char_at(name, i) != '.') continue;
    StrBuilder part;
    part.append_substr(name, start, i);
    Ref<Object> text = TRY(part.finish());
    tuple_init_item(parts.get(), k++, TRY(str_intern_object(std::move(text))));
    start = i + 1;
  }
  return parts;
}

// The dotted name back from its parts.
Result<Ref<Object>> join_dotted(Object* attr) {
  if (is_str(attr)) return new_ref(attr);
  StrBuilder out;
  for (int64_t i = 0; i < tuple_size(attr); ++i) {
    if (i) out.append_ascii(".");
    out.append_str(tuple_item(attr, i));
  }
  return out.finish();
}

Result<Ref<Object>> attrgetter_new(Type* type, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  TRY(args_no_keywords("attrgetter", kwnames));
  if (nargs < 1) return raise(exc::TypeError, "attrgetter expected 1 argument, got 0");
  Ref<Object> attrs = TRY(tuple_new(static_cast<int64_t>(nargs)));
  for (size_t i = 0; i < nargs; ++i) {
    if (!is_str(args[i])) return raise(exc::TypeError, "attribute name must be a string");
    tuple_init_item(attrs.get(), static_cast<int64_t>(i), TRY(split_dotted(args[i])));
  }
  return new_getter(type, std::move(attrs), nullptr, nullptr);
}

Result<Ref<Object>> get_dotted(Object* obj, Object* attr) {
  if (is_str(attr)) return get_attr(obj, attr);
  Ref<Object> current = new_ref(obj);
  for (int64_t i = 0; i < tuple_size(attr); ++i)
    current = TRY(get_attr(current.get(), tuple_item(attr, i)));
  return current;
}

Result<Ref<Object>> attrgetter_call(Object* self, Object* const* args, size_t nargs,
                                    Object* kwnames) {
  TRY(check_call_args("attrgetter", nargs, kwnames));
  Object* attrs = as_getter(self)->items;
  int64_t n = tuple_size(attrs);
  if (n == 1) return get_dotted(args[0], tuple_item(attrs, 0));
  Ref<Object> out = TRY(tuple_new(n));
  for (int64_t i = 0; i < n; ++i)
    tuple_init_item(out.get(), i, TRY(get_dotted(args[0], tuple_item(attrs, i))));
  return out;
}

Result<Ref<Object>> repr_dotted(Object* attr) {
  Ref<Object> name = TRY(join_dotted(attr));
  return object_repr(name.get());
}

Result<Ref<Object>> attrgetter_repr(Object* self) {
  return getter_repr(self, "attrgetter", as_getter(self)->items, repr_dotted, no_extra);
}

Result<Ref<Object>> attrgetter_reduce(Object* self, Object* const*, size_t, Object*) {
  Object* attrs = as_getter(self)->items;
  Ref<Object> names = TRY(tuple_new(tuple_size(attrs)));
  for (int64_t i = 0; i < tuple_size(attrs); ++i)
    tuple_init_item(names.get(), i, TRY(join_dotted(tuple_item(attrs, i))));
  return tuple_pack({reinterpret_cast<Object*>(self->ob_type), names.get()});
}

// ---- methodcaller ---------------------------------------------------------------------------

Result<Ref<Object>> methodcaller_new(Type* type, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  if (nargs < 1)
    return raise(exc::TypeError, "methodcaller needs at least one argument, the method name");
  if (!is_str(args[0])) return raise(exc::TypeError, "method name must be a string");
  Ref<Object> name = TRY(str_intern_object(new_ref(args[0])));
  Ref<Object> positional = TRY(tuple_from_array(args + 1, static_cast<int64_t>(nargs - 1)));
  Ref<Object> kwargs = TRY(dict_new());
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; ++i)
    TRY(dict_set_item(kwargs.get(), tuple_item(kwnames, static_cast<int64_t>(i)),
                      args[nargs + i]));
  return new_getter(type, std::move(positional), name.get(), kwargs.get());
}

Result<Ref<Object>> methodcaller_call(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  TRY(check_call_args("methodcaller", nargs, kwnames));
  GetterObject* g = as_getter(self);
  Ref<Object> method = TRY(get_attr(args[0], g->name));
  if (dict_size(g->kwargs) == 0)
    return call(method.get(), tuple_items(g->items), static_cast<size_t>(tuple_size(g->items)));
  return call_tuple_dict(method.get(), g->items, g->kwargs);
}

Status append_keywords(StrBuilder& out, Object* kwargs) {
  Ref<Object> items = TRY(dict_items_list(kwargs));
  Ref<Object> pairs = TRY(tuple_from_iterable(items.get()));
  for (int64_t i = 0; i < tuple_size(pairs.get()); ++i) {
    Object* pair = tuple_item(pairs.get(), i);
    out.append_ascii(", ");
    Ref<Object> key = TRY(object_str(tuple_item(pair, 0)));
    out.append_str(key.get());
    out.append_ascii("=");
    Ref<Object> value = TRY(object_repr(tuple_item(pair, 1)));
    out.append_str(value.get());
  }
  return ok();
}

Result<Ref<Object>> methodcaller_repr(Object* self) {
  GetterObject* g = as_getter(self);
  // The name first, then the positional arguments, then key=value pairs.
  Ref<Object> name_and_args = TRY(tuple_new(tuple_size(g->items) + 1));
  tuple_init_item(name_and_args.get(), 0, new_ref(g->name));
  for (int64_t i = 0; i < tuple_size(g->items); ++i)
    tuple_init_item(name_and_args.get(), i + 1, new_ref(tuple_item(g->items, i)));
  return getter_repr(self, "methodcaller", name_and_args.get(), object_repr,
                     [g](StrBuilder& out) { return append_keywords(out, g->kwargs); });
}

// (methodcaller, (name, *args)) without keywords; (partial(methodcaller, name, **kwargs), args)
// with them, since a constructor call cannot carry keywords through pickle's REDUCE.
Result<Ref<Object>> methodcaller_reduce(Object* self, Object* const*, size_t, Object*) {
  GetterObject* g = as_getter(self);
  Object* type = reinterpret_cast<Object*>(self->ob_type);
  if (dict_size(g->kwargs) == 0) {
    Ref<Object> ctor_args = TRY(tuple_new(tuple_size(g->items) + 1));
    tuple_init_item(ctor_args.get(), 0, new_ref(g->name));
    for (int64_t i = 0; i < tuple_size(g->items); ++i)
      tuple_init_item(ctor_args.get(), i + 1, new_ref(tuple_item(g->items, i)));
    return tuple_pack({type, ctor_args.get()});
  }
  Ref<Object> partial_args = TRY(tuple_pack({type, g->name}));
  Ref<Object> ctor = TRY(call_tuple_dict(reinterpret_cast<Object*>(&functools::PartialType),
                                         partial_args.get(), g->kwargs));
  return tuple_pack({ctor.get(), g->items});
}

// ---- the types ------------------------------------------------------------------------------

const MethodDef kItemGetterMethods[] = {
    {"__reduce__", itemgetter_reduce, kMethNoArgs, "Return state information for pickling"},
    {nullptr, nullptr, 0, nullptr},
};
const MethodDef kAttrGetterMethods[] = {
    {"__reduce__", attrgetter_reduce, kMethNoArgs, "Return state information for pickling"},
    {nullptr, nullptr, 0, nullptr},
};
const MethodDef kMethodCallerMethods[] = {
    {"__reduce__", methodcaller_reduce, kMethNoArgs, "Return state information for pickling"},
    {nullptr, nullptr, 0, nullptr},
};

void fill_getter_type(Type& t, const char* name, const char* doc, NewFn new_fn,
                      VectorcallFn call_fn, UnaryFn repr, const MethodDef* methods) {
  t.name = name;
  t.doc = doc;
  t.basicsize = sizeof(GetterObject);
  t.flags = kTypeHaveGc;
  t.dealloc = getter_dealloc;
  t.traverse = getter_traverse;
  t.new_ = new_fn;
  t.call = call_fn;
  t.repr = repr;
  t.methods = methods;
}

Status fill_operator_types() {
  fill_getter_type(ItemGetterType, "operator.itemgetter",
                   "Return a callable object that fetches the given item(s) from its operand.\n"
                   "After f = itemgetter(2), the call f(r) returns r[2].\n"
                   "After g = itemgetter(2, 5, 3), the call g(r) returns (r[2], r[5], r[3])",
                   itemgetter_new, itemgetter_call, itemgetter_repr, kItemGetterMethods);
  fill_getter_type(AttrGetterType, "operator.attrgetter",
                   "Return a callable object that fetches the given attribute(s) from its "
                   "operand.\nAfter f = attrgetter('name'), the call f(r) returns r.name.\n"
                   "After g = attrgetter('name', 'date'), the call g(r) returns (r.name, "
                   "r.date).\nAfter h = attrgetter('name.first', 'name.last'), the call h(r) "
                   "returns\n(r.name.first, r.name.last).",
                   attrgetter_new, attrgetter_call, attrgetter_repr, kAttrGetterMethods);
  fill_getter_type(MethodCallerType, "operator.methodcaller",
                   "Return a callable object that calls the given method on its operand.\n"
                   "After f = methodcaller('name'), the call f(r) returns r.name().\n"
                   "After g = methodcaller('name', 'date', foo=1), the call g(r) returns\n"
                   "r.name('date', foo=1).",
                   methodcaller_new, methodcaller_call, methodcaller_repr, kMethodCallerMethods);
  return ok();
}

Status ready_operator_types() {
  TRY(type_ready(&ItemGetterType));
  TRY(type_ready(&AttrGetterType));
  return type_ready(&MethodCallerType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_operator_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_operator_types);

}  // namespace
}  // namespace weft::operator_module
