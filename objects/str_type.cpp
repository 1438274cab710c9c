// objects/str_type.cpp — the str type object: construction (str(x), str(b, encoding, errors)),
// slots (repr, hash, comparison, len, indexing and slicing, +, *, %, in, iteration), the method
// table, and the str iterator type (helper T).
//
// str is immutable, so no slot takes a lock. The iterator's position is a relaxed atomic advanced
// with fetch_add: iterating one iterator from several threads hands out each index at most once
// (CPython's free-threaded build gives the same guarantee) and never reads out of bounds.
#include <cstring>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "objects/str_layout.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/unicode_codecs.h"

namespace weft {

using namespace strimpl;

Type StrType;
Type StrIteratorType;

namespace {

struct StrIterObject : Object {
  Object* str;                 // owned; never changes while the iterator lives
  std::atomic<int64_t> index;  // next index to hand out
};

void str_dealloc(Object* self) {
  if (Utf8Cache* c = as_str(self)->utf8.load(std::memory_order_relaxed)) gc::raw_free(c);
  free_object(self);
}

// str(object='') / str(object=b'', encoding='utf-8', errors='strict')
Result<Ref<Object>> str_make(Object* obj, Object* encoding, Object* errors) {
  if (!encoding && !errors) {
    if (!obj) return Ref<Object>::borrow(str_empty());
    return object_str(obj);
  }
  std::string_view enc = "utf-8", err = "strict";
  if (encoding) {
    if (!is_str(encoding))
      return raise(exc::TypeError, "str() argument 'encoding' must be str, not {}", type_name_of(encoding));
    enc = TRY(str_utf8(encoding));
  }
  if (errors) {
    if (!is_str(errors))
      return raise(exc::TypeError, "str() argument 'errors' must be str, not {}", type_name_of(errors));
    err = TRY(str_utf8(errors));
  }
  if (!obj) return Ref<Object>::borrow(str_empty());
  if (is_str(obj)) return raise(exc::TypeError, "decoding str is not supported");
  if (!is_bytes(obj))
    return raise(exc::TypeError, "decoding to str: need a bytes-like object, {} found", type_name_of(obj));
  return codec_decode(bytes_view(obj), enc, err);
}

Result<Ref<Object>> str_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("str", "| object encoding errors");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> s = TRY(str_make(a[0], a[1], a[2]));
  if (type == &StrType) {
    if (is_str_exact(s.get())) return s;
    return str_from_kind_data(data1(s.get()), as_str(s.get())->kind, as_str(s.get())->length);
  }
  // A subclass instance: copy the code points after the subclass's fields.
  const StrObject* src = as_str(s.get());
  uint32_t maxchar = src->ascii ? 0x7f : max_for_kind(src->kind);
  Ref<Object> r = TRY(str_alloc_subtype(type, src->length, maxchar));
  std::memcpy(mutable_data(r.get()), data1(s.get()), size_t(src->length) * src->kind);
  return r;
}

Result<Ref<Object>> str_str_slot(Object* self) {
  if (is_str_exact(self)) return Ref<Object>::borrow(self);
  return str_from_kind_data(data1(self), as_str(self)->kind, as_str(self)->length);
}

Result<int64_t> str_hash_slot(Object* self) { return str_hash(self); }

Result<Ref<Object>> str_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_str(a) || !is_str(b)) return new_ref(not_implemented());
  bool r;
  if (op == CompareOp::Eq || op == CompareOp::Ne) {
    r = str_equal(a, b) == (op == CompareOp::Eq);
  } else {
    r = compare_holds(str_compare(a, b), op);
  }
  return new_bool(r);
}

Result<int64_t> str_len_slot(Object* self) { return as_str(self)->length; }

Result<Ref<Object>> str_concat_slot(Object* a, Object* b) {
  if (!is_str(a)) return new_ref(not_implemented());
  if (!is_str(b))
    return raise(exc::TypeError, "can only concatenate str (not \"{}\") to str", type_name_of(b));
  return str_concat(a, b);
}

