// objects/bytes_methods.cpp — the bytes methods: decode, hex, fromhex, find, rfind, index,
// count, startswith, endswith, replace, join, split, strip, lstrip, rstrip (helper T).
// All work on std::string_view over the immutable data; no locks.
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/str_layout.h"
#include "objects/tuple.h"
#include "objects/unicode_codecs.h"

namespace weft {

namespace {

constexpr std::string_view kWhitespace = " \t\n\r\x0b\x0c";

Result<std::string_view> bytes_arg(Object* o) {
  if (!is_bytes(o))
    return raise(exc::TypeError, "a bytes-like object is required, not '{}'", type_name_of(o));
  return bytes_view(o);
}

// The `sub` argument of find/count: bytes or an int in range(256).
Result<std::string> sub_arg(Object* o) {
  if (is_bytes(o)) return std::string(bytes_view(o));
  if (is_int(o) || o->ob_type->number.index) {
    int64_t v = TRY(index_as_i64(o, exc::ValueError));
    if (v < 0 || v > 255) return raise(exc::ValueError, "byte must be in range(0, 256)");
    return std::string(1, char(v));
  }
  return raise(exc::TypeError, "argument should be integer or bytes-like object, not '{}'", type_name_of(o));
}

Result<int64_t> find_impl(const char* name, Object* self, Object* const* args, size_t nargs,
                          Object* kw, int direction) {
  TRY(args_positional_only(name, nargs, kw, 1, 3));
  std::string sub = TRY(sub_arg(args[0]));
  int64_t start = 0, end = INT64_MAX;
  if (nargs > 1) TRY(slice_index_from_object(args[1], &start));
  if (nargs > 2) TRY(slice_index_from_object(args[2], &end));
  std::string_view v = bytes_view(self);
  strimpl::adjust_indices(int64_t(v.size()), &start, &end);
  if (start > int64_t(v.size()) || end - start < int64_t(sub.size())) return int64_t(-1);
  std::string_view window = v.substr(size_t(start), size_t(end - start));
  size_t pos = direction > 0 ? window.find(sub) : window.rfind(sub);
  return pos == std::string_view::npos ? int64_t(-1) : start + int64_t(pos);
}

Result<Ref<Object>> m_find(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return int_from_i64(TRY(find_impl("find", self, args, nargs, kw, 1)));
}
Result<Ref<Object>> m_rfind(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return int_from_i64(TRY(find_impl("rfind", self, args, nargs, kw, -1)));
}
Result<Ref<Object>> m_index(Object* self, Object* const* args, size_t nargs, Object* kw) {
  int64_t pos = TRY(find_impl("index", self, args, nargs, kw, 1));
  if (pos < 0) return raise(exc::ValueError, "subsection not found");
  return int_from_i64(pos);
}

Result<Ref<Object>> m_count(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("count", nargs, kw, 1, 3));
  std::string sub = TRY(sub_arg(args[0]));
  int64_t start = 0, end = INT64_MAX;
  if (nargs > 1) TRY(slice_index_from_object(args[1], &start));
  if (nargs > 2) TRY(slice_index_from_object(args[2], &end));
  std::string_view v = bytes_view(self);
  strimpl::adjust_indices(int64_t(v.size()), &start, &end);
  if (start > int64_t(v.size()) || end - start < int64_t(sub.size())) return int_from_i64(0);
  std::string_view window = v.substr(size_t(start), size_t(end - start));
  if (sub.empty()) return int_from_i64(int64_t(window.size()) + 1);
  int64_t n = 0;
  for (size_t pos = window.find(sub); pos != std::string_view::npos; pos = window.find(sub, pos + sub.size())) ++n;
  return int_from_i64(n);
}

Result<Ref<Object>> xswith(const char* name, Object* self, Object* const* args, size_t nargs,
                           Object* kw, bool at_end) {
  TRY(args_positional_only(name, nargs, kw, 1, 3));
  int64_t start = 0, end = INT64_MAX;
  if (nargs > 1) TRY(slice_index_from_object(args[1], &start));
  if (nargs > 2) TRY(slice_index_from_object(args[2], &end));
  std::string_view v = bytes_view(self);
  strimpl::adjust_indices(int64_t(v.size()), &start, &end);
  auto match = [&](std::string_view t) {
    if (start > int64_t(v.size()) || end - start < int64_t(t.size())) return false;
    size_t off = size_t(at_end ? end - int64_t(t.size()) : start);
    return v.substr(off, t.size()) == t;
  };
  Object* what = args[0];
  if (is_tuple(what)) {
    for (int64_t i = 0; i < tuple_size(what); ++i) {
      Object* item = tuple_item(what, i);
      if (!is_bytes(item))
        return raise(exc::TypeError, "a bytes-like object is required, not '{}'", type_name_of(item));
      if (match(bytes_view(item))) return new_bool(true);
    }
    return new_bool(false);
  }
  if (!is_bytes(what))
    return raise(exc::TypeError, "{} first arg must be bytes or a tuple of bytes, not {}", name, type_name_of(what));
  return new_bool(match(bytes_view(what)));
}
Result<Ref<Object>> m_startswith(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return xswith("startswith", self, args, nargs, kw, false);
}
Result<Ref<Object>> m_endswith(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return xswith("endswith", self, args, nargs, kw, true);
}

Result<Ref<Object>> m_replace(Object* self, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("replace", "old new / | count");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kw, a));
  std::string_view old_b = TRY(bytes_arg(a[0]));
  std::string_view new_b = TRY(bytes_arg(a[1]));
  int64_t maxcount = a[2] ? TRY(index_as_i64(a[2])) : -1;
  if (maxcount < 0) maxcount = INT64_MAX;
  std::string_view v = bytes_view(self);
  std::string out;
  int64_t done = 0;
  if (old_b.empty()) {
    for (size_t i = 0; i <= v.size(); ++i) {
      if (done < maxcount) { out += new_b; ++done; }
      if (i < v.size()) out += v[i];
    }
    return bytes_from(out);
  }
  size_t pos = 0;
  while (done < maxcount) {
    size_t hit = v.find(old_b, pos);
    if (hit == std::string_view::npos) break;
    out.append(v.substr(pos, hit - pos));
    out += new_b;
    pos = hit + old_b.size();
    ++done;
  }
  out.append(v.substr(pos));
  return bytes_from(out);
}

