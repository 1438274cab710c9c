// objects/unicode_codecs.cpp — UTF-8, ASCII and Latin-1 codecs with CPython's error handlers
// (helper T). Messages and error ranges follow Objects/unicodeobject.c and Python/codecs.c:
// a UTF-8 error covers the longest valid prefix of the bad sequence ("invalid continuation
// byte" / "unexpected end of data" / "invalid start byte"), and encoders group a run of
// unencodable characters into one error.
//
// Everything here works on immutable inputs and local builders; no locks.
#include "objects/unicode_codecs.h"

#include <atomic>
#include <cctype>
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/int.h"
#include "objects/str_layout.h"
#include "objects/tuple.h"

namespace weft {

using namespace strimpl;

namespace {

std::atomic<CodecHook> g_codec_hook{nullptr};
std::atomic<CodecErrorHook> g_error_hook{nullptr};  // handlers registered from Python

enum class Handler { Strict, Ignore, Replace, BackslashReplace, SurrogateEscape, SurrogatePass,
                     XmlCharRefReplace, Unknown };

Handler parse_handler(std::string_view name) {
  if (name.empty() || name == "strict") return Handler::Strict;
  if (name == "ignore") return Handler::Ignore;
  if (name == "replace") return Handler::Replace;
  if (name == "backslashreplace") return Handler::BackslashReplace;
  if (name == "surrogateescape") return Handler::SurrogateEscape;
  if (name == "surrogatepass") return Handler::SurrogatePass;
  if (name == "xmlcharrefreplace") return Handler::XmlCharRefReplace;
  return Handler::Unknown;
}

Error raise_unknown_handler(std::string_view name) {
  return raise(exc::LookupError, "unknown error handler name '{}'", name);
}

const char kHex[] = "0123456789abcdef";

void append_hex_escape(StrBuilder& b, uint32_t v) {
  char buf[10];
  int digits = v < 0x100 ? 2 : v < 0x10000 ? 4 : 8;
  buf[0] = '\\';
  buf[1] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
  for (int i = 0; i < digits; ++i) buf[2 + i] = kHex[(v >> (4 * (digits - 1 - i))) & 0xf];
  b.append_ascii(std::string_view(buf, size_t(2 + digits)));
}

// Runs a handler registered from Python (see codec_set_error_hook); LookupError without one.
Result<CodecErrorOutcome> run_registered_handler(std::string_view errors, const char* encoding,
                                                 Object* str, std::string_view data,
                                                 int64_t start, int64_t end, const char* reason) {
  // acquire: pairs with the release store in codec_set_error_hook().
  CodecErrorHook hook = g_error_hook.load(std::memory_order_acquire);
  if (!hook) return raise_unknown_handler(errors);
  return hook(errors, encoding, str, data, start, end, reason);
}

// Applies a decoding error handler to data[start:end) and returns where decoding resumes
// (`end` for the built-in handlers). Returns an error for strict (and for handlers that cannot
// represent the bytes).
Result<int64_t> handle_decode_error(StrBuilder& out, Handler h, std::string_view errors,
                                    const char* encoding, std::string_view data, int64_t start,
                                    int64_t end, const char* reason) {
  switch (h) {
    case Handler::Ignore: return end;
    case Handler::Replace: out.append_code_point(0xfffd); return end;
    case Handler::BackslashReplace:
      for (int64_t i = start; i < end; ++i) append_hex_escape(out, uint8_t(data[size_t(i)]));
      return end;
    case Handler::SurrogateEscape: {
      for (int64_t i = start; i < end; ++i)
        if (uint8_t(data[size_t(i)]) < 128)
          return raise_unicode_decode_error(encoding, data, start, end, reason);
      for (int64_t i = start; i < end; ++i) out.append_code_point(0xdc00 + uint8_t(data[size_t(i)]));
      return end;
    }
    case Handler::Unknown: {
      CodecErrorOutcome r =
          TRY(run_registered_handler(errors, encoding, nullptr, data, start, end, reason));
      out.append_str(r.replacement.get());
      return r.resume;
    }
    default: return raise_unicode_decode_error(encoding, data, start, end, reason);
  }
}

inline bool is_cont(uint8_t b) { return (b & 0xc0) == 0x80; }

}  // namespace

// --- errors ----------------------------------------------------------------------------------

Error raise_unicode_encode_error(const char* encoding, Object* str, int64_t start, int64_t end,
                                 const char* reason) {
  Ref<Object> enc = TRY(str_from_ascii(encoding));
  Ref<Object> a = TRY(int_from_i64(start));
  Ref<Object> b = TRY(int_from_i64(end));
  Ref<Object> why = TRY(str_from_ascii(reason));
  Object* args[] = {enc.get(), str, a.get(), b.get(), why.get()};
  Ref<Object> e = TRY(call(exc::UnicodeEncodeError, args, 5));
  return raise_object(e.get());
}

Error raise_unicode_decode_error(const char* encoding, std::string_view data, int64_t start,
                                 int64_t end, const char* reason) {
  Ref<Object> enc = TRY(str_from_ascii(encoding));
  Ref<Object> obj = TRY(bytes_from(data));
  Ref<Object> a = TRY(int_from_i64(start));
  Ref<Object> b = TRY(int_from_i64(end));
  Ref<Object> why = TRY(str_from_ascii(reason));
  Object* args[] = {enc.get(), obj.get(), a.get(), b.get(), why.get()};
  Ref<Object> e = TRY(call(exc::UnicodeDecodeError, args, 5));
  return raise_object(e.get());
}

// --- decoding ----------------------------------------------------------------------------------

Result<Ref<Object>> decode_utf8(std::string_view data, std::string_view errors) {
  Handler h = parse_handler(errors);
  StrBuilder out;
  out.reserve(data.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(data.data());
  int64_t n = int64_t(data.size());
  int64_t i = 0;
  while (i < n) {
    // Copy a run of ASCII at once.
    int64_t run = i;
    while (run < n && p[run] < 0x80) ++run;
    if (run > i) {
      out.append_ascii(std::string_view(data.data() + i, size_t(run - i)));
      i = run;
      if (i >= n) break;
    }
    uint8_t c = p[i];
    int need;
    uint8_t lo = 0x80, hi = 0xbf;
    uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; }
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2; cp = c & 0x0f;
      if (c == 0xe0) lo = 0xa0;
      if (c == 0xed && h != Handler::SurrogatePass) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3; cp = c & 0x07;
      if (c == 0xf0) lo = 0x90;
      if (c == 0xf4) hi = 0x8f;
    } else {
      i = TRY(handle_decode_error(out, h, errors, "utf-8", data, i, i + 1, "invalid start byte"));
      continue;
    }
    int64_t j = i + 1;
    bool bad = false;
    for (int k = 0; k < need; ++k, ++j) {
      if (j >= n) break;
      uint8_t b = p[j];
      bool ok_byte = k == 0 ? (b >= lo && b <= hi) : is_cont(b);
      if (!ok_byte) { bad = true; break; }
      cp = (cp << 6) | (b & 0x3f);
    }
    if (!bad && j - i == need + 1) {
      out.append_code_point(cp);
      i = j;
      continue;
    }
    const char* reason = bad ? "invalid continuation byte" : "unexpected end of data";
    int64_t end = bad ? (j == i + 1 ? i + 1 : j) : n;
    i = TRY(handle_decode_error(out, h, errors, "utf-8", data, i, end, reason));
  }
  return out.finish();
}

