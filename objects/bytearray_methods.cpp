// objects/bytearray_methods.cpp — the method table of bytearray and the methods that mutate it:
// append, extend, insert, pop, remove, reverse, clear, copy, resize, plus __alloc__,
// __sizeof__, __reduce__/__reduce_ex__, fromhex, maketrans and the % operator.
//
// Shared read-only methods (bytes_ops.h) run inside the receiver's critical section with the
// receiver exported, so their view of the bytes is consistent and cannot be freed even if
// argument conversion runs Python code that tries to resize it (that raises BufferError, as in
// CPython). Mutating methods convert their arguments first, then take the critical section for
// the change itself.
#include <algorithm>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytearray_internal.h"
#include "objects/bytes_like.h"
#include "objects/bytes_ops.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/unicode_codecs.h"
#include "sync/critical_section.h"

namespace weft {

using namespace bytearray_detail;

namespace {

template <bytes_ops::Op F>
Result<Ref<Object>> shared_method(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  sync::CriticalSection cs{self->ob_mutex};
  ByteView pinned = ByteView::of(self);  // same mutex as `cs`: no second lock
  return F(bytes_ops::Self{self, pinned.view(), true}, args, nargs, kwnames);
}

Result<char> byte_arg(Object* v) {
  int64_t n = TRY(index_as_i64(v, exc::ValueError));
  if (n < 0 || n > 255) return raise(exc::ValueError, "byte must be in range(0, 256)");
  return char(n);
}

Status insert_bytes(Object* self, int64_t at_end_or_index, bool at_end, std::string_view bytes) {
  sync::CriticalSection cs{self->ob_mutex};
  ByteArrayObject* b = as_bytearray(self);
  int64_t len = b->length();
  int64_t i = len;
  if (!at_end) {
    i = at_end_or_index;
    if (i < 0) i = std::max<int64_t>(0, i + len);
    if (i > len) i = len;
  }
  return replace_range_locked(b, i, i, bytes);
}

Result<Ref<Object>> m_append(Object* self, Object* const* args, size_t, Object*) {
  char byte = TRY(byte_arg(args[0]));
  TRY(insert_bytes(self, 0, true, std::string_view(&byte, 1)));
  return new_none();
}

Result<Ref<Object>> m_insert(Object* self, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("insert", nargs, 2, 2));
  int64_t index = TRY(index_as_i64(args[0]));
  char byte = TRY(byte_arg(args[1]));
  TRY(insert_bytes(self, index, false, std::string_view(&byte, 1)));
  return new_none();
}

Result<Ref<Object>> m_extend(Object* self, Object* const* args, size_t, Object*) {
  Object* src = args[0];
  std::string bytes;
  if (src == self || is_bytes_like(src)) {
    TRY(assignment_bytes(self, src, &bytes));
  } else {
    if (is_str(src))
      return raise(exc::TypeError, "expected iterable of integers; got: '{}'", type_name_of(src));
    if (!TRY(append_iterable_of_ints(bytes, src, "byte must be in range(0, 256)")))
      return raise(exc::TypeError, "can't extend bytearray with {}", type_name_of(src));
  }
  TRY(insert_bytes(self, 0, true, bytes));
  return new_none();
}

Result<Ref<Object>> m_pop(Object* self, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("pop", nargs, 0, 1));
  int64_t i = nargs ? TRY(index_as_i64(args[0])) : -1;
  int value;
  {
    sync::CriticalSection cs{self->ob_mutex};
    ByteArrayObject* b = as_bytearray(self);
    int64_t len = b->length();
    if (len == 0) return raise(exc::IndexError, "pop from empty bytearray");
    if (i < 0) i += len;
    if (i < 0 || i >= len) return raise(exc::IndexError, "pop index out of range");
    value = uint8_t(b->data()[i]);
    TRY(replace_range_locked(b, i, i + 1, {}));
  }
  return int_from_i64(value);
}

Result<Ref<Object>> m_remove(Object* self, Object* const* args, size_t, Object*) {
  char byte = TRY(byte_arg(args[0]));
  sync::CriticalSection cs{self->ob_mutex};
  ByteArrayObject* b = as_bytearray(self);
  size_t pos = b->view().find(byte);
  if (pos == std::string_view::npos) return raise(exc::ValueError, "value not found in bytearray");
  TRY(replace_range_locked(b, int64_t(pos), int64_t(pos) + 1, {}));
  return new_none();
}

Result<Ref<Object>> m_reverse(Object* self, Object* const*, size_t, Object*) {
  sync::CriticalSection cs{self->ob_mutex};
  ByteArrayObject* b = as_bytearray(self);
  std::reverse(b->data(), b->data() + b->length());
  return new_none();
}

