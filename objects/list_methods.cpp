// objects/list_methods.cpp — the list type: slots, methods, iterators, type initialisation.
//
// Everything here goes through the storage primitives of list.cpp (lock-free item reads,
// mutations inside the list's critical section); this file never touches the item array
// directly. Loops that compare items (index, count, remove, ==, in) run Python code, so they
// re-read item i through the lock-free path each step and tolerate concurrent mutation the way
// CPython does (a shrinking list ends the loop early; nothing is read out of bounds).
#include <limits>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/container_common.h"
#include "objects/generic_alias.h"
#include "objects/repr_guard.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/list_internal.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"

namespace weft {

Type ListType;
Type ListIterType;
Type ListRevIterType;

namespace {

using list_detail::as_list;
using list_detail::get_item_or_null;

void list_dealloc(Object* self) {
  ListItems* a = as_list(self)->items.load(std::memory_order_relaxed);
  if (a) {
    int64_t n = list_size(self);
    for (int64_t i = 0; i < n; ++i) xdecref(a->items[i]);
    if (containers::is_shared(self)) gc::free_delayed(a); else gc::raw_free(a);
  }
  free_object(self);
}

void list_traverse(Object* self, VisitFn visit, void* arg) {
  ListItems* a = as_list(self)->items.load(std::memory_order_relaxed);
  if (!a) return;
  int64_t n = list_size(self);
  for (int64_t i = 0; i < n && i < a->capacity; ++i)
    if (a->items[i]) visit(a->items[i], arg);
}

Result<Ref<Object>> list_repr(Object* self) {
  if (list_size(self) == 0) return str_from_ascii("[]");
  ReprGuard guard(self);
  if (guard.is_recursive()) return str_from_ascii("[...]");
  StrBuilder out;
  out.append_ascii("[");
  for (int64_t i = 0;; ++i) {
    Ref<Object> item = get_item_or_null(self, i);
    if (!item) break;
    if (i) out.append_ascii(", ");
    Ref<Object> r = TRY(object_repr(item.get()));
    out.append_str(r.get());
  }
  out.append_ascii("]");
  return out.finish();
}

Result<int64_t> list_length(Object* self) { return list_size(self); }

Result<bool> list_contains(Object* self, Object* value) {
  for (int64_t i = 0;; ++i) {
    Ref<Object> item = get_item_or_null(self, i);
    if (!item) return false;
    if (item.get() == value || TRY(objects_equal(item.get(), value))) return true;
  }
}

Result<Ref<Object>> list_item_slot(Object* self, int64_t i) { return list_get_item(self, i); }

Result<Ref<Object>> list_slice(Object* self, Object* slice) {
  int64_t start, stop, step;
  TRY(slice_unpack(slice, &start, &stop, &step));
  return list_detail::slice_copy(self, start, stop, step);
}

Result<Ref<Object>> list_subscript(Object* self, Object* key) {
  int64_t i;
  if (TRY(containers::subscript_index(key, &i))) {
    if (i < 0) i += list_size(self);
    return list_get_item(self, i);
  }
  if (is_slice(key)) return list_slice(self, key);
  return raise(exc::TypeError, "list indices must be integers or slices, not {}",
               type_name_of(key));
}

// The items of the right-hand side of a slice assignment, as a tuple snapshot (CPython's
// PySequence_Fast with its "must assign iterable to extended slice" message for non-iterables).
Result<Ref<Object>> assigned_items(Object* self, Object* value) {
  if (value == self) return list_snapshot(value);
  if (is_tuple_exact(value) || is_list_exact(value)) return tuple_from_iterable(value);
  Result<Ref<Object>> it = get_iter(value);
  if (it.is_error()) {
    if (!error_matches(exc::TypeError)) return Error{};
    clear_error();
    return raise(exc::TypeError, "must assign iterable to extended slice");
  }
  return tuple_from_iterable(it.value().get());
}

// del l[a:b:c] and l[a:b:c] = seq with step != 1.
Status assign_extended_slice(Object* self, int64_t start, int64_t stop, int64_t step,
                             Object* value) {
  Ref<Object> items;
  if (value) items = TRY(assigned_items(self, value));
  // Rebuild the whole list from a snapshot: simple, and the result is published atomically.
  Ref<Object> snapshot = TRY(list_snapshot(self));
  int64_t size = tuple_size(snapshot.get());
  int64_t n = slice_adjust_indices(size, &start, &stop, step);
  if (items && tuple_size(items.get()) != n)
    return raise(exc::ValueError,
                 "attempt to assign sequence of size {} to extended slice of size {}",
                 tuple_size(items.get()), n);
  if (n == 0) return ok();
  containers::ObjectBuffer result;
  TRY(result.reserve(items ? size : size - n));
  if (step < 0) {  // walk the selected positions in increasing index order
    start = start + step * (n - 1);
    step = -step;
    if (items) {
      // Reverse the replacement items to match the increasing order.
      Ref<Object> rev = TRY(tuple_new(n));
      for (int64_t k = 0; k < n; ++k)
        tuple_init_item(rev.get(), k, new_ref(tuple_item(items.get(), n - 1 - k)));
      items = std::move(rev);
    }
  }
  int64_t k = 0;
  for (int64_t i = 0; i < size; ++i) {
    bool selected = k < n && i == start + k * step;
    if (selected) {
      if (items) result.push_borrowed_reserved(tuple_item(items.get(), k));
      ++k;
    } else {
      result.push_borrowed_reserved(tuple_item(snapshot.get(), i));
    }
  }
  return list_detail::assign_slice(self, 0, std::numeric_limits<int64_t>::max(), result.data(),
                                   result.size());
}

Status list_ass_subscript(Object* self, Object* key, Object* value) {
  int64_t i;
  if (TRY(containers::subscript_index(key, &i))) {
    if (i < 0) i += list_size(self);
    if (value) return list_set_item(self, i, value);
    if (i < 0 || i >= list_size(self))
      return raise(exc::IndexError, "list assignment index out of range");
    return list_detail::assign_slice(self, i, i + 1, nullptr, 0);
  }
  if (!is_slice(key))
    return raise(exc::TypeError, "list indices must be integers or slices, not {}",
                 type_name_of(key));
  int64_t start, stop, step;
  TRY(slice_unpack(key, &start, &stop, &step));
  if (step != 1) return assign_extended_slice(self, start, stop, step, value);
  slice_adjust_indices(list_size(self), &start, &stop, step);
  if (!value) return list_detail::assign_slice(self, start, stop, nullptr, 0);
  Ref<Object> items = TRY(assigned_items(self, value));
  return list_detail::assign_slice(self, start, stop, tuple_items(items.get()),
                                   tuple_size(items.get()));
}

Status list_ass_item_slot(Object* self, int64_t i, Object* value) {
  if (value) return list_set_item(self, i, value);
  if (i < 0 || i >= list_size(self))
    return raise(exc::IndexError, "list assignment index out of range");
  return list_detail::assign_slice(self, i, i + 1, nullptr, 0);
}

Result<Ref<Object>> list_concat(Object* self, Object* other) {
  if (!is_list(other))
    return raise(exc::TypeError, "can only concatenate list (not \"{}\") to list",
                 type_name_of(other));
  Ref<Object> a = TRY(list_snapshot(self));
  Ref<Object> b = TRY(list_snapshot(other));
  int64_t na = tuple_size(a.get()), nb = tuple_size(b.get());
  Ref<Object> out = TRY(list_new(na + nb));
  TRY(list_detail::assign_slice(out.get(), 0, 0, tuple_items(a.get()), na));
  TRY(list_detail::assign_slice(out.get(), na, na, tuple_items(b.get()), nb));
  return out;
}

Result<Ref<Object>> list_inplace_concat(Object* self, Object* other) {
  TRY(list_extend(self, other));
  return new_ref(self);
}

Result<Ref<Object>> list_repeat(Object* self, int64_t count) {
  Ref<Object> items = TRY(list_snapshot(self));
  Ref<Object> out = TRY(list_from_array(tuple_items(items.get()), tuple_size(items.get())));
  TRY(list_detail::repeat_in_place(out.get(), count));
  return out;
}

Result<Ref<Object>> list_inplace_repeat(Object* self, int64_t count) {
  TRY(list_detail::repeat_in_place(self, count));
  return new_ref(self);
}

Result<Ref<Object>> list_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_list(b)) return new_ref(not_implemented());
  if ((op == CompareOp::Eq || op == CompareOp::Ne) && list_size(a) != list_size(b))
    return new_bool(op == CompareOp::Ne);
  for (int64_t i = 0;; ++i) {
    Ref<Object> x = get_item_or_null(a, i);
    Ref<Object> y = get_item_or_null(b, i);
    if (!x || !y) break;
    if (x.get() == y.get() || TRY(objects_equal(x.get(), y.get()))) continue;
    if (op == CompareOp::Eq) return new_bool(false);
    if (op == CompareOp::Ne) return new_bool(true);
    return rich_compare(x.get(), y.get(), op);
  }
  return new_bool(compare_holds(compare_sizes(list_size(a), list_size(b)), op));
}

