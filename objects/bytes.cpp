// objects/bytes.cpp — the bytes type: storage, construction, repr, hash, comparison, sequence
// slots and the bytes iterator (helper T). Methods are in bytes_methods.cpp.
//
// Layout: a VarObject (ob_size = number of bytes) with the cached hash and the bytes inline,
// followed by a NUL. An instance takes basicsize + ob_size bytes rounded up to 8 (basicsize
// counts the NUL), as in CPython: a heap subclass keeps its __dict__ pointer in the last 8 bytes
// of that size (objects/abstract.cpp instance_dict_slot). Immutable after creation; the hash cache is a relaxed atomic that every
// thread fills with the same value, so no locks are needed. The empty bytes and the 256
// single-byte objects are immortal singletons (as in CPython).
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/bytes_ops.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/memoryview.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/unicode_codecs.h"

namespace weft {

Type BytesType;
Type BytesIteratorType;

struct BytesObject : VarObject {
  std::atomic<int64_t> hash;  // -1 = not computed
  // ob_size bytes + NUL follow at kBytesDataOffset (data()).
  char* data() { return reinterpret_cast<char*>(this) + kDataOffset; }
  const char* data() const { return reinterpret_cast<const char*>(this) + kDataOffset; }
  static constexpr size_t kDataOffset = sizeof(VarObject) + sizeof(int64_t);
};
static_assert(sizeof(BytesObject) == BytesObject::kDataOffset);

// Defined in bytes_methods.cpp.
extern const MethodDef kBytesMethods[];
Result<Ref<Object>> bytes_remainder(Object* a, Object* b);

namespace {

BytesObject* as_bytes(Object* o) { return static_cast<BytesObject*>(o); }
const BytesObject* as_bytes(const Object* o) { return static_cast<const BytesObject*>(o); }

std::atomic<Object*> g_empty_bytes{nullptr};
std::atomic<Object*> g_single_bytes[256];

Result<Ref<Object>> alloc_bytes(Type* type, int64_t n) {
  if (n < 0 || n > INT64_MAX / 2) return raise_no_memory();
  size_t size = (size_t(type->basicsize) + size_t(n) + 7) & ~size_t{7};
  Ref<BytesObject> b = TRY(new_object<BytesObject>(type, size));  // zero-filled: NUL-terminated
  b->ob_size.store(n, std::memory_order_relaxed);
  b->hash.store(-1, std::memory_order_relaxed);
  return Ref<Object>(std::move(b));
}

Object* singleton(std::atomic<Object*>& slot, std::string_view content) {
  // acquire: pairs with the release CAS below.
  if (Object* o = slot.load(std::memory_order_acquire)) return o;
  Result<Ref<Object>> fresh = alloc_bytes(&BytesType, int64_t(content.size()));
  if (!fresh) return nullptr;
  if (!content.empty())  // memcpy from a null pointer is undefined even for 0 bytes
    std::memcpy(as_bytes(fresh.value().get())->data(), content.data(), content.size());
  Object* expected = nullptr;
  // release: publishes the filled object; pairs with the acquire load above.
  if (slot.compare_exchange_strong(expected, fresh.value().get(), std::memory_order_release,
                                   std::memory_order_acquire)) {
    Object* o = fresh.value().release();
    gc::set_immortal(o);
    return o;
  }
  return expected;
}

}  // namespace

int64_t bytes_size(const Object* b) { return as_bytes(b)->ob_size.load(std::memory_order_relaxed); }
std::string_view bytes_view(const Object* b) { return {as_bytes(b)->data(), size_t(bytes_size(b))}; }
char* bytes_mutable_data(Object* b) { return as_bytes(b)->data(); }

Result<Ref<Object>> bytes_new_uninitialized(int64_t n) {
  if (n == 0) {
    Object* e = singleton(g_empty_bytes, {});
    if (!e) return Error{};
    return Ref<Object>::borrow(e);
  }
  return alloc_bytes(&BytesType, n);
}

Result<Ref<Object>> bytes_from(std::string_view data) {
  if (data.size() == 1) {
    unsigned char c = uint8_t(data[0]);
    Object* o = singleton(g_single_bytes[c], data);
    if (!o) return Error{};
    return Ref<Object>::borrow(o);
  }
  Ref<Object> b = TRY(bytes_new_uninitialized(int64_t(data.size())));
  if (!data.empty()) std::memcpy(as_bytes(b.get())->data(), data.data(), data.size());
  return b;
}

int64_t bytes_hash(Object* b) {
  BytesObject* bo = as_bytes(b);
  int64_t h = bo->hash.load(std::memory_order_relaxed);
  if (h != -1) return h;
  h = hash_bytes(bo->data(), size_t(bytes_size(b)));
  bo->hash.store(h, std::memory_order_relaxed);
  return h;
}

Result<Ref<Object>> bytes_repr(Object* b) { return str_from_ascii(bytes_repr_text(bytes_view(b))); }

std::string bytes_repr_text(std::string_view v) {
  bool has_single = v.find('\'') != std::string_view::npos;
  bool has_double = v.find('"') != std::string_view::npos;
  char quote = (has_single && !has_double) ? '"' : '\'';
  static const char kHex[] = "0123456789abcdef";
  std::string out = "b";
  out += quote;
  for (unsigned char c : v) {
    if (c == uint8_t(quote) || c == '\\') { out += '\\'; out += char(c); }
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c >= 0x7f) { out += "\\x"; out += kHex[c >> 4]; out += kHex[c & 15]; }
    else out += char(c);
  }
  out += quote;
  return out;
}

