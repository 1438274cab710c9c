// objects/dict_views.cpp — dict_keys, dict_values and dict_items: live views of a dict.
//
// A view holds only a reference to its dict; len, iteration and membership read the dict through
// objects/dict.h and dict_views.h, so all locking is the dict's. Keys and items views are
// set-like: & | - ^ build a set from the view and apply the set operation (CPython does the
// same), and comparisons follow collections.abc.Set (size checks plus containment).
#include "objects/dict_views.h"

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/container_common.h"
#include "objects/repr_guard.h"
#include "objects/dict.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/mappingproxy.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"

namespace weft {

Type DictKeysType, DictValuesType, DictItemsType;

namespace {

Object* dict_of(Object* view) { return static_cast<DictViewObject*>(view)->dict; }

int iter_kind(Object* view) {
  if (view->ob_type == &DictKeysType) return 0;
  if (view->ob_type == &DictValuesType) return 1;
  return 2;
}

void view_dealloc(Object* self) {
  xdecref(dict_of(self));
  free_object(self);
}
void view_traverse(Object* self, VisitFn visit, void* arg) { visit(dict_of(self), arg); }

Result<int64_t> view_length(Object* self) { return dict_size(dict_of(self)); }

Result<Ref<Object>> view_iter(Object* self) {
  return dict_iter_new(dict_of(self), iter_kind(self), false);
}

Result<Ref<Object>> view_reversed(Object* self, Object* const*, size_t, Object*) {
  return dict_iter_new(dict_of(self), iter_kind(self), true);
}

// "dict_keys([1, 2])": the type name around the list of the view's items.
Result<Ref<Object>> view_repr(Object* self) {
  ReprGuard guard(self);
  StrBuilder out;
  out.append_ascii(type_name_of(self));
  if (guard.is_recursive()) {
    out.append_ascii("(...)");
    return out.finish();
  }
  Ref<Object> items = TRY(list_from_iterable(self));
  Ref<Object> r = TRY(object_repr(items.get()));
  out.append_ascii("(");
  out.append_str(r.get());
  out.append_ascii(")");
  return out.finish();
}

Result<bool> keys_contains(Object* self, Object* key) { return dict_contains(dict_of(self), key); }

Result<bool> items_contains(Object* self, Object* item) {
  if (!is_tuple(item) || tuple_size(item) != 2) return false;
  Ref<Object> value;
  if (!TRY(dict_get_item(dict_of(self), tuple_item(item, 0), &value))) return false;
  Object* wanted = tuple_item(item, 1);
  return value.get() == wanted || TRY(objects_equal(value.get(), wanted));
}

Result<bool> view_contains_any(Object* view, Object* item) {
  return is_dict_keys_view(view) ? keys_contains(view, item) : items_contains(view, item);
}

bool is_set_like_view(const Object* o) { return is_dict_keys_view(o) || is_dict_items_view(o); }

// Every item of `a` (an iterable) is in `b` (a set or set-like view).
Result<bool> all_contained_in(Object* a, Object* b) {
  Ref<Object> it = TRY(get_iter(a));
  for (;;) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) return true;
    Ref<Object> item = next.release_value();
    bool in = is_anyset(b) ? TRY(set_contains(b, item.get())) : TRY(view_contains_any(b, item.get()));
    if (!in) return false;
  }
}

Result<Ref<Object>> view_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_anyset(b) && !is_set_like_view(b)) return new_ref(not_implemented());
  int64_t na = TRY(object_length(a));
  int64_t nb = TRY(object_length(b));
  bool r = false;
  switch (op) {
    case CompareOp::Eq:
    case CompareOp::Ne:
      r = na == nb && TRY(all_contained_in(a, b));
      if (op == CompareOp::Ne) r = !r;
      break;
    case CompareOp::Lt: r = na < nb && TRY(all_contained_in(a, b)); break;
    case CompareOp::Le: r = na <= nb && TRY(all_contained_in(a, b)); break;
    case CompareOp::Gt: r = na > nb && TRY(all_contained_in(b, a)); break;
    case CompareOp::Ge: r = na >= nb && TRY(all_contained_in(b, a)); break;
  }
  return new_bool(r);
}

// | - ^: the left operand (or, when it is not a view, the right one for the commutative
// operators) becomes a set and the operation applies to it in place, as in CPython.
enum class SetOp { Or, Sub, Xor };

