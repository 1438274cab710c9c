# PEP 695 generic functions and PEP 696 defaults: the type parameters the compiler builds,
# their lazily evaluated bounds, constraints and defaults, and scoping rules.
def ident[T](x: T) -> T:
    return x


print(ident(3), ident.__type_params__, ident.__annotations__)
(T,) = ident.__type_params__
print(type(T).__name__, T.__name__, repr(T.__bound__), T.__constraints__, T.__default__)
print(T.__covariant__, T.__contravariant__, T.__infer_variance__, T.has_default())
print(T.__module__, T.evaluate_bound, T.evaluate_default)


def kinds[A: int, B: (str, bytes), *Ts, **P](a: A, *args) -> B:
    pass


A, B, Ts, P = kinds.__type_params__
print(A, B, Ts, P, repr(A), repr(Ts), repr(P))
print(A.__bound__, B.__bound__, B.__constraints__, A.evaluate_bound(1), B.evaluate_constraints(1))
print(kinds.__annotations__)
print(P.args, P.kwargs, P.args.__origin__ is P, P.args == P.args, P.kwargs == P.args)
print(type(P.args).__name__, type(P.kwargs).__name__, type(Ts).__name__, type(P).__name__)


def lazy[T: Undefined = AlsoUndefined]():
    pass


(L,) = lazy.__type_params__
for attr in ("__bound__", "__default__"):
    try:
        getattr(L, attr)
    except NameError as e:
        print("NameError", e)
Undefined, AlsoUndefined = int, str
print(L.__bound__, L.__default__, L.has_default())


def defaults[T = int, *Ts = *tuple[int, ...], **P = [str, bytes]](a=1, *, b=2):
    return a, b


T, Ts, P = defaults.__type_params__
print(T.__default__, Ts.__default__, P.__default__, T.has_default(), Ts.has_default())
print(defaults(), defaults(5, b=6), defaults.__defaults__, defaults.__kwdefaults__)
print(defaults.__qualname__, defaults.__name__)


class Holder:
    attr = "class attribute"

    def method[T](self, x: T) -> T:
        return x

    def sees_class[T: attr](self):
        pass


h = Holder()
print(h.method(7), Holder.method.__qualname__, Holder.method.__type_params__)
(S,) = Holder.sees_class.__type_params__
print(S.__bound__)


def outer():
    y = "enclosing"

    def inner[T: y](a: T) -> T:
        return y

    return inner


inner = outer()
print(inner.__qualname__, inner(0), inner.__type_params__[0].__bound__)


async def coro[T](x: T) -> T:
    return x


def gen[T](x: T):
    yield x


c = coro(4)
try:
    c.send(None)
except StopIteration as e:
    print("coro", e.value, coro.__type_params__)
print(list(gen(5)), gen.__type_params__)
print(ident.__code__.co_flags & 16 != 0)
