// stdlib/array/array_object.cpp — the `array.array` type: construction from every kind of
// initializer CPython accepts, indexing and slicing (including extended-slice assignment and
// deletion), comparison, concatenation and repetition, repr, and the `arrayiterator`.
//
// Items are stored as packed C values (array_internal.h). Every access to the storage runs in
// the array's critical section; values are converted from Python objects before entering it
// (conversion may run __index__/__float__), and comparisons that call back into Python work on
// items fetched one at a time, so a concurrent resize can shorten the walk but never tear it.
// The array exports its storage through Type::buffer (memoryview(a), bytes(a), readinto(a));
// while an export lives the array cannot change size (BufferError), so the pointer stays valid.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/import_hook.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/warnings.h"
#include "objects/weakref.h"
#include "stdlib/array/array_internal.h"
#include "sync/critical_section.h"

namespace weft::array_module {

Type ArrayType;
Type ArrayIteratorType;

namespace {

size_t byte_count(const ArrayObject* a, int64_t n) {
  return static_cast<size_t>(n) * static_cast<size_t>(a->desc->itemsize);
}

// Converts every value into `out` (packed items) before anything is stored.
Status convert_all(const TypeDesc* d, Object* const* values, int64_t n, std::string& out) {
  out.resize(static_cast<size_t>(n) * static_cast<size_t>(d->itemsize));
  for (int64_t i = 0; i < n; ++i) {
    ItemBytes item;
    TRY(d->set(values[i], &item));
    std::memcpy(out.data() + static_cast<size_t>(i) * static_cast<size_t>(d->itemsize),
                item.bytes, static_cast<size_t>(d->itemsize));
  }
  return ok();
}

Status append_code_points(Object* a, Object* s) {
  std::string packed;
  packed.resize(static_cast<size_t>(str_length(s)) * 4);
  for (int64_t i = 0, n = str_length(s); i < n; ++i) {
    uint32_t cp = str_char_at(s, i);
    std::memcpy(packed.data() + static_cast<size_t>(i) * 4, &cp, 4);
  }
  return array_append_bytes(a, packed.data(), packed.size());
}

Status check_initializer(char c, Object* init) {
  if (c == 'u' || c == 'w') return ok();
  if (is_str(init))
    return raise(exc::TypeError, "cannot use a str to initialize an array with typecode '{}'",
                 std::string(1, c));
  if (is_array(init) && as_array(init)->desc->is_unicode)
    return raise(exc::TypeError,
                 "cannot use a unicode array to initialize an array with typecode '{}'",
                 std::string(1, c));
  return ok();
}

Result<Ref<Object>> array_tp_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (type == &ArrayType) TRY(args_no_keywords("array.array", kwnames));
  if (nargs < 1) return raise(exc::TypeError, "array() takes at least 1 argument (0 given)");
  if (nargs > 2)
    return raise(exc::TypeError, "array() takes at most 2 arguments ({} given)", nargs);
  Object* code = args[0];
  if (!is_str(code) || str_length(code) != 1)
    return raise(exc::TypeError, "array() argument 1 must be a unicode character, not {}",
                 type_name_of(code));
  const TypeDesc* desc = find_typecode(str_char_at(code, 0));
  if (!desc)
    return raise(exc::ValueError,
                 "bad typecode (must be b, B, u, w, h, H, i, I, l, L, q, Q, f or d)");
  if (desc->code == 'u')
    TRY(warn(exc::DeprecationWarning,
             "The 'u' type code is deprecated and will be removed in Python 3.16"));
  Object* init = nargs == 2 ? args[1] : nullptr;
  if (init) TRY(check_initializer(desc->code, init));
  Ref<Object> a = TRY(array_new_empty(type, desc, 0));
  if (!init) return a;
  if (is_list(init) || is_tuple(init)) {
    Ref<Object> items = is_list(init) ? TRY(list_as_tuple(init)) : Ref<Object>::borrow(init);
    std::string packed;
    TRY(convert_all(desc, tuple_items(items.get()), tuple_size(items.get()), packed));
    TRY(array_append_bytes(a.get(), packed.data(), packed.size()));
  } else if (is_bytes(init) || is_bytearray(init)) {
    ByteView view = TRY(byte_view(init));
    if (view.size() % static_cast<size_t>(desc->itemsize) != 0)
      return raise(exc::ValueError, "bytes length not a multiple of item size");
    TRY(array_append_bytes(a.get(), view.data(), view.size()));
  } else if (is_str(init)) {
    TRY(append_code_points(a.get(), init));
  } else if (is_array(init) && as_array(init)->desc == desc) {
    std::string bytes = array_bytes(init);
    TRY(array_append_bytes(a.get(), bytes.data(), bytes.size()));
  } else {
    // Any other iterable, including an array of another typecode, is converted item by item.
    TRY(extend_from_iterable(a.get(), init));
  }
  return a;
}

void array_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  gc::raw_free(as_array(self)->items);
  free_object(self);
}

