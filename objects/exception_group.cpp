// objects/exception_group.cpp — BaseExceptionGroup and ExceptionGroup (PEP 654): construction
// rules (the class is narrowed to ExceptionGroup when every member is an Exception, and an
// ExceptionGroup may not hold BaseExceptions), str(), derive(), split() and subgroup().
//
// A group is immutable after construction (message and the exceptions tuple), so reads need no
// locking. split/subgroup recurse over nested groups; the depth is bounded by the nesting the
// program built, and each level goes through the generic call machinery (RecursionError-safe).
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/exceptions_internal.h"
#include "objects/generic_alias.h"
#include "objects/exception_group.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft {

namespace {

Type* g_base_group = nullptr;
Type* g_group = nullptr;

BaseExceptionGroupObject* as_group(Object* o) { return static_cast<BaseExceptionGroupObject*>(o); }

Result<Ref<Object>> group_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords(type->name, kwnames));
  if (nargs != 2) {
    return raise(exc::TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
                 nargs);
  }
  Object* message = args[0];
  Object* excs = args[1];
  if (!is_str(message)) {
    return raise(exc::TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
                 type_name_of(message));
  }
  // A sequence: tuple, list, or anything with __getitem__ that is not a dict.
  bool is_seq = is_tuple(excs) || is_list(excs) ||
                (type_of(excs)->sequence.item != nullptr && !type_has_flag(type_of(excs), kTypeDictSubclass));
  if (!is_seq) return raise(exc::TypeError, "second argument (exceptions) must be a sequence");
  Ref<Object> items = TRY(tuple_from_iterable(excs));
  int64_t n = tuple_size(items.get());
  if (n == 0) return raise(exc::ValueError, "second argument (exceptions) must be a non-empty sequence");
  bool nested_base_exceptions = false;
  for (int64_t i = 0; i < n; ++i) {
    Object* e = tuple_item(items.get(), i);
    if (!is_exception_instance(e))
      return raise(exc::ValueError, "Item {} of second argument (exceptions) is not an exception", i);
    if (!type_is_subtype(type_of(e), exc::Exception)) nested_base_exceptions = true;
  }
  Type* cls = type;
  if (cls == g_base_group) {
    if (!nested_base_exceptions) cls = g_group;  // narrowed to ExceptionGroup
  } else if (cls == g_group) {
    if (nested_base_exceptions)
      return raise(exc::TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
  } else if (nested_base_exceptions && type_is_subtype(cls, exc::Exception)) {
    return raise(exc::TypeError, "Cannot nest BaseExceptions in '{}'", cls->name);
  }
  Ref<Object> self = TRY(object_generic_alloc(cls));
  auto* g = as_group(self.get());
  g->args = TRY(tuple_from_array(args, 2)).release();
  g->msg = new_ref(message).release();
  g->excs = items.release();
  return self;
}

Status group_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords(type_name_of(self), kwnames));
  Ref<Object> t = TRY(tuple_from_array(args, static_cast<int64_t>(nargs)));
  xdecref(std::exchange(as_group(self)->args, t.release()));
  return ok();
}

void group_clear(Object* self) {
  auto* g = as_group(self);
  xdecref(std::exchange(g->msg, nullptr));
  xdecref(std::exchange(g->excs, nullptr));
  Object** fields[] = {&g->dict, &g->args, &g->notes, &g->traceback, &g->context, &g->cause};
  for (Object** f : fields) xdecref(std::exchange(*f, nullptr));
}
void group_traverse(Object* self, VisitFn visit, void* arg) {
  auto* g = as_group(self);
  for (Object* f : {g->msg, g->excs, g->dict, g->args, g->traceback, g->context, g->cause})
    if (f) visit(f, arg);
}
void group_dealloc(Object* self) {
  group_clear(self);
  free_object(self);
}

Result<Ref<Object>> group_str(Object* self) {
  auto* g = as_group(self);
  int64_t n = tuple_size(g->excs);
  std::string text = str_to_std_string(g->msg) + " (" + std::to_string(n) + " sub-exception" +
                     (n == 1 ? "" : "s") + ")";
  return str_from_utf8(text);
}

