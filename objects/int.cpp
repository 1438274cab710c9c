// objects/int.cpp — the int type: representation, conversions, hashing, comparison, arithmetic.
//
// Representation (objects/int.h): `small` holds the value when it fits in int64_t, otherwise
// `big` points to a GMP integer. Invariant: values that fit in int64_t are always small, so a
// result computed with GMP is normalised back (int_from_mpz_take). Every operator first tries the
// int64 path (overflow-checked with __builtin_*_overflow), then falls back to GMP through
// MpzView, a zero-allocation read-only mpz over either form.
//
// GMP aborts the process when an allocation fails, so operations that can produce huge results
// (*, **, <<) estimate the result size first and raise MemoryError above kMaxIntBits.
//
// Threading: ints are immutable after construction; the small-int cache is filled once during
// start-up (kPhaseFill) before any other thread exists. No locks are needed anywhere here.
//
// Text conversion, int(), __format__ and the methods live in int_text.cpp and int_methods.cpp.
#include "objects/int.h"

#include <cfloat>
#include <cmath>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int_float_freelist.h"
#include "objects/int_internal.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"

namespace weft {

IntObject SmallInts[kSmallIntMax - kSmallIntMin + 1];

namespace {

constexpr uint64_t kHashModulus = (uint64_t{1} << 61) - 1;  // CPython's _PyHASH_MODULUS

inline IntObject* as_int(Object* o) { return static_cast<IntObject*>(o); }
inline mpz_ptr trailing_mpz(IntObject* o) { return reinterpret_cast<mpz_ptr>(o + 1); }

Error raise_division_by_zero() { return raise(exc::ZeroDivisionError, "division by zero"); }

// Python's floor division and modulo on int64 (b != 0, and not INT64_MIN / -1).
inline void floor_divmod_i64(int64_t a, int64_t b, int64_t* q, int64_t* r) {
  int64_t qq = a / b, rr = a % b;
  if (rr != 0 && ((rr < 0) != (b < 0))) {
    qq -= 1;
    rr += b;
  }
  *q = qq;
  *r = rr;
}

}  // namespace

// --- construction -------------------------------------------------------------------------------

Result<Ref<Object>> int_from_i64_slow(int64_t v) {
  // Exact small-form ints come from the per-thread block cache (objects/int_float_freelist.h).
  auto* r = static_cast<IntObject*>(take_number_block());
  if (!r) [[unlikely]] return raise_no_memory();
  init_object_header(r, &IntType);
  r->small = v;
  return Ref<Object>::steal(r);
}

Result<Ref<Object>> int_from_u64(uint64_t v) {
  if (v <= static_cast<uint64_t>(INT64_MAX)) return int_from_i64(static_cast<int64_t>(v));
  MpzTemp z;
  mpz_set_ui(z.get(), v);
  return int_from_mpz_take(z.get());
}

Result<Ref<Object>> int_from_mpz_take(mpz_ptr z) {
  if (mpz_fits_slong_p(z)) return int_from_i64(mpz_get_si(z));
  Ref<IntObject> r = TRY(new_object<IntObject>(&IntType, sizeof(IntObject) + sizeof(__mpz_struct)));
  mpz_ptr big = trailing_mpz(r.get());
  mpz_init(big);
  mpz_swap(big, z);
  r->big = big;
  return Ref<Object>(std::move(r));
}

Result<Ref<Object>> int_new_of_type(Type* type, Object* value) {
  if (type == &IntType) return int_exact_copy(value);
  Ref<IntObject> r = TRY(new_object<IntObject>(type, static_cast<size_t>(type->basicsize)));
  IntObject* v = as_int(value);
  if (v->big) {
    auto* big = static_cast<mpz_ptr>(gc::raw_alloc(sizeof(__mpz_struct)));
    if (!big) return raise_no_memory();
    mpz_init_set(big, v->big);
    r->big = big;
  } else {
    r->small = v->small;
  }
  return Ref<Object>(std::move(r));
}

static void int_dealloc(Object* o) {
  IntObject* i = as_int(o);
  if (i->big) {
    mpz_clear(i->big);
    if (i->big != trailing_mpz(i)) gc::raw_free(i->big);
    i->big = nullptr;
  } else if (is_int_exact(o) && recycle_number_block(o)) {
    return;  // an exact small-form int: its block (kNumberBlockSize) came from take_number_block
  }
  free_object(o);
}

Ref<Object> int_exact_copy(Object* o) {
  if (is_int_exact(o)) return Ref<Object>::borrow(o);
  IntObject* i = as_int(o);
  if (!i->big) {
    Result<Ref<Object>> r = int_from_i64(i->small);
    if (r) return r.release_value();
    clear_error();  // cannot happen for cached values; fall back to the subclass object
    return Ref<Object>::borrow(o);
  }
  MpzTemp z;
  mpz_set(z.get(), i->big);
  Result<Ref<Object>> r = int_from_mpz_take(z.get());
  if (r) return r.release_value();
  clear_error();
  return Ref<Object>::borrow(o);
}

Result<Ref<Object>> int_from_double(double v) {
  if (std::isinf(v)) return raise(exc::OverflowError, "cannot convert float infinity to integer");
  if (std::isnan(v)) return raise(exc::ValueError, "cannot convert float NaN to integer");
  double t = std::trunc(v);
  if (t >= -9223372036854775808.0 && t < 9223372036854775808.0) {
    return int_from_i64(static_cast<int64_t>(t));
  }
  MpzTemp z;
  mpz_set_d(z.get(), t);  // exact: t is an integer-valued double
  return int_from_mpz_take(z.get());
}

// --- conversion ---------------------------------------------------------------------------------

bool int_to_i64(Object* o, int64_t* out) {
  IntObject* i = as_int(o);
  if (i->big) return false;
  *out = i->small;
  return true;
}

Result<int64_t> int_as_i64(Object* o) {
  int64_t v;
  if (int_to_i64(o, &v)) return v;
  return raise(exc::OverflowError, "Python int too large to convert to C ssize_t");
}

void int_to_mpz(Object* o, mpz_ptr out) {
  IntObject* i = as_int(o);
  if (i->big) {
    mpz_set(out, i->big);
  } else {
    mpz_set_si(out, i->small);
  }
}

int int_sign(Object* o) {
  IntObject* i = as_int(o);
  if (i->big) return mpz_sgn(i->big);
  return (i->small > 0) - (i->small < 0);
}

uint64_t int_bit_length(Object* o) {
  IntObject* i = as_int(o);
  if (i->big) return mpz_sizeinbase(i->big, 2);
  uint64_t mag = magnitude_u64(i->small);
  return mag == 0 ? 0 : 64 - static_cast<uint64_t>(__builtin_clzll(mag));
}

// Correctly rounded (round-half-even) conversion of an mpz to double; *overflow set if the
// result does not fit (the returned value is then +-inf).
double mpz_to_double_rounded(mpz_srcptr z, bool* overflow) {
  *overflow = false;
  int sign = mpz_sgn(z);
  if (sign == 0) return 0.0;
  size_t bits = mpz_sizeinbase(z, 2);
  double result;
  if (bits <= 64) {
    MpzTemp mag;
    mpz_abs(mag.get(), z);
    result = static_cast<double>(static_cast<uint64_t>(mpz_getlimbn(mag.get(), 0)));
  } else {
    // Keep DBL_MANT_DIG + 2 bits and a sticky bit for everything shifted out, then let the
    // hardware int->double conversion round (it rounds half-even on the 55-bit value).
    size_t shift = bits - (DBL_MANT_DIG + 2);
    MpzTemp top;
    mpz_abs(top.get(), z);
    bool sticky = mpz_scan1(top.get(), 0) < shift;
    mpz_tdiv_q_2exp(top.get(), top.get(), shift);
    uint64_t q = static_cast<uint64_t>(mpz_getlimbn(top.get(), 0)) | (sticky ? 1 : 0);
    if (bits > static_cast<size_t>(DBL_MAX_EXP) + 1) {
      *overflow = true;
      return sign < 0 ? -HUGE_VAL : HUGE_VAL;
    }
    result = std::ldexp(static_cast<double>(q), static_cast<int>(shift));
  }
  if (std::isinf(result)) *overflow = true;
  return sign < 0 ? -result : result;
}

double int_as_double_unchecked(Object* o) {
  IntObject* i = as_int(o);
  if (!i->big) return static_cast<double>(i->small);
  bool overflow;
  return mpz_to_double_rounded(i->big, &overflow);
}

Result<double> int_as_double(Object* o) {
  IntObject* i = as_int(o);
  if (!i->big) return static_cast<double>(i->small);
  bool overflow;
  double d = mpz_to_double_rounded(i->big, &overflow);
  if (overflow) return raise(exc::OverflowError, "int too large to convert to float");
  return d;
}

// --- hash and comparison ------------------------------------------------------------------------

int64_t int_hash(Object* o) {
  IntObject* i = as_int(o);
  uint64_t mag;
  bool negative;
  if (!i->big) {
    negative = i->small < 0;
    mag = magnitude_u64(i->small) % kHashModulus;
  } else {
    negative = mpz_sgn(i->big) < 0;
    MpzTemp a;
    mpz_abs(a.get(), i->big);
    mag = mpz_fdiv_ui(a.get(), kHashModulus);
  }
  int64_t h = negative ? -static_cast<int64_t>(mag) : static_cast<int64_t>(mag);
  return h == -1 ? -2 : h;
}

static Result<int64_t> int_hash_slot(Object* o) { return int_hash(o); }

int int_compare(Object* a, Object* b) {
  IntObject* x = as_int(a);
  IntObject* y = as_int(b);
  if (!x->big && !y->big) return (x->small > y->small) - (x->small < y->small);
  MpzView va(a), vb(b);
  int c = mpz_cmp(va.get(), vb.get());
  return (c > 0) - (c < 0);
}

static Result<Ref<Object>> int_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_int(a) || !is_int(b)) return new_ref(not_implemented());
  return new_bool(int_compare_fast(a, b, op));
}

