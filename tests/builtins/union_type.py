# typing.Union / types.UnionType without importing typing: `X | Y`, Union[...] through
# __class_getitem__, flattening, de-duplication, equality, isinstance/issubclass, substitution.


def show(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "!", type(e).__name__, e)


U = type(int | str)
print(U, U.__name__, U.__qualname__, U.__module__)
print(U.__doc__)
show("U()", lambda: U())

u = int | str
print(u, repr(u), u.__args__, u.__origin__ is U, u.__name__, u.__qualname__, u.__module__)
print(u.__parameters__, type(u) is U)
print(int | None, None | int, int | str | int, (int | str) | (str | bytes), int | int)
print(repr(int | None | None), (int | str) | None, list[int] | None, None | list[int])
print(int | list[int], list[int] | int, type(int | list[int]).__name__)


class Local:
    pass


print(repr(Local | None).replace(__name__, "M"))

# Union[...] through __class_getitem__
show("U[int]", lambda: U[int])
show("U[int, str]", lambda: U[int, str])
show("U[int, None]", lambda: U[int, None])
show("U[()]", lambda: U[()])
show("U[int, int]", lambda: U[int, int])
show("U[None]", lambda: U[None])
show("U[(int | str), bytes]", lambda: U[int | str, bytes])

# errors
show("int | 3", lambda: int | 3)
show("3 | int", lambda: 3 | int)
show("int | 'str'", lambda: int | "str")
show("mro_entries", lambda: u.__mro_entries__(()))
show("subscript", lambda: u[int])
show("setattr", lambda: setattr(u, "__args__", ()))

# equality is order-independent, hashing consistent with it
print((int | str) == (str | int), (int | str) != (str | int), (int | str) == (int | bytes))
print((int | str) == int, hash(int | str) == hash(str | int), len({int | str, str | int}))
print((int | str | None) == (None | str | int))

# isinstance / issubclass walk the members
print(isinstance(3, int | str), isinstance("a", int | str), isinstance(3.0, int | str))
print(isinstance(None, int | None), issubclass(bool, int | None), issubclass(float, int | str))
print(isinstance(1, int | list[int]))
show("isinstance generic", lambda: isinstance("a", int | list[int]))
show("issubclass generic", lambda: issubclass(str, int | list[int]))
print(isinstance(3, (str, int | float)), isinstance([], (str | bytes, list)))


# a metaclass __or__ wins over type.__or__
class Meta(type):
    def __or__(cls, other):
        return "meta or"


class WithMeta(metaclass=Meta):
    pass


print(WithMeta | int, repr(int | WithMeta).replace(__name__, "M"))