Result<Ref<Object>> decode_ascii(std::string_view data, std::string_view errors) {
  Handler h = parse_handler(errors);
  StrBuilder out;
  size_t i = 0;
  while (i < data.size()) {
    size_t run = i;
    while (run < data.size() && uint8_t(data[run]) < 0x80) ++run;
    out.append_ascii(data.substr(i, run - i));
    i = run;
    if (i < data.size()) {
      i = size_t(TRY(handle_decode_error(out, h, errors, "ascii", data, int64_t(i),
                                         int64_t(i) + 1, "ordinal not in range(128)")));
    }
  }
  return out.finish();
}

Result<Ref<Object>> decode_latin1(std::string_view data) {
  return str_from_kind_data(data.data(), 1, int64_t(data.size()));
}

// --- encoding ----------------------------------------------------------------------------------

namespace {

// Encodes `s` with a codec that maps code points below `limit` to themselves (ASCII, Latin-1)
// or, for UTF-8 (limit 0), to their UTF-8 form with surrogates unencodable.
Result<Ref<Object>> encode_generic(Object* s, std::string_view errors, const char* encoding,
                                   uint32_t limit, const char* reason) {
  Handler h = parse_handler(errors);
  const StrObject* so = as_str(s);
  const void* d = data1(s);
  bool utf8 = limit == 0;
  auto encodable = [&](uint32_t cp) { return utf8 ? !is_surrogate(cp) : cp < limit; };
  std::string out;
  out.reserve(size_t(so->length));
  char buf[4];
  for (int64_t i = 0; i < so->length;) {
    uint32_t cp = read_cp(d, so->kind, i);
    if (encodable(cp)) {
      if (utf8) out.append(buf, size_t(utf8_encode_cp(cp, buf)));
      else out.push_back(char(cp));
      ++i;
      continue;
    }
    int64_t end = i + 1;
    while (end < so->length && !encodable(read_cp(d, so->kind, end))) ++end;
    int64_t resume = end;
    switch (h) {
      case Handler::Ignore: break;
      case Handler::Replace: out.append(size_t(end - i), '?'); break;
      case Handler::BackslashReplace:
        for (int64_t k = i; k < end; ++k) {
          uint32_t c = read_cp(d, so->kind, k);
          int digits = c < 0x100 ? 2 : c < 0x10000 ? 4 : 8;
          out += '\\';
          out += digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
          for (int q = digits - 1; q >= 0; --q) out += kHex[(c >> (4 * q)) & 0xf];
        }
        break;
      case Handler::XmlCharRefReplace:
        for (int64_t k = i; k < end; ++k) {
          out += "&#";
          out += std::to_string(read_cp(d, so->kind, k));
          out += ';';
        }
        break;
      case Handler::SurrogateEscape:
        for (int64_t k = i; k < end; ++k) {
          uint32_t c = read_cp(d, so->kind, k);
          if (c < 0xdc80 || c > 0xdcff) return raise_unicode_encode_error(encoding, s, i, end, reason);
        }
        for (int64_t k = i; k < end; ++k) out.push_back(char(read_cp(d, so->kind, k) - 0xdc00));
        break;
      case Handler::SurrogatePass:
        if (!utf8) return raise_unicode_encode_error(encoding, s, i, end, reason);
        for (int64_t k = i; k < end; ++k) out.append(buf, size_t(utf8_encode_cp(read_cp(d, so->kind, k), buf)));
        break;
      case Handler::Unknown: {
        CodecErrorOutcome r = TRY(run_registered_handler(errors, encoding, s, {}, i, end, reason));
        Object* rep = r.replacement.get();
        if (is_bytes(rep)) {
          out.append(bytes_view(rep));
        } else {  // a str replacement must itself be encodable (CPython: ASCII for UTF-8)
          for (int64_t k = 0; k < str_length(rep); ++k) {
            uint32_t c = str_char_at(rep, k);
            if (utf8 ? c >= 0x80 : c >= limit)
              return raise_unicode_encode_error(encoding, s, i, end, reason);
            out.push_back(char(c));
          }
        }
        resume = r.resume;
        break;
      }
      case Handler::Strict: return raise_unicode_encode_error(encoding, s, i, end, reason);
    }
    i = resume;
  }
  return bytes_from(out);
}

std::string normalize_encoding(std::string_view name) {
  std::string n;
  n.reserve(name.size());
  for (char c : name) {
    if (c == '-' || c == ' ') n += '_';
    else n += char(std::tolower(static_cast<unsigned char>(c)));
  }
  return n;
}

}  // namespace