// The buffer protocol (Type::buffer): a writable, C-contiguous view of the items with the
// typecode as its format. Exports are taken in the critical section, so array_resize_locked
// sees every export taken before it; releasing needs no lock (it may run from a memoryview's
// dealloc), and its release order puts the exporter's last access before a later resize.
Status array_getbuffer(Object* self, BufferInfo* view) {
  ArrayObject* a = as_array(self);
  sync::CriticalSection cs{self->ob_mutex};
  *view = BufferInfo{a->items, static_cast<int64_t>(byte_count(a, a->size)), a->desc->itemsize,
                     a->desc->code, false};
  a->exports.fetch_add(1, std::memory_order_relaxed);
  return ok();
}

void array_releasebuffer(Object* self) {
  as_array(self)->exports.fetch_sub(1, std::memory_order_release);
}

Result<Ref<Object>> array_repr(Object* self) {
  ArrayObject* a = as_array(self);
  std::string out = type_short_name(self->ob_type);
  out += "('";
  out += a->desc->code;
  out += '\'';
  int64_t n;
  {
    sync::CriticalSection cs{self->ob_mutex};
    n = a->size;
  }
  if (n > 0) {
    Ref<Object> contents = a->desc->is_unicode ? TRY(array_to_str(self))
                                               : TRY(list_from_iterable(self));
    Ref<Object> r = TRY(object_repr(contents.get()));
    out += ", ";
    out += TRY(str_utf8(r.get()));
  }
  out += ')';
  return str_from_utf8(out);
}

Result<int64_t> array_length(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  return as_array(self)->size;
}

Result<Ref<Object>> array_item(Object* self, int64_t i) {
  ArrayObject* a = as_array(self);
  sync::CriticalSection cs{self->ob_mutex};
  if (i < 0 || i >= a->size) return raise(exc::IndexError, "array index out of range");
  return a->desc->get(a->items + byte_count(a, i));
}

Result<bool> array_contains(Object* self, Object* value) {
  for (int64_t i = 0;; ++i) {
    Ref<Object> item;
    if (!TRY(array_item_at(self, i, &item))) return false;
    if (TRY(objects_equal(item.get(), value))) return true;
  }
}

// A new array.array holding self[start:stop:step] (unpacked, not yet adjusted to the length).
Result<Ref<Object>> slice_copy(Object* self, int64_t start, int64_t stop, int64_t step) {
  ArrayObject* a = as_array(self);
  Ref<Object> result = TRY(array_new_empty(&ArrayType, a->desc, 0));
  ArrayObject* r = as_array(result.get());
  size_t isz = static_cast<size_t>(a->desc->itemsize);
  sync::CriticalSection cs{self->ob_mutex};
  int64_t n = slice_adjust_indices(a->size, &start, &stop, step);
  TRY(array_resize_locked(r, n));
  for (int64_t k = 0; k < n; ++k)
    std::memcpy(r->items + static_cast<size_t>(k) * isz,
                a->items + static_cast<size_t>(start + k * step) * isz, isz);
  return result;
}

Result<Ref<Object>> array_subscript(Object* self, Object* key) {
  if (is_slice(key)) {
    int64_t start, stop, step;
    TRY(slice_unpack(key, &start, &stop, &step));
    return slice_copy(self, start, stop, step);
  }
  if (!key->ob_type->number.index) return raise(exc::TypeError, "array indices must be integers");
  int64_t i = TRY(index_as_i64(key, exc::IndexError));
  if (i < 0) i += TRY(array_length(self));
  return array_item(self, i);
}

