// objects/bytearray.cpp — the bytearray type: storage management, construction, repr,
// comparison, the sequence/mapping slots (indexing, slicing, slice assignment, +, *, +=, *=,
// in) and the iterator. Methods are in bytearray_methods.cpp.
//
// Storage (bytearray_internal.h): one separately allocated block, grown amortised (CPython's
// rule: about 1/8 extra when growing by a little, exact when growing by a lot), shrunk when
// less than half is used; deleting from the front only moves `start`. Locking: every read of
// the bytes or of the storage fields and every mutation happen inside the object's critical
// section; Python code (__index__, iteration of arguments) runs before the section is taken,
// so a mutation never holds the lock across arbitrary code. Exports (ByteView) pin the block.
#include <algorithm>
#include <cstring>
#include <string>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytearray_internal.h"
#include "objects/bytes_like.h"
#include "objects/bytes_ops.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "objects/unicode_codecs.h"
#include "sync/critical_section.h"

namespace weft {

Type ByteArrayType;
Type ByteArrayIteratorType;

// Defined in bytearray_methods.cpp.
extern const MethodDef kByteArrayMethods[];
Result<Ref<Object>> bytearray_remainder(Object* a, Object* b);

namespace bytearray_detail {

namespace {

Error raise_exported() {
  return raise(exc::BufferError, "Existing exports of data: object cannot be re-sized");
}

// Moves the bytes into a new block of `new_capacity` bytes (start becomes 0).
Status reallocate_locked(ByteArrayObject* b, int64_t new_size, int64_t new_capacity) {
  int64_t keep = std::min(b->length(), new_size);
  char* block;
  if (b->start == 0 && b->storage) {
    block = static_cast<char*>(gc::raw_realloc(b->storage, size_t(new_capacity)));
    if (!block) return raise_no_memory();
  } else {
    block = static_cast<char*>(gc::raw_alloc(size_t(new_capacity)));
    if (!block) return raise_no_memory();
    if (keep) std::memcpy(block, b->data(), size_t(keep));
    gc::raw_free(b->storage);
  }
  b->storage = block;
  b->start = 0;
  b->capacity = new_capacity;
  block[new_size] = '\0';
  b->size.store(new_size, std::memory_order_relaxed);
  return ok();
}

}  // namespace

Status resize_locked(ByteArrayObject* b, int64_t n) {
  int64_t current = b->length();
  if (n == current) return ok();
  if (b->exports.load(std::memory_order_relaxed) > 0) return raise_exported();
  if (n > INT64_MAX / 2) return raise_no_memory();
  if (b->storage && n + b->start + 1 <= b->capacity) {
    if (n >= b->capacity / 2) {  // a minor change: keep the block
      b->storage[b->start + n] = '\0';
      b->size.store(n, std::memory_order_relaxed);
      return ok();
    }
    return reallocate_locked(b, n, n + 1);  // a major shrink: give memory back
  }
  int64_t capacity = n + 1;
  if (n <= b->capacity + b->capacity / 8) capacity = n + (n >> 3) + (n < 9 ? 3 : 6);
  return reallocate_locked(b, n, capacity);
}

Status replace_range_locked(ByteArrayObject* b, int64_t lo, int64_t hi, std::string_view src) {
  int64_t size = b->length();
  int64_t growth = int64_t(src.size()) - (hi - lo);
  if (growth != 0 && b->exports.load(std::memory_order_relaxed) > 0) return raise_exported();
  if (growth < 0) {
    if (lo == 0 && b->storage) {
      // Deleting from the front: skip the dropped bytes instead of moving the rest.
      b->start -= growth;
      b->size.store(size + growth, std::memory_order_relaxed);
      int64_t n = size + growth;
      if (n < b->capacity / 2) TRY(reallocate_locked(b, n, n + 1));
    } else {
      char* d = b->data();
      std::memmove(d + lo + int64_t(src.size()), d + hi, size_t(size - hi));
      TRY(resize_locked(b, size + growth));
    }
  } else if (growth > 0) {
    TRY(resize_locked(b, size + growth));
    char* d = b->data();
    std::memmove(d + lo + int64_t(src.size()), d + hi, size_t(size - hi));
  }
  if (!src.empty()) std::memcpy(b->data() + lo, src.data(), src.size());
  return ok();
}

Status assignment_bytes(Object* self, Object* value, std::string* out) {
  if (value == self) {
    sync::CriticalSection cs{self->ob_mutex};
    out->assign(as_bytearray(self)->view());
    return ok();
  }
  if (is_bytes_like(value)) {
    out->assign(ByteView::of(value).view());
    return ok();
  }
  NumberMethods& nm = value->ob_type->number;
  if (nm.index || nm.int_ || nm.float_ || is_str(value))
    return raise(exc::TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
  if (!TRY(append_iterable_of_ints(*out, value, "byte must be in range(0, 256)")))
    return raise(exc::TypeError, "cannot convert '{}' object to bytearray", type_name_of(value));
  return ok();
}

}  // namespace bytearray_detail

using namespace bytearray_detail;

namespace {

Result<Ref<Object>> alloc_bytearray(Type* type, int64_t n) {
  Ref<ByteArrayObject> b =
      TRY(new_object<ByteArrayObject>(type, std::max<size_t>(sizeof(ByteArrayObject), size_t(type->basicsize))));
  if (n > 0) {
    b->storage = static_cast<char*>(gc::raw_alloc(size_t(n) + 1));
    if (!b->storage) return raise_no_memory();
    b->capacity = n + 1;
    b->storage[n] = '\0';
    b->size.store(n, std::memory_order_relaxed);
  }
  return Ref<Object>(std::move(b));
}

}  // namespace

Result<Ref<Object>> bytearray_new_uninitialized(int64_t n, char** data) {
  if (n < 0 || n > INT64_MAX / 2) return raise_no_memory();
  Ref<Object> b = TRY(alloc_bytearray(&ByteArrayType, n));
  *data = as_bytearray(b.get())->data();
  return b;
}

Result<Ref<Object>> bytearray_from(std::string_view data) {
  char* out = nullptr;
  Ref<Object> b = TRY(bytearray_new_uninitialized(int64_t(data.size()), &out));
  if (!data.empty()) std::memcpy(out, data.data(), data.size());
  return b;
}

int64_t bytearray_size(const Object* ba) {
  return static_cast<const ByteArrayObject*>(ba)->length();
}

std::string_view bytearray_export(Object* ba) {
  sync::CriticalSection cs{ba->ob_mutex};
  ByteArrayObject* b = as_bytearray(ba);
  b->exports.fetch_add(1, std::memory_order_relaxed);
  return b->view();
}

void bytearray_unexport(Object* ba) {
  // release: the exporter's reads of the bytes happen before a later resize by another thread
  // (which reads the count under the lock after acquiring it).
  as_bytearray(ba)->exports.fetch_sub(1, std::memory_order_release);
}

namespace {

void bytearray_dealloc(Object* self) {
  gc::raw_free(as_bytearray(self)->storage);
  free_object(self);
}

Result<Ref<Object>> bytearray_new(Type* type, Object* const*, size_t, Object*) {
  return alloc_bytearray(type, 0);
}

// bytearray(source=b'', encoding=None, errors=None): replaces the contents.
Status bytearray_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("bytearray", "| source encoding errors");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  std::string content;
  Object* src = a[0];
  if (a[1] || a[2]) {
    if (!src || !is_str(src))
      return raise(exc::TypeError, a[1] ? "encoding without a string argument" : "errors without a string argument");
    std::string_view enc = "utf-8", err = "strict";
    if (a[1]) {
      if (!is_str(a[1])) return raise(exc::TypeError, "bytearray() argument 'encoding' must be str, not {}", type_name_of(a[1]));
      enc = TRY(str_utf8(a[1]));
    }
    if (a[2]) {
      if (!is_str(a[2])) return raise(exc::TypeError, "bytearray() argument 'errors' must be str, not {}", type_name_of(a[2]));
      err = TRY(str_utf8(a[2]));
    }
    Ref<Object> encoded = TRY(codec_encode(src, enc, err));
    content.assign(bytes_view(encoded.get()));
  } else if (src) {
    if (is_str(src)) return raise(exc::TypeError, "string argument without an encoding");
    if (is_bytes_like(src)) {
      content.assign(ByteView::of(src).view());
    } else if (is_int(src) || (src->ob_type->number.index && !is_bytes_like(src))) {
      int64_t n = TRY(index_as_i64(src, exc::OverflowError));
      if (n < 0) return raise(exc::ValueError, "negative count");
      content.assign(size_t(n), '\0');
    } else if (!TRY(append_iterable_of_ints(content, src, "byte must be in range(0, 256)"))) {
      return raise(exc::TypeError, "cannot convert '{}' object to bytearray", type_name_of(src));
    }
  }
  sync::CriticalSection cs{self->ob_mutex};
  ByteArrayObject* b = as_bytearray(self);
  return replace_range_locked(b, 0, b->length(), content);
}

Result<Ref<Object>> bytearray_repr(Object* self) {
  ByteView v = ByteView::of(self);
  // CPython names the actual class: B(b'...') for a subclass B.
  std::string out = type_short_name(self->ob_type);
  out += '(';
  out += bytes_repr_text(v.view());
  out += ')';
  return str_from_utf8(out);
}

Result<Ref<Object>> bytearray_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_bytes_like(a) || !is_bytes_like(b)) return new_ref(not_implemented());
  ByteView x = ByteView::of(a), y = ByteView::of(b);
  if ((op == CompareOp::Eq || op == CompareOp::Ne) && x.size() != y.size())
    return new_bool(op == CompareOp::Ne);
  int c = x.view().compare(y.view());
  return new_bool(compare_holds(c, op));
}

