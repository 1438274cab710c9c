// objects/generic_alias_typing.cpp — the typing machinery GenericAlias and typing.Union share:
// collecting type parameters, substituting them, and the "type repr" of alias arguments.
//
// The rules follow CPython 3.14 (Objects/genericaliasobject.c, _Py_typing_type_repr): type
// parameters are recognised by duck typing (`__typing_subst__`, `__parameters__`,
// `__typing_prepare_subst__`, `__typing_is_unpacked_typevartuple__`, and "has tp_iter" for a
// TypeVarTuple), so the objects typing.py and `_typing` define work without this file knowing
// their classes. Everything here works on immutable tuples or on private lists, so it needs no
// locking; arbitrary Python code may run through the hooks it calls.
#include <vector>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft {

namespace {

// A tuple under construction: owned items, turned into a tuple at the end.
using ItemVector = std::vector<Ref<Object>>;

Result<Ref<Object>> tuple_of(const ItemVector& items) {
  Ref<Object> t = TRY(tuple_new(static_cast<int64_t>(items.size())));
  for (size_t i = 0; i < items.size(); ++i) tuple_init_item(t.get(), static_cast<int64_t>(i), items[i].dup());
  return t;
}

bool is_class(Object* o) { return is_instance_of(o, &TypeType); }

// Position of `item` (by identity) in `items`, or -1.
int64_t index_of(Object* const* items, int64_t n, Object* item) {
  for (int64_t i = 0; i < n; ++i) {
    if (items[i] == item) return i;
  }
  return -1;
}

void add_unique(ItemVector& params, Object* p) {
  for (const Ref<Object>& q : params) {
    if (q.get() == p) return;
  }
  params.push_back(new_ref(p));
}

// `args` as a tuple: itself, or a tuple copy of a list.
Result<Ref<Object>> as_tuple(Object* args) {
  if (is_tuple(args)) return new_ref(args);
  return list_as_tuple(args);
}

// A TypeVarTuple is recognised, as in CPython, by being iterable (`*Ts`).
bool is_type_var_tuple(Object* param) { return type_of_obj(param)->iter != nullptr; }

Result<bool> is_unpacked_type_var_tuple(Object* arg) {
  if (is_class(arg)) return false;
  Ref<Object> flag;
  bool has = TRY(lookup_attr(arg, str_intern("__typing_is_unpacked_typevartuple__"), &flag));
  if (!has) return false;
  return object_is_true(flag.get());
}

// The argument tuple of an unpacked tuple type (`*tuple[int, str]`), or null.
Result<bool> unpacked_tuple_args(Object* arg, Ref<Object>* out) {
  Ref<Object> r;
  bool has = TRY(lookup_attr(arg, str_intern("__typing_unpacked_tuple_args__"), &r));
  if (!has || is_none(r.get())) return false;
  *out = std::move(r);
  return true;
}

// Flattens `*tuple[X, Y]` items of the subscript into X, Y (not `*tuple[X, ...]`).
Result<Ref<Object>> unpack_args(Object* item) {
  bool item_is_tuple = is_tuple(item);
  int64_t n = item_is_tuple ? tuple_size(item) : 1;
  Object* const* items = item_is_tuple ? tuple_items(item) : &item;
  ItemVector out;
  out.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    Object* a = items[i];
    if (!is_class(a)) {
      Ref<Object> sub;
      bool has = TRY(unpacked_tuple_args(a, &sub));
      if (has && is_tuple(sub.get())) {
        int64_t m = tuple_size(sub.get());
        if (m == 0 || tuple_item(sub.get(), m - 1) != &EllipsisObject) {
          for (int64_t j = 0; j < m; ++j) out.push_back(new_ref(tuple_item(sub.get(), j)));
          continue;
        }
      }
    }
    out.push_back(new_ref(a));
  }
  return tuple_of(out);
}

// `obj[subargs]` when `obj` (an argument of the alias) has parameters of its own: each of its
// parameters is replaced by the matching argument (a TypeVarTuple's tuple is spliced in).
Result<Ref<Object>> substitute_in_argument(Object* obj, Object* params, Object* const* argitems) {
  Ref<Object> subparams;
  bool has = TRY(lookup_attr(obj, str_intern("__parameters__"), &subparams));
  if (!has || !is_tuple(subparams.get()) || tuple_size(subparams.get()) == 0) return new_ref(obj);
  ItemVector subargs;
  for (int64_t i = 0; i < tuple_size(subparams.get()); ++i) {
    Object* p = tuple_item(subparams.get(), i);
    int64_t k = index_of(tuple_items(params), tuple_size(params), p);
    if (k >= 0) {
      Object* replacement = argitems[k];
      if (is_type_var_tuple(tuple_item(params, k)) && is_tuple(replacement)) {
        for (int64_t j = 0; j < tuple_size(replacement); ++j)
          subargs.push_back(new_ref(tuple_item(replacement, j)));
        continue;
      }
      p = replacement;
    }
    subargs.push_back(new_ref(p));
  }
  Ref<Object> key = TRY(tuple_of(subargs));
  return get_item(obj, key.get());
}

// Runs each parameter's __typing_prepare_subst__(alias, args) hook (ParamSpec, TypeVarTuple and
// defaults rewrite the argument tuple there).
Result<Ref<Object>> prepare_substitution(Object* self, Object* parameters, Ref<Object> item) {
  for (int64_t i = 0; i < tuple_size(parameters); ++i) {
    Ref<Object> prepare;
    bool has = TRY(lookup_attr(tuple_item(parameters, i), str_intern("__typing_prepare_subst__"), &prepare));
    if (!has || is_none(prepare.get())) continue;
    Ref<Object> args = is_tuple(item.get()) ? item.dup() : TRY(tuple_pack({item.get()}));
    Object* call_args[2] = {self, args.get()};
    item = TRY(call(prepare.get(), call_args, 2));
  }
  return item;
}