// Deletes the items start, start+step, ... (n of them, step > 0 after normalisation).
void delete_slice_locked(ArrayObject* a, int64_t start, int64_t step, int64_t n) {
  if (n <= 0) return;
  if (step < 0) {
    start += step * (n - 1);
    step = -step;
  }
  size_t isz = static_cast<size_t>(a->desc->itemsize);
  int64_t write = start;
  for (int64_t read = start; read < a->size; ++read) {
    bool removed = read >= start && (read - start) % step == 0 && (read - start) / step < n;
    if (removed) continue;
    std::memmove(a->items + static_cast<size_t>(write) * isz,
                 a->items + static_cast<size_t>(read) * isz, isz);
    ++write;
  }
  a->size = write;
}

Status assign_slice(Object* self, Object* key, Object* value) {
  ArrayObject* a = as_array(self);
  std::string src;
  if (value) {
    if (!is_array(value))
      return raise(exc::TypeError, "can only assign array (not \"{}\") to array slice",
                   type_name_of(value));
    if (as_array(value)->desc != a->desc)
      return raise(exc::TypeError, "bad argument type for built-in operation");
    src = array_bytes(value);
  }
  int64_t start, stop, step;
  TRY(slice_unpack(key, &start, &stop, &step));
  size_t isz = static_cast<size_t>(a->desc->itemsize);
  int64_t needed = static_cast<int64_t>(src.size() / isz);
  sync::CriticalSection cs{self->ob_mutex};
  int64_t n = slice_adjust_indices(a->size, &start, &stop, step);
  if (!value) {
    TRY(check_resizable(a, a->size - std::max<int64_t>(n, 0)));
    delete_slice_locked(a, start, step, n);
    return array_resize_locked(a, a->size);
  }
  if (step == 1) {
    if (stop < start) stop = start;
    int64_t old_size = a->size;
    int64_t new_size = old_size - (stop - start) + needed;
    TRY(check_resizable(a, new_size));
    if (new_size > old_size) TRY(array_resize_locked(a, new_size));
    std::memmove(a->items + static_cast<size_t>(start + needed) * isz,
                 a->items + static_cast<size_t>(stop) * isz,
                 static_cast<size_t>(old_size - stop) * isz);
    if (new_size < old_size) TRY(array_resize_locked(a, new_size));
    if (needed) std::memcpy(a->items + static_cast<size_t>(start) * isz, src.data(), src.size());
    return ok();
  }
  if (needed != n)
    return raise(exc::ValueError, "attempt to assign array of size {} to extended slice of size {}",
                 needed, n);
  for (int64_t k = 0; k < n; ++k)
    std::memcpy(a->items + static_cast<size_t>(start + k * step) * isz,
                src.data() + static_cast<size_t>(k) * isz, isz);
  return ok();
}

Status array_ass_subscript(Object* self, Object* key, Object* value) {
  if (is_slice(key)) return assign_slice(self, key, value);
  if (!key->ob_type->number.index) return raise(exc::TypeError, "array indices must be integers");
  int64_t i = TRY(index_as_i64(key, exc::IndexError));
  ArrayObject* a = as_array(self);
  ItemBytes item;
  if (value) TRY(a->desc->set(value, &item));
  size_t isz = static_cast<size_t>(a->desc->itemsize);
  sync::CriticalSection cs{self->ob_mutex};
  if (i < 0) i += a->size;
  if (i < 0 || i >= a->size) return raise(exc::IndexError, "array assignment index out of range");
  if (value) {
    std::memcpy(a->items + static_cast<size_t>(i) * isz, item.bytes, isz);
    return ok();
  }
  TRY(check_resizable(a, a->size - 1));
  std::memmove(a->items + static_cast<size_t>(i) * isz, a->items + static_cast<size_t>(i + 1) * isz,
               static_cast<size_t>(a->size - i - 1) * isz);
  return array_resize_locked(a, a->size - 1);
}

