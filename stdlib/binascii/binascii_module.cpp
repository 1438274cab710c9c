// stdlib/binascii/binascii_module.cpp — `binascii`: hex, base64 and uuencode conversions and
// the crc32 / crc_hqx checksums (CPython 3.14's Modules/binascii.c behaviour and messages);
// quoted-printable lives in binascii_qp.cpp.
//
// Inputs: the a2b_* functions take bytes-like objects or ASCII-only str (CPython's
// ascii_buffer_converter); the b2a_* functions and the checksums take bytes-like objects only.
// Every function works on a private copy or a ByteView of its input and keeps no state, so all of
// them are safe from any thread. binascii.Error and binascii.Incomplete are made at start-up.
#include "stdlib/binascii/binascii.h"

#include <array>
#include <string>

#include <gmp.h>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/exception_class.h"
#include "vm/module_table.h"

namespace weft::binascii_module {

Type* g_binascii_error = nullptr;
Type* g_binascii_incomplete = nullptr;

Status ascii_data(Object* arg, std::string* out) {
  if (is_str(arg)) {
    if (!str_is_ascii(arg))
      return raise(exc::ValueError, "string argument should contain only ASCII characters");
    std::string_view text = TRY(str_utf8(arg));
    out->assign(text.data(), text.size());
    return ok();
  }
  if (!exports_buffer(arg))
    return raise(exc::TypeError, "argument should be bytes, buffer or ASCII string, not '{}'",
                 type_name_of(arg));
  ByteView view = TRY(byte_view(arg));
  out->assign(view.data(), view.size());
  return ok();
}

Result<int64_t> bool_argument(Object* arg, bool dflt) {
  if (!arg) return dflt;
  return TRY(object_is_true(arg)) ? 1 : 0;
}

namespace {

Error raise_error(const char* message) { return raise(g_binascii_error, "{}", message); }

// ---- hex ---------------------------------------------------------------------------------------

constexpr char kHexDigits[] = "0123456789abcdef";

// hexlify(data, sep=<none>, bytes_per_sep=1): `sep` goes between groups of |bytes_per_sep|
// bytes, counted from the right when bytes_per_sep > 0 and from the left when it is negative.
Result<Ref<Object>> hexlify_impl(const char* fname, Object* const* args, size_t nargs,
                                 Object* kwnames) {
  static const ArgParser kHexlify("hexlify", "data | sep bytes_per_sep");
  static const ArgParser kB2aHex("b2a_hex", "data | sep bytes_per_sep");
  const ArgParser& parser = fname[0] == 'h' ? kHexlify : kB2aHex;
  Object* a[3];
  TRY(parser.parse(args, nargs, kwnames, a));
  ByteView data = TRY(byte_view(a[0]));
  char sep = 0;
  if (a[1]) {
    if (is_str(a[1])) {
      if (str_length(a[1]) != 1) return raise(exc::ValueError, "sep must be length 1.");
      // Unlike bytes.hex(), binascii takes any one-byte (Latin-1) character as the separator.
      if (str_char_at(a[1], 0) > 0xff) return raise(exc::ValueError, "sep must be ASCII.");
      sep = static_cast<char>(str_char_at(a[1], 0));
    } else {
      ByteView view = TRY(byte_view(a[1]));
      if (view.size() != 1) return raise(exc::ValueError, "sep must be length 1.");
      sep = view.data()[0];
    }
  }
  int64_t group = a[2] ? TRY(index_as_i64(a[2])) : 1;
  size_t n = data.size();
  size_t width = group < 0 ? static_cast<size_t>(-group) : static_cast<size_t>(group);
  bool separate = a[1] && group != 0 && n > 0;
  size_t nseps = separate ? (n - 1) / width : 0;
  Ref<Object> out = TRY(bytes_new_uninitialized(static_cast<int64_t>(2 * n + nseps)));
  char* p = bytes_mutable_data(out.get());
  // With groups counted from the right, the first group holds the remainder.
  size_t first = separate ? (group > 0 ? (n - 1) % width + 1 : width) : n;
  size_t in_group = 0;
  for (size_t i = 0; i < n; ++i) {
    if (separate && i > 0 && in_group == (i <= first ? first : width)) {
      *p++ = sep;
      in_group = 0;
    }
    unsigned char c = static_cast<unsigned char>(data.data()[i]);
    *p++ = kHexDigits[c >> 4];
    *p++ = kHexDigits[c & 0xf];
    ++in_group;
  }
  return out;
}

Result<Ref<Object>> hexlify(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  return hexlify_impl("hexlify", args, nargs, kwnames);
}

Result<Ref<Object>> b2a_hex(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  return hexlify_impl("b2a_hex", args, nargs, kwnames);
}

int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<Ref<Object>> unhexlify(Object*, Object* const* args, size_t, Object*) {
  std::string text;
  TRY(ascii_data(args[0], &text));
  if (text.size() % 2) return raise_error("Odd-length string");
  Ref<Object> out = TRY(bytes_new_uninitialized(static_cast<int64_t>(text.size() / 2)));
  char* p = bytes_mutable_data(out.get());
  for (size_t i = 0; i < text.size(); i += 2) {
    int hi = hex_value(static_cast<unsigned char>(text[i]));
    int lo = hex_value(static_cast<unsigned char>(text[i + 1]));
    if (hi < 0 || lo < 0) return raise_error("Non-hexadecimal digit found");
    *p++ = static_cast<char>(hi << 4 | lo);
  }
  return out;
}

// ---- base64 ------------------------------------------------------------------------------------

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> make_base64_table() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i)
    t[static_cast<unsigned char>(kBase64Alphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr std::array<int8_t, 256> kBase64Values = make_base64_table();

// a2b_base64(data, /, *, strict_mode=False)
Result<Ref<Object>> a2b_base64(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("a2b_base64", "data / * | strict_mode");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  bool strict = TRY(bool_argument(a[1], false));
  std::string text;
  TRY(ascii_data(a[0], &text));
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  if (strict && !text.empty() && text[0] == '=') return raise_error("Leading padding not allowed");
  int quad_pos = 0;
  unsigned left = 0;
  int pads = 0;
  bool padding_started = false;
  int64_t data_chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '=') {
      padding_started = true;
      if (quad_pos >= 2 && quad_pos + ++pads >= 4) {
        // A complete quad: stop here (strict mode insists nothing follows).
        if (strict && i + 1 < text.size()) return raise_error("Excess data after padding");
        return bytes_from(out);
      }
      continue;
    }
    int v = kBase64Values[c];
    if (v < 0) {
      if (strict) return raise_error("Only base64 data is allowed");
      continue;
    }
    if (strict && padding_started) return raise_error("Discontinuous padding not allowed");
    pads = 0;
    ++data_chars;
    switch (quad_pos) {
      case 0: quad_pos = 1; left = static_cast<unsigned>(v); break;
      case 1: quad_pos = 2; out += static_cast<char>(left << 2 | v >> 4); left = v & 0xf; break;
      case 2: quad_pos = 3; out += static_cast<char>(left << 4 | v >> 2); left = v & 0x3; break;
      default: quad_pos = 0; out += static_cast<char>(left << 6 | v); left = 0; break;
    }
  }
  if (quad_pos == 1)
    return raise(g_binascii_error,
                 "Invalid base64-encoded string: number of data characters ({}) cannot be 1 "
                 "more than a multiple of 4",
                 data_chars);
  if (quad_pos != 0) return raise_error("Incorrect padding");
  return bytes_from(out);
}

// b2a_base64(data, /, *, newline=True)
Result<Ref<Object>> b2a_base64(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("b2a_base64", "data / * | newline");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  bool newline = TRY(bool_argument(a[1], true));
  ByteView data = TRY(byte_view(a[0]));
  size_t n = data.size();
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  Ref<Object> out = TRY(bytes_new_uninitialized(static_cast<int64_t>((n + 2) / 3 * 4 + newline)));
  char* p = bytes_mutable_data(out.get());
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    unsigned v = in[i] << 16 | in[i + 1] << 8 | in[i + 2];
    *p++ = kBase64Alphabet[v >> 18];
    *p++ = kBase64Alphabet[(v >> 12) & 63];
    *p++ = kBase64Alphabet[(v >> 6) & 63];
    *p++ = kBase64Alphabet[v & 63];
  }
  if (n - i == 1) {
    *p++ = kBase64Alphabet[in[i] >> 2];
    *p++ = kBase64Alphabet[(in[i] & 3) << 4];
    *p++ = '=';
    *p++ = '=';
  } else if (n - i == 2) {
    *p++ = kBase64Alphabet[in[i] >> 2];
    *p++ = kBase64Alphabet[(in[i] & 3) << 4 | in[i + 1] >> 4];
    *p++ = kBase64Alphabet[(in[i + 1] & 0xf) << 2];
    *p++ = '=';
  }
  if (newline) *p++ = '\n';
  return out;
}