Result<int64_t> bytearray_len(Object* self) { return as_bytearray(self)->length(); }

Result<Ref<Object>> bytearray_concat(Object* a, Object* b) {
  // Any buffer exporter concatenates (memoryview, array), as in CPython.
  if (!exports_buffer(b))
    return raise(exc::TypeError, "can't concat {} to {}", type_name_of(b), type_name_of(a));
  ByteView x = ByteView::of(a);
  ByteView y = TRY(byte_view(b));
  char* out = nullptr;
  Ref<Object> r = TRY(bytearray_new_uninitialized(int64_t(x.size() + y.size()), &out));
  if (x.size()) std::memcpy(out, x.data(), x.size());
  if (y.size()) std::memcpy(out + x.size(), y.data(), y.size());
  return r;
}

Result<Ref<Object>> bytearray_repeat(Object* self, int64_t n) {
  ByteView v = ByteView::of(self);
  if (n < 0) n = 0;
  if (!v.view().empty() && n > INT64_MAX / 2 / int64_t(v.size())) return raise_no_memory();
  char* out = nullptr;
  Ref<Object> r = TRY(bytearray_new_uninitialized(int64_t(v.size()) * n, &out));
  for (int64_t i = 0; i < n && v.size(); ++i) std::memcpy(out + i * int64_t(v.size()), v.data(), v.size());
  return r;
}