// --- arithmetic ---------------------------------------------------------------------------------

#define WEFT_INT_BINARY_CHECK(a, b) \
  if (!is_int(a) || !is_int(b)) return new_ref(not_implemented())

Result<Ref<Object>> int_add(Object* a, Object* b) {
  WEFT_INT_BINARY_CHECK(a, b);
  int64_t r;
  if (int_is_small(a) && int_is_small(b) &&
      !__builtin_add_overflow(int_small_value(a), int_small_value(b), &r)) {
    return int_from_i64(r);
  }
  MpzView va(a), vb(b);
  MpzTemp z;
  mpz_add(z.get(), va.get(), vb.get());
  return int_from_mpz_take(z.get());
}

Result<Ref<Object>> int_subtract(Object* a, Object* b) {
  WEFT_INT_BINARY_CHECK(a, b);
  int64_t r;
  if (int_is_small(a) && int_is_small(b) &&
      !__builtin_sub_overflow(int_small_value(a), int_small_value(b), &r)) {
    return int_from_i64(r);
  }
  MpzView va(a), vb(b);
  MpzTemp z;
  mpz_sub(z.get(), va.get(), vb.get());
  return int_from_mpz_take(z.get());
}

Status check_int_result_bits(uint64_t bits) {
  if (bits > kMaxIntBits) return raise_no_memory();
  return ok();
}