// ---- uuencode ----------------------------------------------------------------------------------

Result<Ref<Object>> a2b_uu(Object*, Object* const* args, size_t, Object*) {
  std::string text;
  TRY(ascii_data(args[0], &text));
  // The first character encodes the line's byte count; an empty line counts as 32 zero bytes.
  size_t pos = 0;
  int64_t count = text.empty() ? 32 : ((static_cast<unsigned char>(text[pos++]) - ' ') & 077);
  std::string out;
  out.reserve(static_cast<size_t>(count));
  unsigned left = 0;
  int bits = 0;
  while (static_cast<int64_t>(out.size()) < count) {
    // A line end, or the end of the data, reads as zeros: trailing spaces may have been eaten.
    unsigned value = 0;
    if (pos < text.size()) {
      unsigned char c = static_cast<unsigned char>(text[pos++]);
      if (c != '\n' && c != '\r') {
        // '`' (' ' + 64) stands for zero in some encoders.
        if (c < ' ' || c > ' ' + 64) return raise_error("Illegal char");
        value = (c - ' ') & 077;
      }
    }
    left = (left << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((left >> bits) & 0xff);
      left &= (1u << bits) - 1;
    }
  }
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c != ' ' && c != ' ' + 64 && c != '\n' && c != '\r') return raise_error("Trailing garbage");
  }
  return bytes_from(out);
}

