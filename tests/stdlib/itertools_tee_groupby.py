# itertools.tee (+ _tee copies, shared buffer, re-entrancy) and groupby (+ _grouper when the
# outer iterator advances, re-entrant key functions).
import itertools as it

a, b = it.tee(range(5))
print(type(a).__name__, next(a), next(a), list(b), list(a))
a, b, c = it.tee("abc", 3)
print(list(a), list(b), list(c), it.tee("x", 0), len(it.tee([], 1)))
a, b = it.tee(iter(range(200)))
print(sum(a), sum(b))
a, b = it.tee(range(10))
c = a.__copy__()
print(next(a), next(a), list(c), list(b)[:3])
t1, t2 = it.tee(a)
print(type(t1).__name__, list(t1), list(t2), list(a))
src = iter([1, 2, 3])
x, y = it.tee(src)
print(next(x), next(src), list(y))
tees = it.tee(range(3), 3)
print(tees[0] is not tees[1], [list(t) for t in tees])
t = it._tee([4, 5])
print(type(t).__name__, list(t.__copy__()), list(t))
class Copyable:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration
    def __copy__(self):
        return "copied"
print([type(t).__name__ for t in it.tee(Copyable(), 2)])
def regen():
    yield 1
    yield next(reent[0])
reent = it.tee(regen(), 2)
try:
    print(list(reent[0]))
except RuntimeError as e:
    print("RuntimeError", e)
print(list(reent[1]))
big = it.tee(range(1000), 2)
print(len(list(big[0])), sum(big[1]))
for expr in ["it.tee()", "it.tee(1)", "it.tee([], -1)", "it.tee([], 'a')", "it.tee([], 1, 2)",
             "it.tee([], n=2)", "it._tee()", "it._tee(1)", "it._tee([], x=1)",
             "it._tee_dataobject()", "it._tee_dataobject(1, 2, 3)",
             "it._tee_dataobject([], [1] * 58, None)", "it._tee_dataobject([], [], 1)",
             "type(it._tee_dataobject(iter([]), [1, 2], None)).__name__",
             "it._grouper()", "it._grouper(1, 2)"]:
    try:
        print(expr, eval(expr))
    except Exception as e:
        print(expr, type(e).__name__, e)
try:
    class T(it._tee):
        pass
except TypeError as e:
    print("TypeError", e)

# groupby
print([(k, list(g)) for k, g in it.groupby("aaabbcdd")])
print([k for k, g in it.groupby([1, 1, 2, 3, 3, 3])], list(it.groupby([])))
print([(k, list(g)) for k, g in it.groupby(range(10), key=lambda x: x // 3)])
print([(k, "".join(g)) for k, g in it.groupby("AaBbbC", str.lower)])
print([(k, list(g)) for k, g in it.groupby(iterable=[1, 2, 2], key=None)])
g = it.groupby("aabbcc")
k1, g1 = next(g)
k2, g2 = next(g)
print(k1, list(g1), k2, list(g2))
g = it.groupby("aabbcc")
k1, g1 = next(g)
print(next(g1))
k2, g2 = next(g)
print(list(g1), list(g2), [(k, list(v)) for k, v in g])
g = it.groupby("aab")
k, g1 = next(g)
print(type(g1).__name__, list(g1), list(g1))
gb = None
def key(x):
    if x == 2:
        next(gb)
    return x
gb = it.groupby([1, 2, 3, 4], key)
print([k for k, _ in gb])
def bad_key(x):
    if x == 3:
        raise ValueError("bad key")
    return x
gb = it.groupby([1, 2, 3, 4], bad_key)
try:
    print([k for k, _ in gb])
except ValueError as e:
    print("ValueError", e)
class Odd:
    def __eq__(self, other):
        raise TypeError("no eq")
gb = it.groupby([Odd(), Odd()])
next(gb)
try:
    next(gb)
except TypeError as e:
    print("TypeError", e)
grp = it._grouper(it.groupby("aab"), "a")
print(type(grp).__name__)
for expr in ["it.groupby()", "it.groupby(1)", "it.groupby([], None, None)", "it.groupby(x=1)",
             "it.groupby([], key=None, iterable=[])"]:
    try:
        print(expr, eval(expr))
    except Exception as e:
        print(expr, type(e).__name__, e)