Result<bool> append_iterable_of_ints(std::string& out, Object* x, const char* range_message) {
  auto append = [&](Object* item) -> Status {
    if (!is_int(item) && !item->ob_type->number.index)
      return raise(exc::TypeError, "'{}' object cannot be interpreted as an integer", type_name_of(item));
    int64_t v = TRY(index_as_i64(item, exc::ValueError));
    if (v < 0 || v > 255) return raise(exc::ValueError, "{}", range_message);
    out.push_back(char(v));
    return ok();
  };
  if (buffer_procs_of(x->ob_type)) {  // an exporter such as array.array: its bytes, as CPython
    ByteView view = TRY(byte_view(x));
    out.append(view.view());
    return true;
  }
  if (is_tuple(x)) {  // immutable: no iterator needed
    for (int64_t i = 0; i < tuple_size(x); ++i) TRY(append(tuple_item(x, i)));
    return true;
  }
  Result<Ref<Object>> it = get_iter(x);
  if (!it) {
    if (!error_matches(exc::TypeError)) return Error{};
    clear_error();
    return false;
  }
  for (;;) {
    Next n = iter_next(it.value().get());
    if (n.is_error()) return Error{};
    if (n.is_done()) return true;
    Ref<Object> item = n.release_value();
    TRY(append(item.get()));
  }
}

Result<Ref<Object>> bytes_from_object(Object* x) {
  if (is_bytes(x)) {
    if (x->ob_type == &BytesType) return Ref<Object>::borrow(x);
    return bytes_from(bytes_view(x));
  }
  if (is_bytearray(x)) return bytes_from(ByteView::of(x).view());
  if (is_memoryview(x)) return memoryview_tobytes(x);
  if (is_str(x)) return raise(exc::TypeError, "string argument without an encoding");
  if (is_int(x) || (x->ob_type->number.index && !is_float(x))) {
    int64_t n = TRY(index_as_i64(x, exc::OverflowError));
    if (n < 0) return raise(exc::ValueError, "negative count");
    Ref<Object> b = TRY(bytes_new_uninitialized(n));
    if (n) std::memset(bytes_mutable_data(b.get()), 0, size_t(n));
    return b;
  }
  std::string buf;
  if (!TRY(append_iterable_of_ints(buf, x, "bytes must be in range(0, 256)")))
    return raise(exc::TypeError, "cannot convert '{}' object to bytes", type_name_of(x));
  return bytes_from(buf);
}

