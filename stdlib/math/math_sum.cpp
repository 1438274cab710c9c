// stdlib/math/math_sum.cpp — the `math` functions over many values: fsum, prod, sumprod, hypot,
// dist.
//
// fsum is Shewchuk's exact summation: a list of non-overlapping partial sums holds the exact
// total, and the final rounding corrects the half-way case, so the result is the correctly
// rounded sum (CPython's algorithm and messages). sumprod, hypot and dist reuse the same exact
// accumulator: a float product x*y is exactly p + e with p = x*y and e = fma(x, y, -p), so
// sums of products are accumulated without error and rounded once.
// Stateless: no locking.
#include <cmath>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/tuple.h"
#include "stdlib/math/math_support.h"

namespace weft::math_module {
namespace {

// The exact sum of finite doubles as non-overlapping partials (Shewchuk), plus the special
// values (infinities, NaNs) seen, as CPython's fsum keeps them.
class ExactSum {
 public:
  // Adds x; false on an intermediate overflow (finite inputs whose partial sum overflowed).
  bool add(double x) {
    double original = x;
    size_t kept = 0;
    for (double y : partials_) {
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) partials_[kept++] = lo;
      x = hi;
    }
    partials_.resize(kept);
    if (x == 0.0) return true;
    if (std::isfinite(x)) {
      partials_.push_back(x);
      return true;
    }
    if (std::isfinite(original)) return false;
    if (std::isinf(original)) inf_sum_ += original;
    special_sum_ += original;
    partials_.clear();
    return true;
  }

  // The correctly rounded total; ValueError for inf + -inf.
  Result<double> total() const {
    if (special_sum_ != 0.0) {
      if (std::isnan(inf_sum_)) return raise(exc::ValueError, "-inf + inf in fsum");
      return special_sum_;
    }
    return rounded();
  }

  double rounded() const {
    size_t n = partials_.size();
    if (n == 0) return 0.0;
    double hi = partials_[--n];
    double lo = 0.0;
    while (n > 0) {
      double x = hi;
      double y = partials_[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0.0) break;
    }
    // Round half-even correctly: if the rest of the partials push lo past a half-way point.
    if (n > 0 && ((lo < 0.0 && partials_[n - 1] < 0.0) || (lo > 0.0 && partials_[n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      if (y == x - hi) hi = x;
    }
    return hi;
  }

  bool empty() const { return partials_.empty() && special_sum_ == 0.0; }

 private:
  std::vector<double> partials_;
  double special_sum_ = 0.0;
  double inf_sum_ = 0.0;
};

Error fsum_overflow() { return raise(exc::OverflowError, "intermediate overflow in fsum"); }

Result<Ref<Object>> math_fsum(Object*, Object* const* args, size_t, Object*) {
  Ref<Object> it = TRY(get_iter(args[0]));
  ExactSum sum;
  for (;;) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) break;
    Ref<Object> item = next.release_value();
    double x = TRY(to_double(item.get()));
    if (!sum.add(x)) return fsum_overflow();
  }
  return float_from_double(TRY(sum.total()));
}

Result<Ref<Object>> math_prod(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("prod", "iterable / * | start");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> result = a[1] ? new_ref(a[1]) : TRY(int_from_i64(1));
  Ref<Object> it = TRY(get_iter(a[0]));
  for (;;) {
    Next next = iter_next(it.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) break;
    Ref<Object> item = next.release_value();
    result = TRY(binary_op(result.get(), item.get(), BinaryOp::Multiply));
  }
  return result;
}

// A float-path operand of sumprod: a float, or an int converted to float; false otherwise.
bool float_path_value(Object* o, double* out) {
  if (is_float_exact(o)) {
    *out = float_value(o);
    return true;
  }
  if (is_int_exact(o) || is_bool(o)) {
    Result<double> d = int_as_double(o);
    if (d.is_error()) {
      clear_error();
      return false;
    }
    *out = d.value();
    return true;
  }
  return false;
}

// sumprod(p, q): int*int pairs are summed exactly as ints; pairs with a float are summed
// exactly as float products (rounded once when the run of such pairs ends); anything else
// goes through the generic + and *.
Result<Ref<Object>> math_sumprod(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("sumprod", nargs, kwnames, 2, 2));
  Ref<Object> p_it = TRY(get_iter(args[0]));
  Ref<Object> q_it = TRY(get_iter(args[1]));
  Ref<Object> total = TRY(int_from_i64(0));
  Ref<Object> int_total = TRY(int_from_i64(0));
  ExactSum float_total;
  bool float_in_use = false;
  auto flush = [&]() -> Status {
    if (!float_in_use) return ok();
    Ref<Object> f = TRY(float_from_double(float_total.rounded()));
    total = TRY(binary_op(total.get(), f.get(), BinaryOp::Add));
    float_total = ExactSum();
    float_in_use = false;
    return ok();
  };
  for (;;) {
    Next p_next = iter_next(p_it.get());
    if (p_next.is_error()) return Error{};
    Next q_next = iter_next(q_it.get());
    if (q_next.is_error()) return Error{};
    if (p_next.is_done() != q_next.is_done())
      return raise(exc::ValueError, "Inputs are not the same length");
    if (p_next.is_done()) break;
    Ref<Object> p = p_next.release_value();
    Ref<Object> q = q_next.release_value();
    if ((is_int_exact(p.get()) || is_bool(p.get())) && (is_int_exact(q.get()) || is_bool(q.get()))) {
      Ref<Object> product = TRY(binary_op(p.get(), q.get(), BinaryOp::Multiply));
      int_total = TRY(binary_op(int_total.get(), product.get(), BinaryOp::Add));
      continue;
    }
    double x, y;
    if ((is_float_exact(p.get()) || is_float_exact(q.get())) && float_path_value(p.get(), &x) &&
        float_path_value(q.get(), &y)) {
      double product = x * y;
      if (std::isfinite(product)) {
        ExactSum attempt = float_total;
        if (attempt.add(product) && attempt.add(std::fma(x, y, -product)) &&
            std::isfinite(attempt.rounded())) {
          float_total = std::move(attempt);
          float_in_use = true;
          continue;
        }
      }
    }
    TRY(flush());
    Ref<Object> product = TRY(binary_op(p.get(), q.get(), BinaryOp::Multiply));
    total = TRY(binary_op(total.get(), product.get(), BinaryOp::Add));
  }
  if (int_sign(int_total.get()) != 0 || !float_in_use)
    total = TRY(binary_op(total.get(), int_total.get(), BinaryOp::Add));
  TRY(flush());
  return total;
}

// The Euclidean norm of `values`, nearly always correctly rounded: the values are scaled by a
// power of two (exactly) so the largest is near 1, the squares summed exactly, and the square
// root of the rounded sum corrected by one Newton step using the sum's residual.
double vector_norm(const std::vector<double>& values, double max, bool found_nan) {
  if (std::isinf(max)) return max;
  if (found_nan) return std::nan("");
  if (max == 0.0 || values.size() <= 1) return max;
  int max_exponent;
  std::frexp(max, &max_exponent);
  ExactSum squares;
  for (double v : values) {
    double x = std::ldexp(v, -max_exponent);
    double square = x * x;
    squares.add(square);
    squares.add(std::fma(x, x, -square));
  }
  double hi = squares.rounded();
  squares.add(-hi);
  double lo = squares.rounded();
  double h = std::sqrt(hi);
  double residual = std::fma(-h, h, hi) + lo;
  h += residual / (2.0 * h);
  return std::ldexp(h, max_exponent);
}

Result<Ref<Object>> math_hypot(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("hypot", kwnames));
  std::vector<double> values;
  values.reserve(nargs);
  double max = 0.0;
  bool found_nan = false;
  for (size_t i = 0; i < nargs; ++i) {
    double x = std::fabs(TRY(to_double(args[i])));
    values.push_back(x);
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return float_from_double(vector_norm(values, max, found_nan));
}

Result<Ref<Object>> math_dist(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("dist", nargs, kwnames, 2, 2));
  Ref<Object> p = TRY(tuple_from_iterable(args[0]));
  Ref<Object> q = TRY(tuple_from_iterable(args[1]));
  int64_t n = tuple_size(p.get());
  if (n != tuple_size(q.get()))
    return raise(exc::ValueError, "both points must have the same number of dimensions");
  std::vector<double> values;
  values.reserve(static_cast<size_t>(n));
  double max = 0.0;
  bool found_nan = false;
  for (int64_t i = 0; i < n; ++i) {
    double px = TRY(to_double(tuple_item(p.get(), i)));
    double qx = TRY(to_double(tuple_item(q.get(), i)));
    double x = std::fabs(px - qx);
    values.push_back(x);
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return float_from_double(vector_norm(values, max, found_nan));
}

}  // namespace

const MethodDef kMathSumFunctions[] = {
    {"dist", math_dist, kMethFastcall,
     "Return the Euclidean distance between two points p and q."},
    {"fsum", math_fsum, kMethOneArg,
     "Return an accurate floating-point sum of values in the iterable.\n\nAssumes IEEE-754 "
     "floating-point arithmetic."},
    {"hypot", math_hypot, kMethFastcall, "Multidimensional Euclidean distance from the origin."},
    {"prod", math_prod, kMethFastcall,
     "Calculate the product of all the elements in the input iterable."},
    {"sumprod", math_sumprod, kMethFastcall,
     "Return the sum of products of values from two iterables p and q."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::math_module
