// objects/slice.cpp — the slice type and the index arithmetic of s[a:b:c].
//
// A slice is an immutable triple of arbitrary objects (None when omitted). Sequences convert it
// with slice_unpack (C integers, clamped, through __index__) followed by slice_adjust_indices;
// slice.indices() works on arbitrary-size ints so it is exact for any length.
// Slices are hashable since 3.12: the xxHash combination tuples use, without the length term.
// Immutable after construction, so no locking is needed anywhere in this file.
#include "objects/slice.h"

#include <limits>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/container_common.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"

namespace weft {

Type SliceType;

namespace {

constexpr int64_t kIndexMax = std::numeric_limits<int64_t>::max();

SliceObject* as_slice(Object* o) { return static_cast<SliceObject*>(o); }

void slice_dealloc(Object* self) {
  SliceObject* s = as_slice(self);
  xdecref(s->start);
  xdecref(s->stop);
  xdecref(s->step);
  free_object(self);
}

void slice_traverse(Object* self, VisitFn visit, void* arg) {
  SliceObject* s = as_slice(self);
  visit(s->start, arg);
  visit(s->stop, arg);
  visit(s->step, arg);
}

Result<Ref<Object>> slice_repr(Object* self) {
  SliceObject* s = as_slice(self);
  StrBuilder out;
  out.append_ascii("slice(");
  Object* parts[3] = {s->start, s->stop, s->step};
  for (int i = 0; i < 3; ++i) {
    if (i) out.append_ascii(", ");
    Ref<Object> r = TRY(object_repr(parts[i]));
    out.append_str(r.get());
  }
  out.append_ascii(")");
  return out.finish();
}

Result<Ref<Object>> slice_as_tuple(Object* self) {
  SliceObject* s = as_slice(self);
  return tuple_pack({s->start, s->stop, s->step});
}

Result<Ref<Object>> slice_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_slice(b)) return new_ref(not_implemented());
  if (a == b && (op == CompareOp::Eq || op == CompareOp::Ne))
    return new_bool(op == CompareOp::Eq);
  Ref<Object> ta = TRY(slice_as_tuple(a));
  Ref<Object> tb = TRY(slice_as_tuple(b));
  return rich_compare(ta.get(), tb.get(), op);
}

Result<int64_t> slice_hash(Object* self) {
  SliceObject* s = as_slice(self);
  containers::XxHashAccumulator acc;
  for (Object* part : {s->start, s->stop, s->step}) acc.add(TRY(object_hash(part)));
  return acc.finish();
}

Result<Ref<Object>> slice_vnew(Type*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("slice", nargs, kwnames, 1, 3));
  if (nargs == 1) return slice_new(nullptr, args[0], nullptr);
  return slice_new(args[0], args[1], nargs == 3 ? args[2] : nullptr);
}

// An index argument of slice.indices(): __index__ with the slice-index TypeError.
Result<Ref<Object>> index_for_indices(Object* v) {
  if (!is_int(v) && !v->ob_type->number.index)
    return raise(exc::TypeError,
                 "slice indices must be integers or None or have an __index__ method");
  return number_index(v);
}

bool int_is_negative(Object* v) { return int_sign(v) < 0; }

// Clamps an index object into [lower, upper] after adding `length` to negatives.
Result<Ref<Object>> clamp_index(Object* idx, Object* length, Object* lower, Object* upper) {
  Ref<Object> v = TRY(index_for_indices(idx));
  if (int_is_negative(v.get())) {
    v = TRY(binary_op(v.get(), length, BinaryOp::Add));
    if (TRY(rich_compare_bool(v.get(), lower, CompareOp::Lt))) return new_ref(lower);
  } else if (TRY(rich_compare_bool(v.get(), upper, CompareOp::Gt))) {
    return new_ref(upper);
  }
  return v;
}

// slice.indices(length) -> (start, stop, step), exact for arbitrary-size ints.
Result<Ref<Object>> slice_indices_method(Object* self, Object* const* args, size_t nargs,
                                         Object*) {
  SliceObject* s = as_slice(self);
  Ref<Object> length = TRY(number_index(args[0]));
  if (int_is_negative(length.get()))
    return raise(exc::ValueError, "length should not be negative");
  Ref<Object> step;
  if (is_none(s->step)) {
    step = TRY(int_from_i64(1));
  } else {
    step = TRY(index_for_indices(s->step));
    if (int_sign(step.get()) == 0) return raise(exc::ValueError, "slice step cannot be zero");
  }
  bool backwards = int_is_negative(step.get());
  Ref<Object> lower, upper;
  if (backwards) {
    lower = TRY(int_from_i64(-1));
    upper = TRY(binary_op(length.get(), lower.get(), BinaryOp::Add));
  } else {
    lower = TRY(int_from_i64(0));
    upper = length.dup();
  }
  Ref<Object> start = is_none(s->start)
                          ? (backwards ? upper.dup() : lower.dup())
                          : TRY(clamp_index(s->start, length.get(), lower.get(), upper.get()));
  Ref<Object> stop = is_none(s->stop)
                         ? (backwards ? lower.dup() : upper.dup())
                         : TRY(clamp_index(s->stop, length.get(), lower.get(), upper.get()));
  return tuple_pack({start.get(), stop.get(), step.get()});
}

