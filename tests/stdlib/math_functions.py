# oracle: python3.13
# math: float functions, rounding, integer functions (results compared with CPython 3.14).
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
for f in (math.sqrt, math.exp, math.log, math.log2, math.log10, math.log1p, math.expm1,
          math.sin, math.cos, math.tan, math.atan, math.asinh, math.tanh, math.sinh, math.cosh,
          math.erf, math.erfc, math.fabs, math.degrees, math.radians, math.exp2):
    print(f.__name__, [f(x) for x in (0.5, 1, 2.0, 10)])
print(math.acos(0.5), math.asin(-0.5), math.acosh(2), math.atanh(0.5), math.atan2(1, -1))
print(math.gamma(5), math.gamma(1), math.lgamma(1), math.lgamma(2))
print(math.log(8, 2), math.log(100, 10), math.log(10**400), math.log2(2**1000), math.log10(10**500))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.7), math.floor(7), math.ceil(True))
class F:
    def __floor__(self): return "floor!"
    def __ceil__(self): return "ceil!"
    def __trunc__(self): return "trunc!"
    def __float__(self): return 2.5
print(math.floor(F()), math.ceil(F()), math.trunc(F()), math.sqrt(F()))
print(math.frexp(8.0), math.frexp(0.0), math.frexp(-0.1), math.ldexp(0.5, 4), math.ldexp(1.0, -1100))
print(math.modf(3.25), math.modf(-2.5), math.modf(math.inf), math.fmod(7, 3), math.fmod(-7, 3))
print(math.remainder(7, 3), math.remainder(5, 2), math.remainder(-5, 2), math.remainder(3, math.inf))
print(math.pow(2, 10), math.pow(-8, 1/3) if False else 0, math.pow(math.inf, -1), math.pow(-math.inf, 3))
print(math.pow(0.5, math.inf), math.pow(2, -math.inf), math.pow(math.nan, 0), math.pow(1, math.nan))
print(math.copysign(3, -0.0), math.fabs(-4), math.fma(2, 3, 4), math.fma(0.1, 10, -1))
print(math.isfinite(1e308), math.isinf(-math.inf), math.isnan(math.nan), math.isnan(1))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0, 1e-10, abs_tol=1e-9))
print(math.isclose(math.inf, math.inf), math.isclose(a=1, b=1.0000001, rel_tol=1e-3))
print(math.nextafter(1.0, 2.0), math.nextafter(1.0, 0.0), math.nextafter(0.0, -1.0))
print(math.nextafter(1.0, 2.0, steps=0), math.nextafter(-1e-320, 1e-320, steps=10**30))
print(math.nextafter(0.0, 1.0, steps=5), math.nextafter(5e-324, -1.0, steps=3))
print(math.ulp(1.0), math.ulp(0.0), math.ulp(-1e300), math.ulp(math.inf), math.ulp(1.7976931348623157e308))
print(math.gcd(), math.gcd(12, 18), math.gcd(-4, 6, 10), math.gcd(2**100, 2**80 * 3))
print(math.lcm(), math.lcm(4, 6), math.lcm(-4, 6, 0), math.lcm(2**70, 3))
print(math.factorial(0), math.factorial(20), math.factorial(30), len(str(math.factorial(1000))))
print(math.comb(5, 2), math.comb(5, 7), math.comb(100, 50), math.comb(10**20, 2))
print(math.perm(5), math.perm(5, 2), math.perm(5, 0), math.perm(3, 5), math.perm(20, None))
print(math.isqrt(0), math.isqrt(15), math.isqrt(16), math.isqrt(10**40 + 1), math.isqrt(True))