Result<Ref<Object>> int_multiply(Object* a, Object* b) {
  WEFT_INT_BINARY_CHECK(a, b);
  int64_t r;
  if (int_is_small(a) && int_is_small(b) &&
      !__builtin_mul_overflow(int_small_value(a), int_small_value(b), &r)) {
    return int_from_i64(r);
  }
  TRY(check_int_result_bits(int_bit_length(a) + int_bit_length(b)));
  MpzView va(a), vb(b);
  MpzTemp z;
  mpz_mul(z.get(), va.get(), vb.get());
  return int_from_mpz_take(z.get());
}

// Floor division and modulo; either output may be null.
static Status int_divmod_values(Object* a, Object* b, Ref<Object>* q, Ref<Object>* r) {
  if (int_sign(b) == 0) return raise_division_by_zero();
  if (int_is_small(a) && int_is_small(b)) {
    int64_t x = int_small_value(a), y = int_small_value(b);
    if (!(x == INT64_MIN && y == -1)) {
      int64_t qq, rr;
      floor_divmod_i64(x, y, &qq, &rr);
      if (q) *q = TRY(int_from_i64(qq));
      if (r) *r = TRY(int_from_i64(rr));
      return ok();
    }
  }
  MpzView va(a), vb(b);
  MpzTemp zq, zr;
  mpz_fdiv_qr(zq.get(), zr.get(), va.get(), vb.get());
  if (q) *q = TRY(int_from_mpz_take(zq.get()));
  if (r) *r = TRY(int_from_mpz_take(zr.get()));
  return ok();
}

Result<Ref<Object>> int_floor_divide(Object* a, Object* b) {
  WEFT_INT_BINARY_CHECK(a, b);
  Ref<Object> q;
  TRY(int_divmod_values(a, b, &q, nullptr));
  return q;
}