// b2a_uu(data, /, *, backtick=False)
Result<Ref<Object>> b2a_uu(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("b2a_uu", "data / * | backtick");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  bool backtick = TRY(bool_argument(a[1], false));
  ByteView data = TRY(byte_view(a[0]));
  size_t n = data.size();
  if (n > 45) return raise_error("At most 45 bytes at once");
  auto encode = [backtick](unsigned v) {
    return static_cast<char>(backtick && v == 0 ? '`' : ' ' + v);
  };
  std::string out;
  out += encode(static_cast<unsigned>(n));
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = in[i] << 16 | (i + 1 < n ? in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
    for (int shift = 18; shift >= 0; shift -= 6) out += encode((v >> shift) & 63);
  }
  out += '\n';
  return bytes_from(out);
}

// ---- checksums ---------------------------------------------------------------------------------

// The low 32 bits of an int argument (CPython's unsigned_int(bitwise=True) converter).
Result<uint32_t> low_32_bits(Object* arg) {
  Ref<Object> n = TRY(number_index(arg));
  int64_t small;
  if (int_to_i64(n.get(), &small)) return static_cast<uint32_t>(small);
  mpz_t z;
  mpz_init(z);
  int_to_mpz(n.get(), z);
  mpz_fdiv_r_2exp(z, z, 32);
  uint32_t v = static_cast<uint32_t>(mpz_get_ui(z));
  mpz_clear(z);
  return v;
}

constexpr std::array<uint32_t, 256> make_crc32_table() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}
constexpr std::array<uint32_t, 256> kCrc32Table = make_crc32_table();

constexpr std::array<uint16_t, 256> make_crc_hqx_table() {
  std::array<uint16_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i << 8;
    for (int k = 0; k < 8; ++k) c = (c & 0x8000) ? (c << 1) ^ 0x1021 : c << 1;
    t[i] = static_cast<uint16_t>(c);
  }
  return t;
}
constexpr std::array<uint16_t, 256> kCrcHqxTable = make_crc_hqx_table();