Result<Ref<Object>> list_vnew(Type* type, Object* const*, size_t, Object*) {
  if (type == &ListType) return list_new(0);
  Ref<ListObject> l = TRY(new_object<ListObject>(type, static_cast<size_t>(type->basicsize)));
  return Ref<Object>(std::move(l));
}

Status list_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("list", nargs, kwnames, 0, 1));
  list_detail::clear(self);
  if (nargs) TRY(list_extend(self, args[0]));
  return ok();
}

// --- methods -------------------------------------------------------------------------------------

Result<Ref<Object>> m_append(Object* self, Object* const* args, size_t, Object*) {
  TRY(list_append(self, args[0]));
  return new_none();
}

Result<Ref<Object>> m_extend(Object* self, Object* const* args, size_t, Object*) {
  TRY(list_extend(self, args[0]));
  return new_none();
}

Result<Ref<Object>> m_insert(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("insert", nargs, kwnames, 2, 2));
  int64_t i = TRY(index_as_i64(args[0]));
  TRY(list_insert(self, i, args[1]));
  return new_none();
}

Result<Ref<Object>> m_pop(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("pop", nargs, kwnames, 0, 1));
  int64_t i = nargs ? TRY(index_as_i64(args[0])) : -1;
  return list_detail::pop(self, i);
}

