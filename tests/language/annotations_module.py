# PEP 649/749: module-level variable annotations become the module's __annotate__; the module's
# __annotations__ is computed lazily and cached.
import sys

first: int
second: "str" = "value"
third: Later
this = sys.modules[__name__]
print(type(__annotate__).__name__, __annotate__.__name__, __annotate__.__qualname__)
print(__annotate__.__code__.co_varnames)
print(sorted(__annotate__(1)) if False else "lazy")
try:
    this.__annotations__
except NameError as e:
    print("NameError", e)


class Later:
    pass


print(this.__annotations__)
print("__annotations__" in globals())
print(this.__annotations__ is this.__annotations__)
print(second, "first" in globals())

this.__annotations__ = {"replaced": 1}
print(this.__annotations__, this.__annotate__)
del this.__annotations__
try:
    del this.__annotations__
except AttributeError as e:
    print("AttributeError", e)
print(this.__annotations__)


def fresh(x: int) -> None:
    pass


this.__annotate__ = lambda fmt: {"from_lambda": fmt}
print(this.__annotations__)
try:
    this.__annotate__ = 5
except TypeError as e:
    print("TypeError", e)
try:
    del this.__annotate__
except TypeError as e:
    print("TypeError", e)

# A module without annotations.
import types

m = types.ModuleType("m")
print(m.__annotate__, m.__annotations__)
exec("a: int = 1\nb: str", m.__dict__)
print(m.__annotations__, m.a)
print(fresh.__annotations__)