Result<Ref<Object>> int_remainder(Object* a, Object* b) {
  WEFT_INT_BINARY_CHECK(a, b);
  Ref<Object> r;
  TRY(int_divmod_values(a, b, nullptr, &r));
  return r;
}

static Result<Ref<Object>> int_divmod(Object* a, Object* b) {
  WEFT_INT_BINARY_CHECK(a, b);
  Ref<Object> q, r;
  TRY(int_divmod_values(a, b, &q, &r));
  return tuple_pack({q.get(), r.get()});
}

// Correctly rounded a / b for ints (CPython's long_true_divide): exact operands below 2**53 use
// the FPU; otherwise a quotient with DBL_MANT_DIG + 2 bits (fewer for subnormal results) is
// computed exactly, rounded half-even by hand with the remainder as sticky bit, then scaled.
Result<double> int_true_divide_values(Object* a, Object* b) {
  if (int_sign(b) == 0) return raise_division_by_zero();
  constexpr int64_t kExact = int64_t{1} << DBL_MANT_DIG;
  if (int_is_small(a) && int_is_small(b)) {
    int64_t x = int_small_value(a), y = int_small_value(b);
    if (x >= -kExact && x <= kExact && y >= -kExact && y <= kExact) {
      return static_cast<double>(x) / static_cast<double>(y);
    }
  }
  bool negative = (int_sign(a) < 0) != (int_sign(b) < 0);
  if (int_sign(a) == 0) return negative ? -0.0 : 0.0;
  MpzTemp x, y;
  int_to_mpz(a, x.get());
  int_to_mpz(b, y.get());
  mpz_abs(x.get(), x.get());
  mpz_abs(y.get(), y.get());
  int64_t a_bits = static_cast<int64_t>(mpz_sizeinbase(x.get(), 2));
  int64_t b_bits = static_cast<int64_t>(mpz_sizeinbase(y.get(), 2));
  int64_t diff = a_bits - b_bits;
  if (diff > DBL_MAX_EXP) {
    return raise(exc::OverflowError, "integer division result too large for a float");
  }
  if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) return negative ? -0.0 : 0.0;
  int64_t shift = std::max<int64_t>(diff, DBL_MIN_EXP) - DBL_MANT_DIG - 2;
  if (shift < 0) {
    mpz_mul_2exp(x.get(), x.get(), static_cast<mp_bitcnt_t>(-shift));
  } else if (shift > 0) {
    mpz_mul_2exp(y.get(), y.get(), static_cast<mp_bitcnt_t>(shift));
  }
  MpzTemp q, r;
  mpz_tdiv_qr(q.get(), r.get(), x.get(), y.get());
  bool inexact = mpz_sgn(r.get()) != 0;
  int64_t q_bits = static_cast<int64_t>(mpz_sizeinbase(q.get(), 2));
  uint64_t qv = static_cast<uint64_t>(mpz_getlimbn(q.get(), 0));
  int64_t extra = std::max<int64_t>(q_bits, DBL_MIN_EXP - shift) - DBL_MANT_DIG;
  uint64_t mask = (uint64_t{1} << extra) - 1;
  uint64_t low = qv & mask;
  uint64_t half = uint64_t{1} << (extra - 1);
  qv -= low;
  if (low > half || (low == half && (inexact || ((qv >> extra) & 1)))) qv += uint64_t{1} << extra;
  if (q_bits + shift > DBL_MAX_EXP ||
      (q_bits + shift == DBL_MAX_EXP && qv == (uint64_t{1} << q_bits))) {
    return raise(exc::OverflowError, "integer division result too large for a float");
  }
  double result = std::ldexp(static_cast<double>(qv), static_cast<int>(shift));
  return negative ? -result : result;
}

Result<Ref<Object>> int_true_divide(Object* a, Object* b) {
  WEFT_INT_BINARY_CHECK(a, b);
  double d = TRY(int_true_divide_values(a, b));
  return float_from_double(d);
}

// a ** b for b >= 0 without modulus.
static Result<Ref<Object>> int_pow_nonnegative(Object* a, Object* b) {
  if (int_is_small(a) && int_is_small(b)) {
    int64_t base = int_small_value(a), exp = int_small_value(b), result = 1;
    bool overflow = false;
    while (exp > 0) {
      if (exp & 1) overflow |= __builtin_mul_overflow(result, base, &result);
      exp >>= 1;
      if (exp > 0) overflow |= __builtin_mul_overflow(base, base, &base);
      if (overflow) break;
    }
    if (!overflow) return int_from_i64(result);
  }
  int64_t base_small;
  if (int_to_i64(a, &base_small) && base_small >= -1 && base_small <= 1) {
    if (base_small != -1) return int_from_i64(base_small);
    // (-1) ** b: parity of b.
    MpzView vb(b);
    return int_from_i64(mpz_odd_p(vb.get()) ? -1 : 1);
  }
  int64_t exp;
  if (!int_to_i64(b, &exp)) return raise_no_memory();
  uint64_t bits = int_bit_length(a);
  if (static_cast<uint64_t>(exp) > kMaxIntBits / bits) return raise_no_memory();
  MpzView va(a);
  MpzTemp z;
  mpz_pow_ui(z.get(), va.get(), static_cast<unsigned long>(exp));
  return int_from_mpz_take(z.get());
}

static Result<Ref<Object>> int_pow_modular(Object* a, Object* b, Object* m) {
  if (int_sign(m) == 0) return raise(exc::ValueError, "pow() 3rd argument cannot be 0");
  MpzView va(a), vb(b), vm(m);
  MpzTemp mod, base, exp, z;
  mpz_abs(mod.get(), vm.get());
  if (mpz_cmp_ui(mod.get(), 1) == 0) return int_from_i64(0);
  mpz_mod(base.get(), va.get(), mod.get());
  mpz_set(exp.get(), vb.get());
  if (mpz_sgn(exp.get()) < 0) {
    if (mpz_invert(base.get(), base.get(), mod.get()) == 0) {
      return raise(exc::ValueError, "base is not invertible for the given modulus");
    }
    mpz_neg(exp.get(), exp.get());
  }
  mpz_powm(z.get(), base.get(), exp.get(), mod.get());
  // Python's result takes the modulus's sign.
  if (mpz_sgn(vm.get()) < 0 && mpz_sgn(z.get()) != 0) mpz_sub(z.get(), z.get(), mod.get());
  return int_from_mpz_take(z.get());
}

static Result<Ref<Object>> int_power(Object* a, Object* b, Object* m) {
  if (!is_int(a) || !is_int(b)) return new_ref(not_implemented());
  if (m != nullptr && !is_none(m)) {
    if (!is_int(m)) return new_ref(not_implemented());
    return int_pow_modular(a, b, m);
  }
  if (int_sign(b) < 0) return float_power(a, b, nullptr);
  return int_pow_nonnegative(a, b);
}

Result<Ref<Object>> int_lshift(Object* a, Object* b) {
  WEFT_INT_BINARY_CHECK(a, b);
  if (int_sign(b) < 0) return raise(exc::ValueError, "negative shift count");
  if (int_sign(a) == 0) return int_from_i64(0);
  int64_t shift;
  if (!int_to_i64(b, &shift)) return raise(exc::OverflowError, "too many digits in integer");
  if (int_is_small(a) && shift < 63) {
    int64_t v = int_small_value(a);
    int64_t r = static_cast<int64_t>(static_cast<uint64_t>(v) << shift);
    if ((r >> shift) == v) return int_from_i64(r);
  }
  TRY(check_int_result_bits(int_bit_length(a) + static_cast<uint64_t>(shift)));
  MpzView va(a);
  MpzTemp z;
  mpz_mul_2exp(z.get(), va.get(), static_cast<mp_bitcnt_t>(shift));
  return int_from_mpz_take(z.get());
}

Result<Ref<Object>> int_rshift(Object* a, Object* b) {
  WEFT_INT_BINARY_CHECK(a, b);
  if (int_sign(b) < 0) return raise(exc::ValueError, "negative shift count");
  int64_t shift;
  if (!int_to_i64(b, &shift) || static_cast<uint64_t>(shift) >= int_bit_length(a)) {
    return int_from_i64(int_sign(a) < 0 ? -1 : 0);
  }
  if (int_is_small(a)) return int_from_i64(int_small_value(a) >> shift);
  MpzView va(a);
  MpzTemp z;
  mpz_fdiv_q_2exp(z.get(), va.get(), static_cast<mp_bitcnt_t>(shift));
  return int_from_mpz_take(z.get());
}