Result<Ref<Object>> bytearray_inplace_concat(Object* self, Object* other) {
  // Any buffer exporter concatenates (memoryview, array), as in CPython.
  if (!exports_buffer(other))
    return raise(exc::TypeError, "can't concat {} to {}", type_name_of(other), type_name_of(self));
  // The operand's buffer is held across the resize, as CPython holds it: `b += b` or `b +=
  // memoryview(b)` raises BufferError instead of resizing storage that is being read.
  ByteView src = TRY(byte_view(other));
  sync::CriticalSection cs{self->ob_mutex};
  ByteArrayObject* b = as_bytearray(self);
  TRY(replace_range_locked(b, b->length(), b->length(), src.view()));
  return Ref<Object>::borrow(self);
}

Result<Ref<Object>> bytearray_inplace_repeat(Object* self, int64_t n) {
  sync::CriticalSection cs{self->ob_mutex};
  ByteArrayObject* b = as_bytearray(self);
  int64_t len = b->length();
  if (n <= 0) {
    TRY(resize_locked(b, 0));
    return Ref<Object>::borrow(self);
  }
  if (len && n > INT64_MAX / 2 / len) return raise_no_memory();
  TRY(resize_locked(b, len * n));
  char* d = b->data();
  for (int64_t i = 1; i < n; ++i) std::memcpy(d + i * len, d, size_t(len));
  return Ref<Object>::borrow(self);
}

Result<Ref<Object>> bytearray_item(Object* self, int64_t i) {
  int value;
  {
    sync::CriticalSection cs{self->ob_mutex};
    ByteArrayObject* b = as_bytearray(self);
    if (i < 0 || i >= b->length()) return raise(exc::IndexError, "bytearray index out of range");
    value = uint8_t(b->data()[i]);
  }
  return int_from_i64(value);
}

Result<int64_t> index_arg(Object* key) {
  if (!is_int(key) && !key->ob_type->number.index)
    return raise(exc::TypeError, "bytearray indices must be integers or slices, not {}", type_name_of(key));
  return index_as_i64(key, exc::IndexError);
}

