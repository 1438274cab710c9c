# PEP 649 deferred annotations on functions: __annotate__ and __annotations__.


def plain(a: int, b: str = "x", *args: float, c: bool, d: list = None, **kw: dict) -> tuple:
    return a


print(plain.__annotations__)
print(plain.__annotate__(1) == plain.__annotations__)
print(plain.__annotate__.__name__, plain.__annotate__.__qualname__)
print(plain.__annotate__.__code__.co_varnames, plain.__annotate__.__code__.co_argcount)
print(plain.__defaults__, plain.__kwdefaults__)


def none_at_all(a, b):
    pass


print(none_at_all.__annotate__, none_at_all.__annotations__)


def only_return() -> "a string":
    pass


print(only_return.__annotations__)

# Annotations are evaluated lazily: a name defined later is fine.


def forward(x: Later) -> Later:
    return x


class Later:
    pass


print(forward.__annotations__)


def undefined(x: DoesNotExist):
    return x


print(undefined(5))
try:
    undefined.__annotations__
except NameError as e:
    print("NameError", e)

# Each access re-evaluates nothing once cached; __annotate__ re-evaluates every call.
calls = []


def note(v):
    calls.append(v)
    return v


def counted(a: note(1), b: note(2)) -> note(3):
    pass


print(calls)
print(counted.__annotations__, calls)
print(counted.__annotations__ is counted.__annotations__, calls)
print(counted.__annotate__(1), calls)

# Unsupported formats raise NotImplementedError.
try:
    counted.__annotate__(3)
except NotImplementedError as e:
    print("NotImplementedError", repr(e))

# `format` inside an annotation is the global, not the parameter.
format = "the global format"


def uses_format(x: format):
    pass


print(uses_format.__annotations__)


# Closures: annotations see enclosing function variables.
def outer():
    local_type = dict

    def inner(x: local_type) -> local_type:
        pass

    return inner


f = outer()
print(f.__annotations__, f.__annotate__.__qualname__)


# In classes, annotations see the class namespace first.
class Box:
    item = int

    def put(self, x: item) -> "Box":
        pass

    def get(self) -> item:
        pass

    def __private(self, y: int):
        pass

    def uses(self, __z: int):
        pass


print(Box.put.__annotations__)
print(Box.get.__annotations__)
print(Box.put.__annotate__.__qualname__)
print(Box._Box__private.__annotations__)
print(Box.uses.__annotations__)

# __annotations__ can be replaced and deleted.


def settable(a: int):
    pass


settable.__annotations__ = {"a": str}
print(settable.__annotations__)

# Lambdas and decorated functions.


def deco(fn):
    fn.decorated = True
    return fn


@deco
def decorated(x: int) -> int:
    return x


print(decorated.__annotations__, decorated.decorated)
print((lambda x: x).__annotations__)

# Annotations with complex expressions.


def complex_ann(a: [int], b: {"k": "X"}, c: (1 + 2), d: [i for i in range(3)]):
    pass


print(complex_ann.__annotations__)