Result<Ref<Object>> slice_reduce(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> fields = TRY(slice_as_tuple(self));
  return tuple_pack({&SliceType, fields.get()});
}

const MethodDef kSliceMethods[] = {
    {"indices", slice_indices_method, kMethOneArg,
     "S.indices(len) -> (start, stop, stride)\n\n"
     "Assuming a sequence of length len, calculate the start and stop\n"
     "indices, and the stride length of the extended slice described by\n"
     "S. Out of bounds indices are clipped in a manner consistent with the\n"
     "handling of normal slices."},
    {"__reduce__", slice_reduce, kMethNoArgs, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

// Getters rather than MemberDefs: offsetof is not portable on these derived (non-standard-layout)
// structs.
Result<Ref<Object>> slice_get_start(Object* self) { return new_ref(as_slice(self)->start); }
Result<Ref<Object>> slice_get_stop(Object* self) { return new_ref(as_slice(self)->stop); }
Result<Ref<Object>> slice_get_step(Object* self) { return new_ref(as_slice(self)->step); }

const GetSetDef kSliceGetSets[] = {
    {"start", slice_get_start, nullptr, nullptr},
    {"stop", slice_get_stop, nullptr, nullptr},
    {"step", slice_get_step, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_slice_type() {
  Type& t = SliceType;
  t.name = "slice";
  t.doc = "slice(stop)\nslice(start, stop[, step])\n\n"
          "Create a slice object.  This is used for extended slicing (e.g. a[0:10:2]).";
  t.basicsize = sizeof(SliceObject);
  t.flags = kTypeImmutable | kTypeHaveGc;
  t.dealloc = slice_dealloc;
  t.traverse = slice_traverse;
  t.repr = slice_repr;
  t.hash = slice_hash;
  t.richcompare = slice_richcompare;
  t.new_ = slice_vnew;
  t.methods = kSliceMethods;
  t.getsets = kSliceGetSets;
  return ok();
}
Status ready_slice_type() { return type_ready(&SliceType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_slice_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_slice_type);

}  // namespace

Result<Ref<Object>> slice_new(Object* start, Object* stop, Object* step) {
  Ref<SliceObject> s = TRY(new_object<SliceObject>(&SliceType));
  s->start = new_ref(start ? start : none()).release();
  s->stop = new_ref(stop ? stop : none()).release();
  s->step = new_ref(step ? step : none()).release();
  return Ref<Object>(std::move(s));
}

Result<Ref<Object>> slice_from_indices(int64_t start, int64_t stop) {
  Ref<Object> a = TRY(int_from_i64(start));
  Ref<Object> b = TRY(int_from_i64(stop));
  return slice_new(a.get(), b.get(), nullptr);
}

Status slice_index_from_object(Object* v, int64_t* out) {
  if (is_none(v)) return ok();
  int64_t x;
  if (is_int(v) && int_to_i64(v, &x)) {
    *out = x;
    return ok();
  }
  if (!is_int(v) && !v->ob_type->number.index)
    return raise(exc::TypeError,
                 "slice indices must be integers or None or have an __index__ method");
  Ref<Object> i = TRY(number_index(v));
  if (!int_to_i64(i.get(), &x)) x = int_sign(i.get()) < 0 ? -kIndexMax - 1 : kIndexMax;
  *out = x;
  return ok();
}

Status slice_unpack(Object* slice, int64_t* start, int64_t* stop, int64_t* step) {
  SliceObject* s = as_slice(slice);
  *step = 1;
  TRY(slice_index_from_object(s->step, step));
  if (*step == 0) return raise(exc::ValueError, "slice step cannot be zero");
  // Keep -step representable, so the reversal arithmetic below cannot overflow.
  if (*step < -kIndexMax) *step = -kIndexMax;
  *start = *step < 0 ? kIndexMax : 0;
  TRY(slice_index_from_object(s->start, start));
  *stop = *step < 0 ? -kIndexMax - 1 : kIndexMax;
  TRY(slice_index_from_object(s->stop, stop));
  return ok();
}

int64_t slice_adjust_indices(int64_t length, int64_t* start, int64_t* stop, int64_t step) {
  auto clamp = [&](int64_t* v) {
    if (*v < 0) {
      *v += length;
      if (*v < 0) *v = step < 0 ? -1 : 0;
    } else if (*v >= length) {
      *v = step < 0 ? length - 1 : length;
    }
  };
  clamp(start);
  clamp(stop);
  if (step < 0) {
    if (*stop < *start) return (*start - *stop - 1) / (-step) + 1;
  } else if (*start < *stop) {
    return (*stop - *start - 1) / step + 1;
  }
  return 0;
}

Result<SliceIndices> slice_indices_for_length(Object* slice, int64_t length) {
  SliceIndices r;
  TRY(slice_unpack(slice, &r.start, &r.stop, &r.step));
  r.length = slice_adjust_indices(length, &r.start, &r.stop, r.step);
  return r;
}

}  // namespace weft