Result<Ref<Object>> array_richcompare(Object* self, Object* other, CompareOp op) {
  if (!is_array(other)) return Ref<Object>::borrow(not_implemented());
  int64_t na = TRY(array_length(self)), nb = TRY(array_length(other));
  if (na != nb && (op == CompareOp::Eq || op == CompareOp::Ne))
    return new_bool(op == CompareOp::Ne);
  // The first index where the items differ decides; equal prefixes compare by length.
  for (int64_t i = 0;; ++i) {
    Ref<Object> x, y;
    bool have_x = TRY(array_item_at(self, i, &x));
    bool have_y = TRY(array_item_at(other, i, &y));
    if (!have_x || !have_y) {
      na = TRY(array_length(self));
      nb = TRY(array_length(other));
      return new_bool(compare_holds(compare_sizes(na, nb), op));
    }
    if (TRY(objects_equal(x.get(), y.get()))) continue;
    if (op == CompareOp::Eq) return new_bool(false);
    if (op == CompareOp::Ne) return new_bool(true);
    return rich_compare(x.get(), y.get(), op);
  }
}

Result<Ref<Object>> array_concat(Object* self, Object* other) {
  if (!is_array(other))
    return raise(exc::TypeError, "can only append array (not \"{}\") to array",
                 type_name_of(other));
  if (as_array(other)->desc != as_array(self)->desc)
    return raise(exc::TypeError, "bad argument type for built-in operation");
  std::string left = array_bytes(self), right = array_bytes(other);
  Ref<Object> r = TRY(array_new_empty(&ArrayType, as_array(self)->desc, 0));
  TRY(array_append_bytes(r.get(), left.data(), left.size()));
  TRY(array_append_bytes(r.get(), right.data(), right.size()));
  return r;
}

// `bytes` repeated `n` times (n <= 0: empty), appended to `target`.
Status append_repeated(Object* target, const std::string& bytes, int64_t n) {
  if (n <= 0 || bytes.empty()) return ok();
  if (static_cast<uint64_t>(n) > (INT64_MAX / 2) / bytes.size()) return raise_no_memory();
  std::string out;
  out.reserve(bytes.size() * static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k) out += bytes;
  return array_append_bytes(target, out.data(), out.size());
}

Result<Ref<Object>> array_repeat(Object* self, int64_t n) {
  std::string bytes = array_bytes(self);
  Ref<Object> r = TRY(array_new_empty(&ArrayType, as_array(self)->desc, 0));
  TRY(append_repeated(r.get(), bytes, n));
  return r;
}

Result<Ref<Object>> array_inplace_concat(Object* self, Object* other) {
  if (!is_array(other))
    return raise(exc::TypeError, "can only extend array with array (not \"{}\")",
                 type_name_of(other));
  TRY(array_extend(self, other));
  return Ref<Object>::borrow(self);
}

Result<Ref<Object>> array_inplace_repeat(Object* self, int64_t n) {
  std::string bytes = array_bytes(self);
  {
    sync::CriticalSection cs{self->ob_mutex};
    TRY(array_resize_locked(as_array(self), 0));
  }
  TRY(append_repeated(self, bytes, n));
  return Ref<Object>::borrow(self);
}

// ---- arrayiterator --------------------------------------------------------------------------

// The iterator keeps its array for its whole life; `index` is the next position, or -1 once
// exhausted. Threads sharing an iterator claim positions with a compare-and-swap, so each item
// is handed out once, and no lock is held while the array's own critical section is taken.
struct ArrayIterObject : Object {
  Object* array;  // owned, never changed
  std::atomic<int64_t> index;
};

Result<Ref<Object>> array_iter(Object* self) {
  Ref<ArrayIterObject> it = TRY(new_object<ArrayIterObject>(&ArrayIteratorType));
  it->array = new_ref(self).release();
  return Ref<Object>(std::move(it));
}

Next arrayiter_next(Object* self) {
  auto* it = static_cast<ArrayIterObject*>(self);
  for (;;) {
    int64_t i = it->index.load(std::memory_order_acquire);
    if (i < 0 || !it->array) return Next::done();  // no array: cleared by the collector
    Ref<Object> item;
    if (!TRY(array_item_at(it->array, i, &item))) {
      it->index.compare_exchange_strong(i, -1, std::memory_order_acq_rel);
      return Next::done();
    }
    if (it->index.compare_exchange_strong(i, i + 1, std::memory_order_acq_rel)) return item;
  }
}

