// objects/complex.cpp — the complex type: construction from numbers, repr, hash, ==/!=, the
// arithmetic operators (+ - * / ** with CPython's algorithms: Smith's division, repeated
// multiplication for small integral powers), abs, conjugate, real/imag.
//
// Operands may be complex, float or int (ints converted with int_as_double). Not yet supported:
// complex(str) parsing and __format__ (NotImplementedError would be wrong for format(); the
// methods are simply absent). Complex numbers are immutable: no locking.
#include "objects/complex.h"

#include <cerrno>
#include <cmath>

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

Cpx c_prod(Cpx a, Cpx b) { return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }

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

// complex(real=0, imag=0) from numbers.
Result<Ref<Object>> complex_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("complex", "| real imag");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Cpx r{0.0, 0.0}, i{0.0, 0.0};
  if (a[0] != nullptr) {
    if (is_str(a[0])) {
      return raise(exc::NotImplementedError, "complex() from a string is not supported yet");
    }
    if (!TRY(complex_operand(a[0], &r))) {
      Ref<Object> f = TRY(number_float(a[0]));  // __float__ / __index__, with float's errors
      r = {float_value(f.get()), 0.0};
    }
    if (a[1] == nullptr && is_complex_exact(a[0]) && type == &ComplexType) {
      return Ref<Object>::borrow(a[0]);
    }
  }
  if (a[1] != nullptr) {
    if (!TRY(complex_operand(a[1], &i))) {
      return raise(exc::TypeError,
                   "complex() argument 'imag' must be a real number, not {}",
                   type_name_of(a[1]));
    }
  }
  // (r.re + r.im j) + (i.re + i.im j) j
  return complex_of_type(type, {r.re - i.im, r.im + i.re});
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