Result<Ref<Object>> group_derive(Object* self, Object* const* args, size_t, Object*) {
  Object* argv[2] = {as_group(self)->msg, args[0]};
  return call(reinterpret_cast<Object*>(g_base_group), argv, 2);
}

// The matcher of split()/subgroup(): an exception type, a tuple of them, or a predicate.
// InstanceIds (except* only): a set of the id()s of the leaf exceptions to keep.
enum class MatcherKind { Type, Predicate, InstanceIds };

Result<MatcherKind> check_matcher(Object* value) {
  if (is_exception_class(value)) return MatcherKind::Type;
  if (is_tuple(value)) {
    for (int64_t i = 0; i < tuple_size(value); ++i)
      if (!is_exception_class(tuple_item(value, i))) goto bad;
    return MatcherKind::Type;
  }
  if (is_callable(value) && !is_instance_of(value, &TypeType)) return MatcherKind::Predicate;
bad:
  return raise(exc::TypeError,
               "expected an exception type, a tuple of exception types, or a callable (other than a class)");
}

Result<Ref<Object>> identity_key(Object* exc) {
  return int_from_i64(static_cast<int64_t>(reinterpret_cast<intptr_t>(exc)));
}

Result<bool> matches(Object* exc, MatcherKind kind, Object* value) {
  if (kind == MatcherKind::Type) return is_instance(exc, value);
  if (kind == MatcherKind::InstanceIds) {
    if (is_instance_of(exc, g_base_group)) return false;
    Ref<Object> key = TRY(identity_key(exc));
    return set_contains(value, key.get());
  }
  Ref<Object> r = TRY(call_one(value, exc));
  return object_is_true(r.get());
}

// eg.derive(excs) plus copying __cause__, __context__, __traceback__ and __notes__.
Result<Ref<Object>> derive_and_copy(Object* group, Object* excs) {
  Ref<Object> derived = TRY(call_method(group, "derive", &excs, 1));
  if (!is_instance_of(derived.get(), g_base_group))
    return raise(exc::TypeError, "derive must return an instance of BaseExceptionGroup");
  exception_set_cause(derived.get(), Ref<Object>::borrow(exception_cause(group)));
  as_group(derived.get())->suppress_context = as_group(group)->suppress_context;
  exception_set_context(derived.get(), Ref<Object>::borrow(exception_context(group)));
  exception_set_traceback(derived.get(), exception_traceback(group));
  Ref<Object> notes;
  bool has_notes = TRY(lookup_attr(group, str_intern("__notes__"), &notes));
  if (has_notes) {
    Ref<Object> copy = TRY(list_from_iterable(notes.get()));
    TRY(set_attr(derived.get(), str_intern("__notes__"), copy.get()));
  }
  return derived;
}

// Splits `exc` into (match, rest); either may come back null (None). `want_rest` false skips
// building the rest (subgroup).
Status split_recursive(Object* exc, MatcherKind kind, Object* value, bool want_rest,
                       Ref<Object>* match, Ref<Object>* rest) {
  bool m = TRY(matches(exc, kind, value));
  if (m) {
    *match = new_ref(exc);
    return ok();
  }
  if (!is_instance_of(exc, g_base_group)) {
    if (want_rest) *rest = new_ref(exc);
    return ok();
  }
  Ref<Object> match_list = TRY(list_new(0));
  Ref<Object> rest_list = TRY(list_new(0));
  Object* excs = as_group(exc)->excs;
  for (int64_t i = 0; i < tuple_size(excs); ++i) {
    Ref<Object> sub_match, sub_rest;
    TRY(split_recursive(tuple_item(excs, i), kind, value, want_rest, &sub_match, &sub_rest));
    if (sub_match) TRY(list_append(match_list.get(), sub_match.get()));
    if (sub_rest) TRY(list_append(rest_list.get(), sub_rest.get()));
  }
  if (list_size(match_list.get()) > 0) *match = TRY(derive_and_copy(exc, match_list.get()));
  if (want_rest && list_size(rest_list.get()) > 0) *rest = TRY(derive_and_copy(exc, rest_list.get()));
  return ok();
}

