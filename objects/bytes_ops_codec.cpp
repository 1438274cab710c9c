// objects/bytes_ops_codec.cpp — the shared bytes/bytearray methods that convert bytes to other
// representations or map them byte by byte: decode, hex, fromhex, translate, maketrans.
// Messages follow CPython 3.14 (Objects/bytesobject.c, Python/pystrhex.c).
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes_like.h"
#include "objects/bytes_ops.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/unicode_codecs.h"

namespace weft::bytes_ops {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// The separator of hex(): a str or bytes-like object of one ASCII character.
Result<char> hex_separator(Object* sep) {
  int64_t len = 0;
  if (is_str(sep)) {
    len = str_length(sep);
  } else if (is_bytes_like(sep)) {
    len = int64_t(ByteView::of(sep).size());
  } else {
    len = TRY(object_length(sep));
    if (len == 1) return raise(exc::TypeError, "sep must be str or bytes.");
  }
  if (len != 1) return raise(exc::ValueError, "sep must be length 1.");
  uint32_t c = is_str(sep) ? str_char_at(sep, 0) : uint8_t(ByteView::of(sep).data()[0]);
  if (c >= 0x80) return raise(exc::ValueError, "sep must be ASCII.");
  return char(c);
}

int hex_value(uint32_t c) {
  if (c >= '0' && c <= '9') return int(c - '0');
  if (c >= 'a' && c <= 'f') return int(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return int(c - 'A' + 10);
  return -1;
}

// Parses hex digit pairs, skipping ASCII whitespace between pairs; `at(i)` yields the i-th
// character (a code point for str, a byte otherwise).
template <class At>
Result<Ref<Object>> parse_hex(int64_t n, At at) {
  std::string out;
  out.reserve(size_t(n / 2));
  for (int64_t i = 0; i < n;) {
    uint32_t c = at(i);
    if (c < 0x80 && is_space(uint8_t(c))) {
      ++i;
      continue;
    }
    int hi = hex_value(c);
    if (hi < 0)
      return raise(exc::ValueError, "non-hexadecimal number found in fromhex() arg at position {}", i);
    if (i + 1 == n)
      return raise(exc::ValueError, "fromhex() arg must contain an even number of hexadecimal digits");
    int lo = hex_value(at(i + 1));
    if (lo < 0)
      return raise(exc::ValueError, "non-hexadecimal number found in fromhex() arg at position {}",
                   i + 1);
    out += char(hi * 16 + lo);
    i += 2;
  }
  return bytes_from(out);
}

}  // namespace

Result<Ref<Object>> decode(const Self& self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("decode", "| encoding errors");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  std::string_view encoding = "utf-8", errors = "strict";
  if (a[0]) {
    if (!is_str(a[0]))
      return raise(exc::TypeError, "decode() argument 'encoding' must be str, not {}", type_name_of(a[0]));
    encoding = TRY(str_utf8(a[0]));
  }
  if (a[1]) {
    if (!is_str(a[1]))
      return raise(exc::TypeError, "decode() argument 'errors' must be str, not {}", type_name_of(a[1]));
    errors = TRY(str_utf8(a[1]));
  }
  return codec_decode(self.data, encoding, errors);
}

Result<Ref<Object>> hex(const Self& self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("hex", "| sep bytes_per_sep");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  char sep = 0;
  int64_t per_sep = 0;
  if (a[0]) {
    sep = TRY(hex_separator(a[0]));
    per_sep = a[1] ? TRY(index_as_i64(a[1], exc::OverflowError)) : 1;
  }
  std::string_view v = self.data;
  int64_t group = per_sep < 0 ? -per_sep : per_sep;
  size_t seps = (group == 0 || v.empty()) ? 0 : (v.size() - 1) / size_t(group);
  std::string out;
  out.reserve(v.size() * 2 + seps);
  // Groups are counted from the right for a positive bytes_per_sep, from the left otherwise.
  size_t first_group = (per_sep > 0 && seps) ? v.size() - seps * size_t(group) : size_t(group);
  for (size_t i = 0; i < v.size(); ++i) {
    if (seps && i != 0 && (i < first_group ? false : (i - first_group) % size_t(group) == 0))
      out += sep;
    unsigned char c = uint8_t(v[i]);
    out += kHexDigits[c >> 4];
    out += kHexDigits[c & 15];
  }
  return str_from_ascii(out);
}

Result<Ref<Object>> fromhex_bytes(Object* arg) {
  if (is_str(arg)) return parse_hex(str_length(arg), [arg](int64_t i) { return str_char_at(arg, i); });
  if (is_bytes_like(arg)) {
    ByteView v = ByteView::of(arg);
    return parse_hex(int64_t(v.size()), [&v](int64_t i) { return uint32_t(uint8_t(v.data()[i])); });
  }
  return raise(exc::TypeError, "fromhex() argument must be str or bytes-like, not {}", type_name_of(arg));
}

Result<Ref<Object>> translate(const Self& self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("translate", "table / | delete");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  ByteView table, deletions;
  bool has_table = !is_none(a[0]);
  if (has_table) {
    table = TRY(byte_view(a[0]));
    if (table.size() != 256)
      return raise(exc::ValueError, "translation table must be 256 characters long");
  }
  bool deleted[256] = {};
  bool any_deleted = false;
  if (a[1]) {
    deletions = TRY(byte_view(a[1]));
    for (unsigned char c : deletions.view()) deleted[c] = any_deleted = true;
  }
  if (!has_table && !any_deleted) return self.same();
  std::string out;
  out.reserve(self.data.size());
  for (unsigned char c : self.data) {
    if (deleted[c]) continue;
    out += has_table ? table.data()[c] : char(c);
  }
  return self.make(out);
}

Result<Ref<Object>> maketrans(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("maketrans", nargs, kwnames, 2, 2));
  ByteView from = TRY(byte_view(args[0]));
  ByteView to = TRY(byte_view(args[1]));
  if (from.size() != to.size())
    return raise(exc::ValueError, "maketrans arguments must have same length");
  Ref<Object> table = TRY(bytes_new_uninitialized(256));
  char* t = bytes_mutable_data(table.get());
  for (int i = 0; i < 256; ++i) t[i] = char(i);
  for (size_t i = 0; i < from.size(); ++i) t[uint8_t(from.data()[i])] = to.data()[i];
  return table;
}

Status add_maketrans(Type* t) {
  static const MethodDef kMaketrans = {"maketrans", maketrans, kMethStatic,
                                       "Return a translation table usable for the bytes or "
                                       "bytearray translate method."};
  Ref<Object> fn = TRY(builtin_function_new(&kMaketrans, nullptr, nullptr));
  Ref<Object> descr = TRY(staticmethod_new(fn.get()));
  TRY(dict_set_item(t->dict, str_intern("maketrans"), descr.get()));
  type_modified(t);
  return ok();
}

}  // namespace weft::bytes_ops
