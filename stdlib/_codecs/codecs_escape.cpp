// stdlib/_codecs/codecs_escape.cpp — the escape codecs: escape_encode/escape_decode (bytes
// literals, the "escape_codec" behind pickle and codecs.escape_decode), unicode_escape_* and
// raw_unicode_escape_* (str literals, with the "final" flag for incremental decoding), and
// readbuffer_encode (CPython's Modules/_codecsmodule.c, Objects/bytesobject.c and
// Objects/unicodeobject.c escape decoders).
//
// Decoding errors of the two unicode escape codecs go through the handler driver of
// codecs_errors.cpp; escape_decode knows only strict/ignore/replace, as CPython. \N{name} looks
// the name up in objects/unicode_db.h. Stateless.
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/unicode_db.h"
#include "stdlib/_codecs/codecs_internal.h"

namespace weft::codecs_module {
namespace {

const char kHex[] = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The one-character escapes shared by bytes and str literals; -1 when `c` is not one.
int simple_escape(char c) {
  switch (c) {
    case '\\': return '\\';
    case '\'': return '\'';
    case '"': return '"';
    case 'b': return '\b';
    case 'f': return '\f';
    case 't': return '\t';
    case 'n': return '\n';
    case 'r': return '\r';
    case 'v': return '\v';
    case 'a': return '\a';
    default: return -1;
  }
}

// The data argument of the escape decoders: a str (its UTF-8) or any bytes-like object.
struct EscapeInput {
  Ref<Object> keep;  // the str whose UTF-8 `view` borrows, if any
  ByteView bytes;
  std::string_view view;
};

Result<EscapeInput> escape_input(Object* data) {
  EscapeInput in;
  if (is_str(data)) {
    in.keep = new_ref(data);
    in.view = TRY(str_utf8(data));
  } else {
    in.bytes = TRY(byte_view(data));
    in.view = in.bytes.view();
  }
  return in;
}

// ---- escape_encode / escape_decode --------------------------------------------------------------

Result<Ref<Object>> escape_decode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("escape_decode", nargs, kwnames, 1, 2));
  EscapeInput in = TRY(escape_input(args[0]));
  std::string_view errors = TRY(errors_argument("escape_decode", args, nargs, 1));
  std::string_view d = in.view;
  std::string out;
  out.reserve(d.size());
  for (size_t i = 0; i < d.size();) {
    char c = d[i++];
    if (c != '\\') { out.push_back(c); continue; }
    if (i >= d.size()) return raise(exc::ValueError, "Trailing \\ in string");
    char e = d[i++];
    if (e == '\n') continue;
    if (int s = simple_escape(e); s >= 0) { out.push_back(char(s)); continue; }
    if (e >= '0' && e <= '7') {
      int v = e - '0';
      for (int k = 0; k < 2 && i < d.size() && d[i] >= '0' && d[i] <= '7'; ++k) v = v * 8 + (d[i++] - '0');
      out.push_back(char(v & 0xff));
      continue;
    }
    if (e == 'x') {
      if (i + 1 < d.size() && hex_value(d[i]) >= 0 && hex_value(d[i + 1]) >= 0) {
        out.push_back(char(hex_value(d[i]) * 16 + hex_value(d[i + 1])));
        i += 2;
        continue;
      }
      if (errors.empty() || errors == "strict")
        return raise(exc::ValueError, "invalid \\x escape at position {}", i - 2);
      if (errors == "replace") out.push_back('?');
      else if (errors != "ignore")
        return raise(exc::ValueError, "decoding error; unknown error handling code: {}", errors);
      if (i < d.size() && hex_value(d[i]) >= 0) ++i;  // CPython skips one hex digit
      continue;
    }
    out.push_back('\\');
    out.push_back(e);
  }
  return codec_result(TRY(bytes_from(out)), int64_t(d.size()));
}

