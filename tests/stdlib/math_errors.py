# math: CPython 3.14's domain, range and type errors.
import math

cases = [
    "math.sqrt(-1)", "math.sqrt(-1e-300)", "math.log(0)", "math.log(-2.5)", "math.log(-(10**400))",
    "math.log2(0.0)", "math.log10(-1)", "math.log1p(-1)", "math.log(1, 1)", "math.log(2, 0.0)",
    "math.acos(2)", "math.asin(-1.5)", "math.acosh(0.5)", "math.atanh(1)", "math.atanh(-1.0)",
    "math.sin(math.inf)", "math.cos(-math.inf)", "math.tan(math.inf)", "math.exp(1000)",
    "math.exp2(2000)", "math.expm1(800)", "math.cosh(1000)", "math.sinh(-1000)", "math.gamma(0)",
    "math.gamma(-2)", "math.gamma(200)", "math.lgamma(-1)", "math.pow(0, -1)", "math.pow(-1, 0.5)",
    "math.pow(10, 400)", "math.fmod(1, 0)", "math.fmod(math.inf, 1)", "math.remainder(1, 0)",
    "math.remainder(math.inf, 2)", "math.ldexp(1, 2000)", "math.ldexp(1, 10**30)", "math.ldexp(1, 1.0)",
    "math.fma(1e308, 10, 0)", "math.fma(math.inf, 0, 1)", "math.sqrt('a')", "math.floor('x')",
    "math.trunc('s')", "math.factorial(-1)", "math.factorial(2.0)", "math.comb(-1, 2)",
    "math.comb(3, -1)", "math.perm(-3, 1)", "math.perm(3, -1)", "math.isqrt(-1)", "math.isqrt(2.0)",
    "math.gcd(1.5)", "math.lcm('a')", "math.fsum([math.inf, -math.inf])", "math.fsum([1e308, 1e308])",
    "math.fsum([1, 'a'])", "math.isclose(1, 2, rel_tol=-1)", "math.nextafter(1, 2, steps=-1)",
    "math.dist([1], [1, 2])", "math.sumprod([1, 2], [3])", "math.sumprod([1], [2, 3])",
    "math.hypot('a')", "math.prod(5)", "math.log(10, 2, 3)", "math.atan2(1)",
    "math.exp(10**400)", "math.isclose(1)", "math.comb(10**30, 10**25)",
]
for case in cases:
    try:
        print(case, "->", repr(eval(case)))
    except Exception as e:
        print(case, "->", type(e).__name__ + ":", e)
