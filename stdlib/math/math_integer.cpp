// stdlib/math/math_integer.cpp — the `math` functions of integers: gcd, lcm, factorial, comb,
// perm, isqrt (CPython 3.14's messages), computed with GMP on the ints' mpz values.
//
// Arguments go through __index__ (number_index) as in CPython, so floats are rejected with
// "'float' object cannot be interpreted as an integer". Stateless: no locking.
#include <gmp.h>

#include <climits>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "stdlib/math/math_support.h"

namespace weft::math_module {
namespace {

// An initialised mpz that clears itself.
class Mpz {
 public:
  Mpz() { mpz_init(z_); }
  ~Mpz() { mpz_clear(z_); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
  mpz_ptr get() { return z_; }
  Result<Ref<Object>> to_int() { return int_from_mpz_take(z_); }

 private:
  mpz_t z_;
};

// __index__ of `o`, stored into `out`.
Status index_to_mpz(Object* o, mpz_ptr out) {
  Ref<Object> i = TRY(number_index(o));
  int_to_mpz(i.get(), out);
  return ok();
}

Result<Ref<Object>> math_gcd(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("gcd", kwnames));
  Mpz result, x;
  for (size_t i = 0; i < nargs; ++i) {
    TRY(index_to_mpz(args[i], x.get()));
    mpz_gcd(result.get(), result.get(), x.get());
  }
  return result.to_int();
}

Result<Ref<Object>> math_lcm(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("lcm", kwnames));
  Mpz result, x;
  mpz_set_ui(result.get(), 1);
  for (size_t i = 0; i < nargs; ++i) {
    TRY(index_to_mpz(args[i], x.get()));
    mpz_lcm(result.get(), result.get(), x.get());  // 0 once any argument is 0
  }
  return result.to_int();
}

Result<Ref<Object>> math_factorial(Object*, Object* const* args, size_t, Object*) {
  Ref<Object> n = TRY(number_index(args[0]));
  int64_t value = 0;
  if (!int_to_i64(n.get(), &value) || value > LONG_MAX) {
    if (int_sign(n.get()) < 0)
      return raise(exc::ValueError, "factorial() not defined for negative values");
    return raise(exc::OverflowError, "factorial() argument should not exceed {}",
                 static_cast<int64_t>(LONG_MAX));
  }
  if (value < 0) return raise(exc::ValueError, "factorial() not defined for negative values");
  Mpz result;
  mpz_fac_ui(result.get(), static_cast<unsigned long>(value));
  return result.to_int();
}

// The validated (n, k) of comb/perm: both non-negative.
Status comb_perm_args(Object* n_obj, Object* k_obj, mpz_ptr n, mpz_ptr k) {
  TRY(index_to_mpz(n_obj, n));
  TRY(index_to_mpz(k_obj, k));
  if (mpz_sgn(n) < 0) return raise(exc::ValueError, "n must be a non-negative integer");
  if (mpz_sgn(k) < 0) return raise(exc::ValueError, "k must be a non-negative integer");
  return ok();
}

Result<Ref<Object>> math_comb(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("comb", nargs, kwnames, 2, 2));
  Mpz n, k, result;
  TRY(comb_perm_args(args[0], args[1], n.get(), k.get()));
  if (mpz_cmp(k.get(), n.get()) > 0) return int_from_i64(0);
  Mpz rest;
  mpz_sub(rest.get(), n.get(), k.get());
  mpz_ptr smaller = mpz_cmp(rest.get(), k.get()) < 0 ? rest.get() : k.get();
  if (!mpz_fits_slong_p(smaller))
    return raise(exc::OverflowError, "min(n - k, k) must not exceed {}",
                 static_cast<int64_t>(LLONG_MAX));
  mpz_bin_ui(result.get(), n.get(), mpz_get_ui(smaller));
  return result.to_int();
}

Result<Ref<Object>> math_perm(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("perm", nargs, kwnames, 1, 2));
  if (nargs == 1 || is_none(args[1])) return math_factorial(self, args, 1, nullptr);
  Mpz n, k, result;
  TRY(comb_perm_args(args[0], args[1], n.get(), k.get()));
  if (mpz_cmp(k.get(), n.get()) > 0) return int_from_i64(0);
  if (!mpz_fits_slong_p(k.get()))
    return raise(exc::OverflowError, "k must not exceed {}", static_cast<int64_t>(LLONG_MAX));
  // n! / (n-k)! = C(n, k) * k!
  unsigned long kk = mpz_get_ui(k.get());
  Mpz k_factorial;
  mpz_bin_ui(result.get(), n.get(), kk);
  mpz_fac_ui(k_factorial.get(), kk);
  mpz_mul(result.get(), result.get(), k_factorial.get());
  return result.to_int();
}

Result<Ref<Object>> math_isqrt(Object*, Object* const* args, size_t, Object*) {
  Mpz n;
  TRY(index_to_mpz(args[0], n.get()));
  if (mpz_sgn(n.get()) < 0) return raise(exc::ValueError, "isqrt() argument must be nonnegative");
  mpz_sqrt(n.get(), n.get());
  return n.to_int();
}

}  // namespace

const MethodDef kMathIntegerFunctions[] = {
    {"comb", math_comb, kMethFastcall,
     "Number of ways to choose k items from n items without repetition and without order."},
    {"factorial", math_factorial, kMethOneArg,
     "Find n!.\n\nRaise a ValueError if n is negative or non-integral."},
    {"gcd", math_gcd, kMethFastcall, "Greatest Common Divisor."},
    {"isqrt", math_isqrt, kMethOneArg,
     "Return the integer part of the square root of the input."},
    {"lcm", math_lcm, kMethFastcall, "Least Common Multiple."},
    {"perm", math_perm, kMethFastcall,
     "Number of ways to choose k items from n items without repetition and with order."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::math_module