Result<Ref<Object>> bytearray_subscript(Object* self, Object* key) {
  if (is_slice(key)) {
    int64_t start, stop, step;
    TRY(slice_unpack(key, &start, &stop, &step));
    std::string out;
    {
      sync::CriticalSection cs{self->ob_mutex};
      ByteArrayObject* b = as_bytearray(self);
      int64_t n = slice_adjust_indices(b->length(), &start, &stop, step);
      if (step == 1) {
        out.assign(b->data() + start, size_t(std::max<int64_t>(n, 0)));
      } else {
        out.reserve(size_t(n));
        for (int64_t k = 0, cur = start; k < n; ++k, cur += step) out += b->data()[cur];
      }
    }
    return bytearray_from(out);
  }
  int64_t i = TRY(index_arg(key));
  if (i < 0) i += bytearray_size(self);
  return bytearray_item(self, i);
}

// One byte value for ba[i] = v: an int in range(256).
Result<char> byte_value(Object* v) {
  int64_t n = TRY(index_as_i64(v, exc::ValueError));
  if (n < 0 || n > 255) return raise(exc::ValueError, "byte must be in range(0, 256)");
  return char(n);
}

Status set_index(Object* self, int64_t i, Object* value) {
  char byte = value ? TRY(byte_value(value)) : 0;
  sync::CriticalSection cs{self->ob_mutex};
  ByteArrayObject* b = as_bytearray(self);
  if (i < 0) i += b->length();
  if (i < 0 || i >= b->length()) return raise(exc::IndexError, "bytearray index out of range");
  if (value) {
    b->data()[i] = byte;
    return ok();
  }
  return replace_range_locked(b, i, i + 1, {});
}

Status bytearray_ass_item(Object* self, int64_t i, Object* value) { return set_index(self, i, value); }

Status assign_slice(Object* self, Object* key, Object* value) {
  int64_t start, stop, step;
  TRY(slice_unpack(key, &start, &stop, &step));
  std::string src;
  if (value) TRY(assignment_bytes(self, value, &src));
  sync::CriticalSection cs{self->ob_mutex};
  ByteArrayObject* b = as_bytearray(self);
  int64_t n = slice_adjust_indices(b->length(), &start, &stop, step);
  if (step == 1) {
    if (stop < start) stop = start;
    return replace_range_locked(b, start, stop, src);
  }
  if (!value) {
    if (n <= 0) return ok();
    if (b->exports.load(std::memory_order_relaxed) > 0)
      return raise(exc::BufferError, "Existing exports of data: object cannot be re-sized");
    // Normalise to an ascending walk, then compact the kept bytes in place.
    if (step < 0) {
      start = start + step * (n - 1);
      step = -step;
    }
    char* d = b->data();
    int64_t len = b->length(), write = start, deleted = 0, next_deleted = start;
    for (int64_t read = start; read < len; ++read) {
      if (deleted < n && read == next_deleted) {
        ++deleted;
        next_deleted += step;
        continue;
      }
      d[write++] = d[read];
    }
    return resize_locked(b, write);
  }
  if (int64_t(src.size()) != n)
    return raise(exc::ValueError, "attempt to assign bytes of size {} to extended slice of size {}",
                 src.size(), n);
  char* d = b->data();
  for (int64_t k = 0, cur = start; k < n; ++k, cur += step) d[cur] = src[size_t(k)];
  return ok();
}

Status bytearray_ass_subscript(Object* self, Object* key, Object* value) {
  if (is_slice(key)) return assign_slice(self, key, value);
  int64_t i = TRY(index_arg(key));
  return set_index(self, i, value);
}

Result<bool> bytearray_contains(Object* self, Object* item) {
  if (is_bytes_like(item)) {
    ByteView needle = ByteView::of(item), hay = ByteView::of(self);
    return hay.view().find(needle.view()) != std::string_view::npos;
  }
  if (!is_int(item) && !item->ob_type->number.index)
    return raise(exc::TypeError, "a bytes-like object is required, not '{}'", type_name_of(item));
  char byte = TRY(byte_value(item));
  sync::CriticalSection cs{self->ob_mutex};
  return as_bytearray(self)->view().find(byte) != std::string_view::npos;
}

// --- iterator ---------------------------------------------------------------------------------

// next() runs inside the array's critical section, which also serialises concurrent next()
// calls on one iterator (they all lock the same array).
struct ByteArrayIterObject : Object {
  Object* array;               // owned
  std::atomic<int64_t> index;  // written under the array's lock
};

