// stdlib/binascii/binascii_qp.cpp — binascii.a2b_qp and binascii.b2a_qp: quoted-printable
// (RFC 1521/2045) decoding and encoding with CPython 3.14's exact choices: 76-column lines with
// soft breaks "=\n" (or "=\r\n" when the input's first newline is CRLF), whitespace before a line
// end encoded, a lone '.' at the start of a line encoded, '_' for spaces in headers, and the
// lenient decoding of malformed escapes. Stateless; safe from any thread.
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "stdlib/binascii/binascii.h"

namespace weft::binascii_module {
namespace {

constexpr size_t kMaxLineSize = 76;
constexpr char kUpperHex[] = "0123456789ABCDEF";

int qp_hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

void append_escape(std::string& out, unsigned char c) {
  out += '=';
  out += kUpperHex[c >> 4];
  out += kUpperHex[c & 0xf];
}

}  // namespace

// a2b_qp(data, header=False)
Result<Ref<Object>> a2b_qp(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("a2b_qp", "data | header");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  std::string in;
  TRY(ascii_data(a[0], &in));
  bool header = TRY(bool_argument(a[1], false));
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    char c = in[i];
    if (c == '=') {
      if (++i >= in.size()) break;
      if (in[i] == '\n' || in[i] == '\r') {
        // A soft line break: skip to just past the end of the line.
        while (i < in.size() && in[i] != '\n') ++i;
        if (i < in.size()) ++i;
      } else if (in[i] == '=') {
        out += '=';  // "==" from broken encoders
        ++i;
      } else if (i + 1 < in.size() && qp_hex_value(in[i]) >= 0 && qp_hex_value(in[i + 1]) >= 0) {
        out += static_cast<char>(qp_hex_value(in[i]) << 4 | qp_hex_value(in[i + 1]));
        i += 2;
      } else {
        out += '=';
      }
    } else if (header && c == '_') {
      out += ' ';
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return bytes_from(out);
}

// b2a_qp(data, quotetabs=False, istext=True, header=False)
Result<Ref<Object>> b2a_qp(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("b2a_qp", "data | quotetabs istext header");
  Object* a[4];
  TRY(kParser.parse(args, nargs, kwnames, a));
  ByteView view = TRY(byte_view(a[0]));
  bool quotetabs = TRY(bool_argument(a[1], false));
  bool istext = TRY(bool_argument(a[2], true));
  bool header = TRY(bool_argument(a[3], false));
  std::string_view data = view.view();
  size_t n = data.size();
  size_t first_newline = data.find('\n');
  bool crlf = first_newline != std::string_view::npos && first_newline > 0 &&
              data[first_newline - 1] == '\r';
  auto line_break = [crlf](std::string& out) {
    if (crlf) out += '\r';
    out += '\n';
  };
  std::string out;
  out.reserve(n + n / 8);
  size_t linelen = 0;
  size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(data[i]);
    bool at_end = i + 1 == n;
    unsigned char next = at_end ? 0 : static_cast<unsigned char>(data[i + 1]);
    bool must_escape =
        c > 126 || c == '=' || (header && c == '_') ||
        (c == '.' && linelen == 0 && (at_end || next == '\n' || next == '\r' || next == 0)) ||
        (!istext && (c == '\r' || c == '\n')) || ((c == '\t' || c == ' ') && at_end) ||
        (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')));
    if (must_escape) {
      if (linelen + 3 >= kMaxLineSize) {
        out += '=';
        line_break(out);
        linelen = 0;
      }
      append_escape(out, c);
      ++i;
      linelen += 3;
      continue;
    }
    if (istext && (c == '\n' || (!at_end && c == '\r' && next == '\n'))) {
      linelen = 0;
      // Whitespace just before a line end must be encoded.
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
        unsigned char last = static_cast<unsigned char>(out.back());
        out.pop_back();
        append_escape(out, last);
      }
      line_break(out);
      i += c == '\r' ? 2 : 1;
      continue;
    }
    if (!at_end && next != '\n' && linelen + 1 >= kMaxLineSize) {
      out += '=';
      line_break(out);
      linelen = 0;
    }
    ++linelen;
    out += header && c == ' ' ? '_' : static_cast<char>(c);
    ++i;
  }
  return bytes_from(out);
}

}  // namespace weft::binascii_module