Result<Ref<Object>> view_set_op(Object* a, Object* b, SetOp op) {
  if (op != SetOp::Sub && !is_set_like_view(a)) std::swap(a, b);
  Ref<Object> result = TRY(set_new(a));
  const char* method = nullptr;
  switch (op) {
    case SetOp::Or: method = "update"; break;
    case SetOp::Sub: method = "difference_update"; break;
    case SetOp::Xor: method = "symmetric_difference_update"; break;
  }
  Object* args[1] = {b};
  Ref<Object> r = TRY(call_method(result.get(), method, args, 1));
  return result;
}

// view & other, as CPython's _PyDictView_Intersect: walk `other` and keep what the view
// contains (so an unhashable item reports "cannot use 'X' as a dict key").
Result<Ref<Object>> view_and(Object* a, Object* b) {
  if (!is_set_like_view(a)) std::swap(a, b);
  int64_t na = TRY(object_length(a));
  if (is_instance_exact(b, &SetType) && na <= set_size(b)) {
    Object* args[1] = {a};
    return call_method(b, "intersection", args, 1);
  }
  if (is_set_like_view(b) && TRY(object_length(b)) > na) std::swap(a, b);
  Ref<Object> result = TRY(set_new(nullptr));
  Ref<Object> it = TRY(get_iter(b));
  for (;;) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) return result;
    Ref<Object> item = next.release_value();
    if (TRY(view_contains_any(a, item.get()))) TRY(set_add(result.get(), item.get()));
  }
}
Result<Ref<Object>> view_or(Object* a, Object* b) { return view_set_op(a, b, SetOp::Or); }
Result<Ref<Object>> view_sub(Object* a, Object* b) { return view_set_op(a, b, SetOp::Sub); }
Result<Ref<Object>> view_xor(Object* a, Object* b) { return view_set_op(a, b, SetOp::Xor); }

Result<Ref<Object>> view_isdisjoint(Object* self, Object* const* args, size_t, Object*) {
  Object* other = args[0];
  if (other == self) return new_bool(dict_size(dict_of(self)) == 0);
  Ref<Object> it = TRY(get_iter(other));
  for (;;) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) return new_bool(true);
    Ref<Object> item = next.release_value();
    if (TRY(view_contains_any(self, item.get()))) return new_bool(false);
  }
}

const MethodDef kSetLikeViewMethods[] = {
    {"isdisjoint", view_isdisjoint, kMethOneArg,
     "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", view_reversed, kMethNoArgs,
     "Return a reverse iterator over the dict keys."},
    {nullptr, nullptr, 0, nullptr},
};
const MethodDef kValuesViewMethods[] = {
    {"__reversed__", view_reversed, kMethNoArgs,
     "Return a reverse iterator over the dict values."},
    {nullptr, nullptr, 0, nullptr},
};

// view.mapping: a read-only proxy of the underlying dict.
Result<Ref<Object>> view_mapping(Object* self) { return mappingproxy_new(dict_of(self)); }

const GetSetDef kViewGetSets[] = {
    {"mapping", view_mapping, nullptr, "dictionary that this view refers to"},
    {nullptr, nullptr, nullptr, nullptr},
};

void fill_view(Type& t, const char* name) {
  t.name = name;
  t.basicsize = sizeof(DictViewObject);
  t.flags = kTypeImmutable | kTypeHaveGc | kTypeDisallowInstantiation;
  t.dealloc = view_dealloc;
  t.traverse = view_traverse;
  t.repr = view_repr;
  t.iter = view_iter;
  t.sequence.length = view_length;
  t.getsets = kViewGetSets;
}

void fill_set_like(Type& t, ContainsFn contains) {
  t.sequence.contains = contains;
  t.richcompare = view_richcompare;
  t.hash = hash_not_implemented;
  t.number.and_ = view_and;
  t.number.or_ = view_or;
  t.number.subtract = view_sub;
  t.number.xor_ = view_xor;
  t.methods = kSetLikeViewMethods;
}

Status fill_view_types() {
  fill_view(DictKeysType, "dict_keys");
  fill_set_like(DictKeysType, keys_contains);
  fill_view(DictItemsType, "dict_items");
  fill_set_like(DictItemsType, items_contains);
  fill_view(DictValuesType, "dict_values");
  DictValuesType.methods = kValuesViewMethods;
  return ok();
}

Status ready_view_types() {
  TRY(type_ready(&DictKeysType));
  TRY(type_ready(&DictItemsType));
  return type_ready(&DictValuesType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_view_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_view_types);

}  // namespace

Result<Ref<Object>> dict_view_new(Type* type, Object* d) {
  Ref<DictViewObject> v = TRY(new_object<DictViewObject>(type));
  v->dict = new_ref(d).release();
  return Ref<Object>(std::move(v));
}

}  // namespace weft
