# Lib-level collections and functools running on the native _collections and _functools.
import collections
from collections import Counter, namedtuple, OrderedDict, ChainMap, deque, defaultdict
import functools

c = Counter('abracadabra')
print(c.most_common(3), c['a'], c['zz'], sorted(c.elements())[:4])
c.update('aaz'); c.subtract({'a': 1}); print(sorted(c.items()))
print(Counter(a=3, b=1) + Counter(a=1, b=2), Counter(a=3) - Counter(a=1), Counter('ab') | Counter('bb'))

P = namedtuple('P', 'x y', defaults=[0])
p = P(1, 2)
print(p, p.x, p.y, P(5), p._replace(x=5), P._fields, p._asdict(), P._make([7, 8]))
print(type(P.__dict__['x']).__name__, P.x.__doc__)
x, y = p; print(x + y, p == (1, 2), hash(p) == hash((1, 2)))

od = OrderedDict(a=1, b=2); od['c'] = 3; od.move_to_end('a')
print(od, list(od), od.popitem(last=False))
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3}); print(cm['a'], cm['b'], len(cm), sorted(cm))
print(deque is collections.deque, defaultdict is collections.defaultdict)
dd = defaultdict(list); dd['k'].append(1); print(dd)

@functools.lru_cache(maxsize=32)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info(), fib.__wrapped__.__name__, fib.cache_parameters())
fib.cache_clear(); print(fib.cache_info())

@functools.cache
def square(x):
    return x * x
print(square(4), square(4), square.cache_info())

class Thing:
    @functools.lru_cache
    def method(self, n):
        return n * 2
print(Thing().method(21))

print(functools.partial(max, 1)(5), functools.reduce(lambda a, b: a * b, range(1, 6)))
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
pp = functools.partial(pow, functools.Placeholder, 2); print(pp(7), repr(pp).startswith('functools.partial(<built-in function pow>, Placeholder, 2'))

@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))

@functools.wraps(fib)
def wrapper(*a):
    return fib(*a)
print(wrapper.__name__, wrapper(10))

# The copy protocol goes through deque/defaultdict/partial __reduce__.
import copy
d = deque([1, [2]], 5)
c = copy.copy(d); dc = copy.deepcopy(d)
print(c, dc, dc[1] is d[1], c[1] is d[1])
dd = defaultdict(list, a=[1]); print(copy.deepcopy(dd), copy.copy(dd))
p = functools.partial(max, 1, key=abs); p.x = 1; q = copy.copy(p); print(q(-5), q.x)