Result<Ref<Object>> group_split(Object* self, Object* const* args, size_t, Object*) {
  MatcherKind kind = TRY(check_matcher(args[0]));
  Ref<Object> match, rest;
  TRY(split_recursive(self, kind, args[0], true, &match, &rest));
  return tuple_pack({match ? match.get() : none(), rest ? rest.get() : none()});
}

Result<Ref<Object>> group_subgroup(Object* self, Object* const* args, size_t, Object*) {
  MatcherKind kind = TRY(check_matcher(args[0]));
  Ref<Object> match, rest;
  TRY(split_recursive(self, kind, args[0], false, &match, &rest));
  return match ? std::move(match) : new_none();
}

Result<Ref<Object>> group_get_message(Object* self) { return new_ref(as_group(self)->msg); }
Result<Ref<Object>> group_get_exceptions(Object* self) { return new_ref(as_group(self)->excs); }

const MethodDef kGroupMethods[] = {
    {"derive", group_derive, kMethOneArg, nullptr},
    {"split", group_split, kMethOneArg, nullptr},
    {"subgroup", group_subgroup, kMethOneArg, nullptr},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};
const GetSetDef kGroupGetSets[] = {
    {"message", group_get_message, nullptr, "exception message"},
    {"exceptions", group_get_exceptions, nullptr, "nested exceptions"},
    {nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

void fill_exception_group_types(Type* base_group, Type* group) {
  g_base_group = base_group;
  g_group = group;
  base_group->basicsize = sizeof(BaseExceptionGroupObject);
  base_group->new_ = group_new;
  base_group->init = group_init;
  base_group->str = group_str;
  base_group->dealloc = group_dealloc;
  base_group->traverse = group_traverse;
  base_group->clear = group_clear;
  base_group->methods = kGroupMethods;
  base_group->getsets = kGroupGetSets;
}

namespace {
// CPython's is_same_exception_metadata: `e` is `orig` (or a part of it) re-raised unchanged.
// (Notes added with add_note() live in __dict__ and do not count, as in CPython 3.14.)
bool same_exception_metadata(Object* e, Object* orig) {
  return exception_traceback(e) == exception_traceback(orig) &&
         exception_cause(e) == exception_cause(orig) &&
         exception_context(e) == exception_context(orig);
}

Status collect_leaf_ids(Object* exc, Object* ids) {
  if (!is_instance_of(exc, g_base_group)) {
    Ref<Object> key = TRY(identity_key(exc));
    return set_add(ids, key.get());
  }
  Object* excs = as_group(exc)->excs;
  for (int64_t i = 0; i < tuple_size(excs); ++i) TRY(collect_leaf_ids(tuple_item(excs, i), ids));
  return ok();
}
}  // namespace

Result<Ref<Object>> exception_group_prep_reraise_star(Object* orig, Object* excs) {
  int64_t n = list_size(excs);
  if (n == 0) return new_none();
  if (!is_instance_of(orig, g_base_group)) {
    // A naked exception was caught and wrapped: at most one clause ran.
    return list_get_item(excs, 0);
  }
  Ref<Object> raised = TRY(list_new(0));
  Ref<Object> reraised_ids = TRY(set_new(nullptr));
  for (int64_t i = 0; i < n; ++i) {
    Ref<Object> e = TRY(list_get_item(excs, i));
    if (is_none(e.get())) continue;
    if (same_exception_metadata(e.get(), orig)) {
      TRY(collect_leaf_ids(e.get(), reraised_ids.get()));
    } else {
      TRY(list_append(raised.get(), e.get()));
    }
  }
  // The re-raised leaves, kept in the original group's nesting.
  Ref<Object> reraised, unused_rest;
  TRY(split_recursive(orig, MatcherKind::InstanceIds, reraised_ids.get(), false, &reraised,
                      &unused_rest));
  if (list_size(raised.get()) == 0) return reraised ? std::move(reraised) : new_none();
  if (reraised) TRY(list_append(raised.get(), reraised.get()));
  if (list_size(raised.get()) == 1) return list_get_item(raised.get(), 0);
  Ref<Object> msg = TRY(str_from_ascii(""));
  Object* args[2] = {msg.get(), raised.get()};
  return call(reinterpret_cast<Object*>(g_base_group), args, 2);
}

}  // namespace weft