Result<Ref<Object>> encode_utf8(Object* s, std::string_view errors) {
  if (str_is_ascii(s)) {
    return bytes_from(std::string_view(reinterpret_cast<const char*>(str_data(s)), size_t(str_length(s))));
  }
  if (errors.empty() || errors == "strict") {
    std::string_view u = TRY(str_utf8(s));
    return bytes_from(u);
  }
  return encode_generic(s, errors, "utf-8", 0, "surrogates not allowed");
}

Result<Ref<Object>> encode_ascii(Object* s, std::string_view errors) {
  return encode_generic(s, errors, "ascii", 128, "ordinal not in range(128)");
}

Result<Ref<Object>> encode_latin1(Object* s, std::string_view errors) {
  return encode_generic(s, errors, "latin-1", 256, "ordinal not in range(256)");
}

BuiltinCodec codec_lookup_builtin(std::string_view encoding) {
  std::string n = normalize_encoding(encoding);
  if (n == "utf_8" || n == "utf8" || n == "u8" || n == "utf" || n == "cp65001")
    return BuiltinCodec::Utf8;
  if (n == "ascii" || n == "us_ascii" || n == "646" || n == "us" || n == "ansi_x3.4_1968" ||
      n == "iso646_us" || n == "cp367" || n == "csascii")
    return BuiltinCodec::Ascii;
  if (n == "latin_1" || n == "latin1" || n == "l1" || n == "iso_8859_1" || n == "iso8859_1" ||
      n == "8859" || n == "cp819" || n == "latin" || n == "iso_ir_100" || n == "csisolatin1")
    return BuiltinCodec::Latin1;
  return BuiltinCodec::Other;
}