Result<Ref<Object>> m_join(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("join", nargs, kw, 1, 1));
  Ref<Object> seq = TRY(tuple_from_iterable(args[0]));
  std::string out;
  std::string_view sep = bytes_view(self);
  for (int64_t i = 0; i < tuple_size(seq.get()); ++i) {
    Object* item = tuple_item(seq.get(), i);
    if (!is_bytes(item))
      return raise(exc::TypeError, "sequence item {}: expected a bytes-like object, {} found", i, type_name_of(item));
    if (i) out += sep;
    out += bytes_view(item);
  }
  return bytes_from(out);
}

Result<Ref<Object>> m_split(Object* self, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("split", "| sep maxsplit");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kw, a));
  int64_t maxsplit = a[1] ? TRY(index_as_i64(a[1])) : -1;
  if (maxsplit < 0) maxsplit = INT64_MAX;
  std::string_view v = bytes_view(self);
  Ref<Object> list = TRY(list_new());
  auto add = [&](std::string_view piece) -> Status {
    Ref<Object> b = TRY(bytes_from(piece));
    return list_append(list.get(), b.get());
  };
  if (!a[0] || is_none(a[0])) {
    size_t i = 0;
    while (maxsplit-- > 0) {
      while (i < v.size() && kWhitespace.find(v[i]) != std::string_view::npos) ++i;
      if (i == v.size()) break;
      size_t j = i;
      while (j < v.size() && kWhitespace.find(v[j]) == std::string_view::npos) ++j;
      TRY(add(v.substr(i, j - i)));
      i = j;
    }
    while (i < v.size() && kWhitespace.find(v[i]) != std::string_view::npos) ++i;
    if (i < v.size()) TRY(add(v.substr(i)));
    return list;
  }
  std::string_view sep = TRY(bytes_arg(a[0]));
  if (sep.empty()) return raise(exc::ValueError, "empty separator");
  size_t pos = 0;
  while (maxsplit-- > 0) {
    size_t hit = v.find(sep, pos);
    if (hit == std::string_view::npos) break;
    TRY(add(v.substr(pos, hit - pos)));
    pos = hit + sep.size();
  }
  TRY(add(v.substr(pos)));
  return list;
}

