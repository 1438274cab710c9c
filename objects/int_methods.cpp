// objects/int_methods.cpp — int's Python-visible methods and attributes: bit_length, bit_count,
// to_bytes/from_bytes, as_integer_ratio, is_integer, conjugate, __round__, __trunc__/__floor__/
// __ceil__, __format__, __getnewargs__, __sizeof__, and real/imag/numerator/denominator.
//
// The operators themselves are number slots (int.cpp); type_ready() exposes them as dunders.
// Every method here reads an immutable int: no locking.
#include <algorithm>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/int_internal.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft {
namespace {

Result<Ref<Object>> int_conjugate(Object* self, Object* const*, size_t, Object*) {
  return int_exact_copy(self);
}

Result<Ref<Object>> int_bit_length_method(Object* self, Object* const*, size_t, Object*) {
  return int_from_u64(int_bit_length(self));
}

Result<Ref<Object>> int_bit_count(Object* self, Object* const*, size_t, Object*) {
  int64_t v;
  if (int_to_i64(self, &v)) return int_from_i64(__builtin_popcountll(magnitude_u64(v)));
  MpzView z(self);
  MpzTemp mag;
  mpz_abs(mag.get(), z.get());
  return int_from_u64(mpz_popcount(mag.get()));
}

Result<Ref<Object>> int_as_integer_ratio(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> num = int_exact_copy(self);
  Ref<Object> one = TRY(int_from_i64(1));
  return tuple_pack({num.get(), one.get()});
}

Result<Ref<Object>> int_is_integer(Object*, Object* const*, size_t, Object*) {
  return new_bool(true);
}

Result<Ref<Object>> int_getnewargs(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> v = int_exact_copy(self);
  return tuple_pack({v.get()});
}

Result<Ref<Object>> int_sizeof(Object* self, Object* const*, size_t, Object*) {
  // CPython reports header + digits; Weft reports its own footprint.
  uint64_t size = static_cast<uint64_t>(type_of(self)->basicsize);
  const IntObject* i = static_cast<const IntObject*>(self);
  if (i->big) size += sizeof(__mpz_struct) + mpz_size(i->big) * sizeof(mp_limb_t);
  return int_from_u64(size);
}

Result<Ref<Object>> int_format_method(Object* self, Object* const* args, size_t, Object*) {
  if (!is_str(args[0])) {
    return raise(exc::TypeError, "__format__() argument must be str, not {}",
                 type_name_of(args[0]));
  }
  return int_format(self, args[0]);
}

// round(int, ndigits): exact; negative ndigits rounds half to even at 10**-ndigits.
Result<Ref<Object>> int_round(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("__round__", nargs, kwnames, 0, 1));
  if (nargs == 0 || is_none(args[0])) return int_exact_copy(self);
  Ref<Object> nd = TRY(number_index(args[0]));
  if (int_sign(nd.get()) >= 0) return int_exact_copy(self);
  int64_t ndigits;
  if (!int_to_i64(nd.get(), &ndigits) || ndigits < -static_cast<int64_t>(kMaxIntBits)) {
    return int_from_i64(0);
  }
  uint64_t exponent = static_cast<uint64_t>(-ndigits);
  if (exponent > int_bit_length(self)) return int_from_i64(0);  // 10**e > |self|: rounds to 0
  MpzView x(self);
  MpzTemp pow10, q, r, twice_r;
  mpz_ui_pow_ui(pow10.get(), 10, exponent);
  mpz_fdiv_qr(q.get(), r.get(), x.get(), pow10.get());
  // Round half to even: compare 2r with the divisor.
  mpz_mul_2exp(twice_r.get(), r.get(), 1);
  int c = mpz_cmp(twice_r.get(), pow10.get());
  if (c > 0 || (c == 0 && mpz_odd_p(q.get()))) mpz_add_ui(q.get(), q.get(), 1);
  mpz_mul(q.get(), q.get(), pow10.get());
  return int_from_mpz_take(q.get());
}

// The byteorder argument: true for 'little', false for 'big'.
Result<bool> parse_byteorder(Object* byteorder) {
  if (byteorder == nullptr) return false;
  if (!is_str(byteorder)) {
    return raise(exc::TypeError, "to_bytes() argument 'byteorder' must be str, not {}",
                 type_name_of(byteorder));
  }
  if (str_equal_ascii(byteorder, "little")) return true;
  if (str_equal_ascii(byteorder, "big")) return false;
  return raise(exc::ValueError, "byteorder must be either 'little' or 'big'");
}