// (iter, (array,), index) while items remain, (iter, ((),)) once exhausted, as CPython pickles.
Result<Ref<Object>> arrayiter_reduce(Object* self, Object* const*, size_t, Object*) {
  auto* it = static_cast<ArrayIterObject*>(self);
  Ref<Object> builtins = TRY(import_module_for_objects("builtins"));
  Ref<Object> iter_fn = TRY(get_attr(builtins.get(), "iter"));
  int64_t index = it->index.load(std::memory_order_acquire);
  if (index < 0 || !it->array) {
    Ref<Object> empty = TRY(tuple_new(0));
    Ref<Object> args = TRY(tuple_pack({empty.get()}));
    return tuple_pack({iter_fn.get(), args.get()});
  }
  Ref<Object> args = TRY(tuple_pack({it->array}));
  Ref<Object> position = TRY(int_from_i64(index));
  return tuple_pack({iter_fn.get(), args.get(), position.get()});
}

Result<Ref<Object>> arrayiter_setstate(Object* self, Object* const* args, size_t, Object*) {
  int64_t index = std::max<int64_t>(TRY(index_as_i64(args[0])), 0);
  auto* it = static_cast<ArrayIterObject*>(self);
  int64_t current = it->index.load(std::memory_order_acquire);
  while (current >= 0 &&
         !it->index.compare_exchange_weak(current, index, std::memory_order_acq_rel)) {
  }
  return new_none();
}

const MethodDef kArrayIterMethods[] = {
    {"__reduce__", arrayiter_reduce, kMethNoArgs, "Return state information for pickling."},
    {"__setstate__", arrayiter_setstate, kMethOneArg, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> arrayiter_self(Object* self) { return Ref<Object>::borrow(self); }

void arrayiter_dealloc(Object* self) {
  xdecref(static_cast<ArrayIterObject*>(self)->array);
  free_object(self);
}

void arrayiter_traverse(Object* self, VisitFn visit, void* arg) {
  if (Object* a = static_cast<ArrayIterObject*>(self)->array) visit(a, arg);
}

void arrayiter_clear(Object* self) {
  // Only the collector calls this, on an unreachable iterator.
  xdecref(std::exchange(static_cast<ArrayIterObject*>(self)->array, nullptr));
}

constexpr const char kArrayDoc[] =
    "array(typecode [, initializer]) -> array\n\nReturn a new array whose items are restricted "
    "by typecode, and\ninitialized from the optional initializer value, which must be a list,\n"
    "string or iterable over elements of the appropriate type.\n\nArrays represent basic values "
    "and behave very much like lists, except\nthe type of objects stored in them is constrained. "
    "The type is specified\nat object creation time by using a type code, which is a single "
    "character.";

Status fill_types() {
  Type& t = ArrayType;
  t.name = "array.array";
  t.doc = kArrayDoc;
  t.basicsize = sizeof(ArrayObject);
  t.flags = kTypeBaseType | kTypeSequence;
  t.dealloc = array_dealloc;
  t.repr = array_repr;
  t.richcompare = array_richcompare;
  t.iter = array_iter;
  t.new_ = array_tp_new;
  t.sequence.length = array_length;
  t.sequence.concat = array_concat;
  t.sequence.repeat = array_repeat;
  t.sequence.item = array_item;
  t.sequence.contains = array_contains;
  t.sequence.inplace_concat = array_inplace_concat;
  t.sequence.inplace_repeat = array_inplace_repeat;
  t.mapping.length = array_length;
  t.mapping.subscript = array_subscript;
  t.mapping.ass_subscript = array_ass_subscript;
  t.methods = kArrayMethods;
  t.getsets = kArrayGetSets;
  t.weaklistoffset = offsetof(ArrayObject, weakreflist);
  t.buffer = {array_getbuffer, array_releasebuffer};

  Type& it = ArrayIteratorType;
  it.name = "array.arrayiterator";
  it.basicsize = sizeof(ArrayIterObject);
  it.flags = kTypeHaveGc | kTypeDisallowInstantiation;
  it.dealloc = arrayiter_dealloc;
  it.traverse = arrayiter_traverse;
  it.clear = arrayiter_clear;
  it.iter = arrayiter_self;
  it.iternext = arrayiter_next;
  it.methods = kArrayIterMethods;
  return ok();
}
Status ready_types() {
  TRY(type_ready(&ArrayType));
  return type_ready(&ArrayIteratorType);
}
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_types);

}  // namespace

// ---- shared helpers ---------------------------------------------------------------------------

