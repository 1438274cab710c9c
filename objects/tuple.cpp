// objects/tuple.cpp — tuple: immutable sequence with its items stored inline after the header.
//
// Invariants: a tuple's items are filled (tuple_init_item) before it is visible to anyone but its
// creator, and never change afterwards, so every read is lock-free and needs no atomics. The
// empty tuple is one statically allocated immortal object; tuple_new(0) always returns it.
// Hash: CPython's xxHash-based combination (so hash((1, 2)) equals CPython's on 64-bit), not
// cached (the layout has no hash field). Subclass instances are allocated with the subclass's
// basicsize plus itemsize per item.
#include "objects/tuple.h"

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/container_common.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/type_registry.h"

namespace weft {

Type TupleType;
Type TupleIterType;

namespace {

using containers::ObjectBuffer;

// The empty tuple: a static object (header + ob_size 0); its one-slot items array stays unused.
TupleObject empty_tuple_storage;
Object* empty_tuple() { return &empty_tuple_storage; }

TupleObject* as_tuple(Object* o) { return static_cast<TupleObject*>(o); }

constexpr int64_t kMaxTupleSize =
    (int64_t{1} << 60) / static_cast<int64_t>(sizeof(Object*));

// Allocates a tuple (or subclass instance) of n null slots.
Result<Ref<Object>> tuple_alloc(Type* type, int64_t n) {
  if (n > kMaxTupleSize) return raise_no_memory();
  size_t size = type == &TupleType
                    ? sizeof(TupleObject) + static_cast<size_t>(n > 0 ? n - 1 : 0) * sizeof(Object*)
                    : static_cast<size_t>(type->basicsize + n * type->itemsize);
  Ref<TupleObject> t = TRY(new_object<TupleObject>(type, size));
  t->ob_size.store(n, std::memory_order_relaxed);
  return Ref<Object>(std::move(t));
}

void tuple_dealloc(Object* self) {
  TupleObject* t = as_tuple(self);
  int64_t n = tuple_size(self);
  for (int64_t i = 0; i < n; ++i) xdecref(t->items[i]);
  free_object(self);
}

void tuple_traverse(Object* self, VisitFn visit, void* arg) {
  TupleObject* t = as_tuple(self);
  int64_t n = tuple_size(self);
  for (int64_t i = 0; i < n; ++i)
    if (t->items[i]) visit(t->items[i], arg);
}

Result<Ref<Object>> tuple_repr(Object* self) {
  int64_t n = tuple_size(self);
  if (n == 0) return str_from_ascii("()");
  StrBuilder out;
  out.append_ascii("(");
  for (int64_t i = 0; i < n; ++i) {
    if (i) out.append_ascii(", ");
    Ref<Object> r = TRY(object_repr(tuple_item(self, i)));
    out.append_str(r.get());
  }
  out.append_ascii(n == 1 ? ",)" : ")");
  return out.finish();
}

Result<int64_t> tuple_hash(Object* self) {
  int64_t n = tuple_size(self);
  containers::XxHashAccumulator acc;
  for (int64_t i = 0; i < n; ++i) acc.add(TRY(object_hash(tuple_item(self, i))));
  return acc.finish_with_length(n);
}

Result<int64_t> tuple_length(Object* self) { return tuple_size(self); }

Result<bool> tuple_contains(Object* self, Object* item) {
  int64_t n = tuple_size(self);
  for (int64_t i = 0; i < n; ++i) {
    Object* x = tuple_item(self, i);
    if (x == item || TRY(objects_equal(x, item))) return true;
  }
  return false;
}

Result<Ref<Object>> tuple_item_slot(Object* self, int64_t i) {
  if (i < 0 || i >= tuple_size(self)) return raise(exc::IndexError, "tuple index out of range");
  return new_ref(tuple_item(self, i));
}

Result<Ref<Object>> tuple_slice(Object* self, const SliceIndices& s) {
  if (s.length <= 0) return new_ref(empty_tuple());
  if (s.step == 1 && s.length == tuple_size(self) && is_tuple_exact(self)) return new_ref(self);
  Ref<Object> out = TRY(tuple_new(s.length));
  for (int64_t k = 0, cur = s.start; k < s.length; ++k, cur += s.step)
    tuple_init_item(out.get(), k, new_ref(tuple_item(self, cur)));
  return out;
}

Result<Ref<Object>> tuple_subscript(Object* self, Object* key) {
  int64_t i;
  if (TRY(containers::subscript_index(key, &i))) {
    if (!containers::normalize_index(&i, tuple_size(self)))
      return raise(exc::IndexError, "tuple index out of range");
    return new_ref(tuple_item(self, i));
  }
  if (is_slice(key)) {
    SliceIndices s = TRY(slice_indices_for_length(key, tuple_size(self)));
    return tuple_slice(self, s);
  }
  return raise(exc::TypeError, "tuple indices must be integers or slices, not {}",
               type_name_of(key));
}

Result<Ref<Object>> tuple_concat(Object* self, Object* other) {
  if (!is_tuple(other))
    return raise(exc::TypeError, "can only concatenate tuple (not \"{}\") to tuple",
                 type_name_of(other));
  int64_t na = tuple_size(self), nb = tuple_size(other);
  if (nb == 0 && is_tuple_exact(self)) return new_ref(self);
  if (na == 0 && is_tuple_exact(other)) return new_ref(other);
  Ref<Object> out = TRY(tuple_new(na + nb));
  for (int64_t i = 0; i < na; ++i) tuple_init_item(out.get(), i, new_ref(tuple_item(self, i)));
  for (int64_t i = 0; i < nb; ++i) tuple_init_item(out.get(), na + i, new_ref(tuple_item(other, i)));
  return out;
}

Result<Ref<Object>> tuple_repeat(Object* self, int64_t count) {
  int64_t n = tuple_size(self);
  if (count == 1 && is_tuple_exact(self)) return new_ref(self);
  if (count <= 0 || n == 0) return new_ref(empty_tuple());
  if (n > kMaxTupleSize / count) return raise_no_memory();
  Ref<Object> out = TRY(tuple_new(n * count));
  for (int64_t c = 0; c < count; ++c)
    for (int64_t i = 0; i < n; ++i)
      tuple_init_item(out.get(), c * n + i, new_ref(tuple_item(self, i)));
  return out;
}

// Lexicographic comparison: the first unequal pair decides, else the lengths.
Result<Ref<Object>> tuple_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_tuple(b)) return new_ref(not_implemented());
  int64_t na = tuple_size(a), nb = tuple_size(b);
  int64_t i = 0;
  for (; i < na && i < nb; ++i) {
    Object* x = tuple_item(a, i);
    Object* y = tuple_item(b, i);
    if (x != y && !TRY(objects_equal(x, y))) break;
  }
  if (i >= na || i >= nb) {
    return new_bool(compare_holds(compare_sizes(na, nb), op));
  }
  if (op == CompareOp::Eq) return new_bool(false);
  if (op == CompareOp::Ne) return new_bool(true);
  return rich_compare(tuple_item(a, i), tuple_item(b, i), op);
}

