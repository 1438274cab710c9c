# dir() of classes lists the class's and its bases' attributes (type.__dir__), sorted; dir() of
# instances adds the instance dict; metaclass attributes are not included.
class A:
    x = 1

    def f(self):
        pass


class B(A):
    y = 2


class M(type):
    meta_attr = 3


class C(B, metaclass=M):
    z = 4


for obj in (A, B, C, C(), M):
    print([n for n in dir(obj) if not n.startswith("__")])
c = C()
c.inst = 5
print([n for n in dir(c) if not n.startswith("__")])
print(dir(list) == sorted(set(dir(list))), "append" in dir(list), "mro" in dir(type), "mro" in dir(int))
print(sorted(set(dir(type)) - set(dir(object)) - {"__text_signature__"}))
print(type.__dir__(A) == A.__dir__(A) if hasattr(A, "__dir__") else None)

# Layout members, the default checks, __prepare__ and writable __doc__ of heap types.
print(A.__flags__ & (1 << 9) != 0, int.__flags__ & (1 << 9) == 0, type(A.__basicsize__).__name__)
print(type.__instancecheck__(int, 1), type.__subclasscheck__(int, bool), type.__prepare__("N", ()))
A.__doc__ = "documented"
print(A.__doc__)
try:
    int.__doc__ = "no"
except TypeError as e:
    print("TypeError", e)
from collections import defaultdict
try:
    defaultdict().__missing__()
except TypeError as e:
    print("TypeError", e)