Result<Ref<Object>> array_construct(Type* type, Object* typecode, Object* initializer) {
  Object* args[] = {typecode, initializer};
  return array_tp_new(type, args, 2, nullptr);
}

Result<Ref<Object>> array_new_empty(Type* type, const TypeDesc* desc, int64_t capacity) {
  Ref<ArrayObject> a = TRY(new_object<ArrayObject>(type, static_cast<size_t>(type->basicsize)));
  a->desc = desc;
  if (capacity > 0) {
    a->items = static_cast<char*>(gc::raw_alloc(byte_count(a.get(), capacity)));
    if (!a->items) return raise_no_memory();
    a->allocated = capacity;
  }
  return Ref<Object>(std::move(a));
}

Status check_resizable(const ArrayObject* a, int64_t n) {
  if (a->exports.load(std::memory_order_acquire) > 0 && n != a->size)
    return raise(exc::BufferError, "cannot resize an array that is exporting buffers");
  return ok();
}

Status array_resize_locked(ArrayObject* a, int64_t n) {
  TRY(check_resizable(a, n));
  if (n <= a->allocated && n >= a->allocated / 2) {
    a->size = n;
    return ok();
  }
  // Over-allocate like CPython (about 1/16 extra plus a constant) so appends are amortised O(1).
  int64_t capacity = n == 0 ? 0 : n + (n >> 4) + (n < 8 ? 3 : 7);
  if (capacity > (INT64_MAX / 8)) return raise_no_memory();
  char* grown = nullptr;
  if (capacity > 0) {
    grown = static_cast<char*>(gc::raw_alloc(byte_count(a, capacity)));
    if (!grown) return raise_no_memory();
    if (a->size) std::memcpy(grown, a->items, byte_count(a, std::min(a->size, n)));
  }
  gc::raw_free(a->items);
  a->items = grown;
  a->allocated = capacity;
  a->size = n;
  return ok();
}

std::string array_bytes(Object* self) {
  ArrayObject* a = as_array(self);
  sync::CriticalSection cs{self->ob_mutex};
  return std::string(a->items ? a->items : "", byte_count(a, a->size));
}

Status array_append_bytes(Object* self, const char* data, size_t n) {
  ArrayObject* a = as_array(self);
  if (n == 0) return ok();
  int64_t count = static_cast<int64_t>(n / static_cast<size_t>(a->desc->itemsize));
  sync::CriticalSection cs{self->ob_mutex};
  int64_t old = a->size;
  TRY(array_resize_locked(a, old + count));
  std::memcpy(a->items + byte_count(a, old), data, n);
  return ok();
}

Status array_extend(Object* self, Object* iterable) {
  ArrayObject* a = as_array(self);
  if (is_array(iterable)) {
    if (as_array(iterable)->desc != a->desc)
      return raise(exc::TypeError, "can only extend with array of same kind");
    std::string bytes = array_bytes(iterable);
    return array_append_bytes(self, bytes.data(), bytes.size());
  }
  return extend_from_iterable(self, iterable);
}

Status extend_from_iterable(Object* self, Object* iterable) {
  ArrayObject* a = as_array(self);
  Ref<Object> it = TRY(get_iter(iterable));
  for (;;) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) return ok();
    Ref<Object> v = next.release_value();
    ItemBytes item;
    TRY(a->desc->set(v.get(), &item));
    TRY(array_append_bytes(self, item.bytes, static_cast<size_t>(a->desc->itemsize)));
  }
}

Result<bool> array_item_at(Object* self, int64_t i, Ref<Object>* out) {
  ArrayObject* a = as_array(self);
  sync::CriticalSection cs{self->ob_mutex};
  if (i < 0 || i >= a->size) return false;
  *out = TRY(a->desc->get(a->items + byte_count(a, i)));
  return true;
}

Result<Ref<Object>> array_to_str(Object* self) {
  std::string bytes = array_bytes(self);
  std::vector<uint32_t> cps(bytes.size() / 4);
  if (!cps.empty()) std::memcpy(cps.data(), bytes.data(), bytes.size());
  for (uint32_t cp : cps) {
    if (cp > 0x10ffff) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "%x", cp);
      return raise(exc::ValueError, "character U+{} is not in range [U+0000; U+10ffff]", hex);
    }
  }
  return str_from_code_points(cps.data(), cps.size());
}

}  // namespace weft::array_module
