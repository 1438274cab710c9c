// objects/unicode_codecs.h — the built-in codecs (UTF-8, ASCII, Latin-1) with CPython's error
// handlers and exact UnicodeDecodeError/UnicodeEncodeError messages (helper T).
//
// Encoding names are normalised like CPython's fast paths ("utf-8", "UTF8", "utf_8", "u8",
// "latin-1", "iso-8859-1", "l1", "ascii", "us-ascii", ...). Other encodings go through a hook
// that the codecs module (stdlib/) installs; without it they raise LookupError
// "unknown encoding: NAME".
// Error handlers: strict, ignore, replace, backslashreplace, surrogateescape, surrogatepass
// (UTF-8 only), xmlcharrefreplace and namereplace-less subset for encoding. An unknown handler
// name raises LookupError "unknown error handler name 'NAME'" when an error actually occurs, as
// CPython does.
#pragma once

#include <string_view>

#include "objects/type.h"

namespace weft {

enum class BuiltinCodec { Utf8, Ascii, Latin1, Other };
// Which built-in codec `encoding` names (after CPython's normalisation).
BuiltinCodec codec_lookup_builtin(std::string_view encoding);

// Decoding bytes into a str. `errors` is the handler name ("strict" when empty).
Result<Ref<Object>> decode_utf8(std::string_view data, std::string_view errors = {});
Result<Ref<Object>> decode_ascii(std::string_view data, std::string_view errors = {});
Result<Ref<Object>> decode_latin1(std::string_view data);
// Encoding a str into bytes.
Result<Ref<Object>> encode_utf8(Object* str, std::string_view errors = {});
Result<Ref<Object>> encode_ascii(Object* str, std::string_view errors = {});
Result<Ref<Object>> encode_latin1(Object* str, std::string_view errors = {});

// By name: the built-in codecs, else the installed hook. `source` is the bytes-like object the
// data came from (nullptr: a fresh bytes object is made for exception attributes if needed).
Result<Ref<Object>> codec_decode(std::string_view data, std::string_view encoding,
                                 std::string_view errors);
Result<Ref<Object>> codec_encode(Object* str, std::string_view encoding, std::string_view errors);

// The hook for non-built-in encodings (installed by the codecs module). `decode` selects the
// direction; `obj` is the bytes (decode) or str (encode).
using CodecHook = Result<Ref<Object>> (*)(Object* obj, std::string_view encoding,
                                          std::string_view errors, bool decode);
void codec_set_hook(CodecHook hook);

// Error handlers registered from Python (codecs.register_error) for the built-in codecs above:
// the codecs module installs a runner that calls the handler named `errors` on
// UnicodeEncodeError(encoding, str, start, end, reason) (`str` non-null) or
// UnicodeDecodeError(encoding, data, start, end, reason), checks its answer and returns the
// replacement (a str, or bytes when encoding) and the position where coding resumes. Without
// the runner an unknown handler name raises LookupError "unknown error handler name".
struct CodecErrorOutcome {
  Ref<Object> replacement;
  int64_t resume = 0;
};
using CodecErrorHook = Result<CodecErrorOutcome> (*)(std::string_view errors, const char* encoding,
                                                     Object* str, std::string_view data,
                                                     int64_t start, int64_t end,
                                                     const char* reason);
void codec_set_error_hook(CodecErrorHook hook);

// Raises UnicodeEncodeError(encoding, str, start, end, reason), e.g. from str_utf8().
Error raise_unicode_encode_error(const char* encoding, Object* str, int64_t start, int64_t end,
                                 const char* reason);
Error raise_unicode_decode_error(const char* encoding, std::string_view data, int64_t start,
                                 int64_t end, const char* reason);

// Appends the UTF-8 form of `cp` (surrogates included, as CPython's "surrogatepass") to `out`;
// returns the number of bytes written (1..4). `out` needs room for 4 bytes.
inline int utf8_encode_cp(uint32_t cp, char* out) {
  if (cp < 0x80) { out[0] = char(cp); return 1; }
  if (cp < 0x800) {
    out[0] = char(0xc0 | (cp >> 6));
    out[1] = char(0x80 | (cp & 0x3f));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = char(0xe0 | (cp >> 12));
    out[1] = char(0x80 | ((cp >> 6) & 0x3f));
    out[2] = char(0x80 | (cp & 0x3f));
    return 3;
  }
  out[0] = char(0xf0 | (cp >> 18));
  out[1] = char(0x80 | ((cp >> 12) & 0x3f));
  out[2] = char(0x80 | ((cp >> 6) & 0x3f));
  out[3] = char(0x80 | (cp & 0x3f));
  return 4;
}
inline bool is_surrogate(uint32_t cp) { return cp >= 0xd800 && cp <= 0xdfff; }

}  // namespace weft
