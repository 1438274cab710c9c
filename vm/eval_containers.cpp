// vm/eval_containers.cpp — building and unpacking containers for the eval loop (BUILD_SET,
// BUILD_MAP, BUILD_STRING, LIST_EXTEND, DICT_UPDATE, DICT_MERGE, CONVERT_VALUE, UNPACK_*,
// MATCH_KEYS, MATCH_CLASS), with CPython 3.14's error messages.
#include <string>

#include "objects/abstract.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/eval_ops.h"
#include "vm/opcodes.h"
#include "vm/stack_ref.h"

namespace weft::vm {

Result<Ref<Object>> build_set(Object* const* items, int n) {
  Ref<Object> s = TRY(set_new(nullptr));
  for (int i = 0; i < n; ++i) TRY(set_add(s.get(), items[i]));
  return s;
}

Result<Ref<Object>> build_map(Object* const* items, int npairs) {
  Ref<Object> d = TRY(dict_new());
  for (int i = 0; i < npairs; ++i) TRY(dict_set_item(d.get(), items[2 * i], items[2 * i + 1]));
  return d;
}

Result<Ref<Object>> build_string(Object* const* pieces, int n) {
  StrBuilder b;
  for (int i = 0; i < n; ++i) b.append_str(pieces[i]);
  return b.finish();
}

Status list_extend_op(Object* list, Object* iterable) {
  Status st = list_extend(list, iterable);
  if (st.is_error() && error_matches(exc::TypeError) && !type_of(iterable)->iter &&
      !type_of(iterable)->sequence.item) {
    clear_error();
    return raise(exc::TypeError, "Value after * must be an iterable, not {}",
                 type_name_of(iterable));
  }
  return st;
}

Status dict_update_op(Object* dict, Object* update) {
  Status st = dict_update(dict, update);
  if (st.is_error() && error_matches(exc::AttributeError)) {
    clear_error();
    return raise(exc::TypeError, "'{}' object is not a mapping", type_name_of(update));
  }
  return st;
}

Status dict_merge_op(Object* callable, Object* dict, Object* update) {
  auto describe = [&]() { return callable_description(callable); };
  if (!is_dict(update)) {
    Ref<Object> keys;
    if (!TRY(lookup_attr(update, str_intern("keys"), &keys))) {
      return raise(exc::TypeError, "{} argument after ** must be a mapping, not {}", describe(),
                   type_name_of(update));
    }
  }
  // Keys must be strings and unique across all ** arguments and explicit keywords.
  Ref<Object> keys = TRY(is_dict(update) ? dict_keys_list(update) : Result<Ref<Object>>(
                                               [&]() -> Result<Ref<Object>> {
                                                 Ref<Object> k = TRY(call_method(update, "keys", nullptr, 0));
                                                 return list_from_iterable(k.get());
                                               }()));
  for (int64_t i = 0; i < list_size(keys.get()); ++i) {
    Ref<Object> key = TRY(list_get_item(keys.get(), i));
    if (!is_str(key.get())) return raise(exc::TypeError, "keywords must be strings");
    if (TRY(dict_contains(dict, key.get()))) {
      return raise(exc::TypeError, "{} got multiple values for keyword argument '{}'", describe(),
                   key.get());
    }
    Ref<Object> value = TRY(get_item(update, key.get()));
    TRY(dict_set_item(dict, key.get(), value.get()));
  }
  return ok();
}

Result<Ref<Object>> convert_value(Object* value, int conversion) {
  switch (conversion) {
    case FVC_STR: return object_str(value);
    case FVC_REPR: return object_repr(value);
    case FVC_ASCII: return object_ascii(value);
    default: return raise(exc::SystemError, "unexpected conversion flag {}", conversion);
  }
}

Status unpack_sequence(Object* seq, int before, int after, Object** top) {
  bool starred = after >= 0;
  // Exact tuples and lists of the right size: no iterator.
  if (!starred && (is_tuple_exact(seq) || is_list_exact(seq))) {
    Ref<Object> snapshot = is_tuple_exact(seq) ? new_ref(seq) : TRY(list_as_tuple(seq));
    int64_t n = tuple_size(snapshot.get());
    if (n == before) {
      for (int i = 0; i < before; ++i) top[-1 - i] = stack_dup(tuple_item(snapshot.get(), i));
      return ok();
    }
    if (n < before) {
      return raise(exc::ValueError, "not enough values to unpack (expected {}, got {})", before, n);
    }
    return raise(exc::ValueError, "too many values to unpack (expected {}, got {})", before, n);
  }
  Result<Ref<Object>> iter = get_iter(seq);
  if (iter.is_error()) {
    if (error_matches(exc::TypeError) && !type_of(seq)->iter && !type_of(seq)->sequence.item) {
      clear_error();
      return raise(exc::TypeError, "cannot unpack non-iterable {} object", type_name_of(seq));
    }
    return Error{};
  }
  Object* it = iter.value().get();
  int filled = 0;
  auto fail = [&]() -> Error {
    for (int i = 0; i < filled; ++i) stack_close(top[-1 - i]);
    return Error{};
  };
  for (; filled < before; ++filled) {
    Next n = iter_next(it);
    if (n.is_error()) return fail();
    if (n.is_done()) {
      int got = filled;
      (void)fail();
      if (starred) {
        return raise(exc::ValueError, "not enough values to unpack (expected at least {}, got {})",
                     before + after, got);
      }
      return raise(exc::ValueError, "not enough values to unpack (expected {}, got {})", before, got);
    }
    top[-1 - filled] = stack_from(n.release_value());
  }
  if (!starred) {
    Next n = iter_next(it);
    if (n.is_error()) return fail();
    if (n.is_done()) return ok();
    (void)fail();
    // CPython counts the rest only for sized sequences.
    Result<int64_t> len = object_length(seq);
    if (len.is_error()) {
      clear_error();
      return raise(exc::ValueError, "too many values to unpack (expected {})", before);
    }
    return raise(exc::ValueError, "too many values to unpack (expected {}, got {})", before,
                 len.value());
  }
  Result<Ref<Object>> rest = list_from_iterable(it);
  if (rest.is_error()) return fail();
  int64_t nrest = list_size(rest.value().get());
  if (nrest < after) {
    (void)fail();
    return raise(exc::ValueError, "not enough values to unpack (expected at least {}, got {})",
                 before + after, before + nrest);
  }
  // The list keeps the items before the tail; the tail items go to their own slots.
  for (int i = 0; i < after; ++i) {
    Result<Ref<Object>> item = list_get_item(rest.value().get(), nrest - after + i);
    if (item.is_error()) return fail();
    top[-1 - before - 1 - i] = stack_from(item.release_value());
  }
  Ref<Object> head = TRY(list_new(0));
  for (int64_t i = 0; i < nrest - after; ++i) {
    Ref<Object> item = TRY(list_get_item(rest.value().get(), i));
    TRY(list_append(head.get(), item.get()));
  }
  top[-1 - before] = stack_from(std::move(head));
  return ok();
}

Result<Ref<Object>> match_keys(Object* subject, Object* keys) {
  int64_t n = tuple_size(keys);
  if (n == 0) return tuple_new(0);
  Ref<Object> get = TRY(get_attr(subject, "get"));
  Ref<Object> dummy = TRY(call_noargs(reinterpret_cast<Object*>(&ObjectType)));
  Ref<Object> values = TRY(tuple_new(n));
  Ref<Object> seen = TRY(set_new(nullptr));
  for (int64_t i = 0; i < n; ++i) {
    Object* key = tuple_item(keys, i);
    if (TRY(set_contains(seen.get(), key))) {
      return raise(exc::ValueError, "mapping pattern checks duplicate key ({})", fmt_repr(key));
    }
    TRY(set_add(seen.get(), key));
    Object* args[2] = {key, dummy.get()};
    Ref<Object> v = TRY(call(get.get(), args, 2));
    if (v.get() == dummy.get()) return new_none();
    tuple_init_item(values.get(), i, std::move(v));
  }
  return values;
}

namespace {

// Built-in types whose instances match a single positional sub-pattern as a whole (`int(x)`),
// CPython's _Py_TPFLAGS_MATCH_SELF; subclasses inherit the behaviour.
bool matches_self(const Type* t) {
  static const Type* const kSelfMatching[] = {&BoolType, &ByteArrayType, &BytesType, &DictType,
                                              &FloatType, &FrozenSetType, &IntType, &ListType,
                                              &SetType, &StrType, &TupleType};
  for (const Type* base : kSelfMatching)
    if (t == base || type_is_subtype(t, base)) return true;
  return false;
}

// Appends subject.<name> to `attrs` unless `name` was already used (TypeError); false when the
// subject lacks the attribute (no match).
Result<bool> match_class_attr(Object* subject, Type* type, Object* name, Object* seen,
                              Object* attrs) {
  if (TRY(set_contains(seen, name))) {
    return raise(exc::TypeError, "{}() got multiple sub-patterns for attribute {}", type->name,
                 fmt_repr(name));
  }
  TRY(set_add(seen, name));
  Ref<Object> v;
  if (!TRY(lookup_attr(subject, name, &v))) return false;
  TRY(list_append(attrs, v.get()));
  return true;
}

}  // namespace

// MATCH_CLASS: a tuple of the nargs positional attributes (named by __match_args__) followed by
// the keyword attributes `names`, or None when the subject is not an instance or lacks one.
Result<Ref<Object>> match_class(Object* subject, Object* type_obj, int nargs, Object* names) {
  if (!is_instance_of(type_obj, &TypeType)) {
    return raise(exc::TypeError, "called match pattern must be a class");
  }
  Type* type = reinterpret_cast<Type*>(type_obj);
  if (!TRY(is_instance(subject, type_obj))) return new_none();
  Ref<Object> attrs = TRY(list_new(0));
  Ref<Object> seen = TRY(set_new(nullptr));
  bool self_match = false;
  if (nargs) {
    Ref<Object> match_args;
    bool has = TRY(lookup_attr(type_obj, str_intern("__match_args__"), &match_args));
    int64_t allowed = 0;
    if (has) {
      if (!is_tuple(match_args.get())) {
        return raise(exc::TypeError, "{}.__match_args__ must be a tuple (got {})", type->name,
                     type_name_of(match_args.get()));
      }
      allowed = tuple_size(match_args.get());
    } else {
      self_match = matches_self(type);
      allowed = self_match ? 1 : 0;
    }
    if (allowed < nargs) {
      return raise(exc::TypeError, "{}() accepts {} positional sub-pattern{} ({} given)",
                   type->name, allowed, allowed == 1 ? "" : "s", nargs);
    }
    if (self_match) {
      TRY(list_append(attrs.get(), subject));
    } else {
      for (int i = 0; i < nargs; ++i) {
        Object* name = tuple_item(match_args.get(), i);
        if (!is_str(name)) {
          return raise(exc::TypeError, "__match_args__ elements must be strings (got {})",
                       type_name_of(name));
        }
        if (!TRY(match_class_attr(subject, type, name, seen.get(), attrs.get()))) {
          return new_none();
        }
      }
    }
  }
  for (int64_t i = 0, n = tuple_size(names); i < n; ++i) {
    if (!TRY(match_class_attr(subject, type, tuple_item(names, i), seen.get(), attrs.get()))) {
      return new_none();
    }
  }
  return list_as_tuple(attrs.get());
}

}  // namespace weft::vm
