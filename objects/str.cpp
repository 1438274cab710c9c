// objects/str.cpp — str storage: creation, PEP 393 accessors, the UTF-8 and hash caches,
// equality and ordering (helper T). The type object and its slots are in str_type.cpp; methods in
// str_methods_*.cpp; interning in str_intern.cpp; the builder in str_builder.cpp.
//
// Invariants (see objects/str_layout.h): every str is in canonical form (the narrowest kind that
// holds its largest code point), immutable after creation, and its data ends with a zero code
// point. The two caches (hash, UTF-8) are filled lazily and idempotently, so concurrent readers
// need no locks: the hash is a relaxed atomic (every writer stores the same value); the UTF-8
// buffer is published with a release CAS and read with an acquire load, and a thread that loses
// the race frees its own copy.
#include <algorithm>
#include <cstring>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/hash.h"
#include "objects/str_layout.h"
#include "objects/unicode_codecs.h"

namespace weft {

using namespace strimpl;

namespace strimpl {

uint32_t max_char_in(const void* data, int kind, int64_t start, int64_t end) {
  uint32_t m = 0;
  switch (kind) {
    case 1: {
      const uint8_t* p = static_cast<const uint8_t*>(data);
      for (int64_t i = start; i < end; ++i) m |= p[i];
      // OR gives >= 128 iff some char is >= 128, which is all kind selection needs for 1-byte data
      return m;
    }
    case 2: {
      const uint16_t* p = static_cast<const uint16_t*>(data);
      for (int64_t i = start; i < end; ++i) m = std::max<uint32_t>(m, p[i]);
      return m;
    }
    default: {
      const uint32_t* p = static_cast<const uint32_t*>(data);
      for (int64_t i = start; i < end; ++i) m = std::max(m, p[i]);
      return m;
    }
  }
}

namespace {

Result<Ref<Object>> alloc_with_header(Type* type, size_t header, int64_t length, uint32_t maxchar) {
  int kind = kind_for_max(maxchar);
  constexpr int64_t kMaxLength = (INT64_MAX / 4) - 1024;
  if (length < 0 || length > kMaxLength) return raise_no_memory();
  size_t size = header + size_t(length + 1) * size_t(kind);
  void* mem = gc::raw_alloc(size);
  if (!mem) [[unlikely]] return raise_no_memory();
  std::memset(mem, 0, header);
  StrObject* s = static_cast<StrObject*>(mem);
  init_object_header(s, type);
  s->length = length;
  s->hash.store(-1, std::memory_order_relaxed);
  s->utf8.store(nullptr, std::memory_order_relaxed);
  s->data_offset = uint32_t(header);
  s->kind = uint8_t(kind);
  s->ascii = maxchar < 128;
  write_cp(reinterpret_cast<uint8_t*>(s) + header, kind, length, 0);
  return Ref<Object>::steal(s);
}

std::atomic<Object*> g_empty{nullptr};
std::atomic<Object*> g_latin1[256];

// Publishes `fresh` into `slot` as an immortal singleton, or returns the one another thread
// published first.
Object* publish_singleton(std::atomic<Object*>& slot, Ref<Object> fresh) {
  Object* expected = nullptr;
  // release: pairs with the acquire loads in str_empty()/str_latin1_char().
  if (slot.compare_exchange_strong(expected, fresh.get(), std::memory_order_release,
                                   std::memory_order_acquire)) {
    Object* o = fresh.release();
    gc::set_immortal(o);
    return o;
  }
  return expected;
}

}  // namespace

Result<Ref<Object>> str_alloc(int64_t length, uint32_t maxchar) {
  return alloc_with_header(&StrType, sizeof(StrObject), length, maxchar);
}

Result<Ref<Object>> str_alloc_subtype(Type* type, int64_t length, uint32_t maxchar) {
  size_t header = std::max<size_t>(sizeof(StrObject), size_t(type->basicsize));
  header = (header + 7) & ~size_t(7);
  Ref<Object> s = TRY(alloc_with_header(type, header, length, maxchar));
  return s;
}

Object* str_empty() {
  // acquire: pairs with the release CAS in publish_singleton().
  if (Object* e = g_empty.load(std::memory_order_acquire)) return e;
  Result<Ref<Object>> fresh = str_alloc(0, 0);
  if (!fresh) {
    std::fputs("Fatal Python error: cannot allocate the empty string\n", stderr);
    std::abort();
  }
  return publish_singleton(g_empty, fresh.release_value());
}

Result<Ref<Object>> str_latin1_char(uint32_t cp) {
  // acquire: pairs with the release CAS in publish_singleton().
  if (Object* c = g_latin1[cp].load(std::memory_order_acquire)) return Ref<Object>::borrow(c);
  Ref<Object> fresh = TRY(str_alloc(1, cp));
  mutable_data(fresh.get())[0] = uint8_t(cp);
  return Ref<Object>::borrow(publish_singleton(g_latin1[cp], std::move(fresh)));
}

Result<Ref<Object>> str_from_kind_data(const void* data, int kind, int64_t n) {
  if (n == 0) return Ref<Object>::borrow(str_empty());
  uint32_t maxchar = max_char_in(data, kind, 0, n);
  if (n == 1 && maxchar < 256) return str_latin1_char(read_cp(data, kind, 0));
  Ref<Object> s = TRY(str_alloc(n, maxchar));
  int new_kind = as_str(s.get())->kind;
  uint8_t* out = mutable_data(s.get());
  if (new_kind == kind) {
    std::memcpy(out, data, size_t(n) * size_t(kind));
  } else {
    for (int64_t i = 0; i < n; ++i) write_cp(out, new_kind, i, read_cp(data, kind, i));
  }
  return s;
}

Result<Ref<Object>> str_substr(Object* s, int64_t start, int64_t end) {
  if (start == 0 && end == as_str(s)->length && is_str_exact(s)) return Ref<Object>::borrow(s);
  int kind = as_str(s)->kind;
  return str_from_kind_data(data1(s) + start * kind, kind, end - start);
}

Error raise_need_str(const char* what, Object* got) {
  return raise(exc::TypeError, "{} must be str, not {}", what, type_name_of(got));
}
Error raise_expected_str(Object* got) {
  return raise(exc::TypeError, "must be str, not {}", type_name_of(got));
}

}  // namespace strimpl

// --- creation ------------------------------------------------------------------------------

Result<Ref<Object>> str_from_ascii(std::string_view ascii) {
  int64_t n = int64_t(ascii.size());
  if (n <= 1) {
    if (n == 0) return Ref<Object>::borrow(str_empty());
    return str_latin1_char(uint8_t(ascii[0]));
  }
  Ref<Object> s = TRY(str_alloc(n, 127));
  std::memcpy(mutable_data(s.get()), ascii.data(), ascii.size());
  return s;
}

Result<Ref<Object>> str_from_utf8(std::string_view utf8) {
  // Fast path: pure ASCII is copied as is.
  bool ascii = true;
  for (unsigned char c : utf8) {
    if (c >= 0x80) { ascii = false; break; }
  }
  if (ascii) return str_from_ascii(utf8);
  return decode_utf8(utf8);
}

Result<Ref<Object>> str_from_code_points(const uint32_t* cps, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (cps[i] > 0x10ffff) return raise(exc::ValueError, "chr() arg not in range(0x110000)");
  }
  return str_from_kind_data(cps, 4, int64_t(n));
}