// tuple(iterable) for tuple and its subclasses.
Result<Ref<Object>> tuple_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("tuple", nargs, kwnames, 0, 1));
  Ref<Object> items = nargs ? TRY(tuple_from_iterable(args[0])) : new_ref(empty_tuple());
  if (type == &TupleType) return items;
  int64_t n = tuple_size(items.get());
  Ref<Object> out = TRY(tuple_alloc(type, n));
  for (int64_t i = 0; i < n; ++i) tuple_init_item(out.get(), i, new_ref(tuple_item(items.get(), i)));
  return out;
}

// Reads the optional start/stop arguments of index() as clamped bounds.
Status search_bounds(Object* const* args, size_t nargs, int64_t size, int64_t* start,
                     int64_t* stop) {
  *start = 0;
  *stop = size;
  if (nargs > 1) {
    TRY(slice_index_from_object(args[1], start));
    *start = containers::clamp_search_bound(*start, size);
  }
  if (nargs > 2) {
    TRY(slice_index_from_object(args[2], stop));
    *stop = containers::clamp_search_bound(*stop, size);
  }
  return ok();
}

Result<Ref<Object>> tuple_index_method(Object* self, Object* const* args, size_t nargs,
                                       Object* kwnames) {
  TRY(args_positional_only("index", nargs, kwnames, 1, 3));
  int64_t start, stop;
  TRY(search_bounds(args, nargs, tuple_size(self), &start, &stop));
  for (int64_t i = start; i < stop && i < tuple_size(self); ++i) {
    Object* x = tuple_item(self, i);
    if (x == args[0] || TRY(objects_equal(x, args[0]))) return int_from_i64(i);
  }
  return raise(exc::ValueError, "tuple.index(x): x not in tuple");
}

Result<Ref<Object>> tuple_count_method(Object* self, Object* const* args, size_t, Object*) {
  int64_t count = 0, n = tuple_size(self);
  for (int64_t i = 0; i < n; ++i) {
    Object* x = tuple_item(self, i);
    if (x == args[0] || TRY(objects_equal(x, args[0]))) ++count;
  }
  return int_from_i64(count);
}

Result<Ref<Object>> tuple_getnewargs(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> copy = TRY(tuple_from_array(tuple_items(self), tuple_size(self)));
  return tuple_pack({copy.get()});
}

// --- iterator ------------------------------------------------------------------------------------

// The index advances with an atomic fetch_add so that an iterator shared between threads hands
// every item out at most once; the tuple itself is immutable.
struct TupleIterObject : Object {
  Object* seq;                   // owned; kept until the iterator dies
  std::atomic<int64_t> index;
};

Result<Ref<Object>> tuple_iter(Object* self) {
  Ref<TupleIterObject> it = TRY(new_object<TupleIterObject>(&TupleIterType));
  it->seq = new_ref(self).release();
  it->index.store(0, std::memory_order_relaxed);
  return Ref<Object>(std::move(it));
}

