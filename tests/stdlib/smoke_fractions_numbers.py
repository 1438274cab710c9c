# fractions and numbers: exact rational arithmetic, conversions, limit_denominator, the ABCs.
import fractions, numbers, math
F = fractions.Fraction
a, b = F(3, 4), F("-1/6")
print(a + b, a - b, a * b, a / b, a ** 2, a ** -1, -b, abs(b), a // b, a % b, divmod(a, b))
print(F(0.1), F("1.25"), F(" 3/9 "), F(1.5).as_integer_ratio(), F(7, 3).limit_denominator(2))
print(F(math.pi).limit_denominator(1000), round(F(7, 2)), round(F(5, 2)), round(F(22, 7), 2), math.floor(F(-7, 2)))
print(float(F(1, 3)), int(F(-7, 2)), F(1, 3) < 0.34, F(1, 2) == 0.5, hash(F(1, 2)) == hash(0.5), F(3, 1).is_integer())
print(f"{F(1, 3):.5f}", format(F(22, 7), ".3e"), F.from_float(0.25))
print(isinstance(3, numbers.Integral), isinstance(1.5, numbers.Rational), isinstance(a, numbers.Rational), isinstance(2.0, numbers.Real), isinstance(1j, numbers.Complex))
for bad in [lambda: F(1, 0), lambda: F("x"), lambda: F(float("nan"))]:
    try:
        bad()
    except (ZeroDivisionError, ValueError) as e:
        print(type(e).__name__, e)
