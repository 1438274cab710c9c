# Common built-in functions.
print(len("abc"), len([1, 2]), len({}), len(range(7)), len((1,)))
print(abs(-3), abs(2.5), min(4, 2, 8), max([1, 7, 3]), min("bca"), max(1, 2, key=lambda x: -x))
print(min([], default="empty"), max([3, 1], default=0), sum([1, 2, 3], 10), sum([0.5, 0.25]))
print(sorted([3, 1, 2]), sorted("cba"), sorted({3: 0, 1: 0}), sorted([1, 3, 2], reverse=True))
print(list(enumerate("ab")), list(enumerate([5, 6], 10)), list(zip("ab", [1, 2], (True, False))))
print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2], [3, 4])), list(filter(str.isdigit, "a1b2")))
print(list(reversed("abc")), list(reversed([1, 2, 3])), list(reversed(range(3))))
print(any([0, "", 3]), all([1, "a"]), any([]), all([]))
print(isinstance(3, (str, int)), isinstance("s", str), issubclass(bool, int), callable(len), callable(3))
print(type(3), type("a"), type([]), type(None), type(type), type(len).__name__)
print(id(3) == id(3), hash("x") == hash("x"), divmod(9, 4), pow(2, 5), round(3.14159, 2))
print(repr("a"), ascii("ü"), chr(65), ord("a"), hex(16), oct(9), bin(5), format(255, "x"), format(3.14159, ".2f"))
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"))
print(getattr("abc", "upper")(), hasattr([], "append"), getattr(1, "nope", None))
class C:
    pass
c = C()
setattr(c, "v", 5)
print(c.v, vars(c), dir(c)[-1], "v" in dir(c))
print(list(range(3)), tuple(range(3)), set([1, 1, 2]), dict(a=1), frozenset([1]), str(5), int("7"), float("2.5"), bool(0))
print(bytes("ab", "ascii"), list(b"ab"))
print(globals()["C"] is C, "c" in globals(), isinstance(locals(), dict))
print(slice(1, 2), object().__class__.__name__, NotImplemented, Ellipsis, ...)
try:
    next(iter([]))
except StopIteration:
    print("StopIteration raised")
try:
    len(5)
except TypeError as e:
    print("TypeError:", e)
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
try:
    int("12", 1)
except ValueError as e:
    print("ValueError:", e)
try:
    zip([1], [1, 2], strict=True).__next__(), list(zip([1], [1, 2], strict=True))
except ValueError as e:
    print("ValueError:", e)