Result<Ref<Object>> m_clear(Object* self, Object* const*, size_t, Object*) {
  sync::CriticalSection cs{self->ob_mutex};
  TRY(resize_locked(as_bytearray(self), 0));
  return new_none();
}

Result<Ref<Object>> m_copy(Object* self, Object* const*, size_t, Object*) {
  ByteView v = ByteView::of(self);
  return bytearray_from(v.view());
}

// bytearray.resize(size) (3.14): truncates or extends with zero bytes.
Result<Ref<Object>> m_resize(Object* self, Object* const* args, size_t, Object*) {
  int64_t n = TRY(index_as_i64(args[0]));
  if (n < 0) return raise(exc::ValueError, "Can only resize to positive sizes, got {}", n);
  sync::CriticalSection cs{self->ob_mutex};
  ByteArrayObject* b = as_bytearray(self);
  int64_t old = b->length();
  TRY(resize_locked(b, n));
  if (n > old) std::memset(b->data() + old, 0, size_t(n - old));
  return new_none();
}

int64_t allocated(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  return as_bytearray(self)->capacity;
}

Result<Ref<Object>> m_alloc(Object* self, Object* const*, size_t, Object*) {
  return int_from_i64(allocated(self));
}

Result<Ref<Object>> m_sizeof(Object* self, Object* const*, size_t, Object*) {
  return int_from_i64(self->ob_type->basicsize + allocated(self));
}

// (type(self), args, state): protocol < 3 passes the bytes as a latin-1 str, as CPython does.
Result<Ref<Object>> reduce(Object* self, int64_t protocol) {
  Ref<Object> state;
  if (!TRY(lookup_attr(self, str_intern("__dict__"), &state))) state = new_none();
  ByteView v = ByteView::of(self);
  Ref<Object> args;
  if (protocol < 3) {
    Ref<Object> text = TRY(codec_decode(v.view(), "latin-1", "strict"));
    Ref<Object> encoding = TRY(str_from_ascii("latin-1"));
    args = TRY(tuple_pack({text.get(), encoding.get()}));
  } else {
    Ref<Object> bytes = TRY(bytes_from(v.view()));
    args = TRY(tuple_pack({bytes.get()}));
  }
  return tuple_pack({self->ob_type, args.get(), state.get()});
}

Result<Ref<Object>> m_reduce(Object* self, Object* const*, size_t, Object*) { return reduce(self, 0); }

Result<Ref<Object>> m_reduce_ex(Object* self, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("__reduce_ex__", nargs, 0, 1));
  int64_t protocol = nargs ? TRY(index_as_i64(args[0])) : 0;
  return reduce(self, protocol);
}

// bytearray.fromhex(string) — a class method: `cls` is bytearray or a subclass.
Result<Ref<Object>> m_fromhex(Object* cls, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("fromhex", nargs, kwnames, 1, 1));
  Ref<Object> b = TRY(bytes_ops::fromhex_bytes(args[0]));
  if (cls == &ByteArrayType) return bytearray_from(bytes_view(b.get()));
  return call_one(cls, b.get());
}

}  // namespace

// The number protocol's remainder slot: bytearray(b'%d') % 1.
Result<Ref<Object>> bytearray_remainder(Object* a, Object* b) {
  if (!is_bytearray(a)) return new_ref(not_implemented());
  ByteView pinned = ByteView::of(a);
  return bytes_ops::percent_format(bytes_ops::Self{a, pinned.view(), true}, b);
}

#define WEFT_BYTEARRAY_METHOD_ENTRY(name, flags) {#name, shared_method<bytes_ops::name>, flags, nullptr},
extern const MethodDef kByteArrayMethods[] = {
    WEFT_BYTES_SHARED_METHODS(WEFT_BYTEARRAY_METHOD_ENTRY)
    {"append", m_append, kMethOneArg, nullptr},
    {"extend", m_extend, kMethOneArg, nullptr},
    {"insert", m_insert, kMethNoKeywords, nullptr},
    {"pop", m_pop, kMethNoKeywords, nullptr},
    {"remove", m_remove, kMethOneArg, nullptr},
    {"reverse", m_reverse, kMethNoArgs, nullptr},
    {"clear", m_clear, kMethNoArgs, nullptr},
    {"copy", m_copy, kMethNoArgs, nullptr},
    {"resize", m_resize, kMethOneArg, nullptr},
    {"__alloc__", m_alloc, kMethNoArgs, nullptr},
    {"__sizeof__", m_sizeof, kMethNoArgs, nullptr},
    {"__reduce__", m_reduce, kMethNoArgs, nullptr},
    {"__reduce_ex__", m_reduce_ex, kMethNoKeywords, nullptr},
    {"fromhex", m_fromhex, kMethClass, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef WEFT_BYTEARRAY_METHOD_ENTRY

}  // namespace weft
