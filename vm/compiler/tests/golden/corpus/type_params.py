# PEP 695 type parameters, `type` statements and PEP 696 defaults (golden corpus).
def plain[T](x: T) -> T:
    return x


def bounded[T: int, U: (str, bytes), *Ts, **P](a: T, *args: *Ts) -> U:
    return a


def with_defaults[T = int, *Ts = *tuple[int, ...], **P = [str]](a=1, *, b=2):
    return a, b


def only_defaults[T](a=1, b=2):
    return a


def only_kwdefaults[T](*, b=2):
    return b


async def coro[T](x: T) -> T:
    return x


def gen[T](x: T):
    yield x


type Alias = int
type GenericAlias[K, V: str = str] = dict[K, V]
type Recursive[T] = list[Recursive[T]] | T


class Box[T]:
    def get(self) -> T:
        return self.item

    def map[U](self, f: "Callable[[T], U]") -> "Box[U]":
        return Box()


class Pair[A, B](Box[A], metaclass=type):
    pass


class Starred[*Ts](*(object,)):
    pass


class Outer:
    type Inner = int
    x = 1

    class Nested[T: x]:
        pass

    def method[T](self, a: T = None) -> T:
        return super().method(a)

    type WithClassName[T] = list[x]


class __Private[__T]:
    def f[__U](self, a: __T, b: __U): pass


def enclosing():
    y = 1

    def inner[T: y](a: T) -> y:
        return y

    class K[T]:
        z = y

    type L = y
    return inner, K, L


def lazy_bound_with_comprehension[T: [x for x in range(3)]]():
    pass


def template_strings(x, name):
    a = t"plain"
    b = t"a{x!r:>5}b{name}"
    c = t"{x}{x:{name}}"
    return a, b, c
