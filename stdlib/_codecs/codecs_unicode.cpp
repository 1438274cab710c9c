// stdlib/_codecs/codecs_unicode.cpp — the codec functions the `encodings` package calls for the
// Unicode transformation formats and the byte-table codecs: utf_8_*, utf_16_* and utf_32_*
// (native, le, be and the byte-order-detecting ex variants), latin_1_*, ascii_*, charmap_encode,
// charmap_decode and charmap_build (CPython's Modules/_codecsmodule.c over
// Objects/unicodeobject.c).
//
// UTF-8, ASCII and Latin-1 reuse objects/unicode_codecs.h (the same code str.encode and
// bytes.decode run); the incremental UTF-8 decoder only trims an incomplete trailing sequence
// first. UTF-16/32 and charmap are here, with every error going through the handler driver of
// codecs_errors.cpp, so handlers registered from Python work for them. Stateless.
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/unicode_codecs.h"
#include "stdlib/_codecs/codecs_internal.h"

namespace weft::codecs_module {
namespace {

// Parses (data, errors=None, final=False) of a decoder; `final_index` 0 = no final parameter.
struct DecodeArgs {
  ByteView data;
  std::string_view errors;
  bool final = true;
};

Result<DecodeArgs> parse_decode_args(const char* fname, Object* const* args, size_t nargs,
                                     Object* kwnames, size_t max_args, size_t final_index) {
  TRY(args_positional_only(fname, nargs, kwnames, 1, max_args));
  DecodeArgs d;
  d.data = TRY(byte_view(args[0]));
  d.errors = TRY(errors_argument(fname, args, nargs, 1));
  if (final_index && final_index < nargs) d.final = TRY(object_is_true(args[final_index]));
  else if (final_index) d.final = false;
  return d;
}

Result<std::string_view> parse_encode_args(const char* fname, Object* const* args, size_t nargs,
                                           Object* kwnames, size_t max_args) {
  TRY(args_positional_only(fname, nargs, kwnames, 1, max_args));
  TRY(require_str_argument(fname, args, 0));
  return errors_argument(fname, args, nargs, 1);
}

// ---- UTF-8, ASCII, Latin-1 ------------------------------------------------------------------

Result<Ref<Object>> utf_8_decode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  DecodeArgs d = TRY(parse_decode_args("utf_8_decode", args, nargs, kwnames, 3, 2));
  std::string_view data = d.data.view();
  if (!d.final) data = data.substr(0, utf8_complete_prefix(data));
  return codec_result(TRY(decode_utf8(data, d.errors)), int64_t(data.size()));
}

Result<Ref<Object>> utf_8_encode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  std::string_view errors = TRY(parse_encode_args("utf_8_encode", args, nargs, kwnames, 2));
  return codec_result(TRY(encode_utf8(args[0], errors)), str_length(args[0]));
}

Result<Ref<Object>> latin_1_decode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  DecodeArgs d = TRY(parse_decode_args("latin_1_decode", args, nargs, kwnames, 2, 0));
  return codec_result(TRY(decode_latin1(d.data.view())), int64_t(d.data.size()));
}

Result<Ref<Object>> latin_1_encode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  std::string_view errors = TRY(parse_encode_args("latin_1_encode", args, nargs, kwnames, 2));
  return codec_result(TRY(encode_latin1(args[0], errors)), str_length(args[0]));
}

Result<Ref<Object>> ascii_decode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  DecodeArgs d = TRY(parse_decode_args("ascii_decode", args, nargs, kwnames, 2, 0));
  return codec_result(TRY(decode_ascii(d.data.view(), d.errors)), int64_t(d.data.size()));
}

Result<Ref<Object>> ascii_encode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  std::string_view errors = TRY(parse_encode_args("ascii_encode", args, nargs, kwnames, 2));
  return codec_result(TRY(encode_ascii(args[0], errors)), str_length(args[0]));
}

// ---- UTF-16 and UTF-32 ------------------------------------------------------------------------

// byteorder: -1 little, 1 big, 0 "native with a BOM" (encode) / "detect a BOM" (decode).
constexpr int kLittle = -1, kBig = 1, kDetect = 0;

