# types.SimpleNamespace, reached as type(sys.implementation) (the `types` module needs more of
# the runtime): construction, repr, attributes, equality, subclasses, cycles, errors.
import sys
NS = type(sys.implementation)
print(NS.__name__, NS.__module__, NS.__qualname__)
n = NS({"a": 1}, b=2)
print(n, repr(NS()), n == NS(a=1, b=2), n != NS(a=1), n.__dict__, n.a, n.b)
n.c = [1, 2]
del n.a
print(n, vars(n), hasattr(n, "a"), getattr(n, "c"))
print(NS([("x", 1), ("y", 2)]), NS(x=NS(y=NS())))
class Sub(NS):
    pass
print(Sub(x=1), Sub(x=1) == NS(x=1), isinstance(Sub(), NS))
n.me = n
print(n)
for args, kwargs in [((1, 2), {}), (({1: 2},), {}), ((5,), {})]:
    try:
        NS(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)
try:
    n.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    hash(NS())
except TypeError as e:
    print("TypeError:", e)
print(type(sys.implementation.name).__name__, sys.implementation.cache_tag is None or isinstance(sys.implementation.cache_tag, str))