// The index of the first item equal to `value` in [start, stop), or -1.
Result<int64_t> find_index(Object* self, Object* value, int64_t start, int64_t stop) {
  for (int64_t i = start; i < stop; ++i) {
    Ref<Object> item = get_item_or_null(self, i);
    if (!item) break;
    if (item.get() == value || TRY(objects_equal(item.get(), value))) return i;
  }
  return int64_t{-1};
}

Result<Ref<Object>> m_remove(Object* self, Object* const* args, size_t, Object*) {
  for (;;) {
    int64_t i = TRY(find_index(self, args[0], 0, std::numeric_limits<int64_t>::max()));
    if (i < 0) return raise(exc::ValueError, "list.remove(x): x not in list");
    // Remove it only if the list still holds the same object there; else search again.
    Ref<Object> seen = get_item_or_null(self, i);
    if (seen && list_detail::remove_if_same(self, i, seen.get())) return new_none();
  }
}

Result<Ref<Object>> m_index(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("index", nargs, kwnames, 1, 3));
  int64_t size = list_size(self);
  int64_t start = 0, stop = std::numeric_limits<int64_t>::max();
  if (nargs > 1) {
    TRY(slice_index_from_object(args[1], &start));
    if (start < 0) start = containers::clamp_search_bound(start, size);
  }
  if (nargs > 2) {
    TRY(slice_index_from_object(args[2], &stop));
    if (stop < 0) stop = containers::clamp_search_bound(stop, size);
  }
  int64_t i = TRY(find_index(self, args[0], start, stop));
  if (i < 0) return raise(exc::ValueError, "list.index(x): x not in list");
  return int_from_i64(i);
}