Result<Ref<Object>> crc32(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("crc32", nargs, kwnames, 1, 2));
  ByteView data = TRY(byte_view(args[0]));
  uint32_t crc = nargs > 1 ? TRY(low_32_bits(args[1])) : 0;
  crc = ~crc;
  for (unsigned char c : data.view()) crc = kCrc32Table[(crc ^ c) & 0xff] ^ (crc >> 8);
  return int_from_u64(~crc);
}

Result<Ref<Object>> crc_hqx(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("crc_hqx", nargs, kwnames, 2, 2));
  ByteView data = TRY(byte_view(args[0]));
  uint32_t crc = TRY(low_32_bits(args[1])) & 0xffff;
  for (unsigned char c : data.view())
    crc = ((crc << 8) & 0xff00) ^ kCrcHqxTable[((crc >> 8) & 0xff) ^ c];
  return int_from_u64(crc);
}

// ---- the module --------------------------------------------------------------------------------

const MethodDef kBinasciiFunctions[] = {
    {"a2b_uu", a2b_uu, kMethOneArg, "Decode a line of uuencoded data."},
    {"b2a_uu", b2a_uu, kMethFastcall, "Uuencode line of data."},
    {"a2b_base64", a2b_base64, kMethFastcall,
     "Decode a line of base64 data.\n\n  strict_mode\n    Conform to RFC 4648 and only allow "
     "base64 data."},
    {"b2a_base64", b2a_base64, kMethFastcall, "Base64-code line of data."},
    {"a2b_hex", unhexlify, kMethOneArg,
     "Binary data of hexadecimal representation.\n\nhexstr must contain an even number of hex "
     "digits (upper or lower case).\nThis function is also available as \"unhexlify()\"."},
    {"b2a_hex", b2a_hex, kMethFastcall,
     "Hexadecimal representation of binary data.\n\n  sep\n    An optional single character or "
     "byte to separate hex bytes.\n  bytes_per_sep\n    How many bytes between separators.  "
     "Positive values count from the\n    right, negative values count from the left.\n\nThe "
     "return value is a bytes object.  This function is also\navailable as \"hexlify()\"."},
    {"hexlify", hexlify, kMethFastcall,
     "Hexadecimal representation of binary data.\n\nThe return value is a bytes object.  This "
     "function is also\navailable as \"b2a_hex()\"."},
    {"unhexlify", unhexlify, kMethOneArg,
     "Binary data of hexadecimal representation.\n\nhexstr must contain an even number of hex "
     "digits (upper or lower case)."},
    {"crc_hqx", crc_hqx, kMethFastcall, "Compute CRC-CCITT incrementally."},
    {"crc32", crc32, kMethFastcall, "Compute CRC-32 incrementally."},
    {"a2b_qp", a2b_qp, kMethFastcall, "Decode a string of qp-encoded data."},
    {"b2a_qp", b2a_qp, kMethFastcall,
     "Encode a string using quoted-printable encoding.\n\nOn encoding, when istext is set, "
     "newlines are not encoded, and white\nspace at end of lines is.  When istext is not set, "
     "\\r and \\n (CR/LF)\nare both encoded.  When quotetabs is set, space and tabs are encoded."},
    {nullptr, nullptr, 0, nullptr},
};

Status create_binascii_exceptions() {
  g_binascii_error = TRY(new_exception_class("binascii", "Error", exc::ValueError));
  g_binascii_incomplete = TRY(new_exception_class("binascii", "Incomplete", exc::Exception));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseObjects, create_binascii_exceptions);

Result<Ref<Object>> create_binascii_module() {
  Ref<Object> m = TRY(module_new("binascii"));
  Object* dict = module_dict(m.get());
  Ref<Object> doc = TRY(str_from_ascii("Conversion between binary data and ASCII"));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  Ref<Object> name = TRY(str_from_ascii("binascii"));
  TRY(add_functions_to_dict(dict, kBinasciiFunctions, m.get(), name.get()));
  TRY(dict_set_item_str(dict, "Error", reinterpret_cast<Object*>(g_binascii_error)));
  TRY(dict_set_item_str(dict, "Incomplete", reinterpret_cast<Object*>(g_binascii_incomplete)));
  return m;
}

WEFT_NATIVE_MODULE("binascii", create_binascii_module);

}  // namespace
}  // namespace weft::binascii_module
