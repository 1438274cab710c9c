// stdlib/itertools/infinite.cpp — the infinite iterators: count, cycle, repeat.
//
// count keeps CPython's two modes: a fast mode counting in a C int64 while the start is an int
// that fits and the step is exactly 1, and a slow mode adding `step` to a Python object with the
// `+` operator (floats, Fractions, Decimals, huge ints, any number). The fast mode switches to
// the slow one when the counter reaches INT64_MAX, so values never wrap.
// Locking: each object's progress state changes inside its critical section; threads sharing one
// count/cycle/repeat each receive distinct values (a count never hands out a number twice).
// Owned references replaced under the lock are dropped after it is released.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/complex.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/itertools/itertools_internal.h"
#include "sync/critical_section.h"

namespace weft::itertools {

Type CountType, CycleType, RepeatType;

namespace {

// A str from the pieces of a repr: "name(" + reprs joined by ", " + ")".
Result<Ref<Object>> call_repr(const char* name, std::initializer_list<Object*> args) {
  std::string text = name;
  text += '(';
  bool first = true;
  for (Object* a : args) {
    Ref<Object> r = TRY(object_repr(a));
    if (!first) text += ", ";
    first = false;
    std::string_view utf8 = TRY(str_utf8(r.get()));
    text += utf8;
  }
  text += ')';
  return str_from_utf8(text);
}

// --- count ---------------------------------------------------------------------------------------

struct CountObject : Object {
  int64_t cnt;       // fast mode: the next value
  Object* long_cnt;  // slow mode: the next value (owned); nullptr while in fast mode
  Object* step;      // owned
};

// CPython's PyNumber_Check: int, float, complex or anything with __index__/__int__/__float__.
bool is_number(Object* o) {
  const NumberMethods& nb = o->ob_type->number;
  return nb.index || nb.int_ || nb.float_ || is_complex(o);
}

bool is_int_one(Object* o) {
  int64_t v;
  return is_int(o) && int_to_i64(o, &v) && v == 1;
}

Result<Ref<Object>> count_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("count", "| start step");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Object* start = a[0];
  Object* step = a[1];
  if ((start && !is_number(start)) || (step && !is_number(step)))
    return raise(exc::TypeError, "a number is required");
  int64_t cnt = 0;
  bool slow = false;
  if (start) slow = !is_int(start) || !int_to_i64(start, &cnt) || cnt == INT64_MAX;
  if (step && !is_int_one(step)) slow = true;
  Ref<Object> step_ref = step ? new_ref(step) : TRY(int_from_i64(1));
  Ref<Object> start_ref;
  if (slow) start_ref = start ? new_ref(start) : TRY(int_from_i64(0));
  Ref<CountObject> c = TRY(alloc_instance<CountObject>(type));
  c->cnt = cnt;
  c->long_cnt = start_ref.release();
  c->step = step_ref.release();
  return Ref<Object>(std::move(c));
}

Next count_next(Object* self) {
  auto* c = static_cast<CountObject*>(self);
  Ref<Object> replaced;  // dropped after the critical section
  sync::CriticalSection cs{self->ob_mutex};
  if (!c->long_cnt) {
    if (c->cnt != INT64_MAX) {
      Result<Ref<Object>> v = int_from_i64(c->cnt);
      if (v.is_error()) return Error{};
      ++c->cnt;
      return Next(v.release_value());
    }
    Result<Ref<Object>> big = int_from_i64(INT64_MAX);  // switch to slow mode
    if (big.is_error()) return Error{};
    c->long_cnt = big.release_value().release();
  }
  Ref<Object> current = new_ref(c->long_cnt);
  Ref<Object> step = new_ref(c->step);
  Result<Ref<Object>> following = binary_op(current.get(), step.get(), BinaryOp::Add);
  if (following.is_error()) return Error{};
  replace_field(&c->long_cnt, following.release_value().release(), &replaced);
  return Next(std::move(current));
}

Result<Ref<Object>> count_repr(Object* self) {
  auto* c = static_cast<CountObject*>(self);
  const char* name = type_short_name(self->ob_type);
  Ref<Object> current;
  int64_t cnt;
  {
    sync::CriticalSection cs{self->ob_mutex};
    cnt = c->cnt;
    if (c->long_cnt) current = new_ref(c->long_cnt);
  }
  if (!current) {
    std::string text = std::string(name) + "(" + std::to_string(cnt) + ")";
    return str_from_ascii(text);
  }
  if (is_int_one(c->step)) return call_repr(name, {current.get()});
  return call_repr(name, {current.get(), c->step});
}

void count_dealloc(Object* self) {
  auto* c = static_cast<CountObject*>(self);
  xdecref(c->long_cnt);
  xdecref(c->step);
  free_object(self);
}

void count_traverse(Object* self, VisitFn visit, void* arg) {
  auto* c = static_cast<CountObject*>(self);
  if (c->long_cnt) visit(c->long_cnt, arg);
  visit(c->step, arg);
}

// --- cycle ---------------------------------------------------------------------------------------

// The first pass hands out the iterator's items and saves them; later passes replay the saved
// list. `it` is dropped when the first pass ends.
struct CycleObject : Object {
  Object* it;     // owned; nullptr after the first pass
  Object* saved;  // owned list
  int64_t index;  // replay position in `saved`
};

Result<Ref<Object>> cycle_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (type == &CycleType) TRY(args_no_keywords("cycle", kwnames));
  TRY(args_check_positional("cycle", nargs, 1, 1));
  Ref<Object> it = TRY(get_iter(args[0]));
  Ref<Object> saved = TRY(list_new());
  Ref<CycleObject> c = TRY(alloc_instance<CycleObject>(type));
  c->it = it.release();
  c->saved = saved.release();
  return Ref<Object>(std::move(c));
}

