# Floats: repr, arithmetic, conversions.
print(0.1, 0.2, 0.1 + 0.2, 1.0, -0.0, 1e16, 1e-5, 1.5e300, 123456789.0)
print(1 / 3, 2 / 3, 10 / 3, 1e22, 1e21, 1e15, 0.0001, 0.00001)
print(3.0 * 2, 7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 2.0 ** 0.5)
print(float("1.5"), float("  -2.25 "), float("1e3"), float("inf"), float("-inf"), float("nan"))
print(float(3), float(-7), float("1_000.5"))
print(int(2.5), int(-2.5), round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(2.675, 2))
print(round(1234.5678, -2), round(1.23456, 3), round(5.0))
print(1.5 == 1.5, 1.0 == 1, 0.1 + 0.2 == 0.3, 2.0 < 3, 1e308 * 10)
print(abs(-3.5), -3.5, +2.25, max(1.5, 2), min(1.5, 2))
print(hash(1.0), hash(-0.0), hash(2.0) == hash(2), hash(1.5) == hash(1.5))
print((0.5).is_integer(), (2.0).is_integer(), (0.75).as_integer_ratio())
print(str(1.0), repr(1.1), str(1e100), 1.7976931348623157e308)
print(5e-324, 2.2250738585072014e-308, 1e-7, 123e-20)
print(float("nan") == float("nan"), float("inf") > 1e308)
x = 1.0
for _ in range(10):
    x *= 1.1
print(x)
print(sum([0.1] * 10), 3 * 0.1)
print(7 / 2, 7.0 // 2, divmod(7.5, 2), divmod(-7.5, 2))
print(2 ** 0.5, 10 ** -2, 4 ** 0.5, (-8) ** 2.0)