Result<Ref<Object>> str_repeat_slot(Object* self, int64_t n) {
  const StrObject* so = as_str(self);
  if (n <= 0 || so->length == 0) return Ref<Object>::borrow(str_empty());
  if (n == 1 && is_str_exact(self)) return Ref<Object>::borrow(self);
  if (so->length > INT64_MAX / 4 / n) return raise(exc::OverflowError, "repeated string is too long");
  int64_t total = so->length * n;
  Ref<Object> r = TRY(str_alloc(total, so->ascii ? 0x7f : max_for_kind(so->kind)));
  uint8_t* out = mutable_data(r.get());
  size_t unit = size_t(so->length) * so->kind;
  if (so->length == 1 && so->kind == 1) {
    std::memset(out, data1(self)[0], size_t(n));
  } else {
    // Doubling copies: O(log n) memcpy calls.
    std::memcpy(out, data1(self), unit);
    size_t done = unit, bytes = unit * size_t(n);
    while (done < bytes) {
      size_t chunk = std::min(done, bytes - done);
      std::memcpy(out + done, out, chunk);
      done += chunk;
    }
  }
  return r;
}

Result<Ref<Object>> str_item_slot(Object* self, int64_t i) {
  const StrObject* so = as_str(self);
  if (i < 0 || i >= so->length) return raise(exc::IndexError, "string index out of range");
  uint32_t cp = read_cp(data1(self), so->kind, i);
  return str_from_code_point(cp);
}

Result<bool> str_contains_slot(Object* self, Object* item) {
  if (!is_str(item))
    return raise(exc::TypeError, "'in <string>' requires string as left operand, not {}",
                 type_name_of(item));
  return find_sub(self, item, 0, as_str(self)->length, 1) >= 0;
}

Result<Ref<Object>> str_subscript(Object* self, Object* key) {
  const StrObject* so = as_str(self);
  if (is_slice(key)) {
    SliceIndices ix = TRY(slice_indices_for_length(key, so->length));
    if (ix.length <= 0) return Ref<Object>::borrow(str_empty());
    if (ix.step == 1) return str_substr(self, ix.start, ix.start + ix.length);
    StrBuilder b;
    for (int64_t k = 0, cur = ix.start; k < ix.length; ++k, cur += ix.step)
      b.append_code_point(read_cp(data1(self), so->kind, cur));
    return b.finish();
  }
  if (!is_int(key) && !key->ob_type->number.index)
    return raise(exc::TypeError, "string indices must be integers, not '{}'", type_name_of(key));
  int64_t i = TRY(index_as_i64(key, exc::IndexError));
  if (i < 0) i += so->length;
  return str_item_slot(self, i);
}

Result<Ref<Object>> str_remainder(Object* a, Object* b) {
  if (!is_str(a)) return new_ref(not_implemented());
  return str_percent_format(a, b);
}

Result<Ref<Object>> str_iter(Object* self) {
  Ref<StrIterObject> it = TRY(new_object<StrIterObject>(&StrIteratorType));
  it->str = Ref<Object>::borrow(self).release();
  it->index.store(0, std::memory_order_relaxed);
  return Ref<Object>(std::move(it));
}

// --- the iterator ---------------------------------------------------------------------------

void str_iter_dealloc(Object* self) {
  xdecref(static_cast<StrIterObject*>(self)->str);
  free_object(self);
}

Result<Ref<Object>> str_iter_self(Object* self) { return Ref<Object>::borrow(self); }

Next str_iter_next(Object* self) {
  auto* it = static_cast<StrIterObject*>(self);
  const StrObject* so = as_str(it->str);
  if (it->index.load(std::memory_order_relaxed) >= so->length) return Next::done();
  int64_t i = it->index.fetch_add(1, std::memory_order_relaxed);
  if (i >= so->length) return Next::done();
  Result<Ref<Object>> c = str_from_code_point(read_cp(data1(it->str), so->kind, i));
  if (!c) return Error{};
  return Next(c.release_value());
}