namespace {

void bytes_dealloc(Object* self) { free_object(self); }

Result<Ref<Object>> bytes_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("bytes", "| source encoding errors");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> b;
  if (!a[0]) {
    if (a[1] || a[2]) return raise(exc::TypeError, a[1] ? "encoding without a string argument" : "errors without a string argument");
    b = TRY(bytes_new_uninitialized(0));
  } else if (a[1] || a[2]) {
    if (!is_str(a[0])) return raise(exc::TypeError, a[1] ? "encoding without a string argument" : "errors without a string argument");
    std::string_view enc = "utf-8", err = "strict";
    if (a[1]) {
      if (!is_str(a[1])) return raise(exc::TypeError, "bytes() argument 'encoding' must be str, not {}", type_name_of(a[1]));
      enc = TRY(str_utf8(a[1]));
    }
    if (a[2]) {
      if (!is_str(a[2])) return raise(exc::TypeError, "bytes() argument 'errors' must be str, not {}", type_name_of(a[2]));
      err = TRY(str_utf8(a[2]));
    }
    b = TRY(codec_encode(a[0], enc, err));
  } else {
    Ref<Object> method;
    bool has_bytes = TRY(lookup_special(a[0], str_intern("__bytes__"), &method));
    if (has_bytes) {
      b = TRY(call_noargs(method.get()));
      if (!is_bytes(b.get()))
        return raise(exc::TypeError, "__bytes__ returned non-bytes (type {})", type_name_of(b.get()));
    } else {
      b = TRY(bytes_from_object(a[0]));
    }
  }
  if (type == &BytesType) return b;
  Ref<Object> r = TRY(alloc_bytes(type, bytes_size(b.get())));
  std::memcpy(as_bytes(r.get())->data(), as_bytes(b.get())->data(), size_t(bytes_size(b.get())));
  return r;
}

Result<int64_t> bytes_hash_slot(Object* self) { return bytes_hash(self); }

Result<Ref<Object>> bytes_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_bytes(a) || !is_bytes(b)) return new_ref(not_implemented());
  std::string_view x = bytes_view(a), y = bytes_view(b);
  int c = x.compare(y);
  return new_bool(compare_holds(c, op));
}

Result<int64_t> bytes_len(Object* self) { return bytes_size(self); }

Result<Ref<Object>> bytes_concat(Object* a, Object* b) {
  if (!is_bytes(a)) return new_ref(not_implemented());
  // Any buffer exporter concatenates (memoryview, array), as in CPython.
  if (!exports_buffer(b))
    return raise(exc::TypeError, "can't concat {} to bytes", type_name_of(b));
  ByteView other = TRY(byte_view(b));
  std::string_view x = bytes_view(a), y = other.view();
  if (y.empty() && a->ob_type == &BytesType) return Ref<Object>::borrow(a);
  Ref<Object> r = TRY(bytes_new_uninitialized(int64_t(x.size() + y.size())));
  if (x.size() + y.size() == 0) return r;
  std::memcpy(bytes_mutable_data(r.get()), x.data(), x.size());
  std::memcpy(bytes_mutable_data(r.get()) + x.size(), y.data(), y.size());
  return r;
}

Result<Ref<Object>> bytes_repeat(Object* self, int64_t n) {
  std::string_view v = bytes_view(self);
  if (n <= 0 || v.empty()) return bytes_new_uninitialized(0);
  if (n == 1 && self->ob_type == &BytesType) return Ref<Object>::borrow(self);
  if (int64_t(v.size()) > INT64_MAX / 2 / n) return raise_no_memory();
  Ref<Object> r = TRY(bytes_new_uninitialized(int64_t(v.size()) * n));
  char* out = bytes_mutable_data(r.get());
  for (int64_t i = 0; i < n; ++i) std::memcpy(out + i * int64_t(v.size()), v.data(), v.size());
  return r;
}

Result<Ref<Object>> bytes_item(Object* self, int64_t i) {
  if (i < 0 || i >= bytes_size(self)) return raise(exc::IndexError, "index out of range");
  return int_from_i64(uint8_t(as_bytes(self)->data()[i]));
}

Result<Ref<Object>> bytes_subscript(Object* self, Object* key) {
  int64_t len = bytes_size(self);
  if (is_slice(key)) {
    SliceIndices ix = TRY(slice_indices_for_length(key, len));
    if (ix.length <= 0) return bytes_new_uninitialized(0);
    if (ix.step == 1) {
      if (ix.length == len && self->ob_type == &BytesType) return Ref<Object>::borrow(self);
      return bytes_from(bytes_view(self).substr(size_t(ix.start), size_t(ix.length)));
    }
    std::string out;
    for (int64_t k = 0, cur = ix.start; k < ix.length; ++k, cur += ix.step) out += as_bytes(self)->data()[cur];
    return bytes_from(out);
  }
  if (!is_int(key) && !key->ob_type->number.index)
    return raise(exc::TypeError, "byte indices must be integers or slices, not {}", type_name_of(key));
  int64_t i = TRY(index_as_i64(key, exc::IndexError));
  if (i < 0) i += len;
  return bytes_item(self, i);
}