Result<Ref<Object>> strip_impl(const char* name, Object* self, Object* const* args, size_t nargs,
                               Object* kw, bool left, bool right) {
  TRY(args_positional_only(name, nargs, kw, 0, 1));
  std::string_view chars = kWhitespace;
  if (nargs > 0 && !is_none(args[0])) chars = TRY(bytes_arg(args[0]));
  std::string_view v = bytes_view(self);
  size_t i = 0, j = v.size();
  if (left) while (i < j && chars.find(v[i]) != std::string_view::npos) ++i;
  if (right) while (j > i && chars.find(v[j - 1]) != std::string_view::npos) --j;
  return bytes_from(v.substr(i, j - i));
}
Result<Ref<Object>> m_strip(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return strip_impl("strip", self, args, nargs, kw, true, true);
}
Result<Ref<Object>> m_lstrip(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return strip_impl("lstrip", self, args, nargs, kw, true, false);
}
Result<Ref<Object>> m_rstrip(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return strip_impl("rstrip", self, args, nargs, kw, false, true);
}

Result<Ref<Object>> m_decode(Object* self, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("decode", "| encoding errors");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kw, a));
  std::string_view enc = "utf-8", err = "strict";
  if (a[0]) {
    if (!is_str(a[0])) return raise(exc::TypeError, "decode() argument 'encoding' must be str, not {}", type_name_of(a[0]));
    enc = TRY(str_utf8(a[0]));
  }
  if (a[1]) {
    if (!is_str(a[1])) return raise(exc::TypeError, "decode() argument 'errors' must be str, not {}", type_name_of(a[1]));
    err = TRY(str_utf8(a[1]));
  }
  return codec_decode(bytes_view(self), enc, err);
}

Result<Ref<Object>> m_hex(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("hex", nargs, kw, 0, 0));
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes_view(self)) { out += kHex[c >> 4]; out += kHex[c & 15]; }
  return str_from_ascii(out);
}

// bytes.fromhex(string) — a class method: `cls` is the type.
Result<Ref<Object>> m_fromhex(Object* cls, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("fromhex", nargs, kw, 1, 1));
  Object* s = args[0];
  if (!is_str(s)) return raise(exc::TypeError, "fromhex() argument must be str, not {}", type_name_of(s));
  auto hexval = [](uint32_t c) -> int {
    if (c >= '0' && c <= '9') return int(c - '0');
    if (c >= 'a' && c <= 'f') return int(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return int(c - 'A' + 10);
    return -1;
  };
  std::string out;
  int64_t n = str_length(s);
  for (int64_t i = 0; i < n;) {
    uint32_t c = str_char_at(s, i);
    if (c == ' ' || (c >= 9 && c <= 13)) { ++i; continue; }
    int hi = hexval(c);
    int lo = i + 1 < n ? hexval(str_char_at(s, i + 1)) : -1;
    if (hi < 0 || lo < 0)
      return raise(exc::ValueError, "non-hexadecimal number found in fromhex() arg at position {}", hi < 0 ? i : i + 1);
    out += char(hi * 16 + lo);
    i += 2;
  }
  Ref<Object> b = TRY(bytes_from(out));
  if (cls == reinterpret_cast<Object*>(&BytesType)) return b;
  return call_one(cls, b.get());
}

Result<Ref<Object>> m_getnewargs(Object* self, Object* const*, size_t nargs, Object* kw) {
  TRY(args_positional_only("__getnewargs__", nargs, kw, 0, 0));
  Ref<Object> copy = TRY(bytes_from(bytes_view(self)));
  return tuple_pack({copy.get()});
}

}  // namespace

extern const MethodDef kBytesMethods[] = {
    {"decode", m_decode, kMethFastcall, nullptr},
    {"hex", m_hex, kMethFastcall, nullptr},
    {"fromhex", m_fromhex, kMethClass, nullptr},
    {"find", m_find, kMethFastcall, nullptr},
    {"rfind", m_rfind, kMethFastcall, nullptr},
    {"index", m_index, kMethFastcall, nullptr},
    {"count", m_count, kMethFastcall, nullptr},
    {"startswith", m_startswith, kMethFastcall, nullptr},
    {"endswith", m_endswith, kMethFastcall, nullptr},
    {"replace", m_replace, kMethFastcall, nullptr},
    {"join", m_join, kMethFastcall, nullptr},
    {"split", m_split, kMethFastcall, nullptr},
    {"strip", m_strip, kMethFastcall, nullptr},
    {"lstrip", m_lstrip, kMethFastcall, nullptr},
    {"rstrip", m_rstrip, kMethFastcall, nullptr},
    {"__getnewargs__", m_getnewargs, kMethFastcall, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft
