// objects/complex.cpp — the complex type: construction from numbers, repr, hash, ==/!=, the
// arithmetic operators (+ - * / ** with CPython's algorithms: Smith's division, repeated
// multiplication for small integral powers), abs, conjugate, real/imag.
//
// Operands may be complex, float or int (ints converted with int_as_double). The constructor,
// complex.from_number and __complex__ follow CPython 3.14 (a complex or __complex__ result where
// a real number is expected is deprecated, with its warning); complex(str) and __format__ are in
// complex_text.cpp. Complex numbers are immutable: no locking.
#include "objects/complex.h"

#include <cerrno>
#include <cmath>
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/float_internal.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/warnings.h"

namespace weft {

Type ComplexType;

namespace {

struct Cpx {
  double re, im;
};

Result<Ref<Object>> complex_of_type(Type* type, Cpx v) {
  Ref<ComplexObject> c = TRY(new_object<ComplexObject>(
      type, type == &ComplexType ? sizeof(ComplexObject) : static_cast<size_t>(type->basicsize)));
  c->real = v.re;
  c->imag = v.im;
  return Ref<Object>(std::move(c));
}

Result<Ref<Object>> make(Cpx v) { return complex_of_type(&ComplexType, v); }

Cpx value_of(Object* o) {
  auto* c = static_cast<ComplexObject*>(o);
  return {c->real, c->imag};
}

// The operand as a complex number, or false (no exception) for a non-number.
Result<bool> complex_operand(Object* o, Cpx* out) {
  if (is_complex(o)) {
    *out = value_of(o);
    return true;
  }
  double d;
  if (TRY(float_operand(o, &d))) {
    *out = {d, 0.0};
    return true;
  }
  return false;
}

#define WEFT_COMPLEX_OPERANDS(a, b, x, y)                                  \
  Cpx x, y;                                                                \
  if (!TRY(complex_operand(a, &x)) || !TRY(complex_operand(b, &y))) {      \
    return new_ref(not_implemented());                                     \
  }

// Smith's algorithm, as CPython's _Py_c_quot; *zero_division when b == 0.
Cpx c_quot(Cpx a, Cpx b, bool* zero_division) {
  *zero_division = false;
  double abs_breal = std::fabs(b.re), abs_bimag = std::fabs(b.im);
  Cpx r;
  if (abs_breal >= abs_bimag) {
    if (abs_breal == 0.0) {
      *zero_division = true;
      return {0.0, 0.0};
    }
    double ratio = b.im / b.re;
    double denom = b.re + b.im * ratio;
    r = {(a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom};
  } else if (abs_bimag >= abs_breal) {
    double ratio = b.re / b.im;
    double denom = b.re * ratio + b.im;
    r = {(a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom};
  } else {
    r = {NAN, NAN};  // at least one of b's parts is NaN
  }
  return r;
}

// The product, recovering infinities that the plain formula turns into nan+nanj (C11 Annex G's
// _Cmultd rule, which CPython 3.14 follows).
Cpx c_prod(Cpx x, Cpx y) {
  double a = x.re, b = x.im, c = y.re, d = y.im;
  double ac = a * c, bd = b * d, ad = a * d, bc = b * c;
  Cpx r{ac - bd, ad + bc};
  if (!std::isnan(r.re) || !std::isnan(r.im)) return r;
  auto unit_or_zero = [](double v) { return std::copysign(std::isinf(v) ? 1.0 : 0.0, v); };
  auto nan_to_zero = [](double& v) {
    if (std::isnan(v)) v = std::copysign(0.0, v);
  };
  // An infinite factor: its parts become +-1 or +-0, and NaNs in the other factor +-0.
  auto box_infinite = [&](double& p, double& q, double& u, double& w) {
    if (!std::isinf(p) && !std::isinf(q)) return false;
    p = unit_or_zero(p);
    q = unit_or_zero(q);
    nan_to_zero(u);
    nan_to_zero(w);
    return true;
  };
  bool x_infinite = box_infinite(a, b, c, d);
  bool y_infinite = box_infinite(c, d, a, b);
  bool recalc = x_infinite || y_infinite;
  if (!recalc && (std::isinf(ac) || std::isinf(bd) || std::isinf(ad) || std::isinf(bc))) {
    nan_to_zero(a);  // an overflowing partial product: recover the infinity
    nan_to_zero(b);
    nan_to_zero(c);
    nan_to_zero(d);
    recalc = true;
  }
  if (recalc) r = {HUGE_VAL * (a * c - b * d), HUGE_VAL * (a * d + b * c)};
  return r;
}

Result<Cpx> c_pow(Cpx a, Cpx b) {
  if (b.re == 0.0 && b.im == 0.0) return Cpx{1.0, 0.0};
  if (a.re == 0.0 && a.im == 0.0) {
    if (b.im != 0.0 || b.re < 0.0) {
      return raise(exc::ZeroDivisionError, "zero to a negative or complex power");
    }
    return Cpx{0.0, 0.0};
  }
  Cpx r;
  if (b.im == 0.0 && b.re == std::floor(b.re) && std::fabs(b.re) <= 100.0) {
    // Small integral power: binary exponentiation by repeated multiplication.
    long n = static_cast<long>(b.re);
    long m = n < 0 ? -n : n;
    Cpx p = a;
    r = {1.0, 0.0};
    while (m > 0) {
      if (m & 1) r = c_prod(r, p);
      p = c_prod(p, p);
      m >>= 1;
    }
    if (n < 0) {
      bool zd;
      r = c_quot({1.0, 0.0}, r, &zd);
    }
  } else {
    double vabs = std::hypot(a.re, a.im);
    double len = std::pow(vabs, b.re);
    double at = std::atan2(a.im, a.re);
    double phase = at * b.re;
    if (b.im != 0.0) {
      len /= std::exp(at * b.im);
      phase += b.im * std::log(vabs);
    }
    r = {len * std::cos(phase), len * std::sin(phase)};
  }
  if (std::isinf(r.re) || std::isinf(r.im)) {
    if (std::isfinite(a.re) && std::isfinite(a.im) && std::isfinite(b.re) &&
        std::isfinite(b.im)) {
      return raise(exc::OverflowError, "complex exponentiation");
    }
  }
  return r;
}

// A part of the repr: repr-style digits without the ".0" of integral values.
std::string part_repr(double v) {
  std::string s = float_repr_string(v);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

Result<Ref<Object>> complex_repr(Object* o) {
  Cpx v = value_of(o);
  std::string out;
  if (v.re == 0.0 && !std::signbit(v.re)) {
    out = part_repr(v.im) + "j";
  } else {
    std::string im = part_repr(v.im);
    if (im[0] != '-') im = "+" + im;
    out = "(" + part_repr(v.re) + im + "j)";
  }
  return str_from_ascii(out);
}

Result<int64_t> complex_hash(Object* o) {
  // CPython: hash(real) + 1000003 * hash(imag), in unsigned arithmetic.
  Cpx v = value_of(o);
  uint64_t hr = static_cast<uint64_t>(float_hash(v.re));
  uint64_t hi = static_cast<uint64_t>(float_hash(v.im));
  int64_t h = static_cast<int64_t>(hr + 1000003ULL * hi);
  return h == -1 ? -2 : h;
}

Result<Ref<Object>> complex_richcompare(Object* a, Object* b, CompareOp op) {
  if (op != CompareOp::Eq && op != CompareOp::Ne) return new_ref(not_implemented());
  if (!is_complex(a)) return new_ref(not_implemented());
  Cpx x = value_of(a);
  bool equal;
  if (is_int(b)) {
    equal = x.im == 0.0 && !std::isnan(x.re) && float_compare_with_int(x.re, b) == 0;
  } else if (is_float(b)) {
    equal = x.im == 0.0 && x.re == float_value(b);
  } else if (is_complex(b)) {
    Cpx y = value_of(b);
    equal = x.re == y.re && x.im == y.im;
  } else {
    return new_ref(not_implemented());
  }
  return new_bool(op == CompareOp::Eq ? equal : !equal);
}

Result<Ref<Object>> complex_add(Object* a, Object* b) {
  WEFT_COMPLEX_OPERANDS(a, b, x, y);
  return make({x.re + y.re, x.im + y.im});
}
Result<Ref<Object>> complex_subtract(Object* a, Object* b) {
  WEFT_COMPLEX_OPERANDS(a, b, x, y);
  return make({x.re - y.re, x.im - y.im});
}
Result<Ref<Object>> complex_multiply(Object* a, Object* b) {
  WEFT_COMPLEX_OPERANDS(a, b, x, y);
  // A real operand multiplies each part (no spurious NaN from inf * 0 cross terms).
  if (!is_complex(a)) return make({x.re * y.re, x.re * y.im});
  if (!is_complex(b)) return make({x.re * y.re, x.im * y.re});
  return make(c_prod(x, y));
}
Result<Ref<Object>> complex_true_divide(Object* a, Object* b) {
  WEFT_COMPLEX_OPERANDS(a, b, x, y);
  bool zero_division;
  Cpx r = c_quot(x, y, &zero_division);
  if (zero_division) return raise(exc::ZeroDivisionError, "division by zero");
  return make(r);
}
Result<Ref<Object>> complex_power(Object* a, Object* b, Object* mod) {
  if (mod != nullptr && !is_none(mod)) return raise(exc::ValueError, "complex modulo");
  WEFT_COMPLEX_OPERANDS(a, b, x, y);
  Cpx r = TRY(c_pow(x, y));
  return make(r);
}
Result<Ref<Object>> complex_negative(Object* o) {
  Cpx v = value_of(o);
  return make({-v.re, -v.im});
}
Result<Ref<Object>> complex_positive(Object* o) {
  if (is_complex_exact(o)) return Ref<Object>::borrow(o);
  return make(value_of(o));
}
Result<Ref<Object>> complex_absolute(Object* o) {
  Cpx v = value_of(o);
  if (std::isinf(v.re) || std::isinf(v.im)) return float_from_double(HUGE_VAL);
  if (std::isnan(v.re) || std::isnan(v.im)) return float_from_double(NAN);
  double r = std::hypot(v.re, v.im);
  if (std::isinf(r)) return raise(exc::OverflowError, "absolute value too large");
  return float_from_double(r);
}
Result<bool> complex_bool(Object* o) {
  Cpx v = value_of(o);
  return v.re != 0.0 || v.im != 0.0;
}

// How a constructor argument converted: not a number, a complex (a complex instance or
// __complex__), or a real number (__float__ / __index__).
enum class NumberKind { kNone, kComplex, kReal };

// o.__complex__() when o's type defines it (CPython's try_complex_special_method).
Result<bool> complex_from_dunder(Object* o, Cpx* out) {
  static Object* const name = str_intern("__complex__");
  Ref<Object> method;
  if (!TRY(lookup_special(o, name, &method))) return false;
  Ref<Object> r = TRY(call_noargs(method.get()));
  if (!is_complex(r.get())) {
    return raise(exc::TypeError, "__complex__ returned non-complex (type {})", type_name_of(r.get()));
  }
  if (!is_complex_exact(r.get())) {
    std::string message = "__complex__ returned non-complex (type ";
    message += type_name_of(r.get());
    message +=
        ").  The ability to return an instance of a strict subclass of complex is deprecated, "
        "and may be removed in a future version of Python.";
    TRY(warn(exc::DeprecationWarning, message));
  }
  *out = value_of(r.get());
  return true;
}

// The value of a non-string number argument: __complex__, a complex, or float()/__index__.
Result<NumberKind> number_value(Object* o, Cpx* out) {
  if (!is_complex_exact(o) && TRY(complex_from_dunder(o, out))) return NumberKind::kComplex;
  if (is_complex(o)) {
    *out = value_of(o);
    return NumberKind::kComplex;
  }
  double d;
  if (!TRY(float_operand(o, &d))) {
    if (!type_of(o)->number.float_ && !type_of(o)->number.index) return NumberKind::kNone;
    Ref<Object> f = TRY(number_float(o));
    d = float_value(f.get());
  }
  *out = {d, 0.0};
  return NumberKind::kReal;
}

Status warn_not_real(const char* which, Object* o) {
  std::string message = "complex() argument '";
  message += which;
  message += "' must be a real number, not ";
  message += type_name_of(o);
  return warn(exc::DeprecationWarning, message);
}

Error raise_not_real(const char* which, Object* o) {
  return raise(exc::TypeError, "complex() argument '{}' must be a real number, not {}", which,
               type_name_of(o));
}

// complex(real=0, imag=0), complex(string).
Result<Ref<Object>> complex_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("complex", "| real imag");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Object* real = a[0];
  Object* imag = a[1];
  if (real && is_str(real)) {
    if (imag) return raise_not_real("real", real);
    Cpx v;
    TRY(complex_parse_text(real, &v.re, &v.im));
    return complex_of_type(type, v);
  }
  if (imag && is_str(imag)) return raise_not_real("imag", imag);
  if (real && !imag) {
    if (is_complex_exact(real) && type == &ComplexType) return Ref<Object>::borrow(real);
    Cpx v;
    if (TRY(number_value(real, &v)) == NumberKind::kNone) {
      return raise(exc::TypeError, "complex() argument must be a string or a number, not {}",
                   type_name_of(real));
    }
    return complex_of_type(type, v);
  }
  Cpx r{0.0, 0.0}, i{0.0, 0.0};
  bool real_is_complex = false, imag_is_complex = false;
  if (real) {
    NumberKind kind = TRY(number_value(real, &r));
    if (kind == NumberKind::kNone) return raise_not_real("real", real);
    real_is_complex = kind == NumberKind::kComplex;
    if (real_is_complex) TRY(warn_not_real("real", real));
  }
  if (imag) {
    if (is_complex(imag)) {
      TRY(warn_not_real("imag", imag));
      imag_is_complex = true;
      i = value_of(imag);
    } else {
      double d;
      if (!TRY(float_operand(imag, &d))) {
        if (!type_of(imag)->number.float_ && !type_of(imag)->number.index) {
          return raise_not_real("imag", imag);
        }
        Ref<Object> f = TRY(number_float(imag));
        d = float_value(f.get());
      }
      i = {d, 0.0};
    }
  }
  // (r.re + r.im j) + (i.re + i.im j) j, adding only the parts that exist (so that the sign of
  // a zero imaginary argument survives: complex(1, -0.0) is (1-0j)).
  Cpx v{r.re, imag ? i.re : r.im};
  if (imag_is_complex) v.re -= i.im;
  if (real_is_complex && imag) v.im += r.im;
  return complex_of_type(type, v);
}

// complex.from_number(number) — a class method (3.14): numbers only, no strings.
Result<Ref<Object>> complex_from_number(Object* cls, Object* const* args, size_t, Object*) {
  Type* type = reinterpret_cast<Type*>(cls);
  Object* x = args[0];
  if (is_complex_exact(x) && type == &ComplexType) return Ref<Object>::borrow(x);
  Cpx v;
  if (is_str(x) || TRY(number_value(x, &v)) == NumberKind::kNone) {
    return raise(exc::TypeError, "must be real number, not {}", type_name_of(x));
  }
  Ref<Object> result = TRY(make(v));
  if (type == &ComplexType) return result;
  return call_one(cls, result.get());
}

Result<Ref<Object>> complex_complex(Object* self, Object* const*, size_t, Object*) {
  if (is_complex_exact(self)) return Ref<Object>::borrow(self);
  return make(value_of(self));
}

Result<Ref<Object>> complex_format_method(Object* self, Object* const* args, size_t, Object*) {
  if (!is_str(args[0])) {
    return raise(exc::TypeError, "__format__() argument must be str, not {}",
                 type_name_of(args[0]));
  }
  Cpx v = value_of(self);
  return complex_format(self, v.re, v.im, args[0]);
}

Result<Ref<Object>> complex_conjugate(Object* self, Object* const*, size_t, Object*) {
  Cpx v = value_of(self);
  return make({v.re, -v.im});
}

Result<Ref<Object>> complex_getnewargs(Object* self, Object* const*, size_t, Object*) {
  Cpx v = value_of(self);
  Ref<Object> re = TRY(float_from_double(v.re));
  Ref<Object> im = TRY(float_from_double(v.im));
  return tuple_pack({re.get(), im.get()});
}

Result<Ref<Object>> complex_get_real(Object* self) { return float_from_double(value_of(self).re); }
Result<Ref<Object>> complex_get_imag(Object* self) { return float_from_double(value_of(self).im); }

const MethodDef kComplexMethods[] = {
    {"conjugate", complex_conjugate, kMethNoArgs,
     "Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j."},
    {"__getnewargs__", complex_getnewargs, kMethNoArgs, nullptr},
    {"__complex__", complex_complex, kMethNoArgs, "Convert this value to exact type complex."},
    {"__format__", complex_format_method, kMethOneArg,
     "Convert to a string according to format_spec."},
    {"from_number", complex_from_number, kMethOneArg | kMethClass,
     "Convert number to a complex floating-point number."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kComplexGetSets[] = {
    {"real", complex_get_real, nullptr, "the real part of a complex number"},
    {"imag", complex_get_imag, nullptr, "the imaginary part of a complex number"},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_complex_type() {
  Type& t = ComplexType;
  t.name = "complex";
  t.doc =
      "Create a complex number from a string or numbers.\n\n"
      "If a string is given, parse it as a complex number.\n"
      "If a single number is given, convert it to a complex number.\n"
      "If the 'real' or 'imag' arguments are given, create a complex number\n"
      "with the specified real and imaginary components.";
  t.basicsize = sizeof(ComplexObject);
  t.flags = kTypeBaseType | kTypeImmutable;
  t.repr = complex_repr;
  t.hash = complex_hash;
  t.richcompare = complex_richcompare;
  t.new_ = complex_new;
  NumberMethods& n = t.number;
  n.add = complex_add;
  n.subtract = complex_subtract;
  n.multiply = complex_multiply;
  n.true_divide = complex_true_divide;
  n.power = complex_power;
  n.negative = complex_negative;
  n.positive = complex_positive;
  n.absolute = complex_absolute;
  n.boolean = complex_bool;
  t.methods = kComplexMethods;
  t.getsets = kComplexGetSets;
  return ok();
}

Status ready_complex_type() { return type_ready(&ComplexType); }

}  // namespace

Result<Ref<Object>> complex_from_doubles(double real, double imag) { return make({real, imag}); }

Result<Ref<Object>> complex_power_from_floats(double base, double exp) {
  Cpx r = TRY(c_pow({base, 0.0}, {exp, 0.0}));
  return make(r);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_complex_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_complex_type);

}  // namespace weft