const char* utf_name(int width, int byteorder) {
  if (width == 2) return byteorder == kDetect ? "utf-16" : byteorder == kBig ? "utf-16-be" : "utf-16-le";
  return byteorder == kDetect ? "utf-32" : byteorder == kBig ? "utf-32-be" : "utf-32-le";
}

void put_unit(std::string& out, uint32_t v, int width, bool big) {
  for (int k = 0; k < width; ++k) {
    int shift = big ? 8 * (width - 1 - k) : 8 * k;
    out.push_back(char((v >> shift) & 0xff));
  }
}

void put_utf(std::string& out, uint32_t cp, int width, bool big) {
  if (width == 2 && cp >= 0x10000) {
    put_unit(out, 0xd800 | ((cp - 0x10000) >> 10), 2, big);
    put_unit(out, 0xdc00 | ((cp - 0x10000) & 0x3ff), 2, big);
  } else {
    put_unit(out, cp, width, big);
  }
}

Result<Ref<Object>> utf_encode(Object* s, std::string_view errors, int width, int byteorder) {
  const char* name = utf_name(width, byteorder);
  bool big = byteorder == kBig;
  std::string out;
  out.reserve(size_t(str_length(s)) * size_t(width) + 4);
  if (byteorder == kDetect) put_unit(out, 0xfeff, width, false);
  int64_t len = str_length(s);
  for (int64_t i = 0; i < len;) {
    uint32_t cp = str_char_at(s, i);
    if (!is_surrogate(cp)) {
      put_utf(out, cp, width, big);
      ++i;
      continue;
    }
    int64_t end = i + 1;
    while (end < len && is_surrogate(str_char_at(s, end))) ++end;
    HandlerResult h = TRY(handle_encode_error(errors, name, s, i, end, "surrogates not allowed"));
    Object* rep = h.replacement.get();
    if (is_bytes(rep)) {
      std::string_view b = bytes_view(rep);
      if (b.size() % size_t(width) != 0)
        return raise_unicode_encode_error(name, s, i, end, "surrogates not allowed");
      out.append(b);
    } else {
      for (int64_t k = 0; k < str_length(rep); ++k) {
        uint32_t c = str_char_at(rep, k);
        if (c >= 0x80) return raise_unicode_encode_error(name, s, i, end, "surrogates not allowed");
        put_unit(out, c, width, big);
      }
    }
    i = h.resume;
  }
  return bytes_from(out);
}

uint32_t get_unit(std::string_view d, size_t at, int width, bool big) {
  uint32_t v = 0;
  for (int k = 0; k < width; ++k) {
    int shift = big ? 8 * (width - 1 - k) : 8 * k;
    v |= uint32_t(uint8_t(d[at + size_t(k)])) << shift;
  }
  return v;
}

// Decodes UTF-16/32. `*byteorder` is in/out (kDetect consumes a BOM and reports the order found).
// Returns the str; `*consumed` is the number of bytes used (less than all when !final).
Result<Ref<Object>> utf_decode(std::string_view d, std::string_view errors, int width,
                               int* byteorder, bool final, int64_t* consumed) {
  size_t pos = 0;
  if (*byteorder == kDetect && d.size() >= size_t(width)) {
    if (get_unit(d, 0, width, false) == 0xfeff) { *byteorder = kLittle; pos = size_t(width); }
    else if (get_unit(d, 0, width, true) == 0xfeff) { *byteorder = kBig; pos = size_t(width); }
  }
  bool big = *byteorder == kBig;
  const char* name = utf_name(width, big ? kBig : kLittle);
  StrBuilder out;
  while (pos < d.size()) {
    const char* reason = nullptr;
    size_t bad_end = 0;
    if (d.size() - pos < size_t(width)) {
      if (!final) break;
      reason = "truncated data";
      bad_end = d.size();
    } else if (width == 4) {
      uint32_t cp = get_unit(d, pos, 4, big);
      if (cp < 0xd800 || (cp >= 0xe000 && cp < 0x110000)) {
        out.append_code_point(cp);
        pos += 4;
        continue;
      }
      reason = cp >= 0x110000 ? "code point not in range(0x110000)"
                              : "code point in surrogate code point range(0xd800, 0xe000)";
      bad_end = pos + 4;
    } else {
      uint32_t u = get_unit(d, pos, 2, big);
      if (!is_surrogate(u)) {
        out.append_code_point(u);
        pos += 2;
        continue;
      }
      if (u >= 0xdc00) {
        reason = "illegal encoding";
        bad_end = pos + 2;
      } else if (d.size() - pos < 4) {
        if (!final) break;
        reason = "unexpected end of data";
        bad_end = d.size();
      } else {
        uint32_t u2 = get_unit(d, pos + 2, 2, big);
        if (u2 >= 0xdc00 && u2 <= 0xdfff) {
          out.append_code_point(0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00));
          pos += 4;
          continue;
        }
        reason = "illegal UTF-16 surrogate";
        bad_end = pos + 2;
      }
    }
    HandlerResult h = TRY(handle_decode_error(errors, name, d, int64_t(pos), int64_t(bad_end), reason));
    out.append_str(h.replacement.get());
    pos = size_t(h.resume);
  }
  *consumed = int64_t(pos);
  return out.finish();
}