Result<Ref<Object>> m_count(Object* self, Object* const* args, size_t, Object*) {
  int64_t count = 0;
  for (int64_t i = 0;; ++i) {
    Ref<Object> item = get_item_or_null(self, i);
    if (!item) break;
    if (item.get() == args[0] || TRY(objects_equal(item.get(), args[0]))) ++count;
  }
  return int_from_i64(count);
}

Result<Ref<Object>> m_clear(Object* self, Object* const*, size_t, Object*) {
  list_detail::clear(self);
  return new_none();
}

Result<Ref<Object>> m_copy(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> items = TRY(list_snapshot(self));
  return list_from_array(tuple_items(items.get()), tuple_size(items.get()));
}

Result<Ref<Object>> m_reverse(Object* self, Object* const*, size_t, Object*) {
  TRY(list_reverse(self));
  return new_none();
}

Result<Ref<Object>> m_sort(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kSort("sort", "* | key reverse");
  Object* a[2] = {nullptr, nullptr};
  TRY(kSort.parse(args, nargs, kwnames, a));
  bool reverse = a[1] ? TRY(object_is_true(a[1])) : false;
  TRY(list_sort(self, a[0], reverse));
  return new_none();
}

// --- iterators -----------------------------------------------------------------------------------

// `index` is the next position to read, or -1 once exhausted (an exhausted iterator stays
// exhausted even if the list grows). Advanced with a CAS so a shared iterator yields each
// position at most once.
struct ListIterObject : Object {
  Object* seq;  // owned
  std::atomic<int64_t> index;
};

Result<Ref<Object>> make_iter(Type* type, Object* list, int64_t start) {
  Ref<ListIterObject> it = TRY(new_object<ListIterObject>(type));
  it->seq = new_ref(list).release();
  it->index.store(start, std::memory_order_relaxed);
  return Ref<Object>(std::move(it));
}

Result<Ref<Object>> list_iter(Object* self) { return make_iter(&ListIterType, self, 0); }

Result<Ref<Object>> m_reversed(Object* self, Object* const*, size_t, Object*) {
  return make_iter(&ListRevIterType, self, list_size(self) - 1);
}

void iter_dealloc(Object* self) {
  xdecref(static_cast<ListIterObject*>(self)->seq);
  free_object(self);
}
void iter_traverse(Object* self, VisitFn visit, void* arg) {
  visit(static_cast<ListIterObject*>(self)->seq, arg);
}
Result<Ref<Object>> iter_self(Object* self) { return new_ref(self); }

Next list_iter_next(Object* self) {
  auto* it = static_cast<ListIterObject*>(self);
  int64_t i = it->index.load(std::memory_order_relaxed);
  for (;;) {
    if (i < 0) return Next::done();
    Ref<Object> item = get_item_or_null(it->seq, i);
    if (!item) {
      it->index.store(-1, std::memory_order_relaxed);
      return Next::done();
    }
    if (it->index.compare_exchange_weak(i, i + 1, std::memory_order_relaxed))
      return Next(std::move(item));
  }
}

Next list_reviter_next(Object* self) {
  auto* it = static_cast<ListIterObject*>(self);
  int64_t i = it->index.load(std::memory_order_relaxed);
  for (;;) {
    if (i < 0) return Next::done();
    Ref<Object> item = i < list_size(it->seq) ? get_item_or_null(it->seq, i) : nullptr;
    if (!item) {
      it->index.store(-1, std::memory_order_relaxed);
      return Next::done();
    }
    if (it->index.compare_exchange_weak(i, i - 1, std::memory_order_relaxed))
      return Next(std::move(item));
  }
}

Result<Ref<Object>> list_iter_length_hint(Object* self, Object* const*, size_t, Object*) {
  auto* it = static_cast<ListIterObject*>(self);
  int64_t i = it->index.load(std::memory_order_relaxed);
  int64_t left = i < 0 ? 0 : list_size(it->seq) - i;
  return int_from_i64(left > 0 ? left : 0);
}

Result<Ref<Object>> list_reviter_length_hint(Object* self, Object* const*, size_t, Object*) {
  auto* it = static_cast<ListIterObject*>(self);
  int64_t i = it->index.load(std::memory_order_relaxed);
  return int_from_i64(i >= 0 && i < list_size(it->seq) ? i + 1 : 0);
}

