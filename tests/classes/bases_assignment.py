# type.__bases__ assignment: checks, messages, MRO and slot recomputation for subclasses.
class A: pass
class B(A): pass
class C: pass


def attempt(f):
    try:
        f()
        print("ok")
    except Exception as e:
        print(type(e).__name__, e)


def setter(cls, v):
    def f():
        cls.__bases__ = v
    return f


attempt(setter(B, (object,)))
attempt(setter(B, (C,)))
print(B.__mro__, B.__base__)
print(issubclass(B, A), issubclass(B, C), isinstance(B(), C))
attempt(setter(B, (int,)))
attempt(setter(int, (object,)))
attempt(setter(B, [A]))
attempt(setter(B, ()))
attempt(setter(B, (1,)))
attempt(setter(C, (B,)))
attempt(setter(A, (A,)))


def delete():
    del B.__bases__


attempt(delete)

# Subclasses get new MROs, attribute lookups see the change at once.
class D(C): pass
class E(D): pass
C.f = lambda self: "C.f"
class F:
    def f(self):
        return "F.f"
    def __len__(self):
        return 42
    def __add__(self, other):
        return "F.__add__"
e = E()
print(e.f())
try:
    len(e)
except TypeError as exc:
    print("TypeError", exc)
D.__bases__ = (F,)
print(e.f(), len(e), e + 1)
print(E.__mro__)
print(D.__mro__)
print(C.__subclasses__(), F.__subclasses__())
D.__bases__ = (C,)
print(e.f(), hasattr(e, "__len__"))

# Layout checks on built-in bases.
class X(list): pass
class Y(dict): pass
class L2(list): pass
attempt(setter(X, (dict,)))
attempt(setter(X, (Y,)))
attempt(setter(X, (L2,)))
print(X.__mro__)
class I(int): pass
class J(int): pass
class K(I): pass
attempt(setter(K, (J,)))
print(K.__mro__, K(5) + 1)

# MRO consistency errors leave everything as it was.
class M1: pass
class M2(M1): pass
class N(M1): pass
class N2(N): pass
attempt(setter(N, (M1, M2)))
print(N.__mro__, N2.__mro__)
attempt(setter(N, (M2, M1)))
print(N.__mro__, N2.__mro__)

# Same __slots__ on both sides.
class S1:
    __slots__ = ('a',)
class S2:
    __slots__ = ('a',)
class S4:
    __slots__ = ('b',)
class S3(S1):
    pass
attempt(setter(S3, (S2,)))
print(S3.__mro__)
attempt(setter(S3, (S4,)))

# A metaclass's mro() runs for the class and its subclasses.
class Meta(type):
    def mro(cls):
        print("mro called for", cls.__name__)
        return type.mro(cls)
class R0: pass
class P(R0, metaclass=Meta): pass
class Q(P): pass
class R: pass
P.__bases__ = (R,)
print(Q.__mro__)
print(type.mro(Q))


# __class__ assignment shares the layout check.
class G: pass
class H: pass
g = G()
g.__class__ = H
print(type(g).__name__)
def set_class():
    g.__class__ = S1
attempt(set_class)