Result<Ref<Object>> str_from_code_point(uint32_t cp) {
  if (cp < 256) return str_latin1_char(cp);
  if (cp > 0x10ffff) return raise(exc::ValueError, "chr() arg not in range(0x110000)");
  Ref<Object> s = TRY(str_alloc(1, cp));
  write_cp(mutable_data(s.get()), as_str(s.get())->kind, 0, cp);
  return s;
}

// --- accessors -----------------------------------------------------------------------------

int64_t str_length(const Object* s) { return as_str(s)->length; }
uint32_t str_char_at(const Object* s, int64_t i) { return read_cp(data1(s), as_str(s)->kind, i); }
int str_kind(const Object* s) { return as_str(s)->kind; }
const void* str_data(const Object* s) { return data1(s); }
bool str_is_ascii(const Object* s) { return as_str(s)->ascii; }

// --- UTF-8 ---------------------------------------------------------------------------------

namespace {

// Number of UTF-8 bytes for s; sets *surrogate to the index of the first lone surrogate or -1.
size_t utf8_size(const Object* s, int64_t* surrogate) {
  const StrObject* so = as_str(s);
  const void* d = data1(s);
  size_t n = 0;
  *surrogate = -1;
  for (int64_t i = 0; i < so->length; ++i) {
    uint32_t cp = read_cp(d, so->kind, i);
    if (cp < 0x80) n += 1;
    else if (cp < 0x800) n += 2;
    else if (cp < 0x10000) {
      if (is_surrogate(cp) && *surrogate < 0) *surrogate = i;
      n += 3;
    } else n += 4;
  }
  return n;
}

void utf8_write(const Object* s, char* out) {
  const StrObject* so = as_str(s);
  const void* d = data1(s);
  for (int64_t i = 0; i < so->length; ++i) out += utf8_encode_cp(read_cp(d, so->kind, i), out);
}

}  // namespace