// & | ^ with two's-complement semantics (GMP's mpz_and/ior/xor provide them).
template <char Op>
static Result<Ref<Object>> int_bitwise(Object* a, Object* b) {
  WEFT_INT_BINARY_CHECK(a, b);
  if (int_is_small(a) && int_is_small(b)) {
    int64_t x = int_small_value(a), y = int_small_value(b);
    return int_from_i64(Op == '&' ? (x & y) : Op == '|' ? (x | y) : (x ^ y));
  }
  MpzView va(a), vb(b);
  MpzTemp z;
  if constexpr (Op == '&') {
    mpz_and(z.get(), va.get(), vb.get());
  } else if constexpr (Op == '|') {
    mpz_ior(z.get(), va.get(), vb.get());
  } else {
    mpz_xor(z.get(), va.get(), vb.get());
  }
  return int_from_mpz_take(z.get());
}
Result<Ref<Object>> int_and(Object* a, Object* b) { return int_bitwise<'&'>(a, b); }
Result<Ref<Object>> int_or(Object* a, Object* b) { return int_bitwise<'|'>(a, b); }
Result<Ref<Object>> int_xor(Object* a, Object* b) { return int_bitwise<'^'>(a, b); }

Result<Ref<Object>> int_negative(Object* o) {
  if (int_is_small(o) && int_small_value(o) != INT64_MIN) return int_from_i64(-int_small_value(o));
  MpzView v(o);
  MpzTemp z;
  mpz_neg(z.get(), v.get());
  return int_from_mpz_take(z.get());
}

Result<Ref<Object>> int_invert(Object* o) {
  if (int_is_small(o)) return int_from_i64(~int_small_value(o));
  MpzView v(o);
  MpzTemp z;
  mpz_com(z.get(), v.get());
  return int_from_mpz_take(z.get());
}

static Result<Ref<Object>> int_absolute(Object* o) {
  if (int_sign(o) < 0) return int_negative(o);
  return int_exact_copy(o);
}
static Result<Ref<Object>> int_positive(Object* o) { return int_exact_copy(o); }
static Result<bool> int_bool(Object* o) { return int_sign(o) != 0; }
static Result<Ref<Object>> int_float_slot(Object* o) {
  double d = TRY(int_as_double(o));
  return float_from_double(d);
}

static Result<Ref<Object>> int_repr(Object* o) { return int_to_str(o); }

// --- the type -----------------------------------------------------------------------------------

Type IntType;

static Status fill_int_type() {
  Type& t = IntType;
  t.name = "int";
  t.doc =
      "int([x]) -> integer\n"
      "int(x, base=10) -> integer\n\n"
      "Convert a number or string to an integer, or return 0 if no arguments\n"
      "are given.  If x is a number, return x.__int__().  For floating-point\n"
      "numbers, this truncates towards zero.\n\n"
      "If x is not a number or if base is given, then x must be a string,\n"
      "bytes, or bytearray instance representing an integer literal in the\n"
      "given base.  The literal can be preceded by '+' or '-' and be surrounded\n"
      "by whitespace.  The base defaults to 10.  Valid bases are 0 and 2-36.\n"
      "Base 0 means to interpret the base from the string as an integer literal.\n"
      ">>> int('0b100', base=0)\n"
      "4";
  t.basicsize = sizeof(IntObject);
  t.flags = kTypeBaseType | kTypeImmutable | kTypeLongSubclass;
  t.dealloc = int_dealloc;
  t.repr = int_repr;
  t.hash = int_hash_slot;
  t.richcompare = int_richcompare;
  t.new_ = int_new;
  NumberMethods& n = t.number;
  n.add = int_add;
  n.subtract = int_subtract;
  n.multiply = int_multiply;
  n.remainder = int_remainder;
  n.divmod = int_divmod;
  n.power = int_power;
  n.negative = int_negative;
  n.positive = int_positive;
  n.absolute = int_absolute;
  n.boolean = int_bool;
  n.invert = int_invert;
  n.lshift = int_lshift;
  n.rshift = int_rshift;
  n.and_ = int_and;
  n.xor_ = int_xor;
  n.or_ = int_or;
  n.int_ = int_positive;
  n.float_ = int_float_slot;
  n.floor_divide = int_floor_divide;
  n.true_divide = int_true_divide;
  n.index = int_positive;
  t.methods = kIntMethods;
  t.getsets = kIntGetSets;
  // The small ints exist before anything else runs (their type pointer is all they need).
  for (int64_t v = kSmallIntMin; v <= kSmallIntMax; ++v) {
    IntObject* o = &SmallInts[v - kSmallIntMin];
    init_static_object(o, &IntType);
    o->small = v;
    o->big = nullptr;
  }
  return ok();
}

static Status ready_int_type() { return type_ready(&IntType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_int_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_int_type);

}  // namespace weft
