# weakref.proxy: forwarding of attributes and every operator to the referent, callable proxies,
# identity reuse, and ReferenceError once the referent is gone.
import _weakref

proxy = _weakref.proxy


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, o): return ("add", self.v, o)
    def __radd__(self, o): return ("radd", self.v, o)
    def __sub__(self, o): return ("sub", self.v, o)
    def __mul__(self, o): return ("mul", self.v, o)
    def __truediv__(self, o): return ("truediv", self.v, o)
    def __floordiv__(self, o): return ("floordiv", self.v, o)
    def __mod__(self, o): return ("mod", self.v, o)
    def __divmod__(self, o): return ("divmod", self.v, o)
    def __pow__(self, o, m=None): return ("pow", self.v, o, m)
    def __lshift__(self, o): return ("lshift", self.v, o)
    def __rshift__(self, o): return ("rshift", self.v, o)
    def __and__(self, o): return ("and", self.v, o)
    def __or__(self, o): return ("or", self.v, o)
    def __xor__(self, o): return ("xor", self.v, o)
    def __matmul__(self, o): return ("matmul", self.v, o)
    def __iadd__(self, o): return ("iadd", self.v, o)
    def __neg__(self): return ("neg", self.v)
    def __pos__(self): return ("pos", self.v)
    def __abs__(self): return ("abs", self.v)
    def __invert__(self): return ("invert", self.v)
    def __int__(self): return 42
    def __float__(self): return 4.5
    def __index__(self): return 3
    def __bool__(self): return self.v != 0
    def __len__(self): return 5
    def __getitem__(self, k): return ("getitem", k)
    def __setitem__(self, k, v): print("setitem", k, v)
    def __delitem__(self, k): print("delitem", k)
    def __contains__(self, k): return k == "in"
    def __iter__(self): return iter([1, 2, 3])
    def __eq__(self, o): return ("eq", o)
    def __lt__(self, o): return ("lt", o)
    def __str__(self): return "str of Num"
    def __bytes__(self): return b"bytes of Num"
    def __reversed__(self): return iter("cba")
    def method(self, x): return ("method", self.v, x)


n = Num(2)
p = proxy(n)
print(proxy(n) is p, type(p).__name__, type(p).__module__)
print(p.v, p.method(9))
p.w = 5
print(n.w)
del p.w
print(hasattr(n, "w"))
print(p + 1, 1 + p, p - 1, p * 1, p / 1, p // 1, p % 1, divmod(p, 1))
print(p ** 2, pow(p, 2, 5), p << 1, p >> 1, p & 1, p | 1, p ^ 1, p @ 1)
print(-p, +p, abs(p), ~p, int(p), float(p), [10, 20, 30, 40][p], bool(p), len(p))
print(p[1], "in" in p, "out" in p, list(p), str(p), bytes(p), list(reversed(p)))
p[1] = 2
del p[1]
print(p == 3, p < 3, (p + p)[:2], (p + p)[2] is n)
q = p
q += 1
print(q)
try:
    hash(p)
except TypeError as e:
    print("TypeError:", e)

class It:
    def __init__(self):
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i > 2:
            raise StopIteration
        return self.i


src = It()
pi = proxy(src)
print(next(pi), next(pi))
try:
    next(pi)
except StopIteration:
    print("StopIteration")
try:
    next(p)
except TypeError as e:
    print("TypeError:", e)


def f(a, b=2):
    return a + b


class Callable:
    def __call__(self, *args, **kw):
        return ("called", args, kw)


pf = proxy(f)
print(type(pf).__name__, pf(1), pf(1, b=5), pf.__name__)
cobj = Callable()
pc = proxy(cobj)
print(type(pc).__name__, pc(1, k=2))
try:
    p()
except TypeError as e:
    print("TypeError:", e)

died = []
tmp = Num(0)
pt = proxy(tmp, lambda w: died.append(type(w).__name__))
print(bool(pt), pt.v)
del tmp
print(died)
for action in (lambda: pt.v, lambda: pt + 1, lambda: len(pt), lambda: bool(pt), lambda: str(pt),
               lambda: pt[0], lambda: setattr(pt, "a", 1)):
    try:
        action()
    except ReferenceError as e:
        print("ReferenceError:", e)
print(_weakref.getweakrefcount(n), _weakref.getweakrefcount(f))
for args in ((), (1, 2, 3)):
    try:
        proxy(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    proxy(1)
except TypeError as e:
    print("TypeError:", e)
try:
    _weakref.ProxyType()
except TypeError as e:
    print("TypeError:", e)
try:
    class Sub(_weakref.ProxyType):
        pass
except TypeError as e:
    print("TypeError:", e)
