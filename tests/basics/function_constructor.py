# types.FunctionType(code, globals, name=None, argdefs=None, closure=None, kwdefaults=None).
import types


def f(a, b=2, *, c=3):
    return a, b, c


g = types.FunctionType(f.__code__, {"__name__": "elsewhere"}, "renamed", (10, 20), None, {"c": 30})
print(g.__name__, g.__qualname__, g.__module__, g(), g(1), g(1, c=5))
print(types.FunctionType(f.__code__, globals())(0, 1, c=2))

bad_calls = [(1, {}), (f.__code__, 1), (f.__code__, {}, 3), (f.__code__, {}, None, 4),
             (f.__code__, {}, None, None, 5), (f.__code__, {}, None, None, None, 6)]
for args in bad_calls:
    try:
        types.FunctionType(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


def outer():
    x = 1

    def inner():
        return x

    return inner


inner = outer()
for closure in (None, (), (1,)):
    try:
        types.FunctionType(inner.__code__, {}, closure=closure)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(types.FunctionType(inner.__code__, {}, closure=(types.CellType(5),))())


class Missing(dict):
    def __missing__(self, key):
        return "missing:" + key


def reads_global():
    return some_global_name


print(types.FunctionType(reads_global.__code__, Missing())())


class Generic[T]:
    pass


print(object.__type_params__, type.__type_params__, Generic.__type_params__)
Generic.__type_params__ = ()
print(Generic.__type_params__)
for target, value in ((int, ()), (Generic, [])):
    try:
        target.__type_params__ = value
    except TypeError as e:
        print("TypeError", e)
try:
    del Generic.__type_params__
except TypeError as e:
    print("TypeError", e)