const MethodDef kListIterMethods[] = {
    {"__length_hint__", list_iter_length_hint, kMethNoArgs,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};
const MethodDef kListRevIterMethods[] = {
    {"__length_hint__", list_reviter_length_hint, kMethNoArgs,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

const MethodDef kListMethods[] = {
    {"append", m_append, kMethOneArg, "Append object to the end of the list."},
    {"extend", m_extend, kMethOneArg, "Extend list by appending elements from the iterable."},
    {"insert", m_insert, kMethFastcall, "Insert object before index."},
    {"pop", m_pop, kMethFastcall,
     "Remove and return item at index (default last).\n\n"
     "Raises IndexError if list is empty or index is out of range."},
    {"remove", m_remove, kMethOneArg,
     "Remove first occurrence of value.\n\nRaises ValueError if the value is not present."},
    {"index", m_index, kMethFastcall,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", m_count, kMethOneArg, "Return number of occurrences of value."},
    {"clear", m_clear, kMethNoArgs, "Remove all items from list."},
    {"copy", m_copy, kMethNoArgs, "Return a shallow copy of the list."},
    {"reverse", m_reverse, kMethNoArgs, "Reverse *IN PLACE*."},
    {"sort", m_sort, kMethFastcall,
     "Sort the list in ascending order and return None.\n\n"
     "The sort is in-place (i.e. the list itself is modified) and stable (i.e. the\n"
     "order of two equal elements is maintained).\n\n"
     "If a key function is given, apply it once to each list item and sort them,\n"
     "ascending or descending, according to their function values.\n\n"
     "The reverse flag can be set to sort in descending order."},
    {"__reversed__", m_reversed, kMethNoArgs, "Return a reverse iterator over the list."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

void fill_iter_type(Type& t, const char* name, IterNextFn next, const MethodDef* methods) {
  t.name = name;
  t.basicsize = sizeof(ListIterObject);
  t.flags = kTypeImmutable | kTypeHaveGc | kTypeDisallowInstantiation;
  t.dealloc = iter_dealloc;
  t.traverse = iter_traverse;
  t.iter = iter_self;
  t.iternext = next;
  t.methods = methods;
}

Status fill_list_types() {
  Type& t = ListType;
  t.name = "list";
  t.doc = "Built-in mutable sequence.\n\n"
          "If no argument is given, the constructor creates a new empty list.\n"
          "The argument must be an iterable if specified.";
  t.basicsize = sizeof(ListObject);
  t.flags = kTypeBaseType | kTypeHaveGc | kTypeListSubclass | kTypeSequence;
  t.dealloc = list_dealloc;
  t.traverse = list_traverse;
  t.clear = list_detail::clear;  // the collector breaks cycles by emptying lists
  t.repr = list_repr;
  t.hash = hash_not_implemented;
  t.richcompare = list_richcompare;
  t.iter = list_iter;
  t.new_ = list_vnew;
  t.init = list_init;
  t.sequence.length = list_length;
  t.sequence.concat = list_concat;
  t.sequence.repeat = list_repeat;
  t.sequence.item = list_item_slot;
  t.sequence.ass_item = list_ass_item_slot;
  t.sequence.contains = list_contains;
  t.sequence.inplace_concat = list_inplace_concat;
  t.sequence.inplace_repeat = list_inplace_repeat;
  t.mapping.length = list_length;
  t.mapping.subscript = list_subscript;
  t.mapping.ass_subscript = list_ass_subscript;
  t.methods = kListMethods;
  fill_iter_type(ListIterType, "list_iterator", list_iter_next, kListIterMethods);
  fill_iter_type(ListRevIterType, "list_reverseiterator", list_reviter_next, kListRevIterMethods);
  return ok();
}

Status ready_list_types() {
  TRY(type_ready(&ListType));
  TRY(type_ready(&ListIterType));
  return type_ready(&ListRevIterType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_list_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_list_types);

}  // namespace

}  // namespace weft
