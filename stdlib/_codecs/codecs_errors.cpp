// stdlib/_codecs/codecs_errors.cpp — the built-in codec error handlers (strict, ignore, replace,
// backslashreplace, xmlcharrefreplace, surrogateescape, surrogatepass; CPython's
// Python/codecs.c *_errors functions) and the driver that the codec functions of this module
// use to run any handler, built-in or registered from Python.
//
// A handler receives a UnicodeEncodeError / UnicodeDecodeError / UnicodeTranslateError and
// returns (replacement, resume position). The driver builds the exception, calls the handler,
// and validates the answer with CPython's messages; "strict" is short-cut to raising the
// exception directly. Stateless apart from the registry (codecs_registry.cpp).
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/unicode_codecs.h"
#include "stdlib/_codecs/codecs_internal.h"

namespace weft::codecs_module {
namespace {

enum class ErrorKind { Encode, Decode, Translate };

// The unicode error `e` with CPython's clamped start/end (PyUnicode*Error_GetStart/End).
struct UnicodeErrorView {
  ErrorKind kind;
  UnicodeErrorObject* err;
  int64_t start;
  int64_t end;
};

Result<UnicodeErrorView> view_unicode_error(Object* e) {
  ErrorKind kind;
  if (is_instance_of(e, exc::UnicodeEncodeError)) kind = ErrorKind::Encode;
  else if (is_instance_of(e, exc::UnicodeDecodeError)) kind = ErrorKind::Decode;
  else if (is_instance_of(e, exc::UnicodeTranslateError)) kind = ErrorKind::Translate;
  else
    return raise(exc::TypeError, "don't know how to handle {} in error callback", type_name_of(e));
  auto* u = static_cast<UnicodeErrorObject*>(e);
  Object* obj = u->object;
  bool ok_type = kind == ErrorKind::Decode ? (obj && is_bytes(obj)) : (obj && is_str(obj));
  if (!ok_type)
    return raise(exc::TypeError, "{} attribute must be {}", "object",
                 kind == ErrorKind::Decode ? "bytes" : "unicode");
  int64_t len = kind == ErrorKind::Decode ? bytes_size(obj) : str_length(obj);
  int64_t start = u->start < 0 ? 0 : u->start;
  if (start >= len) start = len == 0 ? 0 : len - 1;
  int64_t end = u->end < 1 ? 1 : u->end;
  if (end > len) end = len;
  return UnicodeErrorView{kind, u, start, end};
}

Result<Ref<Object>> pair(Ref<Object> replacement, int64_t pos) {
  Ref<Object> p = TRY(int_from_i64(pos));
  return tuple_pack({replacement.get(), p.get()});
}

Error wrong_exception_type(Object* e) {
  return raise(exc::TypeError, "don't know how to handle {} in error callback", type_name_of(e));
}

Result<Ref<Object>> strict_errors(Object*, Object* const* args, size_t, Object*) {
  if (!is_instance_of(args[0], exc::BaseException))
    return raise(exc::TypeError, "codec must pass exception instance");
  return raise_object(args[0]);
}

Result<Ref<Object>> ignore_errors(Object*, Object* const* args, size_t, Object*) {
  UnicodeErrorView v = TRY(view_unicode_error(args[0]));
  Ref<Object> empty = TRY(str_from_ascii(""));
  return pair(std::move(empty), v.end);
}

Result<Ref<Object>> replace_errors(Object*, Object* const* args, size_t, Object*) {
  UnicodeErrorView v = TRY(view_unicode_error(args[0]));
  StrBuilder b;
  if (v.kind == ErrorKind::Encode) b.append_repeated('?', v.end - v.start);
  else if (v.kind == ErrorKind::Decode) b.append_code_point(0xfffd);
  else b.append_repeated(0xfffd, v.end - v.start);
  return pair(TRY(b.finish()), v.end);
}

void append_escape(StrBuilder& b, uint32_t c) {
  static const char kHex[] = "0123456789abcdef";
  int digits = c < 0x100 ? 2 : c < 0x10000 ? 4 : 8;
  char buf[10] = {'\\', digits == 2 ? 'x' : digits == 4 ? 'u' : 'U'};
  for (int i = 0; i < digits; ++i) buf[2 + i] = kHex[(c >> (4 * (digits - 1 - i))) & 0xf];
  b.append_ascii(std::string_view(buf, size_t(2 + digits)));
}

Result<Ref<Object>> backslashreplace_errors(Object*, Object* const* args, size_t, Object*) {
  UnicodeErrorView v = TRY(view_unicode_error(args[0]));
  StrBuilder b;
  Object* obj = v.err->object;
  if (v.kind == ErrorKind::Decode) {
    std::string_view data = bytes_view(obj);
    for (int64_t i = v.start; i < v.end; ++i) append_escape(b, uint8_t(data[size_t(i)]));
  } else {
    for (int64_t i = v.start; i < v.end; ++i) append_escape(b, str_char_at(obj, i));
  }
  return pair(TRY(b.finish()), v.end);
}

Result<Ref<Object>> xmlcharrefreplace_errors(Object*, Object* const* args, size_t, Object*) {
  if (!is_instance_of(args[0], exc::UnicodeEncodeError)) return wrong_exception_type(args[0]);
  UnicodeErrorView v = TRY(view_unicode_error(args[0]));
  std::string out;
  for (int64_t i = v.start; i < v.end; ++i)
    out += "&#" + std::to_string(str_char_at(v.err->object, i)) + ";";
  return pair(TRY(str_from_ascii(out)), v.end);
}

Result<Ref<Object>> surrogateescape_errors(Object*, Object* const* args, size_t, Object*) {
  UnicodeErrorView v = TRY(view_unicode_error(args[0]));
  Object* obj = v.err->object;
  if (v.kind == ErrorKind::Encode) {
    std::string out;
    for (int64_t i = v.start; i < v.end; ++i) {
      uint32_t c = str_char_at(obj, i);
      if (c < 0xdc80 || c > 0xdcff) return raise_object(args[0]);
      out.push_back(char(c - 0xdc00));
    }
    return pair(TRY(bytes_from(out)), v.end);
  }
  if (v.kind != ErrorKind::Decode) return wrong_exception_type(args[0]);
  std::string_view data = bytes_view(obj);
  StrBuilder b;
  int64_t consumed = 0;
  for (int64_t i = v.start; i < v.end && i < v.start + 4; ++i, ++consumed) {
    uint8_t c = uint8_t(data[size_t(i)]);
    if (c < 128) break;
    b.append_code_point(0xdc00 + c);
  }
  if (consumed == 0) return raise_object(args[0]);
  return pair(TRY(b.finish()), v.start + consumed);
}

// namereplace needs the Unicode character name database (unicodedata), which Weft does not have
// yet; the handler exists because codecs.py looks it up at import, and says so when it runs.
Result<Ref<Object>> namereplace_errors(Object*, Object* const* args, size_t, Object*) {
  if (!is_instance_of(args[0], exc::UnicodeEncodeError)) return wrong_exception_type(args[0]);
  return raise(exc::NotImplementedError,
               "the 'namereplace' error handler needs the Unicode name database, which Weft "
               "does not have yet");
}

// The byte order and unit width surrogatepass works in, from the exception's encoding name.
struct SurrogateCodec {
  int width;        // 3 (UTF-8), 2 (UTF-16) or 4 (UTF-32); 0 = unsupported
  bool big_endian;
};

SurrogateCodec surrogate_codec(Object* encoding) {
  if (!encoding || !is_str(encoding)) return {0, false};
  std::string name = str_to_std_string(encoding);
  for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (name == "utf-8" || name == "utf8" || name == "utf_8") return {3, false};
  bool be = name.ends_with("be");
  if (name.starts_with("utf-16") || name.starts_with("utf_16")) return {2, be};
  if (name.starts_with("utf-32") || name.starts_with("utf_32")) return {4, be};
  return {0, false};
}

Result<Ref<Object>> surrogatepass_errors(Object*, Object* const* args, size_t, Object*) {
  UnicodeErrorView v = TRY(view_unicode_error(args[0]));
  SurrogateCodec codec = surrogate_codec(v.err->encoding);
  if (codec.width == 0) return raise_object(args[0]);
  Object* obj = v.err->object;
  if (v.kind == ErrorKind::Encode) {
    std::string out;
    for (int64_t i = v.start; i < v.end; ++i) {
      uint32_t c = str_char_at(obj, i);
      if (!is_surrogate(c)) return raise_object(args[0]);
      if (codec.width == 3) {
        char buf[4];
        out.append(buf, size_t(utf8_encode_cp(c, buf)));
        continue;
      }
      for (int k = 0; k < codec.width; ++k) {
        int shift = codec.big_endian ? 8 * (codec.width - 1 - k) : 8 * k;
        out.push_back(char((c >> shift) & 0xff));
      }
    }
    return pair(TRY(bytes_from(out)), v.end);
  }
  if (v.kind != ErrorKind::Decode) return wrong_exception_type(args[0]);
  std::string_view data = bytes_view(obj);
  auto byte = [&](int64_t k) { return uint32_t(uint8_t(data[size_t(v.start + k)])); };
  if (v.start + codec.width > int64_t(data.size())) return raise_object(args[0]);
  uint32_t c = 0;
  if (codec.width == 3) {
    if ((byte(0) & 0xf0) != 0xe0 || (byte(1) & 0xc0) != 0x80 || (byte(2) & 0xc0) != 0x80)
      return raise_object(args[0]);
    c = ((byte(0) & 0x0f) << 12) | ((byte(1) & 0x3f) << 6) | (byte(2) & 0x3f);
  } else {
    for (int k = 0; k < codec.width; ++k) {
      int shift = codec.big_endian ? 8 * (codec.width - 1 - k) : 8 * k;
      c |= byte(k) << shift;
    }
  }
  if (!is_surrogate(c)) return raise_object(args[0]);
  return pair(TRY(str_from_code_point(c)), v.start + codec.width);
}

// Validates a handler's (replacement, position) answer against an input of `length` units.
Result<HandlerResult> check_handler_answer(Object* answer, int64_t length, bool encoding) {
  bool shape = is_tuple(answer) && tuple_size(answer) == 2;
  Object* rep = shape ? tuple_item(answer, 0) : nullptr;
  bool rep_ok = rep && (is_str(rep) || (encoding && is_bytes(rep)));
  if (!rep_ok || !is_int(tuple_item(answer, 1)))
    return raise(exc::TypeError, encoding ? "encoding error handler must return (str/bytes, int) tuple"
                                          : "decoding error handler must return (str, int) tuple");
  int64_t pos = TRY(index_as_i64(tuple_item(answer, 1), exc::IndexError));
  if (pos < 0) pos += length;
  if (pos < 0 || pos > length)
    return raise(exc::IndexError, "position {} from error handler out of bounds", pos);
  return HandlerResult{new_ref(rep), pos};
}

bool is_strict(std::string_view errors) { return errors.empty() || errors == "strict"; }

}  // namespace

const MethodDef kBuiltinErrorHandlers[] = {
    {"strict_errors", strict_errors, kMethOneArg,
     "Implements the 'strict' error handling, which raises a UnicodeError on coding errors."},
    {"ignore_errors", ignore_errors, kMethOneArg,
     "Implements the 'ignore' error handling, which ignores malformed data and continues."},
    {"replace_errors", replace_errors, kMethOneArg,
     "Implements the 'replace' error handling, which replaces malformed data with a "
     "replacement marker."},
    {"xmlcharrefreplace_errors", xmlcharrefreplace_errors, kMethOneArg,
     "Implements the 'xmlcharrefreplace' error handling, which replaces an unencodable "
     "character with the appropriate XML character reference."},
    {"backslashreplace_errors", backslashreplace_errors, kMethOneArg,
     "Implements the 'backslashreplace' error handling, which replaces malformed data with a "
     "backslashed escape sequence."},
    {"namereplace_errors", namereplace_errors, kMethOneArg,
     "Implements the 'namereplace' error handling, which replaces an unencodable character "
     "with a \\N{...} escape sequence."},
    {"surrogateescape", surrogateescape_errors, kMethOneArg, nullptr},
    {"surrogatepass", surrogatepass_errors, kMethOneArg, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Result<HandlerResult> handle_encode_error(std::string_view errors, const char* encoding,
                                          Object* str, int64_t start, int64_t end,
                                          const char* reason) {
  if (is_strict(errors)) return raise_unicode_encode_error(encoding, str, start, end, reason);
  Ref<Object> handler = TRY(lookup_error_handler(errors));
  Ref<Object> enc = TRY(str_from_ascii(encoding));
  Ref<Object> a = TRY(int_from_i64(start));
  Ref<Object> b = TRY(int_from_i64(end));
  Ref<Object> why = TRY(str_from_ascii(reason));
  Object* exc_args[] = {enc.get(), str, a.get(), b.get(), why.get()};
  Ref<Object> e = TRY(call(exc::UnicodeEncodeError, exc_args, 5));
  Ref<Object> answer = TRY(call_one(handler.get(), e.get()));
  return check_handler_answer(answer.get(), str_length(str), true);
}

Result<HandlerResult> handle_decode_error(std::string_view errors, const char* encoding,
                                          std::string_view data, int64_t start, int64_t end,
                                          const char* reason) {
  if (is_strict(errors)) return raise_unicode_decode_error(encoding, data, start, end, reason);
  Ref<Object> handler = TRY(lookup_error_handler(errors));
  Ref<Object> enc = TRY(str_from_ascii(encoding));
  Ref<Object> obj = TRY(bytes_from(data));
  Ref<Object> a = TRY(int_from_i64(start));
  Ref<Object> b = TRY(int_from_i64(end));
  Ref<Object> why = TRY(str_from_ascii(reason));
  Object* exc_args[] = {enc.get(), obj.get(), a.get(), b.get(), why.get()};
  Ref<Object> e = TRY(call(exc::UnicodeDecodeError, exc_args, 5));
  Ref<Object> answer = TRY(call_one(handler.get(), e.get()));
  return check_handler_answer(answer.get(), int64_t(data.size()), false);
}

Result<HandlerResult> run_error_handler(std::string_view errors, const char* encoding, Object* str,
                                        std::string_view data, int64_t start, int64_t end,
                                        const char* reason) {
  if (str) return handle_encode_error(errors, encoding, str, start, end, reason);
  return handle_decode_error(errors, encoding, data, start, end, reason);
}

Result<std::string_view> errors_argument(const char* fname, Object* const* args, size_t nargs,
                                         size_t index) {
  if (index >= nargs || is_none(args[index])) return std::string_view();
  if (!is_str(args[index]))
    return raise(exc::TypeError, "{}() argument {} must be str or None, not {}", fname, index + 1,
                 type_name_of(args[index]));
  return str_utf8(args[index]);
}

Status require_str_argument(const char* fname, Object* const* args, size_t index) {
  if (is_str(args[index])) return ok();
  return raise(exc::TypeError, "{}() argument {} must be str, not {}", fname, index + 1,
               type_name_of(args[index]));
}

Result<int64_t> int_argument(Object* const* args, size_t nargs, size_t index, int64_t dflt) {
  if (index >= nargs) return dflt;
  return index_as_i64(args[index]);
}

Result<Ref<Object>> codec_result(Ref<Object> obj, int64_t consumed) {
  Ref<Object> n = TRY(int_from_i64(consumed));
  return tuple_pack({obj.get(), n.get()});
}

}  // namespace weft::codecs_module
