# tuples.
t = (1, "two", 3.0, None)
print(t, len(t), t[1], t[-1], t[1:3], t[::-1], (), (1,), tuple("abc"), tuple([1, 2]))
print(t + (5,), (0,) * 3, 3 in (1, 2, 3), "x" not in t)
a, b, c, d = t
print(a, b, c, d)
print((1, 2) < (1, 3), (1, 2) == (1, 2), (1, 2, 3) > (1, 2), (2,) > (1, 9))
print((1, 2, 2, 3).count(2), (1, 2, 3).index(3), hash((1, 2)) == hash((1, 2)))
print(hash(()) == hash(()), hash((1,)) != hash((2,)), hash(("a", 1)) == hash(("a", 1)))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], len(nested))
x, (y, z) = 1, (2, 3)
print(x, y, z)
print(max((3, 1), (2, 9)), sorted([(2, "b"), (1, "z"), (2, "a")]))
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    (1, 2).index(9)
except ValueError as e:
    print("ValueError:", e)
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)
