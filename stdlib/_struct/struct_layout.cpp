// stdlib/_struct/struct_layout.cpp — compiling struct formats and converting single values
// (CPython 3.14's Modules/_struct.c behaviour and messages).
//
// A format compiles to a Layout: runs of fields with their offsets. Two codec tables describe
// the format characters: the native one ('@': the C compiler's sizes and alignments on this
// x86-64/aarch64 LP64 platform, native byte order) and the standard one ('=', '<', '>', '!':
// fixed sizes, no alignment; 'n', 'N' and 'P' do not exist there). Every codec converts with
// the byte order passed at run time, so one table serves both orders.
//
// Integers are range-checked with CPython's uniform message "'h' format requires -32768 <=
// number <= 32767"; objects that are not ints are converted through __index__, else
// "required argument is not an integer". Half floats ('e') round to nearest-even with the
// overflow rules of PyFloat_Pack2. No state: everything here is safe from any thread.
#include "stdlib/_struct/struct_layout.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include <gmp.h>

#include "objects/abstract.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/complex.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft::struct_module {

Type* g_struct_error = nullptr;

using PackFn = Status (*)(const Codec& c, Object* v, char* out, bool little);
using UnpackFn = Result<Ref<Object>> (*)(const Codec& c, const char* in, bool little);

struct Codec {
  char code;
  int64_t size;
  int64_t align;
  PackFn pack;
  UnpackFn unpack;
};

