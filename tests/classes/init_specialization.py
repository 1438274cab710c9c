# Class instantiation and attribute stores after the VM has specialised them (hot loops): the
# specialised forms must notice every change that the generic path would see.
import abc


def make_many(cls, n, *args):
    out = None
    for _ in range(n):
        out = cls(*args)
    return out


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = make_many(P, 200, 1, 2)
print(p.x, p.y, sorted(vars(p)))

# __init__ replaced after the call site specialised.
def new_init(self, x, y):
    self.x = x * 10
    self.z = y
P.__init__ = new_init
p = make_many(P, 50, 1, 2)
print(p.x, vars(p))

# __init__ returning a value.
def bad_init(self, x, y):
    return 5
P.__init__ = bad_init
try:
    make_many(P, 3, 1, 2)
except TypeError as e:
    print("TypeError:", e)
P.__init__ = new_init

# A __new__ added later takes over.
def custom_new(cls, *args):
    print("custom __new__", args)
    return object.__new__(cls)
class P2:
    def __init__(self, x, y):
        self.x = x
p2 = make_many(P2, 100, 1, 2)
P2.__new__ = custom_new
p2 = make_many(P2, 2, 3, 4)
print(p2.x)

# Wrong argument counts still raise the function's own errors.
try:
    make_many(P, 2, 1)
except TypeError as e:
    print("TypeError:", e)

# An exception in __init__ propagates, the instance is dropped.
class Fails:
    count = 0
    def __init__(self, n):
        Fails.count += 1
        if n == 150:
            raise ValueError("n is 150")
        self.n = n
try:
    for i in range(200):
        Fails(i)
except ValueError as e:
    print("ValueError:", e, Fails.count)

# Abstract classes refuse instantiation even at a specialised site.
class Base(abc.ABC):
    def __init__(self):
        self.ok = True
class Impl(Base):
    pass
def build(cls):
    return cls()
for _ in range(100):
    build(Impl)
Impl.run = abc.abstractmethod(lambda self: None)
Impl.__abstractmethods__ = frozenset({"run"})
try:
    build(Impl)
except TypeError as e:
    print("TypeError:", e)

# A metaclass __call__ is honoured.
class Meta(type):
    def __call__(cls, *args):
        print("Meta.__call__", args)
        return super().__call__(*args)
class M(metaclass=Meta):
    def __init__(self, a):
        self.a = a
m = make_many(M, 2, 7)
print(m.a)

# A data descriptor added later intercepts the store in __init__.
class Q:
    def __init__(self, v):
        self.v = v
q = make_many(Q, 200, 1)
def setter(self, value):
    print("property setter", value)
    self.__dict__["v"] = value * 2
Q.v = property(lambda self: self.__dict__["v"], setter)
q = make_many(Q, 2, 21)
print(q.v)
del Q.v
q = make_many(Q, 100, 3)
print(q.v, vars(q))

# Stores into an instance whose __dict__ was replaced, and into slot-less dict subclasses.
class R:
    def __init__(self):
        self.a = 1
    def set_b(self, v):
        self.b = v
rs = [R() for _ in range(100)]
for r in rs:
    r.set_b(2)
r = R()
r.__dict__ = {"old": 0}
r.set_b(3)
print(sorted(r.__dict__.items()))
class D(dict):
    pass
r2 = R()
r2.__dict__ = D()
r2.set_b(4)
print(type(r2.__dict__).__name__, r2.__dict__)

# Classes with __slots__ or a native base keep working.
class S:
    __slots__ = ("a",)
    def __init__(self, a):
        self.a = a
print(make_many(S, 100, 9).a)
class L(list):
    def __init__(self, n):
        super().__init__(range(n))
        self.n = n
lst = make_many(L, 100, 3)
print(lst, lst.n)

# __bases__ assignment changes which __init__ runs.
class A1:
    def __init__(self):
        self.src = "A1"
class A2:
    def __init__(self):
        self.src = "A2"
class C(A1):
    pass
print(make_many(C, 100).src)
C.__bases__ = (A2,)
print(make_many(C, 2).src)