// int.to_bytes(length=1, byteorder='big', *, signed=False)
Result<Ref<Object>> int_to_bytes(Object* self, Object* const* args, size_t nargs,
                                 Object* kwnames) {
  static const ArgParser kParser("to_bytes", "| length byteorder * | signed");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int64_t length = 1;
  if (a[0] != nullptr) length = TRY(index_as_i64(a[0]));
  if (length < 0) return raise(exc::ValueError, "length argument must be non-negative");
  bool little = TRY(parse_byteorder(a[1]));
  bool is_signed = a[2] != nullptr && TRY(object_is_true(a[2]));

  MpzView x(self);
  int sign = mpz_sgn(x.get());
  if (sign < 0 && !is_signed) {
    return raise(exc::OverflowError, "can't convert negative int to unsigned");
  }
  // Two's complement of a negative value: x + 256**length, which must be >= 2**(8*length-1).
  MpzTemp value;
  uint64_t bits = static_cast<uint64_t>(length) * 8;
  uint64_t needed = int_bit_length(self);
  bool fits;
  if (sign >= 0) {
    fits = is_signed ? needed < bits || (needed == 0) : needed <= bits;
    mpz_set(value.get(), x.get());
  } else {
    // -2**(bits-1) <= x: |x| - 1 has fewer than bits - 1 bits... compare directly.
    MpzTemp mag_minus_one;
    mpz_neg(mag_minus_one.get(), x.get());
    mpz_sub_ui(mag_minus_one.get(), mag_minus_one.get(), 1);
    fits = bits > 0 && mpz_sizeinbase(mag_minus_one.get(), 2) <= bits - 1;
    if (mpz_sgn(mag_minus_one.get()) == 0) fits = bits > 0;
    if (fits) {
      mpz_set_ui(value.get(), 1);
      mpz_mul_2exp(value.get(), value.get(), bits);
      mpz_add(value.get(), value.get(), x.get());
    }
  }
  if (!fits) return raise(exc::OverflowError, "int too big to convert");
  Ref<Object> out = TRY(bytes_new_uninitialized(length));
  if (length == 0) return out;
  char* data = bytes_mutable_data(out.get());
  std::memset(data, 0, static_cast<size_t>(length));
  size_t count = 0;
  size_t used = (mpz_sizeinbase(value.get(), 2) + 7) / 8;
  if (mpz_sgn(value.get()) != 0) {
    // Big-endian export into the tail of the buffer; reversed below for little-endian.
    mpz_export(data + (length - static_cast<int64_t>(used)), &count, 1, 1, 0, 0, value.get());
  }
  if (little) std::reverse(data, data + length);
  return out;
}

// int.from_bytes(bytes, byteorder='big', *, signed=False) — a class method.
Result<Ref<Object>> int_from_bytes(Object* cls, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  static const ArgParser kParser("from_bytes", "bytes | byteorder * | signed");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  bool little = TRY(parse_byteorder(a[1]));
  bool is_signed = a[2] != nullptr && TRY(object_is_true(a[2]));
  Ref<Object> data = TRY(bytes_from_object(a[0]));
  std::string_view view = bytes_view(data.get());
  MpzTemp z;
  if (!view.empty()) {
    mpz_import(z.get(), view.size(), little ? -1 : 1, 1, 0, 0, view.data());
    unsigned char top = static_cast<unsigned char>(little ? view.back() : view.front());
    if (is_signed && (top & 0x80)) {
      MpzTemp modulus;
      mpz_set_ui(modulus.get(), 1);
      mpz_mul_2exp(modulus.get(), modulus.get(), view.size() * 8);
      mpz_sub(z.get(), z.get(), modulus.get());
    }
  }
  Ref<Object> value = TRY(int_from_mpz_take(z.get()));
  Type* type = reinterpret_cast<Type*>(cls);
  if (type == &IntType) return value;
  return call_one(cls, value.get());
}

Result<Ref<Object>> int_get_self(Object* self) { return int_exact_copy(self); }
Result<Ref<Object>> int_get_zero(Object*) { return int_from_i64(0); }
Result<Ref<Object>> int_get_one(Object*) { return int_from_i64(1); }

}  // namespace

const MethodDef kIntMethods[] = {
    {"conjugate", int_conjugate, kMethNoArgs, "Returns self, the complex conjugate of any int."},
    {"bit_length", int_bit_length_method, kMethNoArgs,
     "Number of bits necessary to represent self in binary."},
    {"bit_count", int_bit_count, kMethNoArgs,
     "Number of ones in the binary representation of the absolute value of self."},
    {"to_bytes", int_to_bytes, kMethFastcall, "Return an array of bytes representing an integer."},
    {"from_bytes", int_from_bytes, kMethFastcall | kMethClass,
     "Return the integer represented by the given array of bytes."},
    {"as_integer_ratio", int_as_integer_ratio, kMethNoArgs,
     "Return a pair of integers, whose ratio is equal to the original int."},
    {"is_integer", int_is_integer, kMethNoArgs, "Returns True. Exists for duck type compatibility with float.is_integer."},
    {"__trunc__", int_conjugate, kMethNoArgs, "Truncating an Integral returns itself."},
    {"__floor__", int_conjugate, kMethNoArgs, "Flooring an Integral returns itself."},
    {"__ceil__", int_conjugate, kMethNoArgs, "Ceiling of an Integral returns itself."},
    {"__round__", int_round, kMethFastcall,
     "Rounding an Integral returns itself.\n\nRounding with an ndigits argument also returns an integer."},
    {"__getnewargs__", int_getnewargs, kMethNoArgs, nullptr},
    {"__format__", int_format_method, kMethOneArg, "Convert to a string according to format_spec."},
    {"__sizeof__", int_sizeof, kMethNoArgs, "Returns size in memory, in bytes."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kIntGetSets[] = {
    {"real", int_get_self, nullptr, "the real part of a complex number"},
    {"imag", int_get_zero, nullptr, "the imaginary part of a complex number"},
    {"numerator", int_get_self, nullptr, "the numerator of a rational number in lowest terms"},
    {"denominator", int_get_one, nullptr, "the denominator of a rational number in lowest terms"},
    {nullptr, nullptr, nullptr, nullptr},
};

}  // namespace weft