Next cycle_next(Object* self) {
  auto* c = static_cast<CycleObject*>(self);
  Ref<Object> finished;  // the exhausted iterator, dropped after the critical section
  sync::CriticalSection cs{self->ob_mutex};
  if (c->it) {
    Ref<Object> it = new_ref(c->it);
    Next next = iter_next(it.get());
    if (next.is_error()) return next;
    if (!next.is_done()) {
      Ref<Object> item = next.release_value();
      if (list_append(c->saved, item.get()).is_error()) return Error{};
      return Next(std::move(item));
    }
    if (c->it == it.get()) replace_field(&c->it, nullptr, &finished);
  }
  int64_t n = list_size(c->saved);
  if (n == 0) return Next::done();
  if (c->index >= n) c->index = 0;
  Result<Ref<Object>> item = list_get_item(c->saved, c->index++);
  if (item.is_error()) return Error{};
  return Next(item.release_value());
}

// --- repeat --------------------------------------------------------------------------------------

struct RepeatObject : Object {
  Object* element;  // owned
  int64_t cnt;      // items left; -1 = endless
};

Result<Ref<Object>> repeat_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("repeat", "object | times");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int64_t cnt = -1;
  if (a[1]) {
    cnt = TRY(index_as_i64(a[1]));
    if (cnt < 0) cnt = 0;  // a negative count repeats zero times
  }
  Ref<RepeatObject> r = TRY(alloc_instance<RepeatObject>(type));
  r->element = new_ref(a[0]).release();
  r->cnt = cnt;
  return Ref<Object>(std::move(r));
}

Next repeat_next(Object* self) {
  auto* r = static_cast<RepeatObject*>(self);
  {
    sync::CriticalSection cs{self->ob_mutex};
    if (r->cnt == 0) return Next::done();
    if (r->cnt > 0) --r->cnt;
  }
  return Next(new_ref(r->element));
}

int64_t repeat_count(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  return static_cast<RepeatObject*>(self)->cnt;
}

Result<Ref<Object>> repeat_repr(Object* self) {
  auto* r = static_cast<RepeatObject*>(self);
  const char* name = type_short_name(self->ob_type);
  int64_t cnt = repeat_count(self);
  if (cnt < 0) return call_repr(name, {r->element});
  Ref<Object> times = TRY(int_from_i64(cnt));
  return call_repr(name, {r->element, times.get()});
}

Result<Ref<Object>> repeat_length_hint(Object* self, Object* const*, size_t, Object*) {
  int64_t cnt = repeat_count(self);
  if (cnt < 0) return raise(exc::TypeError, "len() of unsized object");
  return int_from_i64(cnt);
}

const MethodDef kRepeatMethods[] = {
    {"__length_hint__", repeat_length_hint, kMethNoArgs,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_infinite_types() {
  fill_iterator_type(CountType, "itertools.count",
                     "Return a count object whose .__next__() method returns consecutive values.\n\n"
                     "Equivalent to:\n"
                     "    def count(firstval=0, step=1):\n"
                     "        x = firstval\n"
                     "        while 1:\n"
                     "            yield x\n"
                     "            x += step",
                     sizeof(CountObject), count_dealloc, count_traverse, count_next, count_vnew);
  CountType.repr = count_repr;
  fill_iterator_type(CycleType, "itertools.cycle",
                     "Return elements from the iterable until it is exhausted. Then repeat the "
                     "sequence indefinitely.",
                     sizeof(CycleObject), dealloc_fields<CycleObject, &CycleObject::it, &CycleObject::saved>,
                     traverse_fields<CycleObject, &CycleObject::it, &CycleObject::saved>,
                     cycle_next, cycle_vnew);
  fill_iterator_type(RepeatType, "itertools.repeat",
                     "repeat(object [,times]) -> create an iterator which returns the object\n"
                     "for the specified number of times.  If not specified, returns the object\n"
                     "endlessly.",
                     sizeof(RepeatObject), dealloc_fields<RepeatObject, &RepeatObject::element>,
                     traverse_fields<RepeatObject, &RepeatObject::element>, repeat_next,
                     repeat_vnew);
  RepeatType.repr = repeat_repr;
  RepeatType.methods = kRepeatMethods;
  return ok();
}

Status ready_infinite_types() {
  for (Type* t : {&CountType, &CycleType, &RepeatType}) TRY(type_ready(t));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_infinite_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_infinite_types);

}  // namespace
}  // namespace weft::itertools
