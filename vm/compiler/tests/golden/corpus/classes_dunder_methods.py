# Operator overloading and the data model through dunder methods.
class Vec:
    def __init__(self, *c):
        self.c = list(c)
    def __repr__(self):
        return "Vec" + str(tuple(self.c))
    def __add__(self, other):
        return Vec(*[a + b for a, b in zip(self.c, other.c)])
    def __sub__(self, other):
        return Vec(*[a - b for a, b in zip(self.c, other.c)])
    def __mul__(self, k):
        return Vec(*[a * k for a in self.c])
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return self * -1
    def __eq__(self, other):
        return isinstance(other, Vec) and self.c == other.c
    def __hash__(self):
        return hash(tuple(self.c))
    def __len__(self):
        return len(self.c)
    def __getitem__(self, i):
        return self.c[i]
    def __setitem__(self, i, v):
        self.c[i] = v
    def __contains__(self, v):
        return v in self.c
    def __bool__(self):
        return self.c != [0] * len(self.c)
    def __iter__(self):
        return iter(self.c)
    def __call__(self, scale):
        return self * scale
    def __lt__(self, other):
        return len(self) < len(other)
v = Vec(1, 2)
w = Vec(3, 4)
print(v + w, w - v, v * 3, 2 * v, -v, v == Vec(1, 2), v != w, len(v), v[1], 2 in v)
v[0] = 10
print(v, list(v), bool(v), bool(Vec(0, 0)), v(2), Vec(1) < Vec(1, 2))
print({Vec(1, 2): "a"}[Vec(1, 2)], hash(Vec(1)) == hash(Vec(1)))
class Acc:
    def __init__(self):
        self.v = 0
    def __iadd__(self, n):
        self.v += n
        return self
a = Acc()
a += 5
a += 6
print(a.v)
class Str:
    def __str__(self):
        return "str!"
    def __repr__(self):
        return "repr!"
    def __format__(self, spec):
        return "fmt:" + spec
print(Str(), str(Str()), repr(Str()), [Str()], f"{Str():abc}", format(Str(), "x"))
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * i
print(list(Seq()), 4 in Seq())
class Cmp:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return f"C{self.v}"
print(sorted([Cmp(2), Cmp(1)]), max(Cmp(5), Cmp(3)), Cmp(1) > Cmp(0))
class NoHash:
    def __eq__(self, o):
        return True
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError:", e)
try:
    Vec(1) + 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    v - "x"
except AttributeError as e:
    print("AttributeError:", e)
class Only:
    pass
try:
    Only() + Only()
except TypeError as e:
    print("TypeError:", e)
