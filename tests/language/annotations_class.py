# PEP 649/749: variable annotations in class bodies compile to __annotate__ (stored as
# __annotate_func__), read lazily and cached by type.__annotations__.


def visible(cls):
    return sorted(k for k in cls.__dict__ if k not in ("__weakref__", "__dict__"))


class Point:
    """A point."""
    x: int
    y: int = 0
    __secret: "private"
    label: Undefined  # never evaluated unless asked for

    def norm(self) -> float:
        return 0.0


print(visible(Point))
print(Point.y, hasattr(Point, "x"))
print(Point.__annotate__.__name__, Point.__annotate__.__qualname__)
print(Point.__annotate__.__code__.co_varnames, Point.__annotate__.__code__.co_argcount)
try:
    Point.__annotations__
except NameError as e:
    print("NameError", e)
Undefined = bytes
print(Point.__annotations__)
print(visible(Point))
print(Point.__annotations__ is Point.__annotations__)
print(Point.norm.__annotations__)

# Format 2 (VALUE_WITH_FAKE_GLOBALS) is accepted, anything above raises NotImplementedError.
print(Point.__annotate__(2))
for fmt in (3, 4):
    try:
        Point.__annotate__(fmt)
    except NotImplementedError as e:
        print("NotImplementedError", repr(e))


# Names resolve through the class namespace, then the globals, at call time.
class Scoped:
    Alias = int
    a: Alias
    b: list[Alias]


Scoped.Alias = str
print(Scoped.__annotations__)


# Annotations of enclosing function locals close over them.
def make():
    local_type = complex

    class Inner:
        v: local_type
        w: "text"

    return Inner


print(make().__annotations__)

# Subclasses do not inherit the cache or the annotate function.


class Base:
    a: int


class Derived(Base):
    b: str


class Empty(Base):
    pass


print(Base.__annotations__, Derived.__annotations__)
print(Empty.__annotations__, Empty.__annotate__)
print("__annotations_cache__" in Empty.__dict__, Empty.__dict__.get("__annotate_func__", "missing"))

# A class without annotations.


class Plain:
    def f(self):
        pass


print(Plain.__annotate__, Plain.__annotations__)


# Non-simple targets are not recorded; their object part is evaluated when there is no value.
class Target:
    obj = type("O", (), {})()
    obj.attr: int = 5
    (paren): int = 6
    items = [0, 1]
    items[0]: str
    items[1]: str = 9


print(Target.__annotations__, Target.obj.attr, Target.paren, Target.items)


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    m: dict[str, int]


print(WithMeta.__annotations__)
print(type(WithMeta.__annotate__).__name__)
