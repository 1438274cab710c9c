# lambda expressions and higher-order functions.
square = lambda x: x * x
print(square(7), (lambda: "no args")(), (lambda *a, **k: (a, k))(1, b=2))
print(list(map(lambda x: x + 1, [1, 2, 3])), list(filter(lambda x: x % 2, range(10))))
print(sorted(["ccc", "a", "bb"], key=lambda s: -len(s)))
adders = {op: fn for op, fn in [("+", lambda a, b: a + b), ("*", lambda a, b: a * b)]}
print(adders["+"](3, 4), adders["*"](3, 4))
print((lambda x, y=10: x + y)(5), (lambda x, /, y: x - y)(10, y=3))
print(square.__name__, (lambda: 0).__qualname__)
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3))
print(max([(1, "b"), (3, "a"), (2, "c")], key=lambda t: t[1]))