Result<Ref<Object>> bytearray_iter(Object* self) {
  Ref<ByteArrayIterObject> it = TRY(new_object<ByteArrayIterObject>(&ByteArrayIteratorType));
  it->array = Ref<Object>::borrow(self).release();
  return Ref<Object>(std::move(it));
}

void bytearray_iter_dealloc(Object* self) {
  xdecref(static_cast<ByteArrayIterObject*>(self)->array);
  free_object(self);
}

Result<Ref<Object>> bytearray_iter_self(Object* self) { return Ref<Object>::borrow(self); }

Next bytearray_iter_next(Object* self) {
  auto* it = static_cast<ByteArrayIterObject*>(self);
  int value = -1;
  {
    sync::CriticalSection cs{it->array->ob_mutex};
    int64_t i = it->index.load(std::memory_order_relaxed);
    ByteArrayObject* b = as_bytearray(it->array);
    if (i < b->length()) {
      value = uint8_t(b->data()[i]);
      it->index.store(i + 1, std::memory_order_relaxed);
    }
  }
  if (value < 0) return Next::done();
  Result<Ref<Object>> v = int_from_i64(value);
  if (!v) return Error{};
  return Next(v.release_value());
}

Result<Ref<Object>> bytearray_iter_length_hint(Object* self, Object* const*, size_t, Object*) {
  auto* it = static_cast<ByteArrayIterObject*>(self);
  int64_t left = 0;
  {
    sync::CriticalSection cs{it->array->ob_mutex};
    left = std::max<int64_t>(0, bytearray_size(it->array) - it->index.load(std::memory_order_relaxed));
  }
  return int_from_i64(left);
}

const MethodDef kIterMethods[] = {
    {"__length_hint__", bytearray_iter_length_hint, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_bytearray_types() {
  Type& t = ByteArrayType;
  t.name = "bytearray";
  t.doc = "bytearray(iterable_of_ints) -> bytearray\n"
          "bytearray(string, encoding[, errors]) -> bytearray\n"
          "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n"
          "bytearray(int) -> bytes array of size given by the parameter initialized with null bytes\n"
          "bytearray() -> empty bytes array\n\n"
          "Construct a mutable bytearray object from:\n"
          "  - an iterable yielding integers in range(256)\n"
          "  - a text string encoded using the specified encoding\n"
          "  - a bytes or a buffer object\n"
          "  - any object implementing the buffer API.\n"
          "  - an integer";
  t.basicsize = sizeof(ByteArrayObject);
  t.flags = kTypeBaseType;
  t.dealloc = bytearray_dealloc;
  t.repr = bytearray_repr;
  t.str = bytearray_repr;
  t.hash = hash_not_implemented;
  t.richcompare = bytearray_richcompare;
  t.iter = bytearray_iter;
  t.new_ = bytearray_new;
  t.init = bytearray_init;
  t.number.remainder = bytearray_remainder;
  t.sequence.length = bytearray_len;
  t.sequence.concat = bytearray_concat;
  t.sequence.repeat = bytearray_repeat;
  t.sequence.item = bytearray_item;
  t.sequence.ass_item = bytearray_ass_item;
  t.sequence.contains = bytearray_contains;
  t.sequence.inplace_concat = bytearray_inplace_concat;
  t.sequence.inplace_repeat = bytearray_inplace_repeat;
  t.mapping.length = bytearray_len;
  t.mapping.subscript = bytearray_subscript;
  t.mapping.ass_subscript = bytearray_ass_subscript;
  t.methods = kByteArrayMethods;

  Type& it = ByteArrayIteratorType;
  it.name = "bytearray_iterator";
  it.basicsize = sizeof(ByteArrayIterObject);
  it.flags = kTypeImmutable | kTypeDisallowInstantiation;
  it.dealloc = bytearray_iter_dealloc;
  it.iter = bytearray_iter_self;
  it.iternext = bytearray_iter_next;
  it.methods = kIterMethods;
  return ok();
}

Status ready_bytearray_types() {
  TRY(type_ready(&ByteArrayType));
  return type_ready(&ByteArrayIteratorType);
}

Status add_bytearray_static_methods() { return bytes_ops::add_maketrans(&ByteArrayType); }

}  // namespace

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_bytearray_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_bytearray_types);
WEFT_REGISTER_TYPE_INIT(kPhaseObjects, add_bytearray_static_methods);

}  // namespace weft
