# types.GenericAlias (PEP 585) without the typing module: construction, attributes, repr,
# substitution through duck-typed parameters, equality, calls, subclassing and __class_getitem__.


def show(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "!", type(e).__name__, e)


GA = type(list[int])
print(GA, GA.__name__, GA.__module__, GA.__qualname__)
print(GA.__doc__)

# __class_getitem__ on the built-in generic classes
for cls in (list, dict, tuple, set, frozenset, type, enumerate, classmethod, staticmethod,
            BaseExceptionGroup, ExceptionGroup, type({}.keys()), type(type.__dict__)):
    show(cls.__name__, lambda: cls[int])
show("int", lambda: int[str])
show("object", lambda: object[int])
print(list.__class_getitem__.__name__, list.__class_getitem__.__self__, list.__class_getitem__.__doc__)

# repr
print(repr(list[int]), repr(dict[str, list[int]]), repr(tuple[()]), repr(tuple[int, ...]))
print(repr(list[None]), repr(dict[str, None]), repr(list[[int, str]]), repr(list[list]))
print(repr(list["forward"]), repr(list[3]), repr(type[object]))


class Local:
    pass


print(repr(list[Local]).replace(__name__, "M"))

# attributes
a = dict[str, int]
print(a.__origin__, a.__args__, a.__parameters__, a.__unpacked__, a.__typing_unpacked_tuple_args__)
print(list[int].__args__, type(list[int].__args__), GA(list, int).__args__, GA(list, (int, str)))
print(a.__class__, type(a))
show("__bases__", lambda: a.__bases__)
show("__copy__", lambda: a.__copy__)
show("__deepcopy__", lambda: a.__deepcopy__)
print(a.keys is dict.keys, a.__name__, a.__qualname__, a.__module__)
show("missing", lambda: list[int].nosuch)
show("GA()", lambda: GA(list))
show("GA(kw)", lambda: GA(list, int, x=1))
show("setattr", lambda: setattr(list[int], "__origin__", 1))

# equality and hashing
print(list[int] == list[int], list[int] != list[int], list[int] == list[str], list[int] == list)
print(hash(list[int]) == hash(list[int]), len({list[int], list[int], list[str]}))
print(dict[str, int] == GA(dict, (str, int)))

# isinstance / issubclass refuse parameterized generics
show("isinstance", lambda: isinstance([], list[int]))
show("issubclass", lambda: issubclass(list, list[int]))

# calling the alias creates the origin's instance and records __orig_class__ where it can
print(list[int]([1, 2]), dict[str, int](a=1), tuple[int, ...]((1, 2)))


class Box:
    def __class_getitem__(cls, item):
        return GA(cls, item)


b = Box[int]()
print(b.__orig_class__ == Box[int], type(b).__name__)


class Slotted:
    __slots__ = ()

    def __class_getitem__(cls, item):
        return GA(cls, item)


print(type(Slotted[int]()).__name__)

# subclassing through __mro_entries__
class MyList(list[int]):
    pass


print(MyList.__bases__, MyList.__mro__[1], MyList([1]).__class__.__name__)
print(list[int].__mro_entries__(()))

# starred aliases
(star,) = tuple[int, str]
print(repr(star), star.__unpacked__, star.__typing_unpacked_tuple_args__, star == tuple[int, str])
print([*tuple[int, ...]], repr(*list[int]), (*list[int],)[0].__typing_unpacked_tuple_args__)
it = iter(list[int])
print(type(it).__name__, next(it), next(it, "done"))

# __reduce__ and dir
print(list[int].__reduce__())
own = ["__args__", "__origin__", "__parameters__", "__unpacked__", "__mro_entries__",
       "__typing_unpacked_tuple_args__", "__reduce__", "__class__", "__copy__"]
print([n for n in own if n in dir(list[int])])


# substitution with duck-typed type variables
class TV:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "~" + self.name

    def __typing_subst__(self, arg):
        return arg


T, S = TV("T"), TV("S")
print(list[T].__parameters__, dict[T, list[S]].__parameters__, dict[T, T].__parameters__)
print(list[T][int], dict[T, list[S]][str, int], dict[str, T][bytes])
print(list[[T, S]].__parameters__, list[[T, S]][int, str], list[(T, int)][str])
show("too many", lambda: dict[T, T][int, str])
show("too few", lambda: dict[T, S][int])
show("not generic", lambda: list[int][int])
print(list[T][int] == list[int], list[T][T] == list[T])


class Prepared(TV):
    def __typing_prepare_subst__(self, alias, args):
        print("prepare", alias, args)
        return args + (float,) if len(args) < 2 else args


P = Prepared("P")
print(dict[T, P][int])

# | builds a union
print(list[int] | None, int | list[int], list[int] | dict[str, int])
show("alias | 1", lambda: list[int] | 1)
