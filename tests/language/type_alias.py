# PEP 695 `type` statements: TypeAliasType objects with lazily evaluated values.
type Simple = int
print(Simple, type(Simple).__name__, Simple.__name__, Simple.__value__, Simple.__module__)
print(Simple.__type_params__, Simple.__parameters__, repr(Simple), Simple.evaluate_value(1))

type Pair[K, V = str] = tuple[K, V]
print(Pair, Pair.__type_params__, Pair.__parameters__, Pair.__value__)
print(Pair[int, str], Pair[int, str].__origin__ is Pair, Pair[int, str].__args__)
K, V = Pair.__type_params__
print(V.__default__, K.has_default(), V.has_default())

type Forward = list[NotYetDefined]
NotYetDefined = float
print(Forward.__value__)

type Recursive[T] = list[Recursive[T]]
print(Recursive.__value__)

try:
    Simple[int]
except TypeError as e:
    print("TypeError", e)

print(Simple | None, (Simple | None).__args__)


class InClass:
    hidden = bytes
    type Alias = hidden


print(InClass.Alias.__value__, InClass.Alias.__qualname__ if hasattr(InClass.Alias, "__qualname__") else "no qualname")


def in_function():
    local = complex
    type Local = local
    return Local


print(in_function().__value__)
print(Simple.__reduce__())