Result<Ref<Object>> subs_parameters_prepared(Object* self, Object* args, Object* parameters,
                                             Object* item) {
  int64_t nparams = tuple_size(parameters);
  bool item_is_tuple = is_tuple(item);
  int64_t nitems = item_is_tuple ? tuple_size(item) : 1;
  Object* const* argitems = item_is_tuple ? tuple_items(item) : &item;
  if (nitems != nparams) {
    return raise(exc::TypeError, "Too {} arguments for {}; actual {}, expected {}",
                 nitems > nparams ? "many" : "few", fmt_repr(self), nitems, nparams);
  }
  Ref<Object> arg_tuple = TRY(as_tuple(args));
  int64_t nargs = tuple_size(arg_tuple.get());
  ItemVector out;
  out.reserve(static_cast<size_t>(nargs));
  for (int64_t i = 0; i < nargs; ++i) {
    Object* arg = tuple_item(arg_tuple.get(), i);
    if (is_class(arg)) {
      out.push_back(new_ref(arg));
      continue;
    }
    if (is_tuple(arg) || is_list(arg)) {  // e.g. Callable's [T, int]: substitute inside
      Ref<Object> sub = TRY(subs_parameters_prepared(self, arg, parameters, item));
      if (is_list(arg)) sub = TRY(list_from_iterable(sub.get()));
      out.push_back(std::move(sub));
      continue;
    }
    bool unpack = TRY(is_unpacked_type_var_tuple(arg));
    Ref<Object> subst;
    bool has_subst = TRY(lookup_attr(arg, str_intern("__typing_subst__"), &subst));
    Ref<Object> replaced;
    if (has_subst) {
      int64_t k = index_of(tuple_items(parameters), nparams, arg);
      if (k < 0) return bad_internal_call("typing_subs_parameters");
      replaced = TRY(call_one(subst.get(), argitems[k]));
    } else {
      replaced = TRY(substitute_in_argument(arg, parameters, argitems));
    }
    if (unpack && is_tuple(replaced.get())) {
      for (int64_t j = 0; j < tuple_size(replaced.get()); ++j)
        out.push_back(new_ref(tuple_item(replaced.get(), j)));
    } else {
      out.push_back(std::move(replaced));
    }
  }
  return tuple_of(out);
}

// `module.qualname` of a class-like object, or null when `p` does not look like a class.
Result<bool> class_like_name(Object* p, Ref<Object>* out) {
  Ref<Object> qualname, module;
  if (!TRY(lookup_attr(p, str_intern("__qualname__"), &qualname))) return false;
  if (!TRY(lookup_attr(p, str_intern("__module__"), &module)) || is_none(module.get())) return false;
  if (is_str(module.get()) && str_equal_ascii(module.get(), "builtins")) {
    *out = TRY(object_str(qualname.get()));
    return true;
  }
  Ref<Object> m = TRY(object_str(module.get()));
  Ref<Object> q = TRY(object_str(qualname.get()));
  StrBuilder b;
  b.append_str(m.get());
  b.append_ascii(".");
  b.append_str(q.get());
  *out = TRY(b.finish());
  return true;
}

}  // namespace

Result<Ref<Object>> typing_make_parameters(Object* args) {
  Ref<Object> arg_tuple = TRY(as_tuple(args));
  ItemVector params;
  for (int64_t i = 0; i < tuple_size(arg_tuple.get()); ++i) {
    Object* t = tuple_item(arg_tuple.get(), i);
    if (is_class(t)) continue;  // not a bare class's __parameters__ descriptor
    Ref<Object> subst;
    if (TRY(lookup_attr(t, str_intern("__typing_subst__"), &subst))) {
      add_unique(params, t);
      continue;
    }
    Ref<Object> subparams;
    bool has = TRY(lookup_attr(t, str_intern("__parameters__"), &subparams));
    if (!has && (is_tuple(t) || is_list(t))) {
      subparams = TRY(typing_make_parameters(t));
      has = true;
    }
    if (has && is_tuple(subparams.get())) {
      for (int64_t j = 0; j < tuple_size(subparams.get()); ++j) add_unique(params, tuple_item(subparams.get(), j));
    }
  }
  return tuple_of(params);
}

Result<Ref<Object>> typing_subs_parameters(Object* self, Object* args, Object* parameters,
                                           Object* item) {
  int64_t nparams = tuple_size(parameters);
  if (nparams == 0) return raise(exc::TypeError, "{} is not a generic class", fmt_repr(self));
  Ref<Object> unpacked = TRY(unpack_args(item));
  Ref<Object> prepared = TRY(prepare_substitution(self, parameters, std::move(unpacked)));
  return subs_parameters_prepared(self, args, parameters, prepared.get());
}

Status typing_type_repr(StrBuilder& out, Object* p) {
  if (p == &EllipsisObject) {
    out.append_ascii("...");
    return ok();
  }
  if (p == reinterpret_cast<Object*>(&NoneType)) {
    out.append_ascii("None");
    return ok();
  }
  Ref<Object> tmp;
  bool alias_like = TRY(lookup_attr(p, str_intern("__origin__"), &tmp)) &&
                    TRY(lookup_attr(p, str_intern("__args__"), &tmp));
  Ref<Object> text;
  if (alias_like || !TRY(class_like_name(p, &text))) text = TRY(object_repr(p));
  out.append_str(text.get());
  return ok();
}

}  // namespace weft