template <int kWidth, int kOrder>
Result<Ref<Object>> utf_encode_fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  const char* fname = kWidth == 2 ? "utf_16_encode" : "utf_32_encode";
  if (kOrder != kDetect) fname = kWidth == 2 ? (kOrder == kBig ? "utf_16_be_encode" : "utf_16_le_encode")
                                             : (kOrder == kBig ? "utf_32_be_encode" : "utf_32_le_encode");
  std::string_view errors = TRY(parse_encode_args(fname, args, nargs, kwnames, kOrder == kDetect ? 3 : 2));
  int order = kOrder;
  if (kOrder == kDetect && nargs > 2) {
    int64_t bo = TRY(index_as_i64(args[2]));
    order = bo < 0 ? kLittle : bo > 0 ? kBig : kDetect;
  }
  return codec_result(TRY(utf_encode(args[0], errors, kWidth, order)), str_length(args[0]));
}

template <int kWidth, int kOrder>
Result<Ref<Object>> utf_decode_fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  const char* fname = kWidth == 2 ? "utf_16_decode" : "utf_32_decode";
  if (kOrder != kDetect) fname = kWidth == 2 ? (kOrder == kBig ? "utf_16_be_decode" : "utf_16_le_decode")
                                             : (kOrder == kBig ? "utf_32_be_decode" : "utf_32_le_decode");
  DecodeArgs d = TRY(parse_decode_args(fname, args, nargs, kwnames, 3, 2));
  int order = kOrder;
  int64_t consumed = 0;
  Ref<Object> s = TRY(utf_decode(d.data.view(), d.errors, kWidth, &order, d.final, &consumed));
  return codec_result(std::move(s), consumed);
}

// utf_16_ex_decode(data, errors=None, byteorder=0, final=False) -> (str, consumed, byteorder)
template <int kWidth>
Result<Ref<Object>> utf_ex_decode_fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  const char* fname = kWidth == 2 ? "utf_16_ex_decode" : "utf_32_ex_decode";
  DecodeArgs d = TRY(parse_decode_args(fname, args, nargs, kwnames, 4, 3));
  int64_t bo = TRY(int_argument(args, nargs, 2, 0));
  int order = bo < 0 ? kLittle : bo > 0 ? kBig : kDetect;
  int64_t consumed = 0;
  Ref<Object> s = TRY(utf_decode(d.data.view(), d.errors, kWidth, &order, d.final, &consumed));
  Ref<Object> n = TRY(int_from_i64(consumed));
  Ref<Object> o = TRY(int_from_i64(order));
  return tuple_pack({s.get(), n.get(), o.get()});
}

// ---- charmap ----------------------------------------------------------------------------------

// mapping[key] into *out; false for "undefined" (a LookupError, or None).
Result<bool> mapping_lookup(Object* mapping, uint32_t key, Ref<Object>* out) {
  Ref<Object> k = TRY(int_from_i64(key));
  Result<Ref<Object>> r = get_item(mapping, k.get());
  if (r.is_error()) {
    if (!error_matches(exc::LookupError)) return Error{};
    clear_error();
    return false;
  }
  *out = std::move(r).value();
  return !is_none(out->get());
}