Result<Ref<Object>> escape_encode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("escape_encode", nargs, kwnames, 1, 2));
  if (!is_bytes(args[0]))
    return raise(exc::TypeError, "escape_encode() argument 1 must be bytes, not {}",
                 type_name_of(args[0]));
  TRY(errors_argument("escape_encode", args, nargs, 1));
  std::string_view d = bytes_view(args[0]);
  std::string out;
  for (char ch : d) {
    uint8_t c = uint8_t(ch);
    if (c == '\\' || c == '\'') { out += '\\'; out += char(c); }
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c >= 0x7f) { out += "\\x"; out += kHex[c >> 4]; out += kHex[c & 15]; }
    else out += char(c);
  }
  return codec_result(TRY(bytes_from(out)), int64_t(d.size()));
}

// ---- unicode_escape / raw_unicode_escape -----------------------------------------------------

// Reads `digits` hex digits at d[*i]; on a short read leaves *i after the valid ones.
bool read_hex(std::string_view d, size_t* i, int digits, uint32_t* value) {
  uint32_t v = 0;
  for (int k = 0; k < digits; ++k) {
    if (*i >= d.size() || hex_value(d[*i]) < 0) return false;
    v = v * 16 + uint32_t(hex_value(d[(*i)++]));
  }
  *value = v;
  return true;
}

const char* truncated_message(char kind) {
  return kind == 'x' ? "truncated \\xXX escape" : kind == 'u' ? "truncated \\uXXXX escape"
                                                             : "truncated \\UXXXXXXXX escape";
}

Result<Ref<Object>> unicode_escape_decode_impl(std::string_view d, std::string_view errors,
                                               bool final, bool raw, int64_t* consumed) {
  const char* codec = raw ? "rawunicodeescape" : "unicodeescape";
  StrBuilder out;
  size_t i = 0;
  while (i < d.size()) {
    if (d[i] != '\\') { out.append_code_point(uint8_t(d[i++])); continue; }
    size_t start = i;
    if (raw) {  // only \u and \U after an odd number of backslashes are escapes
      size_t run = i;
      while (run < d.size() && d[run] == '\\') ++run;
      if (((run - i) & 1) == 0 || run >= d.size() || (d[run] != 'u' && d[run] != 'U')) {
        if (run >= d.size() && ((run - i) & 1) && !final) break;
        out.append_repeated('\\', int64_t(run - i));
        i = run;
        continue;
      }
      out.append_repeated('\\', int64_t(run - i - 1));
      start = run - 1;
      i = run;
    } else {
      ++i;
      if (i >= d.size()) {
        if (!final) { i = start; break; }
        HandlerResult h = TRY(handle_decode_error(errors, codec, d, int64_t(start), int64_t(d.size()),
                                                  "\\ at end of string"));
        out.append_str(h.replacement.get());
        i = size_t(h.resume);
        continue;
      }
      char e = d[i];
      if (int s = simple_escape(e); s >= 0 || e == '\n') {
        if (e != '\n') out.append_code_point(uint32_t(s));
        ++i;
        continue;
      }
      if (e >= '0' && e <= '7') {
        uint32_t v = uint32_t(e - '0');
        ++i;
        for (int k = 0; k < 2 && i < d.size() && d[i] >= '0' && d[i] <= '7'; ++k) v = v * 8 + uint32_t(d[i++] - '0');
        out.append_code_point(v);
        continue;
      }
      if (e == 'N') {
        unicode::NamedEscape n = unicode::parse_named_escape(d.substr(i + 1));
        if (n.kind == unicode::NamedEscape::kOk) {
          out.append_code_point(n.code_point);
          i += 1 + n.consumed;
          continue;
        }
        if (n.incomplete && !final) { i = start; break; }
        size_t end = i + 1 + n.consumed;
        HandlerResult h = TRY(
            handle_decode_error(errors, codec, d, int64_t(start), int64_t(end), n.reason()));
        out.append_str(h.replacement.get());
        i = size_t(h.resume);
        continue;
      }
      if (e != 'x' && e != 'u' && e != 'U') {
        out.append_code_point('\\');
        out.append_code_point(uint8_t(e));
        ++i;
        continue;
      }
    }
    char kind = d[i++];
    int digits = kind == 'x' ? 2 : kind == 'u' ? 4 : 8;
    uint32_t v = 0;
    const char* reason = nullptr;
    if (!read_hex(d, &i, digits, &v)) {
      if (!final && i >= d.size()) { i = start; break; }
      reason = truncated_message(kind);
    } else if (v > 0x10ffff) {
      reason = raw ? "\\Uxxxxxxxx out of range" : "illegal Unicode character";
    } else {
      out.append_code_point(v);
      continue;
    }
    HandlerResult h = TRY(handle_decode_error(errors, codec, d, int64_t(start), int64_t(i), reason));
    out.append_str(h.replacement.get());
    i = size_t(h.resume);
  }
  *consumed = int64_t(i);
  return out.finish();
}

