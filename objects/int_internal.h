// objects/int_internal.h — helpers shared by the int implementation files (int.cpp,
// int_text.cpp, int_methods.cpp, bool.cpp, float*.cpp). Not for use outside the numbers code.
#pragma once

#include <gmp.h>

#include <cstdint>

#include "objects/format_spec.h"
#include "objects/int.h"

namespace weft {

// Results larger than this many bits raise MemoryError before GMP is asked (GMP aborts the
// process when an allocation fails). 2**36 bits = 8 GiB.
inline constexpr uint64_t kMaxIntBits = uint64_t{1} << 36;
// MemoryError when an int of `bits` bits would exceed kMaxIntBits.
Status check_int_result_bits(uint64_t bits);

// |v| as uint64 (defined for INT64_MIN).
inline uint64_t magnitude_u64(int64_t v) {
  return v < 0 ? uint64_t{0} - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
}

// An owned, initialised mpz_t (RAII). mpz_init does not allocate until a value is stored.
class MpzTemp {
 public:
  MpzTemp() { mpz_init(z_); }
  ~MpzTemp() { mpz_clear(z_); }
  MpzTemp(const MpzTemp&) = delete;
  MpzTemp& operator=(const MpzTemp&) = delete;
  mpz_ptr get() { return z_; }

 private:
  mpz_t z_;
};

// A read-only mpz view of any int, without allocating: the big int's own mpz, or a one-limb
// mpz over the small value (mpz_roinit_n). Valid while the int is alive.
class MpzView {
 public:
  explicit MpzView(Object* o) {
    const IntObject* i = static_cast<const IntObject*>(o);
    if (i->big) {
      ptr_ = i->big;
    } else {
      limb_ = static_cast<mp_limb_t>(magnitude_u64(i->small));
      mp_size_t size = i->small < 0 ? -1 : (i->small == 0 ? 0 : 1);
      ptr_ = mpz_roinit_n(view_, &limb_, size);
    }
  }
  MpzView(const MpzView&) = delete;
  MpzView& operator=(const MpzView&) = delete;
  mpz_srcptr get() const { return ptr_; }

 private:
  mp_limb_t limb_ = 0;
  mpz_t view_;
  mpz_srcptr ptr_;
};

// Correctly rounded mpz -> double; *overflow is set when the magnitude is too large.
double mpz_to_double_rounded(mpz_srcptr z, bool* overflow);
// a / b of two ints as a correctly rounded double (ZeroDivisionError, OverflowError).
Result<double> int_true_divide_values(Object* a, Object* b);
// A new instance of `type` (int or a subclass) with the value of int `value`.
Result<Ref<Object>> int_new_of_type(Type* type, Object* value);

// Slots shared with bool.
Result<Ref<Object>> int_and(Object* a, Object* b);
Result<Ref<Object>> int_or(Object* a, Object* b);
Result<Ref<Object>> int_xor(Object* a, Object* b);
Result<Ref<Object>> int_negative(Object* o);
Result<Ref<Object>> int_invert(Object* o);

// Formats a double with a parsed spec (float_format.cpp); `o` names the type in messages.
Result<Ref<Object>> float_format_value(double v, const FormatSpec& spec, Object* o);

// int.__new__ (int_text.cpp) and the method/getset tables (int_methods.cpp).
Result<Ref<Object>> int_new(Type* type, Object* const* args, size_t nargs, Object* kwnames);
extern const MethodDef kIntMethods[];
extern const GetSetDef kIntGetSets[];

}  // namespace weft