Result<std::string_view> str_utf8(Object* s) {
  StrObject* so = as_str(s);
  if (so->ascii) return std::string_view(reinterpret_cast<const char*>(data1(s)), size_t(so->length));
  // acquire: pairs with the release CAS below.
  if (Utf8Cache* c = so->utf8.load(std::memory_order_acquire))
    return std::string_view(c->data, size_t(c->length));
  int64_t surrogate;
  size_t n = utf8_size(s, &surrogate);
  if (surrogate >= 0) {
    int64_t end = surrogate + 1;
    while (end < so->length && is_surrogate(str_char_at(s, end))) ++end;
    return raise_unicode_encode_error("utf-8", s, surrogate, end, "surrogates not allowed");
  }
  Utf8Cache* c = static_cast<Utf8Cache*>(gc::raw_alloc(offsetof(Utf8Cache, data) + n + 1));
  if (!c) return raise_no_memory();
  c->length = int64_t(n);
  utf8_write(s, c->data);
  c->data[n] = '\0';
  Utf8Cache* expected = nullptr;
  // release: publishes the filled buffer; pairs with the acquire load above.
  if (!so->utf8.compare_exchange_strong(expected, c, std::memory_order_release,
                                        std::memory_order_acquire)) {
    gc::raw_free(c);
    c = expected;
  }
  return std::string_view(c->data, size_t(c->length));
}

std::string str_to_std_string(Object* s) {
  const StrObject* so = as_str(s);
  if (so->ascii) return std::string(reinterpret_cast<const char*>(data1(s)), size_t(so->length));
  std::string out;
  out.reserve(size_t(so->length) * 2);
  char buf[8];
  for (int64_t i = 0; i < so->length; ++i) {
    uint32_t cp = str_char_at(s, i);
    if (is_surrogate(cp)) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xf];
    } else {
      out.append(buf, size_t(utf8_encode_cp(cp, buf)));
    }
  }
  return out;
}

// --- hashing, equality, ordering -----------------------------------------------------------

int64_t str_hash(Object* s) {
  StrObject* so = as_str(s);
  int64_t h = so->hash.load(std::memory_order_relaxed);
  if (h != -1) return h;
  h = hash_bytes(data1(s), size_t(so->length) * so->kind);
  so->hash.store(h, std::memory_order_relaxed);
  return h;
}

bool str_equal(const Object* a, const Object* b) {
  if (a == b) return true;
  const StrObject* x = as_str(a);
  const StrObject* y = as_str(b);
  if (x->length != y->length || x->kind != y->kind) return false;
  // Both interned and distinct: different contents.
  if (x->interned.load(std::memory_order_relaxed) && y->interned.load(std::memory_order_relaxed))
    return false;
  int64_t hx = x->hash.load(std::memory_order_relaxed);
  int64_t hy = y->hash.load(std::memory_order_relaxed);
  if (hx != -1 && hy != -1 && hx != hy) return false;
  return std::memcmp(data1(a), data1(b), size_t(x->length) * x->kind) == 0;
}

bool str_equal_ascii(const Object* s, std::string_view ascii) {
  const StrObject* so = as_str(s);
  return so->kind == 1 && size_t(so->length) == ascii.size() &&
         std::memcmp(data1(s), ascii.data(), ascii.size()) == 0;
}

int str_compare(const Object* a, const Object* b) {
  if (a == b) return 0;
  const StrObject* x = as_str(a);
  const StrObject* y = as_str(b);
  int64_t n = std::min(x->length, y->length);
  if (x->kind == 1 && y->kind == 1) {
    int c = std::memcmp(data1(a), data1(b), size_t(n));
    if (c != 0) return c < 0 ? -1 : 1;
  } else {
    for (int64_t i = 0; i < n; ++i) {
      uint32_t ca = read_cp(data1(a), x->kind, i);
      uint32_t cb = read_cp(data1(b), y->kind, i);
      if (ca != cb) return ca < cb ? -1 : 1;
    }
  }
  return x->length < y->length ? -1 : x->length > y->length ? 1 : 0;
}

Result<Ref<Object>> str_concat(Object* a, Object* b) {
  const StrObject* x = as_str(a);
  const StrObject* y = as_str(b);
  if (y->length == 0 && is_str_exact(a)) return Ref<Object>::borrow(a);
  if (x->length == 0 && is_str_exact(b)) return Ref<Object>::borrow(b);
  if (x->length > INT64_MAX / 4 - y->length)
    return raise(exc::OverflowError, "strings are too large to concat");
  // Canonical form: the result's kind is the wider kind, and it is ASCII iff both are.
  int kind = std::max(x->kind, y->kind);
  uint32_t result_max = (x->ascii && y->ascii) ? 127 : max_for_kind(kind);
  Ref<Object> r = TRY(str_alloc(x->length + y->length, result_max));
  uint8_t* out = mutable_data(r.get());
  if (x->kind == kind && y->kind == kind) {
    std::memcpy(out, data1(a), size_t(x->length) * kind);
    std::memcpy(out + x->length * kind, data1(b), size_t(y->length) * kind);
  } else {
    for (int64_t i = 0; i < x->length; ++i) write_cp(out, kind, i, read_cp(data1(a), x->kind, i));
    for (int64_t i = 0; i < y->length; ++i)
      write_cp(out, kind, x->length + i, read_cp(data1(b), y->kind, i));
  }
  return r;
}

}  // namespace weft