Result<Ref<Object>> str_iter_length_hint(Object* self, Object* const*, size_t, Object*) {
  auto* it = static_cast<StrIterObject*>(self);
  int64_t left = as_str(it->str)->length - it->index.load(std::memory_order_relaxed);
  return int_from_i64(left > 0 ? left : 0);
}

const MethodDef kStrIterMethods[] = {
    {"__length_hint__", str_iter_length_hint, kMethNoArgs, "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

#define WEFT_STR_METHOD_ENTRY(name) {#name, str_method_##name, kMethFastcall, nullptr},
MethodDef kStrMethods[] = {WEFT_STR_METHODS(WEFT_STR_METHOD_ENTRY){nullptr, nullptr, 0, nullptr}};
#undef WEFT_STR_METHOD_ENTRY

Status fill_str_types() {
  // maketrans is a static method; every other method keeps the fastcall convention.
  for (MethodDef& m : kStrMethods)
    if (m.name && std::strcmp(m.name, "maketrans") == 0) m.flags = kMethStatic;

  Type& t = StrType;
  t.name = "str";
  t.doc = "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\n"
          "Create a new string object from the given object. If encoding or\nerrors is "
          "specified, then the object must expose a data buffer\nthat will be decoded using the "
          "given encoding and error handler.\nOtherwise, returns the result of "
          "object.__str__() (if defined)\nor repr(object).\nencoding defaults to 'utf-8'.\n"
          "errors defaults to 'strict'.";
  t.basicsize = sizeof(StrObject);
  t.flags = kTypeBaseType | kTypeImmutable | kTypeUnicodeSubclass;
  t.dealloc = str_dealloc;
  t.repr = str_repr;
  t.str = str_str_slot;
  t.hash = str_hash_slot;
  t.richcompare = str_richcompare;
  t.iter = str_iter;
  t.new_ = str_new;
  t.number.remainder = str_remainder;
  t.sequence.length = str_len_slot;
  t.sequence.concat = str_concat_slot;
  t.sequence.repeat = str_repeat_slot;
  t.sequence.item = str_item_slot;
  t.sequence.contains = str_contains_slot;
  t.mapping.length = str_len_slot;
  t.mapping.subscript = str_subscript;
  t.methods = kStrMethods;

  Type& it = StrIteratorType;
  it.name = "str_ascii_iterator";
  it.basicsize = sizeof(StrIterObject);
  it.flags = kTypeImmutable | kTypeDisallowInstantiation;
  it.dealloc = str_iter_dealloc;
  it.iter = str_iter_self;
  it.iternext = str_iter_next;
  it.methods = kStrIterMethods;
  return ok();
}

Status ready_str_types() {
  TRY(type_ready(&StrType));
  return type_ready(&StrIteratorType);
}

}  // namespace

// --- small methods that belong with the type -------------------------------------------------

namespace strimpl {

Result<Ref<Object>> str_method___getnewargs__(Object* self, Object* const*, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("__getnewargs__", nargs, kwnames, 0, 0));
  Ref<Object> copy = TRY(str_from_kind_data(data1(self), as_str(self)->kind, as_str(self)->length));
  return tuple_pack({copy.get()});
}

Result<Ref<Object>> str_method___sizeof__(Object* self, Object* const*, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("__sizeof__", nargs, kwnames, 0, 0));
  const StrObject* so = as_str(self);
  int64_t size = so->data_offset + (so->length + 1) * so->kind;
  if (Utf8Cache* c = so->utf8.load(std::memory_order_acquire)) size += c->length + 1;
  return int_from_i64(size);
}

}  // namespace strimpl

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_str_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_str_types);

}  // namespace weft
