// objects/str_repr.cpp — repr(str) with CPython's rules (unicode_repr in Objects/unicodeobject.c):
// single quotes unless the text contains a single quote and no double quote; backslash escapes
// for \\, the quote, \t \n \r, other control characters and non-printable code points
// (\xNN, \uNNNN, \UNNNNNNNN); printable non-ASCII characters are kept as they are.
#include "objects/str_layout.h"
#include "objects/unicode_props.h"

namespace weft {

using namespace strimpl;

Result<Ref<Object>> str_repr(Object* s) {
  const StrObject* so = as_str(s);
  const void* d = data1(s);
  bool has_single = false, has_double = false;
  for (int64_t i = 0; i < so->length; ++i) {
    uint32_t c = read_cp(d, so->kind, i);
    if (c == '\'') has_single = true;
    else if (c == '"') has_double = true;
  }
  uint32_t quote = (has_single && !has_double) ? '"' : '\'';
  static const char kHex[] = "0123456789abcdef";
  StrBuilder b;
  b.reserve(size_t(so->length) + 2);
  b.append_code_point(quote);
  for (int64_t i = 0; i < so->length; ++i) {
    uint32_t c = read_cp(d, so->kind, i);
    if (c == quote || c == '\\') {
      b.append_code_point('\\');
      b.append_code_point(c);
    } else if (c == '\t') {
      b.append_ascii("\\t");
    } else if (c == '\n') {
      b.append_ascii("\\n");
    } else if (c == '\r') {
      b.append_ascii("\\r");
    } else if (c >= 0x20 && c < 0x7f) {
      b.append_code_point(c);
    } else if (c >= 0x80 && unicode::is_printable(c)) {
      b.append_code_point(c);
    } else {
      char buf[10];
      int digits = c < 0x100 ? 2 : c < 0x10000 ? 4 : 8;
      buf[0] = '\\';
      buf[1] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
      for (int k = 0; k < digits; ++k) buf[2 + k] = kHex[(c >> (4 * (digits - 1 - k))) & 0xf];
      b.append_ascii(std::string_view(buf, size_t(2 + digits)));
    }
  }
  b.append_code_point(quote);
  return b.finish();
}

}  // namespace weft