// What `mapping` says about byte `b`: appends to `out` and returns true, or false for
// "undefined" (LookupError, None, or U+FFFE).
Result<bool> charmap_decode_byte(Object* mapping, uint8_t b, StrBuilder& out) {
  if (is_str(mapping)) {
    if (b >= str_length(mapping)) return false;
    uint32_t c = str_char_at(mapping, b);
    if (c == 0xfffe) return false;
    out.append_code_point(c);
    return true;
  }
  Ref<Object> v;
  if (!TRY(mapping_lookup(mapping, b, &v))) return false;
  if (is_int(v.get())) {
    int64_t c = -1;
    if (!int_to_i64(v.get(), &c) || c < 0 || c > 0x10ffff)
      return raise(exc::TypeError, "character mapping must be in range(0x110000)");
    if (c == 0xfffe) return false;
    out.append_code_point(uint32_t(c));
    return true;
  }
  if (is_str(v.get())) {
    if (str_length(v.get()) == 1 && str_char_at(v.get(), 0) == 0xfffe) return false;
    out.append_str(v.get());
    return true;
  }
  return raise(exc::TypeError, "character mapping must return integer, None or str");
}

Result<Ref<Object>> charmap_decode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  DecodeArgs d = TRY(parse_decode_args("charmap_decode", args, nargs, kwnames, 3, 0));
  Object* mapping = nargs > 2 && !is_none(args[2]) ? args[2] : nullptr;
  std::string_view data = d.data.view();
  if (!mapping) return codec_result(TRY(decode_latin1(data)), int64_t(data.size()));
  StrBuilder out;
  for (size_t i = 0; i < data.size();) {
    if (TRY(charmap_decode_byte(mapping, uint8_t(data[i]), out))) {
      ++i;
      continue;
    }
    HandlerResult h = TRY(handle_decode_error(d.errors, "charmap", data, int64_t(i), int64_t(i) + 1,
                                              "character maps to <undefined>"));
    out.append_str(h.replacement.get());
    i = size_t(h.resume);
  }
  return codec_result(TRY(out.finish()), int64_t(data.size()));
}

// Appends what `mapping` maps code point `c` to; false for "undefined".
Result<bool> charmap_encode_char(Object* mapping, uint32_t c, std::string& out) {
  Ref<Object> v;
  if (!TRY(mapping_lookup(mapping, c, &v))) return false;
  if (is_int(v.get())) {
    int64_t b = -1;
    if (!int_to_i64(v.get(), &b) || b < 0 || b > 255)
      return raise(exc::TypeError, "character mapping must be in range(256)");
    out.push_back(char(b));
    return true;
  }
  if (is_bytes(v.get())) {
    out.append(bytes_view(v.get()));
    return true;
  }
  return raise(exc::TypeError, "character mapping must return integer, bytes or None, not {}",
               type_name_of(v.get()));
}

Result<Ref<Object>> charmap_encode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  std::string_view errors = TRY(parse_encode_args("charmap_encode", args, nargs, kwnames, 3));
  Object* s = args[0];
  Object* mapping = nargs > 2 && !is_none(args[2]) ? args[2] : nullptr;
  if (!mapping) return codec_result(TRY(encode_latin1(s, errors)), str_length(s));
  std::string out;
  int64_t len = str_length(s);
  for (int64_t i = 0; i < len;) {
    if (TRY(charmap_encode_char(mapping, str_char_at(s, i), out))) {
      ++i;
      continue;
    }
    int64_t end = i + 1;
    std::string probe;
    while (end < len && !TRY(charmap_encode_char(mapping, str_char_at(s, end), probe))) ++end;
    HandlerResult h =
        TRY(handle_encode_error(errors, "charmap", s, i, end, "character maps to <undefined>"));
    Object* rep = h.replacement.get();
    if (is_bytes(rep)) {
      out.append(bytes_view(rep));
    } else {
      for (int64_t k = 0; k < str_length(rep); ++k)
        if (!TRY(charmap_encode_char(mapping, str_char_at(rep, k), out)))
          return raise_unicode_encode_error("charmap", s, i, end, "character maps to <undefined>");
    }
    i = h.resume;
  }
  return codec_result(TRY(bytes_from(out)), len);
}

