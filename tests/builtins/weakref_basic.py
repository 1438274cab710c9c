# weakref.ref through the _weakref module: identity reuse, calling, hashing, equality, repr,
# __callback__, subclassing, which objects are weak-referenceable, __weakref__ and __slots__.
import _weakref
import sys

ref = _weakref.ref


def shape(text):
    # Replace addresses so the output does not depend on the platform.
    out = []
    for word in text.split(" "):
        if word.startswith("0x"):
            word = "ADDR" + (">" if word.endswith(">") else "") + (";" if word.endswith(";") else "")
        out.append(word)
    return " ".join(out)


class C:
    def meth(self):
        pass


c = C()
r = ref(c)
print(r() is c, ref(c) is r, _weakref.getweakrefcount(c))
r2 = ref(c, lambda w: None)
print(r2 is r, r2() is c, _weakref.getweakrefcount(c), _weakref.getweakrefs(c) == [r, r2])
print(r.__callback__, callable(r2.__callback__))
print(shape(repr(r)))
print(c.__weakref__ is r)
del c
print(r(), r2(), r2.__callback__, _weakref.getweakrefcount(C()))
print(shape(repr(r)))


def f():
    pass


print(shape(repr(ref(f))), shape(repr(ref(int))))


class H:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        return isinstance(other, H) and self.h == other.h


a, b, other = H(7), H(7), H(8)
ra, rb, ro = ref(a), ref(b), ref(other)
print(hash(ra), ra == rb, ra != rb, ra == ro, ra == 5, ra != 5)
try:
    ra < rb
except TypeError as e:
    print("TypeError:", e)
d = {ra: "a"}
del a
print(hash(ra), ra == rb, ra == ra, d[ra])
try:
    hash(ro.__class__(H(1)))
except TypeError as e:
    print("TypeError:", e)
dead = ref(H(3))
try:
    hash(dead)
except TypeError as e:
    print("TypeError:", e)

for bad in (1, "s", [], {}, (), object(), 1.5, None, Exception()):
    try:
        ref(bad)
    except TypeError as e:
        print("TypeError:", e)


def gen():
    yield 1


async def coro():
    pass


async def agen():
    yield 1


co = coro()
for obj in (int, f, len, C().meth, set(), frozenset(), gen(), co, agen(), f.__code__, sys):
    w = ref(obj)
    print(type(obj).__name__, w() is obj)
co.close()

for args in ((), (1, 2, 3)):
    try:
        ref(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    ref(f, x=1)
except TypeError as e:
    print("TypeError:", e)
try:
    ref(f)(1)
except TypeError as e:
    print("TypeError:", e)
try:
    ref(f)(x=1)
except TypeError as e:
    print("TypeError:", e)


class Slotted:
    __slots__ = ("x",)


class SlottedWeak:
    __slots__ = ("x", "__weakref__")


try:
    ref(Slotted())
except TypeError as e:
    print("TypeError:", e)
sw = SlottedWeak()
print(ref(sw)() is sw)
try:
    class Twice(SlottedWeak):
        __slots__ = ("__weakref__",)
except TypeError as e:
    print("TypeError:", e)


class MyRef(ref):
    def __init__(self, ob, callback=None, tag=None):
        super().__init__(ob, callback)
        self.tag = tag

    def __new__(cls, ob, callback=None, tag=None):
        return super().__new__(cls, ob, callback)


target = C()
m1 = MyRef(target, None, "one")
m2 = MyRef(target, None, "two")
print(m1 is not m2, m1() is target, m1.tag, m2.tag, isinstance(m1, ref), type(m1).__name__)
print(ref(target) is not m1, _weakref.getweakrefcount(target))
print(ref is _weakref.ReferenceType, ref.__name__, ref.__module__)
print(ref[int])
