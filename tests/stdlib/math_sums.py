# oracle: python3.13
# math: exact and vector sums (fsum, prod, sumprod, hypot, dist).
import math

print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100]))
print(math.fsum([]), math.fsum([1, 2, 3]), math.fsum(x / 7 for x in range(100)))
print(math.fsum([1.0, 1e-16, 1e-16]), math.fsum([2.0**53, 1.0, 2.0**-52]))
print(math.fsum([math.inf, 1.0]), math.fsum([-math.inf, -1e308]), math.fsum([math.nan, 1.0]))
print(math.prod([]), math.prod([1, 2, 3, 4]), math.prod([0.5, 4]), math.prod(range(1, 21)))
print(math.prod([2, 3], start=10), math.prod(['ab'], start=3), math.prod([[1]], start=2))
print(math.sumprod([1, 2, 3], [4, 5, 6]), math.sumprod([], []), math.sumprod([0.1] * 10, [0.1] * 10))
print(math.sumprod([1.5, 2, 3], [2, 2.5, 4]), math.sumprod([10**30, 2], [10**30, 0.5]))
print(math.sumprod([1e308, 1e308], [10, -10]), math.sumprod([True, 2], [3, False]))
print(math.hypot(), math.hypot(-3), math.hypot(3, 4), math.hypot(1, 1), math.hypot(1e300, 1e300))
print(math.hypot(1, 2, 3, 4), math.hypot(math.inf, math.nan), math.hypot(math.nan, 1), math.hypot(5e-324, 5e-324))
print(math.dist((0, 0), (3, 4)), math.dist([1, 2, 3], [4, 6, 8]), math.dist((), ()), math.dist(iter([1.5]), (0,)))
