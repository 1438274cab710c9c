# Class-level behaviour: properties, class/static methods, __slots__-free dynamic attributes,
# __class__, class decorators, nested classes, methods defined outside.
class Temp:
    def __init__(self, c):
        self._c = c
    @property
    def f(self):
        return self._c * 9 / 5 + 32
    @f.setter
    def f(self, value):
        self._c = (value - 32) * 5 / 9
    @property
    def c(self):
        "Celsius"
        return self._c
t = Temp(100)
print(t.f, t.c)
t.f = 32
print(t.c, Temp.c.__doc__)
try:
    t.c = 5
except AttributeError as e:
    print("AttributeError:", e)
def outside(self):
    return "outside " + self.name
class Named:
    name = "N"
    method = outside
    class Inner:
        value = 42
print(Named().method(), Named.Inner.value, Named.Inner.__qualname__)
def register(cls):
    cls.registered = True
    return cls
@register
class R:
    pass
print(R.registered, R().__class__ is R, R.__class__ is type)
class Dyn:
    pass
Dyn.added = lambda self: "added later"
print(Dyn().added())
class Base:
    def __init_subclass__(cls, tag="none", **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
class Tagged(Base, tag="special"):
    pass
class Untagged(Base):
    pass
print(Tagged.tag, Untagged.tag)
class Desc:
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, objtype=None):
        return f"{self.name} via {objtype.__name__}"
class UsesDesc:
    attr = Desc()
print(UsesDesc().attr, UsesDesc.attr)
Point = type("Point", (), {"x": 1, "show": lambda self: f"x={self.x}"})
print(Point().show(), Point.__name__, type(Point))
class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["meta_added"] = name.lower()
        return super().__new__(mcls, name, bases, ns)
class WithMeta(metaclass=Meta):
    pass
print(WithMeta.meta_added, type(WithMeta).__name__)
