// stdlib/array/array_items.cpp — the typecodes of `array`: item sizes (LP64 Linux: 'l' and 'L'
// are 8 bytes, 'u' is a 4-byte wchar_t), the conversions between items and Python objects with
// CPython 3.14's range checks and messages (which differ per typecode because CPython parses
// each through a different getargs format), and the machine formats _array_reconstructor uses
// to unpickle arrays written on other platforms.
//
// Stateless: every table here is immutable.
#include <cstring>
#include <string>

#include <gmp.h>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "stdlib/array/array_internal.h"

namespace weft::array_module {

namespace {

template <class T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

template <class T>
void store(ItemBytes* out, T v) {
  std::memcpy(out->bytes, &v, sizeof(T));
}

template <class T>
Result<Ref<Object>> get_signed(const char* p) {
  return int_from_i64(load<T>(p));
}
template <class T>
Result<Ref<Object>> get_unsigned(const char* p) {
  return int_from_u64(load<T>(p));
}
template <class T>
Result<Ref<Object>> get_float(const char* p) {
  return float_from_double(static_cast<double>(load<T>(p)));
}
Result<Ref<Object>> get_unicode(const char* p) { return str_from_code_point(load<uint32_t>(p)); }

// PyLong_AsLong after __index__: the value, or OverflowError with `too_big`.
Result<int64_t> index_as_long(Object* v, const char* too_big) {
  Ref<Object> n = TRY(number_index(v));
  int64_t out;
  if (!int_to_i64(n.get(), &out)) return raise(exc::OverflowError, "{}", too_big);
  return out;
}

constexpr const char kLongTooBig[] = "Python int too large to convert to C long";

Status check_range(int64_t x, int64_t lo, int64_t hi, const char* what) {
  if (x < lo) return raise(exc::OverflowError, "{} is less than minimum", what);
  if (x > hi) return raise(exc::OverflowError, "{} is greater than maximum", what);
  return ok();
}

// A C short, then `extra` narrower range: 'h' and 'b' are parsed as shorts by CPython.
Status set_b(Object* v, ItemBytes* out) {
  int64_t x = TRY(index_as_long(v, kLongTooBig));
  TRY(check_range(x, INT16_MIN, INT16_MAX, "signed short integer"));
  TRY(check_range(x, INT8_MIN, INT8_MAX, "signed char"));
  store<int8_t>(out, static_cast<int8_t>(x));
  return ok();
}
Status set_B(Object* v, ItemBytes* out) {
  int64_t x = TRY(index_as_long(v, kLongTooBig));
  TRY(check_range(x, 0, UINT8_MAX, "unsigned byte integer"));
  store<uint8_t>(out, static_cast<uint8_t>(x));
  return ok();
}
Status set_h(Object* v, ItemBytes* out) {
  int64_t x = TRY(index_as_long(v, kLongTooBig));
  TRY(check_range(x, INT16_MIN, INT16_MAX, "signed short integer"));
  store<int16_t>(out, static_cast<int16_t>(x));
  return ok();
}
Status set_H(Object* v, ItemBytes* out) {
  int64_t x = TRY(index_as_long(v, kLongTooBig));
  TRY(check_range(x, INT32_MIN, INT32_MAX, "signed integer"));
  TRY(check_range(x, 0, UINT16_MAX, "unsigned short"));
  store<uint16_t>(out, static_cast<uint16_t>(x));
  return ok();
}
Status set_i(Object* v, ItemBytes* out) {
  int64_t x = TRY(index_as_long(v, kLongTooBig));
  TRY(check_range(x, INT32_MIN, INT32_MAX, "signed integer"));
  store<int32_t>(out, static_cast<int32_t>(x));
  return ok();
}
Status set_l(Object* v, ItemBytes* out) {
  store<int64_t>(out, TRY(index_as_long(v, kLongTooBig)));
  return ok();
}
Status set_q(Object* v, ItemBytes* out) {
  store<int64_t>(out, TRY(index_as_long(v, "int too big to convert")));
  return ok();
}

// An unsigned 64-bit value after __index__, with the messages of the given C conversion.
Result<uint64_t> index_as_u64(Object* v, const char* negative, const char* too_big) {
  Ref<Object> n = TRY(number_index(v));
  if (int_sign(n.get()) < 0) return raise(exc::OverflowError, "{}", negative);
  int64_t small;
  if (int_to_i64(n.get(), &small)) return static_cast<uint64_t>(small);
  if (int_bit_length(n.get()) > 64) return raise(exc::OverflowError, "{}", too_big);
  mpz_t z;
  mpz_init(z);
  int_to_mpz(n.get(), z);
  uint64_t out = 0;
  mpz_export(&out, nullptr, -1, sizeof(out), 0, 0, z);
  mpz_clear(z);
  return out;
}

constexpr const char kNegativeUnsignedLong[] = "can't convert negative value to unsigned int";
constexpr const char kUnsignedLongTooBig[] = "Python int too large to convert to C unsigned long";

Status set_I(Object* v, ItemBytes* out) {
  uint64_t x = TRY(index_as_u64(v, kNegativeUnsignedLong, kUnsignedLongTooBig));
  if (x > UINT32_MAX) return raise(exc::OverflowError, "unsigned int is greater than maximum");
  store<uint32_t>(out, static_cast<uint32_t>(x));
  return ok();
}
Status set_L(Object* v, ItemBytes* out) {
  store<uint64_t>(out, TRY(index_as_u64(v, kNegativeUnsignedLong, kUnsignedLongTooBig)));
  return ok();
}
Status set_Q(Object* v, ItemBytes* out) {
  store<uint64_t>(out, TRY(index_as_u64(v, "can't convert negative int to unsigned",
                                        "int too big to convert")));
  return ok();
}
Status set_f(Object* v, ItemBytes* out) {
  store<float>(out, static_cast<float>(TRY(float_as_double(v))));
  return ok();
}
Status set_d(Object* v, ItemBytes* out) {
  store<double>(out, TRY(float_as_double(v)));
  return ok();
}
Status set_unicode(Object* v, ItemBytes* out) {
  if (!is_str(v) || str_length(v) != 1)
    return raise(exc::TypeError, "array item must be unicode character");
  store<uint32_t>(out, str_char_at(v, 0));
  return ok();
}

// In kTypecodes order.
const TypeDesc kDescs[] = {
    {'b', 1, true, true, false, get_signed<int8_t>, set_b},
    {'B', 1, true, false, false, get_unsigned<uint8_t>, set_B},
    {'u', 4, false, false, true, get_unicode, set_unicode},
    {'w', 4, false, false, true, get_unicode, set_unicode},
    {'h', 2, true, true, false, get_signed<int16_t>, set_h},
    {'H', 2, true, false, false, get_unsigned<uint16_t>, set_H},
    {'i', 4, true, true, false, get_signed<int32_t>, set_i},
    {'I', 4, true, false, false, get_unsigned<uint32_t>, set_I},
    {'l', 8, true, true, false, get_signed<int64_t>, set_l},
    {'L', 8, true, false, false, get_unsigned<uint64_t>, set_L},
    {'q', 8, true, true, false, get_signed<int64_t>, set_q},
    {'Q', 8, true, false, false, get_unsigned<uint64_t>, set_Q},
    {'f', 4, false, true, false, get_float<float>, set_f},
    {'d', 8, false, true, false, get_float<double>, set_d},
};

// CPython's enum machine_format_code (Modules/arraymodule.c), the pickle format.
enum MachineFormat : int {
  kUnsignedInt8 = 0, kSignedInt8 = 1,
  kUnsignedInt16Le = 2, kUnsignedInt16Be = 3, kSignedInt16Le = 4, kSignedInt16Be = 5,
  kUnsignedInt32Le = 6, kUnsignedInt32Be = 7, kSignedInt32Le = 8, kSignedInt32Be = 9,
  kUnsignedInt64Le = 10, kUnsignedInt64Be = 11, kSignedInt64Le = 12, kSignedInt64Be = 13,
  kFloatLe = 14, kFloatBe = 15, kDoubleLe = 16, kDoubleBe = 17,
  kUtf16Le = 18, kUtf16Be = 19, kUtf32Le = 20, kUtf32Be = 21,
  kMaxMachineFormat = kUtf32Be,
};

// The integer formats' item size and signedness, indexed by format code (0..13).
struct IntFormat {
  int size;
  bool is_signed;
};
constexpr IntFormat kIntFormats[] = {
    {1, false}, {1, true}, {2, false}, {2, false}, {2, true}, {2, true}, {4, false},
    {4, false}, {4, true}, {4, true}, {8, false}, {8, false}, {8, true}, {8, true},
};

// Reads an item of `size` bytes stored little- or big-endian into host order.
void load_ordered(const char* p, int size, bool big_endian, char* out) {
  for (int i = 0; i < size; ++i) {
    int src = big_endian ? size - 1 - i : i;  // host is little-endian (x86-64, aarch64 LE)
    out[i] = p[src];
  }
}

Result<Ref<Object>> decode_ints(int mformat, const std::string& data, char* typecode) {
  IntFormat f = kIntFormats[mformat];
  bool big = mformat >= 2 && (mformat % 2) == 1;
  // The last integer typecode with the format's size and signedness, as CPython picks it.
  for (const TypeDesc& d : kDescs)
    if (d.is_integer && d.itemsize == f.size && d.is_signed == f.is_signed) *typecode = d.code;
  size_t n = data.size() / static_cast<size_t>(f.size);
  Ref<Object> items = TRY(list_new(static_cast<int64_t>(n)));
  for (size_t i = 0; i < n; ++i) {
    char raw[8] = {};
    load_ordered(data.data() + i * static_cast<size_t>(f.size), f.size, big, raw);
    uint64_t u = load<uint64_t>(raw);
    Ref<Object> v;
    if (f.is_signed) {
      int shift = 64 - 8 * f.size;
      v = TRY(int_from_i64(static_cast<int64_t>(u << shift) >> shift));
    } else {
      v = TRY(int_from_u64(u));
    }
    TRY(list_append(items.get(), v.get()));
  }
  return items;
}

Result<Ref<Object>> decode_floats(int mformat, const std::string& data) {
  bool is_double = mformat >= kDoubleLe;
  bool big = mformat == kFloatBe || mformat == kDoubleBe;
  int size = is_double ? 8 : 4;
  size_t n = data.size() / static_cast<size_t>(size);
  Ref<Object> items = TRY(list_new(static_cast<int64_t>(n)));
  for (size_t i = 0; i < n; ++i) {
    char raw[8];
    load_ordered(data.data() + i * static_cast<size_t>(size), size, big, raw);
    double x = is_double ? load<double>(raw) : static_cast<double>(load<float>(raw));
    Ref<Object> v = TRY(float_from_double(x));
    TRY(list_append(items.get(), v.get()));
  }
  return items;
}

Result<Ref<Object>> decode_utf(int mformat, const std::string& data) {
  bool utf32 = mformat >= kUtf32Le;
  bool big = mformat == kUtf16Be || mformat == kUtf32Be;
  int size = utf32 ? 4 : 2;
  std::u32string cps;
  size_t n = data.size() / static_cast<size_t>(size);
  for (size_t i = 0; i < n; ++i) {
    char raw[4] = {};
    load_ordered(data.data() + i * static_cast<size_t>(size), size, big, raw);
    uint32_t unit = utf32 ? load<uint32_t>(raw) : load<uint16_t>(raw);
    if (!utf32 && unit >= 0xd800 && unit < 0xdc00 && i + 1 < n) {
      char next[4] = {};
      load_ordered(data.data() + (i + 1) * 2, 2, big, next);
      uint32_t low = load<uint16_t>(next);
      if (low >= 0xdc00 && low < 0xe000) {
        unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
        ++i;
      }
    }
    cps.push_back(unit);
  }
  return str_from_code_points(reinterpret_cast<const uint32_t*>(cps.data()), cps.size());
}

}  // namespace

const char kTypecodes[] = "bBuwhHiIlLqQfd";

const TypeDesc* find_typecode(uint32_t c) {
  for (const TypeDesc& d : kDescs)
    if (static_cast<uint32_t>(d.code) == c) return &d;
  return nullptr;
}

int machine_format_of(const TypeDesc* d) {
  if (d->is_unicode) return kUtf32Le;
  if (d->code == 'f') return kFloatLe;
  if (d->code == 'd') return kDoubleLe;
  switch (d->itemsize) {
    case 1: return d->is_signed ? kSignedInt8 : kUnsignedInt8;
    case 2: return d->is_signed ? kSignedInt16Le : kUnsignedInt16Le;
    case 4: return d->is_signed ? kSignedInt32Le : kUnsignedInt32Le;
    default: return d->is_signed ? kSignedInt64Le : kUnsignedInt64Le;
  }
}

Result<Ref<Object>> decode_machine_format(int mformat, const std::string& data, char* typecode) {
  if (mformat < 0 || mformat > kMaxMachineFormat)
    return raise(exc::ValueError, "third argument must be a valid machine format code.");
  // CPython checks the UTF-16 formats against 4-byte units too (its descriptor table says 4).
  int itemsize = mformat <= kSignedInt64Be ? kIntFormats[mformat].size
                 : mformat >= kUtf16Le     ? 4
                 : mformat >= kDoubleLe    ? 8
                                           : 4;
  if (data.size() % static_cast<size_t>(itemsize) != 0)
    return raise(exc::ValueError, "string length not a multiple of item size");
  if (mformat >= kUtf16Le) return decode_utf(mformat, data);
  if (mformat >= kFloatLe) return decode_floats(mformat, data);
  return decode_ints(mformat, data, typecode);
}

}  // namespace weft::array_module
