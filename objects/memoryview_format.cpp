// objects/memoryview_format.cpp — memoryview items in the native single-character struct
// formats (c b B ? h H i I l L q Q n N f d e P): sizes, unpacking to Python values, packing
// with CPython's memoryview error messages, and value comparison of items.
//
// Items are read and written with memcpy, so views at any alignment are fine. Packing converts
// the Python value first (which may run __index__ / __float__ / __bool__) and never touches the
// view's memory until it has succeeded. The half-precision 'e' format uses IEEE 754 binary16
// with round-half-to-even, as CPython's PyFloat_Pack2.
#include <cmath>
#include <cstring>
#include <limits>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/memoryview_internal.h"

namespace weft::memoryview_detail {

namespace {

template <class T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <class T>
void store(char* p, T v) {
  std::memcpy(p, &v, sizeof v);
}

bool is_unsigned_int_format(char c) {
  return c == 'B' || c == 'H' || c == 'I' || c == 'L' || c == 'Q' || c == 'N' || c == 'P';
}
bool is_float_format(char c) { return c == 'f' || c == 'd' || c == 'e'; }

double half_to_double(uint16_t h) {
  int sign = h >> 15;
  int e = (h >> 10) & 0x1f;
  int f = h & 0x3ff;
  double x;
  if (e == 0x1f) {
    x = f ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity();
  } else if (e == 0) {
    x = std::ldexp(static_cast<double>(f), -24);
  } else {
    x = std::ldexp(static_cast<double>(f + 1024), e - 25);
  }
  return sign ? -x : x;
}

// IEEE binary16 bits of `x`, or false when it is too large.
bool double_to_half(double x, uint16_t* out) {
  uint16_t sign = std::signbit(x) ? 0x8000 : 0;
  if (std::isnan(x)) {
    *out = sign | 0x7e00;
    return true;
  }
  if (std::isinf(x)) {
    *out = sign | 0x7c00;
    return true;
  }
  double a = std::fabs(x);
  if (a == 0.0) {
    *out = sign;
    return true;
  }
  int e;
  double f = std::frexp(a, &e);  // a = f * 2^e, f in [0.5, 1)
  f *= 2.0;
  e -= 1;                         // f in [1, 2)
  if (e >= 16) return false;
  if (e < -25) {
    f = 0.0;  // underflows to zero
    e = 0;
  } else if (e < -14) {
    f = std::ldexp(f, 14 + e);  // subnormal
    e = 0;
  } else {
    e += 15;
    f -= 1.0;
  }
  f *= 1024.0;
  auto bits = static_cast<uint16_t>(f);
  double rest = f - bits;
  if (rest > 0.5 || (rest == 0.5 && (bits & 1))) {
    if (++bits == 1024) {
      bits = 0;
      if (++e == 31) return false;
    }
  }
  *out = static_cast<uint16_t>(sign | (e << 10) | bits);
  return true;
}

Error invalid_type(char code) {
  return raise(exc::TypeError, "memoryview: invalid type for format '{}'", std::string_view(&code, 1));
}
Error invalid_value(char code) {
  return raise(exc::ValueError, "memoryview: invalid value for format '{}'", std::string_view(&code, 1));
}

// CPython's fix_error_int: a conversion failure becomes the memoryview message.
Error fix_conversion_error(char code) {
  if (error_matches(exc::TypeError)) {
    clear_error();
    return invalid_type(code);
  }
  if (error_matches(exc::OverflowError) || error_matches(exc::ValueError)) {
    clear_error();
    return invalid_value(code);
  }
  return Error{};
}

// The integer value of `value` (__index__) as a 64-bit pattern: signed formats get int64,
// unsigned formats uint64 (negative values are invalid).
Result<uint64_t> integer_bits(char code, Object* value) {
  Result<Ref<Object>> index = number_index(value);
  if (index.is_error()) return fix_conversion_error(code);
  Ref<Object> v = std::move(index).release_value();
  int64_t i;
  if (int_to_i64(v.get(), &i)) {
    if (is_unsigned_int_format(code) && i < 0) return invalid_value(code);
    return static_cast<uint64_t>(i);
  }
  // Outside int64: only unsigned 64-bit formats can hold it (values in [2**63, 2**64)).
  if (!is_unsigned_int_format(code) || int_sign(v.get()) < 0 || int_bit_length(v.get()) > 64)
    return invalid_value(code);
  Ref<Object> half = TRY(int_from_u64(uint64_t{1} << 63));
  Ref<Object> low = TRY(binary_op(v.get(), half.get(), BinaryOp::Subtract));
  int64_t rest;
  if (!int_to_i64(low.get(), &rest)) return invalid_value(code);
  return static_cast<uint64_t>(rest) + (uint64_t{1} << 63);
}

// Whether the 64-bit pattern `bits` fits format `code` (already checked for sign).
bool fits(char code, uint64_t bits) {
  auto s = static_cast<int64_t>(bits);
  switch (code) {
    case 'b': return s >= INT8_MIN && s <= INT8_MAX;
    case 'B': return bits <= UINT8_MAX;
    case 'h': return s >= INT16_MIN && s <= INT16_MAX;
    case 'H': return bits <= UINT16_MAX;
    case 'i': return s >= INT32_MIN && s <= INT32_MAX;
    case 'I': return bits <= UINT32_MAX;
    default: return true;  // 64-bit formats
  }
}

void store_integer(char code, uint64_t bits, char* p) {
  switch (format_itemsize(code)) {
    case 1: store(p, static_cast<uint8_t>(bits)); break;
    case 2: store(p, static_cast<uint16_t>(bits)); break;
    case 4: store(p, static_cast<uint32_t>(bits)); break;
    default: store(p, bits); break;
  }
}

Result<double> float_of(char code, Object* value) {
  double d;
  Result<bool> plain = float_operand(value, &d);
  if (plain.is_error()) return fix_conversion_error(code);
  if (plain.value()) return d;
  if (!type_of_obj(value)->number.float_ && !type_of_obj(value)->number.index) return invalid_type(code);
  Result<Ref<Object>> f = number_float(value);
  if (f.is_error()) return fix_conversion_error(code);
  return float_value(f.value().get());
}

}  // namespace

int64_t format_itemsize(char code) {
  switch (code) {
    case 'c': case 'b': case 'B': case '?': return 1;
    case 'h': case 'H': case 'e': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': return sizeof(long);
    case 'q': case 'Q': case 'd': return 8;
    case 'n': case 'N': return sizeof(size_t);
    case 'P': return sizeof(void*);
    default: return 0;
  }
}

char parse_native_format(std::string_view fmt) {
  if (!fmt.empty() && fmt[0] == '@') fmt.remove_prefix(1);
  if (fmt.size() != 1 || format_itemsize(fmt[0]) == 0) return 0;
  return fmt[0];
}

const char* format_string(char code, bool at_prefix) {
  // "@c@b@B...": code k's plain string starts at 2k + 1, its "@" spelling at 2k.
  // 'u' and 'w' come only from exporters (unicode arrays); their items cannot be unpacked.
  static constexpr char kCodes[] = "cbB?hHeiIflLqQdnNPuw";
  static constexpr char kSpelled[] = "@c\0@b\0@B\0@?\0@h\0@H\0@e\0@i\0@I\0@f\0@l\0@L\0@q\0@Q\0@d\0@n\0@N\0@P\0@u\0@w";
  const char* at = code ? std::strchr(kCodes, code) : nullptr;
  const char* spelled = kSpelled + 3 * (at ? at - kCodes : 2);
  return at_prefix ? spelled : spelled + 1;
}

Result<Ref<Object>> unpack_item(char code, const char* p) {
  switch (code) {
    case 'c': return bytes_from(std::string_view(p, 1));
    case 'b': return int_from_i64(load<int8_t>(p));
    case 'B': return int_from_i64(load<uint8_t>(p));
    case '?': return new_bool(load<uint8_t>(p) != 0);
    case 'h': return int_from_i64(load<int16_t>(p));
    case 'H': return int_from_i64(load<uint16_t>(p));
    case 'i': return int_from_i64(load<int32_t>(p));
    case 'I': return int_from_i64(load<uint32_t>(p));
    case 'l': return int_from_i64(load<long>(p));
    case 'L': return int_from_u64(load<unsigned long>(p));
    case 'q': return int_from_i64(load<int64_t>(p));
    case 'Q': return int_from_u64(load<uint64_t>(p));
    case 'n': return int_from_i64(load<int64_t>(p));
    case 'N': return int_from_u64(load<size_t>(p));
    case 'P': return int_from_u64(reinterpret_cast<uintptr_t>(load<void*>(p)));
    case 'f': return float_from_double(load<float>(p));
    case 'd': return float_from_double(load<double>(p));
    case 'e': return float_from_double(half_to_double(load<uint16_t>(p)));
    default:
      return raise(exc::NotImplementedError, "memoryview: format {} not supported", std::string_view(&code, 1));
  }
}

Status pack_item(char code, Object* value, char* p) {
  if (code == 'c') {
    if (!is_bytes(value)) return invalid_type(code);
    if (bytes_size(value) != 1) return invalid_value(code);
    *p = bytes_view(value)[0];
    return ok();
  }
  if (code == '?') {
    Result<bool> truth = object_is_true(value);
    if (truth.is_error()) return fix_conversion_error(code);
    store(p, static_cast<uint8_t>(truth.value() ? 1 : 0));
    return ok();
  }
  if (is_float_format(code)) {
    double d = TRY(float_of(code, value));
    if (code == 'd') {
      store(p, d);
    } else if (code == 'f') {
      if (std::isfinite(d) && std::fabs(d) > std::numeric_limits<float>::max()) return invalid_value(code);
      store(p, static_cast<float>(d));
    } else {
      uint16_t half;
      if (!double_to_half(d, &half)) return invalid_value(code);
      store(p, half);
    }
    return ok();
  }
  uint64_t bits = TRY(integer_bits(code, value));
  if (!fits(code, bits)) return invalid_value(code);
  store_integer(code, bits, p);
  return ok();
}

Result<bool> items_equal(char code_a, const char* a, char code_b, const char* b) {
  if (code_a == code_b && !is_float_format(code_a) && code_a != '?')
    return std::memcmp(a, b, static_cast<size_t>(format_itemsize(code_a))) == 0;
  if (is_float_format(code_a) && is_float_format(code_b)) {
    double x = code_a == 'd' ? load<double>(a) : code_a == 'f' ? load<float>(a) : half_to_double(load<uint16_t>(a));
    double y = code_b == 'd' ? load<double>(b) : code_b == 'f' ? load<float>(b) : half_to_double(load<uint16_t>(b));
    return x == y;
  }
  Ref<Object> x = TRY(unpack_item(code_a, a));
  Ref<Object> y = TRY(unpack_item(code_b, b));
  return rich_compare_bool(x.get(), y.get(), CompareOp::Eq);
}

}  // namespace weft::memoryview_detail