// charmap_build(decoding_table) -> {code point: byte}. (CPython returns an opaque EncodingMap
// for full 256-entry tables; a dict answers every charmap_encode lookup the same way.)
Result<Ref<Object>> charmap_build(Object*, Object* const* args, size_t, Object*) {
  if (!is_str(args[0]))
    return raise(exc::TypeError, "charmap_build() argument must be str, not {}",
                 type_name_of(args[0]));
  Ref<Object> map = TRY(dict_new());
  for (int64_t i = 0; i < str_length(args[0]); ++i) {
    Ref<Object> k = TRY(int_from_i64(str_char_at(args[0], i)));
    Ref<Object> v = TRY(int_from_i64(i));
    TRY(dict_set_item(map.get(), k.get(), v.get()));
  }
  return map;
}

}  // namespace

size_t utf8_complete_prefix(std::string_view data) {
  size_t n = data.size();
  for (size_t back = 1; back <= 3 && back <= n; ++back) {
    uint8_t c = uint8_t(data[n - back]);
    if ((c & 0xc0) == 0x80) continue;  // a continuation byte: keep looking for the lead
    size_t need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 1;
    if (c >= 0xf5 || need <= back) return n;
    if (back >= 2) {  // the second byte has a narrower range after some lead bytes
      uint8_t c2 = uint8_t(data[n - back + 1]);
      if ((c == 0xe0 && c2 < 0xa0) || (c == 0xed && c2 > 0x9f) || (c == 0xf0 && c2 < 0x90) ||
          (c == 0xf4 && c2 > 0x8f))
        return n;
    }
    return n - back;
  }
  return n;
}

const MethodDef kUnicodeCodecFunctions[] = {
    {"utf_8_encode", utf_8_encode, kMethFastcall, nullptr},
    {"utf_8_decode", utf_8_decode, kMethFastcall, nullptr},
    {"utf_16_encode", utf_encode_fn<2, kDetect>, kMethFastcall, nullptr},
    {"utf_16_le_encode", utf_encode_fn<2, kLittle>, kMethFastcall, nullptr},
    {"utf_16_be_encode", utf_encode_fn<2, kBig>, kMethFastcall, nullptr},
    {"utf_16_decode", utf_decode_fn<2, kDetect>, kMethFastcall, nullptr},
    {"utf_16_le_decode", utf_decode_fn<2, kLittle>, kMethFastcall, nullptr},
    {"utf_16_be_decode", utf_decode_fn<2, kBig>, kMethFastcall, nullptr},
    {"utf_16_ex_decode", utf_ex_decode_fn<2>, kMethFastcall, nullptr},
    {"utf_32_encode", utf_encode_fn<4, kDetect>, kMethFastcall, nullptr},
    {"utf_32_le_encode", utf_encode_fn<4, kLittle>, kMethFastcall, nullptr},
    {"utf_32_be_encode", utf_encode_fn<4, kBig>, kMethFastcall, nullptr},
    {"utf_32_decode", utf_decode_fn<4, kDetect>, kMethFastcall, nullptr},
    {"utf_32_le_decode", utf_decode_fn<4, kLittle>, kMethFastcall, nullptr},
    {"utf_32_be_decode", utf_decode_fn<4, kBig>, kMethFastcall, nullptr},
    {"utf_32_ex_decode", utf_ex_decode_fn<4>, kMethFastcall, nullptr},
    {"latin_1_encode", latin_1_encode, kMethFastcall, nullptr},
    {"latin_1_decode", latin_1_decode, kMethFastcall, nullptr},
    {"ascii_encode", ascii_encode, kMethFastcall, nullptr},
    {"ascii_decode", ascii_decode, kMethFastcall, nullptr},
    {"charmap_encode", charmap_encode, kMethFastcall, nullptr},
    {"charmap_decode", charmap_decode, kMethFastcall, nullptr},
    {"charmap_build", charmap_build, kMethOneArg, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::codecs_module
