// objects/range.cpp — range objects and their iterators.
//
// A range stores start/stop/step and its precomputed length as int objects, so it is exact for
// any size (arithmetic goes through the number protocol). Iteration has two forms, as in CPython:
// range_iterator when start, step and length all fit in int64 (and every value does), with plain
// int64 arithmetic, and longrange_iterator for everything else.
// Immutable: no locking. The iterators advance with atomics so a shared iterator yields each
// value at most once.
#include "objects/range.h"

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/container_common.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"

namespace weft {

Type RangeType;
Type RangeIterType;
Type LongRangeIterType;

namespace {

RangeObject* as_range(Object* o) { return static_cast<RangeObject*>(o); }

Result<Ref<Object>> add(Object* a, Object* b) { return binary_op(a, b, BinaryOp::Add); }
Result<Ref<Object>> sub(Object* a, Object* b) { return binary_op(a, b, BinaryOp::Subtract); }
Result<Ref<Object>> mul(Object* a, Object* b) { return binary_op(a, b, BinaryOp::Multiply); }
Result<Ref<Object>> floordiv(Object* a, Object* b) { return binary_op(a, b, BinaryOp::FloorDivide); }
Result<bool> less(Object* a, Object* b) { return rich_compare_bool(a, b, CompareOp::Lt); }

// The number of values: (hi - lo - 1) // step + 1 when the range is non-empty.
Result<Ref<Object>> compute_length(Object* start, Object* stop, Object* step) {
  int64_t a, b, s;
  if (int_to_i64(start, &a) && int_to_i64(stop, &b) && int_to_i64(step, &s)) {
    __int128 lo = a, hi = b, st = s;
    __int128 n = 0;
    if (st > 0 && lo < hi) n = (hi - lo - 1) / st + 1;
    else if (st < 0 && lo > hi) n = (lo - hi - 1) / (-st) + 1;
    if (n <= INT64_MAX) return int_from_i64(static_cast<int64_t>(n));
  }
  bool forward = int_sign(step) > 0;
  Object* lo = forward ? start : stop;
  Object* hi = forward ? stop : start;
  if (!TRY(less(lo, hi))) return int_from_i64(0);
  Ref<Object> one = TRY(int_from_i64(1));
  Ref<Object> span = TRY(sub(hi, lo));
  span = TRY(sub(span.get(), one.get()));
  Ref<Object> abs_step = TRY(number_absolute(step));
  Ref<Object> q = TRY(floordiv(span.get(), abs_step.get()));
  return add(q.get(), one.get());
}

// start + i * step
Result<Ref<Object>> value_at(Object* self, Object* i) {
  RangeObject* r = as_range(self);
  Ref<Object> offset = TRY(mul(i, r->step));
  return add(r->start, offset.get());
}

void range_dealloc(Object* self) {
  RangeObject* r = as_range(self);
  xdecref(r->start);
  xdecref(r->stop);
  xdecref(r->step);
  xdecref(r->length);
  free_object(self);
}

Result<Ref<Object>> range_repr(Object* self) {
  RangeObject* r = as_range(self);
  StrBuilder out;
  out.append_ascii("range(");
  Ref<Object> a = TRY(object_repr(r->start));
  out.append_str(a.get());
  out.append_ascii(", ");
  Ref<Object> b = TRY(object_repr(r->stop));
  out.append_str(b.get());
  int64_t step;
  if (!int_to_i64(r->step, &step) || step != 1) {
    out.append_ascii(", ");
    Ref<Object> c = TRY(object_repr(r->step));
    out.append_str(c.get());
  }
  out.append_ascii(")");
  return out.finish();
}

Result<int64_t> range_length(Object* self) { return int_as_i64(as_range(self)->length); }

Result<bool> range_bool(Object* self) { return int_sign(as_range(self)->length) != 0; }

// Membership of an exact int (or bool) by arithmetic: in bounds and on the step grid.
Result<bool> contains_int(Object* self, Object* v) {
  RangeObject* r = as_range(self);
  bool forward = int_sign(r->step) > 0;
  if (forward) {
    if (TRY(less(v, r->start)) || !TRY(less(v, r->stop))) return false;
  } else {
    if (!TRY(less(r->stop, v)) || TRY(less(r->start, v))) return false;
  }
  Ref<Object> diff = TRY(sub(v, r->start));
  Ref<Object> rem = TRY(binary_op(diff.get(), r->step, BinaryOp::Remainder));
  return int_sign(rem.get()) == 0;
}

// Linear search through the values, for non-int items (1.0 in range(3)).
Result<int64_t> search(Object* self, Object* item, bool count_all) {
  Ref<Object> it = TRY(get_iter(self));
  int64_t index = 0, count = 0;
  for (;; ++index) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) break;
    Ref<Object> v = next.release_value();
    if (TRY(objects_equal(v.get(), item))) {
      if (!count_all) return index;
      ++count;
    }
  }
  return count_all ? count : int64_t{-1};
}

bool is_exact_int_like(Object* o) { return is_int_exact(o) || is_bool(o); }

Result<bool> range_contains(Object* self, Object* item) {
  if (is_exact_int_like(item)) return contains_int(self, item);
  return TRY(search(self, item, false)) >= 0;
}

Result<Ref<Object>> range_item_obj(Object* self, Object* index) {
  RangeObject* r = as_range(self);
  Ref<Object> i = TRY(number_index(index));
  if (int_sign(i.get()) < 0) i = TRY(add(i.get(), r->length));
  if (int_sign(i.get()) < 0 || !TRY(less(i.get(), r->length)))
    return raise(exc::IndexError, "range object index out of range");
  return value_at(self, i.get());
}

Result<Ref<Object>> range_item(Object* self, int64_t i) {
  Ref<Object> index = TRY(int_from_i64(i));
  return range_item_obj(self, index.get());
}

Result<Ref<Object>> range_subscript(Object* self, Object* key) {
  if (is_int(key) || key->ob_type->number.index) return range_item_obj(self, key);
  if (!is_slice(key))
    return raise(exc::TypeError, "range indices must be integers or slices, not {}",
                 type_name_of(key));
  RangeObject* r = as_range(self);
  Object* len = r->length;
  Ref<Object> idx = TRY(call_method(key, "indices", &len, 1));
  Object* t = idx.get();
  Ref<Object> start = TRY(value_at(self, tuple_item(t, 0)));
  Ref<Object> stop = TRY(value_at(self, tuple_item(t, 1)));
  Ref<Object> step = TRY(mul(r->step, tuple_item(t, 2)));
  return range_new(start.get(), stop.get(), step.get());
}

Result<Ref<Object>> range_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_range(b) || (op != CompareOp::Eq && op != CompareOp::Ne))
    return new_ref(not_implemented());
  bool eq;
  if (a == b) {
    eq = true;
  } else {
    RangeObject* x = as_range(a);
    RangeObject* y = as_range(b);
    eq = TRY(objects_equal(x->length, y->length));
    if (eq && int_sign(x->length) != 0) {
      eq = TRY(objects_equal(x->start, y->start));
      int64_t n;
      if (eq && !(int_to_i64(x->length, &n) && n == 1)) eq = TRY(objects_equal(x->step, y->step));
    }
  }
  return new_bool(op == CompareOp::Eq ? eq : !eq);
}

// hash((len, start, step)) with start/step replaced by None when they do not matter.
Result<int64_t> range_hash(Object* self) {
  RangeObject* r = as_range(self);
  int64_t n = -1;
  bool small = int_to_i64(r->length, &n);
  Object* start = (small && n == 0) ? none() : r->start;
  Object* step = (small && n <= 1) ? none() : r->step;
  Ref<Object> t = TRY(tuple_pack({r->length, start, step}));
  return object_hash(t.get());
}

Result<Ref<Object>> range_vnew(Type*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("range", nargs, kwnames, 1, 3));
  Ref<Object> start, stop, step;
  if (nargs == 1) {
    stop = TRY(number_index(args[0]));
    start = TRY(int_from_i64(0));
    step = TRY(int_from_i64(1));
  } else {
    start = TRY(number_index(args[0]));
    stop = TRY(number_index(args[1]));
    step = nargs == 3 ? TRY(number_index(args[2])) : TRY(int_from_i64(1));
  }
  return range_new(start.get(), stop.get(), step.get());
}

Result<Ref<Object>> range_get_start(Object* self) { return new_ref(as_range(self)->start); }
Result<Ref<Object>> range_get_stop(Object* self) { return new_ref(as_range(self)->stop); }
Result<Ref<Object>> range_get_step(Object* self) { return new_ref(as_range(self)->step); }

Result<Ref<Object>> m_count(Object* self, Object* const* args, size_t, Object*) {
  if (is_exact_int_like(args[0])) return int_from_i64(TRY(contains_int(self, args[0])) ? 1 : 0);
  return int_from_i64(TRY(search(self, args[0], true)));
}

Result<Ref<Object>> m_index(Object* self, Object* const* args, size_t, Object*) {
  Object* v = args[0];
  if (is_exact_int_like(v)) {
    if (!TRY(contains_int(self, v))) return raise(exc::ValueError, "range.index(x): x not in range");
    RangeObject* r = as_range(self);
    Ref<Object> diff = TRY(sub(v, r->start));
    return floordiv(diff.get(), r->step);
  }
  int64_t i = TRY(search(self, v, false));
  if (i < 0) return raise(exc::ValueError, "sequence.index(x): x not in sequence");
  return int_from_i64(i);
}

// --- iterators -----------------------------------------------------------------------------------

struct RangeIterObject : Object {
  int64_t start;
  int64_t step;
  int64_t length;
  std::atomic<int64_t> index;  // values handed out so far
};

struct LongRangeIterObject : Object {
  Object* start;   // owned
  Object* step;    // owned
  Object* length;  // owned
  Object* index;   // owned int; guarded by the iterator's critical section
};

Result<Ref<Object>> make_iter(Object* start, Object* step, Object* length) {
  int64_t s, st, n;
  if (int_to_i64(start, &s) && int_to_i64(step, &st) && int_to_i64(length, &n)) {
    // Every value start + i*step (i < n) must fit too.
    __int128 last = static_cast<__int128>(s) + static_cast<__int128>(st) * (n > 0 ? n - 1 : 0);
    if (last >= INT64_MIN && last <= INT64_MAX) {
      Ref<RangeIterObject> it = TRY(new_object<RangeIterObject>(&RangeIterType));
      it->start = s;
      it->step = st;
      it->length = n;
      return Ref<Object>(std::move(it));
    }
  }
  Ref<LongRangeIterObject> it = TRY(new_object<LongRangeIterObject>(&LongRangeIterType));
  it->start = new_ref(start).release();
  it->step = new_ref(step).release();
  it->length = new_ref(length).release();
  it->index = TRY(int_from_i64(0)).release();
  return Ref<Object>(std::move(it));
}

Result<Ref<Object>> range_iter(Object* self) {
  RangeObject* r = as_range(self);
  return make_iter(r->start, r->step, r->length);
}

Result<Ref<Object>> m_reversed(Object* self, Object* const*, size_t, Object*) {
  RangeObject* r = as_range(self);
  // last = start + (len - 1) * step, iterating with -step.
  Ref<Object> one = TRY(int_from_i64(1));
  Ref<Object> n1 = TRY(sub(r->length, one.get()));
  Ref<Object> last = TRY(value_at(self, n1.get()));
  Ref<Object> neg = TRY(number_negative(r->step));
  return make_iter(last.get(), neg.get(), r->length);
}

Next range_iter_next(Object* self) {
  auto* it = static_cast<RangeIterObject*>(self);
  if (it->index.load(std::memory_order_relaxed) >= it->length) return Next::done();
  int64_t i = it->index.fetch_add(1, std::memory_order_relaxed);
  if (i >= it->length) return Next::done();
  Result<Ref<Object>> v = int_from_i64(it->start + i * it->step);
  if (v.is_error()) return Error{};
  return Next(v.release_value());
}

Result<Ref<Object>> range_iter_length_hint(Object* self, Object* const*, size_t, Object*) {
  auto* it = static_cast<RangeIterObject*>(self);
  int64_t left = it->length - it->index.load(std::memory_order_relaxed);
  return int_from_i64(left > 0 ? left : 0);
}

void long_iter_dealloc(Object* self) {
  auto* it = static_cast<LongRangeIterObject*>(self);
  xdecref(it->start);
  xdecref(it->step);
  xdecref(it->length);
  xdecref(it->index);
  free_object(self);
}

Next long_iter_next(Object* self) {
  auto* it = static_cast<LongRangeIterObject*>(self);
  Ref<Object> index;
  {
    sync::CriticalSection cs{self->ob_mutex};
    index = new_ref(it->index);
    Result<bool> more = less(index.get(), it->length);  // int comparison: no Python code
    if (more.is_error()) return Error{};
    if (!more.value()) return Next::done();
    Result<Ref<Object>> one = int_from_i64(1);
    if (one.is_error()) return Error{};
    Result<Ref<Object>> next = add(index.get(), one.value().get());
    if (next.is_error()) return Error{};
    Object* old = it->index;
    it->index = next.release_value().release();
    decref(old);
  }
  Result<Ref<Object>> offset = mul(index.get(), it->step);
  if (offset.is_error()) return Error{};
  Result<Ref<Object>> v = add(it->start, offset.value().get());
  if (v.is_error()) return Error{};
  return Next(v.release_value());
}

Result<Ref<Object>> long_iter_length_hint(Object* self, Object* const*, size_t, Object*) {
  auto* it = static_cast<LongRangeIterObject*>(self);
  Ref<Object> index;
  {
    sync::CriticalSection cs{self->ob_mutex};
    index = new_ref(it->index);
  }
  return sub(it->length, index.get());
}

Result<Ref<Object>> iter_self(Object* self) { return new_ref(self); }

const MethodDef kRangeIterMethods[] = {
    {"__length_hint__", range_iter_length_hint, kMethNoArgs,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};
const MethodDef kLongRangeIterMethods[] = {
    {"__length_hint__", long_iter_length_hint, kMethNoArgs,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

const MethodDef kRangeMethods[] = {
    {"__reversed__", m_reversed, kMethNoArgs, "Return a reverse iterator."},
    {"count", m_count, kMethOneArg, "rangeobject.count(value) -> integer -- return number of occurrences of value"},
    {"index", m_index, kMethOneArg,
     "rangeobject.index(value) -> integer -- return index of value.\n"
     "Raise ValueError if the value is not present."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kRangeGetSets[] = {
    {"start", range_get_start, nullptr, nullptr},
    {"stop", range_get_stop, nullptr, nullptr},
    {"step", range_get_step, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_range_types() {
  Type& t = RangeType;
  t.name = "range";
  t.doc = "range(stop) -> range object\n"
          "range(start, stop[, step]) -> range object\n\n"
          "Return an object that produces a sequence of integers from start (inclusive)\n"
          "to stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\n"
          "start defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\n"
          "These are exactly the valid indices for a list of 4 elements.\n"
          "When step is given, it specifies the increment (or decrement).";
  t.basicsize = sizeof(RangeObject);
  t.flags = kTypeImmutable | kTypeSequence;
  t.dealloc = range_dealloc;
  t.repr = range_repr;
  t.hash = range_hash;
  t.richcompare = range_richcompare;
  t.iter = range_iter;
  t.new_ = range_vnew;
  t.number.boolean = range_bool;
  t.sequence.length = range_length;
  t.sequence.item = range_item;
  t.sequence.contains = range_contains;
  t.mapping.length = range_length;
  t.mapping.subscript = range_subscript;
  t.methods = kRangeMethods;
  t.getsets = kRangeGetSets;

  Type& it = RangeIterType;
  it.name = "range_iterator";
  it.basicsize = sizeof(RangeIterObject);
  it.flags = kTypeImmutable | kTypeDisallowInstantiation;
  it.dealloc = free_object;
  it.iter = iter_self;
  it.iternext = range_iter_next;
  it.methods = kRangeIterMethods;

  Type& lit = LongRangeIterType;
  lit.name = "longrange_iterator";
  lit.basicsize = sizeof(LongRangeIterObject);
  lit.flags = kTypeImmutable | kTypeDisallowInstantiation;
  lit.dealloc = long_iter_dealloc;
  lit.iter = iter_self;
  lit.iternext = long_iter_next;
  lit.methods = kLongRangeIterMethods;
  return ok();
}

Status ready_range_types() {
  TRY(type_ready(&RangeType));
  TRY(type_ready(&RangeIterType));
  return type_ready(&LongRangeIterType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_range_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_range_types);

}  // namespace

Result<Ref<Object>> range_new(Object* start, Object* stop, Object* step) {
  if (int_sign(step) == 0) return raise(exc::ValueError, "range() arg 3 must not be zero");
  Ref<Object> length = TRY(compute_length(start, stop, step));
  Ref<RangeObject> r = TRY(new_object<RangeObject>(&RangeType));
  r->start = new_ref(start).release();
  r->stop = new_ref(stop).release();
  r->step = new_ref(step).release();
  r->length = length.release();
  return Ref<Object>(std::move(r));
}

Result<Ref<Object>> range_from_i64(int64_t start, int64_t stop, int64_t step) {
  Ref<Object> a = TRY(int_from_i64(start));
  Ref<Object> b = TRY(int_from_i64(stop));
  Ref<Object> c = TRY(int_from_i64(step));
  return range_new(a.get(), b.get(), c.get());
}

}  // namespace weft