void tuple_iter_dealloc(Object* self) {
  xdecref(static_cast<TupleIterObject*>(self)->seq);
  free_object(self);
}
void tuple_iter_traverse(Object* self, VisitFn visit, void* arg) {
  visit(static_cast<TupleIterObject*>(self)->seq, arg);
}

Next tuple_iter_next(Object* self) {
  auto* it = static_cast<TupleIterObject*>(self);
  int64_t n = tuple_size(it->seq);
  if (it->index.load(std::memory_order_relaxed) >= n) return Next::done();
  int64_t i = it->index.fetch_add(1, std::memory_order_relaxed);
  if (i >= n) return Next::done();
  return Next(new_ref(tuple_item(it->seq, i)));
}

Result<Ref<Object>> self_iter(Object* self) { return new_ref(self); }

Result<Ref<Object>> tuple_iter_length_hint(Object* self, Object* const*, size_t, Object*) {
  auto* it = static_cast<TupleIterObject*>(self);
  int64_t left = tuple_size(it->seq) - it->index.load(std::memory_order_relaxed);
  return int_from_i64(left > 0 ? left : 0);
}

const MethodDef kTupleIterMethods[] = {
    {"__length_hint__", tuple_iter_length_hint, kMethNoArgs,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

const MethodDef kTupleMethods[] = {
    {"index", tuple_index_method, kMethFastcall,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", tuple_count_method, kMethOneArg, "Return number of occurrences of value."},
    {"__getnewargs__", tuple_getnewargs, kMethNoArgs, nullptr},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

Status fill_tuple_types() {
  init_static_object(&empty_tuple_storage, &TupleType);
  empty_tuple_storage.ob_size.store(0, std::memory_order_relaxed);

  Type& t = TupleType;
  t.name = "tuple";
  t.doc = "Built-in immutable sequence.\n\n"
          "If no argument is given, the constructor returns an empty tuple.\n"
          "If iterable is specified the tuple is initialized from iterable's items.\n\n"
          "If the argument is a tuple, the return value is the same object.";
  t.basicsize = sizeof(VarObject);
  t.itemsize = sizeof(Object*);
  t.flags = kTypeBaseType | kTypeImmutable | kTypeHaveGc | kTypeTupleSubclass | kTypeSequence;
  t.dealloc = tuple_dealloc;
  t.traverse = tuple_traverse;
  t.repr = tuple_repr;
  t.hash = tuple_hash;
  t.richcompare = tuple_richcompare;
  t.iter = tuple_iter;
  t.new_ = tuple_vnew;
  t.sequence.length = tuple_length;
  t.sequence.concat = tuple_concat;
  t.sequence.repeat = tuple_repeat;
  t.sequence.item = tuple_item_slot;
  t.sequence.contains = tuple_contains;
  t.mapping.length = tuple_length;
  t.mapping.subscript = tuple_subscript;
  t.methods = kTupleMethods;

  Type& it = TupleIterType;
  it.name = "tuple_iterator";
  it.basicsize = sizeof(TupleIterObject);
  it.flags = kTypeImmutable | kTypeHaveGc | kTypeDisallowInstantiation;
  it.dealloc = tuple_iter_dealloc;
  it.traverse = tuple_iter_traverse;
  it.iter = self_iter;
  it.iternext = tuple_iter_next;
  it.methods = kTupleIterMethods;
  return ok();
}

Status ready_tuple_types() {
  TRY(type_ready(&TupleType));
  return type_ready(&TupleIterType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_tuple_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_tuple_types);

}  // namespace

Result<Ref<Object>> tuple_new(int64_t n) {
  if (n == 0) return new_ref(empty_tuple());
  if (n < 0) return bad_internal_call("tuple_new");
  return tuple_alloc(&TupleType, n);
}

Result<Ref<Object>> tuple_from_array(Object* const* items, int64_t n) {
  Ref<Object> t = TRY(tuple_new(n));
  for (int64_t i = 0; i < n; ++i) tuple_init_item(t.get(), i, new_ref(items[i]));
  return t;
}

Result<Ref<Object>> tuple_pack(std::initializer_list<Object*> items) {
  return tuple_from_array(items.begin(), static_cast<int64_t>(items.size()));
}

Result<Ref<Object>> tuple_from_iterable(Object* iterable) {
  if (is_tuple_exact(iterable)) return new_ref(iterable);
  if (is_list_exact(iterable)) return list_as_tuple(iterable);
  Ref<Object> it = TRY(get_iter(iterable));
  ObjectBuffer items;
  int64_t hint = TRY(length_hint(iterable, 0));
  if (hint > 0) TRY(items.reserve(hint));
  for (;;) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) break;
    TRY(items.push(next.release_value()));
  }
  Ref<Object> t = TRY(tuple_new(items.size()));
  for (int64_t i = 0; i < items.size(); ++i)
    tuple_init_item(t.get(), i, Ref<Object>::steal(items.data()[i]));
  items.forget_all();
  return t;
}

}  // namespace weft