template <bool kRaw>
Result<Ref<Object>> unicode_escape_decode(Object*, Object* const* args, size_t nargs,
                                          Object* kwnames) {
  const char* fname = kRaw ? "raw_unicode_escape_decode" : "unicode_escape_decode";
  TRY(args_positional_only(fname, nargs, kwnames, 1, 3));
  EscapeInput in = TRY(escape_input(args[0]));
  std::string_view errors = TRY(errors_argument(fname, args, nargs, 1));
  bool final = nargs > 2 ? TRY(object_is_true(args[2])) : true;
  int64_t consumed = 0;
  Ref<Object> s = TRY(unicode_escape_decode_impl(in.view, errors, final, kRaw, &consumed));
  return codec_result(std::move(s), consumed);
}

void append_hex(std::string& out, char kind, uint32_t v, int digits) {
  out += '\\';
  out += kind;
  for (int k = digits - 1; k >= 0; --k) out += kHex[(v >> (4 * k)) & 0xf];
}

template <bool kRaw>
Result<Ref<Object>> unicode_escape_encode(Object*, Object* const* args, size_t nargs,
                                          Object* kwnames) {
  const char* fname = kRaw ? "raw_unicode_escape_encode" : "unicode_escape_encode";
  TRY(args_positional_only(fname, nargs, kwnames, 1, 2));
  TRY(require_str_argument(fname, args, 0));
  TRY(errors_argument(fname, args, nargs, 1));
  Object* s = args[0];
  std::string out;
  int64_t len = str_length(s);
  out.reserve(size_t(len));
  for (int64_t i = 0; i < len; ++i) {
    uint32_t c = str_char_at(s, i);
    if (c >= 0x10000) append_hex(out, 'U', c, 8);
    else if (c >= 0x100) append_hex(out, 'u', c, 4);
    else if (kRaw) out += char(c);
    else if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c >= 0x7f) append_hex(out, 'x', c, 2);
    else out += char(c);
  }
  return codec_result(TRY(bytes_from(out)), len);
}

Result<Ref<Object>> readbuffer_encode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("readbuffer_encode", nargs, kwnames, 1, 2));
  TRY(errors_argument("readbuffer_encode", args, nargs, 1));
  EscapeInput in = TRY(escape_input(args[0]));
  return codec_result(TRY(bytes_from(in.view)), int64_t(in.view.size()));
}

}  // namespace

const MethodDef kEscapeCodecFunctions[] = {
    {"escape_encode", escape_encode, kMethFastcall, nullptr},
    {"escape_decode", escape_decode, kMethFastcall, nullptr},
    {"unicode_escape_encode", unicode_escape_encode<false>, kMethFastcall, nullptr},
    {"unicode_escape_decode", unicode_escape_decode<false>, kMethFastcall, nullptr},
    {"raw_unicode_escape_encode", unicode_escape_encode<true>, kMethFastcall, nullptr},
    {"raw_unicode_escape_decode", unicode_escape_decode<true>, kMethFastcall, nullptr},
    {"readbuffer_encode", readbuffer_encode, kMethFastcall, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::codecs_module