Result<bool> bytes_contains(Object* self, Object* item) {
  if (is_bytes_like(item)) return bytes_view(self).find(ByteView::of(item).view()) != std::string_view::npos;
  if (!is_int(item) && !item->ob_type->number.index)
    return raise(exc::TypeError, "a bytes-like object is required, not '{}'", type_name_of(item));
  int64_t v = TRY(index_as_i64(item, exc::ValueError));
  if (v < 0 || v > 255) return raise(exc::ValueError, "byte must be in range(0, 256)");
  return bytes_view(self).find(char(v)) != std::string_view::npos;
}

Result<Ref<Object>> bytes_str(Object* self) { return bytes_repr(self); }

// --- iterator ---------------------------------------------------------------------------------

struct BytesIterObject : Object {
  Object* bytes;
  std::atomic<int64_t> index;
};

Result<Ref<Object>> bytes_iter(Object* self) {
  Ref<BytesIterObject> it = TRY(new_object<BytesIterObject>(&BytesIteratorType));
  it->bytes = Ref<Object>::borrow(self).release();
  it->index.store(0, std::memory_order_relaxed);
  return Ref<Object>(std::move(it));
}

void bytes_iter_dealloc(Object* self) {
  xdecref(static_cast<BytesIterObject*>(self)->bytes);
  free_object(self);
}

Result<Ref<Object>> bytes_iter_self(Object* self) { return Ref<Object>::borrow(self); }

Next bytes_iter_next(Object* self) {
  auto* it = static_cast<BytesIterObject*>(self);
  int64_t len = bytes_size(it->bytes);
  if (it->index.load(std::memory_order_relaxed) >= len) return Next::done();
  int64_t i = it->index.fetch_add(1, std::memory_order_relaxed);
  if (i >= len) return Next::done();
  Result<Ref<Object>> v = int_from_i64(uint8_t(as_bytes(it->bytes)->data()[i]));
  if (!v) return Error{};
  return Next(v.release_value());
}

Status fill_bytes_types() {
  Type& t = BytesType;
  t.name = "bytes";
  t.doc = "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\n"
          "bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\nbytes(int) -> bytes "
          "object of size given by the parameter initialized with null bytes\nbytes() -> empty "
          "bytes object\n\nConstruct an immutable array of bytes from:\n  - an iterable yielding "
          "integers in range(256)\n  - a text string encoded using the specified encoding\n  - "
          "any object implementing the buffer API.\n  - an integer";
  t.basicsize = BytesObject::kDataOffset + 1;
  t.itemsize = 1;
  t.flags = kTypeBaseType | kTypeImmutable | kTypeBytesSubclass;
  t.dealloc = bytes_dealloc;
  t.repr = bytes_repr;
  t.str = bytes_str;
  t.hash = bytes_hash_slot;
  t.richcompare = bytes_richcompare;
  t.iter = bytes_iter;
  t.new_ = bytes_new;
  t.number.remainder = bytes_remainder;
  t.sequence.length = bytes_len;
  t.sequence.concat = bytes_concat;
  t.sequence.repeat = bytes_repeat;
  t.sequence.item = bytes_item;
  t.sequence.contains = bytes_contains;
  t.mapping.length = bytes_len;
  t.mapping.subscript = bytes_subscript;
  t.methods = kBytesMethods;

  Type& it = BytesIteratorType;
  it.name = "bytes_iterator";
  it.basicsize = sizeof(BytesIterObject);
  it.flags = kTypeImmutable | kTypeDisallowInstantiation;
  it.dealloc = bytes_iter_dealloc;
  it.iter = bytes_iter_self;
  it.iternext = bytes_iter_next;
  return ok();
}

Status ready_bytes_types() {
  TRY(type_ready(&BytesType));
  return type_ready(&BytesIteratorType);
}

Status add_bytes_static_methods() { return bytes_ops::add_maketrans(&BytesType); }

}  // namespace

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_bytes_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_bytes_types);
WEFT_REGISTER_TYPE_INIT(kPhaseObjects, add_bytes_static_methods);

}  // namespace weft