namespace {

constexpr bool kHostLittle = std::endian::native == std::endian::little;

// ---- raw byte order ---------------------------------------------------------------------------

void store_uint(uint64_t v, char* out, int64_t size, bool little) {
  for (int64_t i = 0; i < size; ++i) {
    int64_t at = little ? i : size - 1 - i;
    out[at] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
}

uint64_t load_uint(const char* in, int64_t size, bool little) {
  uint64_t v = 0;
  for (int64_t i = 0; i < size; ++i) {
    int64_t at = little ? size - 1 - i : i;
    v = (v << 8) | static_cast<unsigned char>(in[at]);
  }
  return v;
}

// ---- integers ---------------------------------------------------------------------------------

bool is_signed_code(char code) { return code >= 'a' && code <= 'z' && code != 'p'; }

Error raise_struct(const char* message) { return raise(g_struct_error, "{}", message); }

// The int value of `v`: itself, or __index__'s result.
Result<Ref<Object>> integer_argument(Object* v) {
  if (is_int(v)) return new_ref(v);
  if (v->ob_type->number.index) return number_index(v);
  return raise_struct("required argument is not an integer");
}

// The format character as text for messages (a char would format as its number).
std::string_view code_text(const char& code) { return std::string_view(&code, 1); }

Error raise_int_range(const Codec& c) {
  int bits = static_cast<int>(c.size * 8);
  if (is_signed_code(c.code)) {
    int64_t hi = bits == 64 ? std::numeric_limits<int64_t>::max() : (int64_t{1} << (bits - 1)) - 1;
    return raise(g_struct_error, "'{}' format requires {} <= number <= {}", code_text(c.code),
                 -hi - 1, hi);
  }
  uint64_t hi = bits == 64 ? std::numeric_limits<uint64_t>::max() : (uint64_t{1} << bits) - 1;
  return raise(g_struct_error, "'{}' format requires 0 <= number <= {}", code_text(c.code), hi);
}

// Reads `o` as a 64-bit two's complement pattern: true when it lies in [-2**63, 2**64).
bool int_to_bits64(Object* o, uint64_t* out, bool* negative) {
  int64_t small;
  if (int_to_i64(o, &small)) {
    *out = static_cast<uint64_t>(small);
    *negative = small < 0;
    return true;
  }
  if (int_sign(o) < 0 || int_bit_length(o) > 64) return false;
  mpz_t z;
  mpz_init(z);
  int_to_mpz(o, z);
  *out = static_cast<uint64_t>(mpz_get_ui(z));  // unsigned long is 64 bits on LP64
  mpz_clear(z);
  *negative = false;
  return true;
}

Status pack_int(const Codec& c, Object* v, char* out, bool little) {
  Ref<Object> n = TRY(integer_argument(v));
  uint64_t bits;
  bool negative;
  bool fits = int_to_bits64(n.get(), &bits, &negative);
  if (c.code == 'P') {
    if (!fits) return raise_struct("int too large to convert");
  } else {
    int width = static_cast<int>(c.size * 8);
    if (!fits) return raise_int_range(c);
    if (is_signed_code(c.code)) {
      if (!negative && bits > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return raise_int_range(c);
      int64_t s = static_cast<int64_t>(bits);
      if (width < 64 && (s < -(int64_t{1} << (width - 1)) || s >= (int64_t{1} << (width - 1))))
        return raise_int_range(c);
    } else {
      if (negative || (width < 64 && bits >> width)) return raise_int_range(c);
    }
  }
  store_uint(bits, out, c.size, little);
  return ok();
}

Result<Ref<Object>> unpack_int(const Codec& c, const char* in, bool little) {
  uint64_t bits = load_uint(in, c.size, little);
  if (!is_signed_code(c.code)) return int_from_u64(bits);
  int width = static_cast<int>(c.size * 8);
  if (width < 64 && (bits >> (width - 1)) & 1) bits |= ~uint64_t{0} << width;  // sign-extend
  return int_from_i64(static_cast<int64_t>(bits));
}

// ---- bool, char, pad, strings ---------------------------------------------------------------

Status pack_bool(const Codec&, Object* v, char* out, bool) {
  *out = TRY(object_is_true(v)) ? 1 : 0;
  return ok();
}

Result<Ref<Object>> unpack_bool(const Codec&, const char* in, bool) { return new_bool(*in != 0); }

// The bytes of a bytes or bytearray argument (copied for bytearray, which may change size).
bool bytes_argument(Object* v, std::string* out) {
  if (is_bytes(v)) {
    std::string_view view = bytes_view(v);
    out->assign(view.data(), view.size());
    return true;
  }
  if (is_bytearray(v)) {
    std::string_view view = bytearray_export(v);
    out->assign(view.data(), view.size());
    bytearray_unexport(v);
    return true;
  }
  return false;
}

Status pack_char(const Codec&, Object* v, char* out, bool) {
  if (!is_bytes(v) || bytes_size(v) != 1)
    return raise_struct("char format requires a bytes object of length 1");
  *out = bytes_view(v)[0];
  return ok();
}

Result<Ref<Object>> unpack_char(const Codec&, const char* in, bool) {
  return bytes_from(std::string_view(in, 1));
}

// 's' and 'p' are packed by pack_values itself (their length is the field's); these entries
// only give the codec its size and alignment.
Status pack_unused(const Codec&, Object*, char*, bool) { return ok(); }
Result<Ref<Object>> unpack_unused(const Codec&, const char*, bool) { return new_none(); }

// ---- floats -----------------------------------------------------------------------------------

Result<double> float_argument(Object* v, const char* message) {
  // Like CPython, any failure of the conversion (TypeError, OverflowError) becomes this error.
  Result<double> d = float_as_double(v);
  if (d.is_error()) {
    clear_error();
    return raise_struct(message);
  }
  return d;
}

// IEEE 754 binary16 bits of `x`, rounded to nearest-even; false when it overflows.
bool half_bits(double x, uint16_t* out) {
  uint16_t sign = std::signbit(x) ? 0x8000 : 0;
  if (std::isnan(x)) {
    *out = sign | 0x7e00;
    return true;
  }
  if (std::isinf(x)) {
    *out = sign | 0x7c00;
    return true;
  }
  double ax = std::fabs(x);
  if (ax == 0.0) {
    *out = sign;
    return true;
  }
  int e;
  double f = std::frexp(ax, &e) * 2.0;  // ax = f * 2**e with f in [1, 2)
  e -= 1;
  if (e >= 16) return false;
  if (e < -25) {
    f = 0.0;  // below half the smallest subnormal: rounds to zero
    e = 0;
  } else if (e < -14) {
    f = std::ldexp(f, 14 + e);  // subnormal: the value in units of 2**-14, in [0, 1)
    e = 0;
  } else {
    e += 15;
    f -= 1.0;  // drop the implicit leading bit
  }
  double scaled = f * 1024.0;
  uint32_t bits = static_cast<uint32_t>(scaled);
  double rest = scaled - bits;
  if (rest > 0.5 || (rest == 0.5 && (bits & 1))) {
    if (++bits == 1024) {
      bits = 0;
      if (++e == 31) return false;
    }
  }
  *out = static_cast<uint16_t>(sign | (e << 10) | bits);
  return true;
}

double half_value(uint16_t h) {
  bool negative = h & 0x8000;
  int e = (h >> 10) & 0x1f;
  unsigned f = h & 0x3ff;
  double x;
  if (e == 0x1f) x = f ? std::numeric_limits<double>::quiet_NaN() : HUGE_VAL;
  else if (e == 0) x = std::ldexp(static_cast<double>(f), -24);
  else x = std::ldexp(static_cast<double>(f + 1024), e - 25);
  return negative ? -x : x;
}

Status pack_half(const Codec&, Object* v, char* out, bool little) {
  double x = TRY(float_argument(v, "required argument is not a float"));
  uint16_t bits;
  if (!half_bits(x, &bits))
    return raise(exc::OverflowError, "float too large to pack with e format");
  store_uint(bits, out, 2, little);
  return ok();
}

Result<Ref<Object>> unpack_half(const Codec&, const char* in, bool little) {
  return float_from_double(half_value(static_cast<uint16_t>(load_uint(in, 2, little))));
}

Status store_float(double x, char* out, bool little) {
  float f = static_cast<float>(x);
  if (std::isinf(f) && !std::isinf(x))
    return raise(exc::OverflowError, "float too large to pack with f format");
  store_uint(std::bit_cast<uint32_t>(f), out, 4, little);
  return ok();
}

void store_double(double x, char* out, bool little) {
  store_uint(std::bit_cast<uint64_t>(x), out, 8, little);
}

double load_float(const char* in, bool little) {
  return std::bit_cast<float>(static_cast<uint32_t>(load_uint(in, 4, little)));
}

double load_double(const char* in, bool little) {
  return std::bit_cast<double>(load_uint(in, 8, little));
}

Status pack_float(const Codec&, Object* v, char* out, bool little) {
  return store_float(TRY(float_argument(v, "required argument is not a float")), out, little);
}

Result<Ref<Object>> unpack_float(const Codec&, const char* in, bool little) {
  return float_from_double(load_float(in, little));
}

Status pack_double(const Codec&, Object* v, char* out, bool little) {
  store_double(TRY(float_argument(v, "required argument is not a float")), out, little);
  return ok();
}

Result<Ref<Object>> unpack_double(const Codec&, const char* in, bool little) {
  return float_from_double(load_double(in, little));
}

// A complex argument: a complex, __complex__'s result, or a real number with no imaginary part.
Status complex_argument(Object* v, double* re, double* im) {
  if (is_complex(v)) {
    *re = static_cast<ComplexObject*>(v)->real;
    *im = static_cast<ComplexObject*>(v)->imag;
    return ok();
  }
  Ref<Object> method;
  static Object* const dunder = str_intern("__complex__");
  if (TRY(lookup_special(v, dunder, &method))) {
    Ref<Object> c = TRY(call_noargs(method.get()));
    if (!is_complex(c.get())) return raise_struct("required argument is not a complex");
    return complex_argument(c.get(), re, im);
  }
  *re = TRY(float_argument(v, "required argument is not a complex"));
  *im = 0.0;
  return ok();
}

Status pack_complex_float(const Codec&, Object* v, char* out, bool little) {
  double re, im;
  TRY(complex_argument(v, &re, &im));
  TRY(store_float(re, out, little));
  return store_float(im, out + 4, little);
}

Result<Ref<Object>> unpack_complex_float(const Codec&, const char* in, bool little) {
  return complex_from_doubles(load_float(in, little), load_float(in + 4, little));
}

Status pack_complex_double(const Codec&, Object* v, char* out, bool little) {
  double re, im;
  TRY(complex_argument(v, &re, &im));
  store_double(re, out, little);
  store_double(im, out + 8, little);
  return ok();
}

Result<Ref<Object>> unpack_complex_double(const Codec&, const char* in, bool little) {
  return complex_from_doubles(load_double(in, little), load_double(in + 8, little));
}

// ---- the tables -------------------------------------------------------------------------------

#define WEFT_INT_CODEC(ch, type) {ch, sizeof(type), alignof(type), pack_int, unpack_int}

const Codec kNativeCodecs[] = {
    {'x', 1, 1, pack_unused, unpack_unused},
    WEFT_INT_CODEC('b', signed char), WEFT_INT_CODEC('B', unsigned char),
    {'c', 1, 1, pack_char, unpack_char},
    {'s', 1, 1, pack_unused, unpack_unused},
    {'p', 1, 1, pack_unused, unpack_unused},
    WEFT_INT_CODEC('h', short), WEFT_INT_CODEC('H', unsigned short),
    WEFT_INT_CODEC('i', int), WEFT_INT_CODEC('I', unsigned int),
    WEFT_INT_CODEC('l', long), WEFT_INT_CODEC('L', unsigned long),
    WEFT_INT_CODEC('n', ssize_t), WEFT_INT_CODEC('N', size_t),
    WEFT_INT_CODEC('q', long long), WEFT_INT_CODEC('Q', unsigned long long),
    {'?', sizeof(bool), alignof(bool), pack_bool, unpack_bool},
    {'e', 2, 2, pack_half, unpack_half},
    {'f', sizeof(float), alignof(float), pack_float, unpack_float},
    {'d', sizeof(double), alignof(double), pack_double, unpack_double},
    {'F', 2 * sizeof(float), alignof(float), pack_complex_float, unpack_complex_float},
    {'D', 2 * sizeof(double), alignof(double), pack_complex_double, unpack_complex_double},
    WEFT_INT_CODEC('P', void*),
};
#undef WEFT_INT_CODEC

const Codec kStandardCodecs[] = {
    {'x', 1, 1, pack_unused, unpack_unused},
    {'b', 1, 1, pack_int, unpack_int}, {'B', 1, 1, pack_int, unpack_int},
    {'c', 1, 1, pack_char, unpack_char},
    {'s', 1, 1, pack_unused, unpack_unused},
    {'p', 1, 1, pack_unused, unpack_unused},
    {'h', 2, 1, pack_int, unpack_int}, {'H', 2, 1, pack_int, unpack_int},
    {'i', 4, 1, pack_int, unpack_int}, {'I', 4, 1, pack_int, unpack_int},
    {'l', 4, 1, pack_int, unpack_int}, {'L', 4, 1, pack_int, unpack_int},
    {'q', 8, 1, pack_int, unpack_int}, {'Q', 8, 1, pack_int, unpack_int},
    {'?', 1, 1, pack_bool, unpack_bool},
    {'e', 2, 1, pack_half, unpack_half},
    {'f', 4, 1, pack_float, unpack_float},
    {'d', 8, 1, pack_double, unpack_double},
    {'F', 8, 1, pack_complex_float, unpack_complex_float},
    {'D', 16, 1, pack_complex_double, unpack_complex_double},
};

template <size_t N>
const Codec* find_codec(const Codec (&table)[N], char code) {
  for (const Codec& c : table)
    if (c.code == code) return &c;
  return nullptr;
}

bool is_format_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

Error raise_size_too_long() { return raise_struct("total struct size too long"); }

constexpr int64_t kMaxSize = std::numeric_limits<int64_t>::max();

}  // namespace

Status compile_layout(std::string_view format, Layout* out) {
  if (format.find('\0') != std::string_view::npos) return raise_struct("embedded null character");
  size_t i = 0;
  bool native = true;
  bool little = kHostLittle;
  if (!format.empty()) {
    switch (format[0]) {
      case '@': ++i; break;
      case '=': ++i, native = false; break;
      case '<': ++i, native = false, little = true; break;
      case '>': case '!': ++i, native = false, little = false; break;
      default: break;
    }
  }
  Layout layout;
  layout.little_endian = little;
  int64_t size = 0;
  while (i < format.size()) {
    char ch = format[i];
    if (is_format_space(ch)) {
      ++i;
      continue;
    }
    int64_t count = 1;
    if (ch >= '0' && ch <= '9') {
      count = 0;
      while (i < format.size() && format[i] >= '0' && format[i] <= '9') {
        if (count > (kMaxSize - 9) / 10) return raise_size_too_long();
        count = count * 10 + (format[i] - '0');
        ++i;
      }
      if (i == format.size()) return raise_struct("repeat count given without format specifier");
      ch = format[i];
    }
    ++i;
    const Codec* codec = native ? find_codec(kNativeCodecs, ch) : find_codec(kStandardCodecs, ch);
    if (!codec) return raise_struct("bad char in struct format");
    if (codec->align > 1) {
      int64_t aligned = (size + codec->align - 1) / codec->align * codec->align;
      if (aligned < size) return raise_size_too_long();
      size = aligned;
    }
    if (ch == 's' || ch == 'p') {
      if (count > kMaxSize - size) return raise_size_too_long();
      layout.fields.push_back(Field{codec, size, count, 1});
      layout.nvalues += 1;
      size += count;
      continue;
    }
    if (count > (kMaxSize - size) / codec->size) return raise_size_too_long();
    if (ch != 'x' && count > 0) {
      layout.fields.push_back(Field{codec, size, codec->size, count});
      layout.nvalues += count;
    }
    size += count * codec->size;
  }
  layout.size = size;
  *out = std::move(layout);
  return ok();
}

Status pack_values(const Layout& layout, Object* const* args, char* buffer) {
  size_t next = 0;
  for (const Field& f : layout.fields) {
    char code = f.codec->code;
    if (code == 's' || code == 'p') {
      std::string data;
      if (!bytes_argument(args[next++], &data)) {
        return raise(g_struct_error, "argument for '{}' must be a bytes object",
                     code_text(f.codec->code));
      }
      char* out = buffer + f.offset;
      if (code == 's') {
        memcpy(out, data.data(), std::min<size_t>(data.size(), static_cast<size_t>(f.length)));
        continue;
      }
      if (f.length == 0) continue;
      // Pascal string: a length byte (at most 255) then up to length-1 bytes of data.
      size_t n = std::min<size_t>(data.size(), static_cast<size_t>(f.length - 1));
      memcpy(out + 1, data.data(), n);
      *out = static_cast<char>(std::min<size_t>(n, 255));
      continue;
    }
    for (int64_t k = 0; k < f.repeat; ++k)
      TRY(f.codec->pack(*f.codec, args[next++], buffer + f.offset + k * f.length,
                        layout.little_endian));
  }
  return ok();
}

Result<Ref<Object>> unpack_values(const Layout& layout, const char* data) {
  Ref<Object> out = TRY(tuple_new(layout.nvalues));
  int64_t next = 0;
  for (const Field& f : layout.fields) {
    const char* in = data + f.offset;
    char code = f.codec->code;
    if (code == 's') {
      tuple_init_item(out.get(), next++, TRY(bytes_from(std::string_view(in, f.length))));
      continue;
    }
    if (code == 'p') {
      int64_t n = f.length == 0 ? 0
                                : std::min<int64_t>(static_cast<unsigned char>(*in), f.length - 1);
      tuple_init_item(out.get(), next++, TRY(bytes_from(std::string_view(in + 1, n))));
      continue;
    }
    for (int64_t k = 0; k < f.repeat; ++k)
      tuple_init_item(out.get(), next++,
                      TRY(f.codec->unpack(*f.codec, in + k * f.length, layout.little_endian)));
  }
  return out;
}

}  // namespace weft::struct_module