void codec_set_hook(CodecHook hook) { g_codec_hook.store(hook, std::memory_order_release); }
void codec_set_error_hook(CodecErrorHook hook) {
  g_error_hook.store(hook, std::memory_order_release);
}

Result<Ref<Object>> codec_decode(std::string_view data, std::string_view encoding,
                                 std::string_view errors) {
  switch (codec_lookup_builtin(encoding)) {
    case BuiltinCodec::Utf8: return decode_utf8(data, errors);
    case BuiltinCodec::Ascii: return decode_ascii(data, errors);
    case BuiltinCodec::Latin1: return decode_latin1(data);
    case BuiltinCodec::Other: break;
  }
  // acquire: pairs with the release store in codec_set_hook().
  if (CodecHook hook = g_codec_hook.load(std::memory_order_acquire)) {
    Ref<Object> b = TRY(bytes_from(data));
    return hook(b.get(), encoding, errors, true);
  }
  return raise(exc::LookupError, "unknown encoding: {}", encoding);
}

Result<Ref<Object>> codec_encode(Object* s, std::string_view encoding, std::string_view errors) {
  switch (codec_lookup_builtin(encoding)) {
    case BuiltinCodec::Utf8: return encode_utf8(s, errors);
    case BuiltinCodec::Ascii: return encode_ascii(s, errors);
    case BuiltinCodec::Latin1: return encode_latin1(s, errors);
    case BuiltinCodec::Other: break;
  }
  // acquire: pairs with the release store in codec_set_hook().
  if (CodecHook hook = g_codec_hook.load(std::memory_order_acquire))
    return hook(s, encoding, errors, false);
  return raise(exc::LookupError, "unknown encoding: {}", encoding);
}

}  // namespace weft
