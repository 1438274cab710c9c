# _functools: reduce, cmp_to_key, partial (with Placeholder), _lru_cache_wrapper.
from _functools import reduce, cmp_to_key, partial, Placeholder, _PlaceholderType, _lru_cache_wrapper

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

# reduce
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(lambda a, b: a + b, [], 'init'), reduce(lambda a, b: a + b, ['x']))
print(reduce(lambda a, b: a + b, [1, 2], initial=100))
show("reduce empty", lambda: reduce(lambda a, b: a, []))
show("reduce noiter", lambda: reduce(lambda a, b: a, 5))
show("reduce args", lambda: reduce(len))
show("reduce kw", lambda: reduce(function=len, iterable=[]))

# cmp_to_key
def cmp(a, b):
    return (a > b) - (a < b)
K = cmp_to_key(cmp)
print(sorted([3, 1, 2], key=K), sorted("bca", key=cmp_to_key(lambda a, b: cmp(b, a))))
k1, k2 = K(1), K(2)
print(k1 < k2, k1 > k2, k1 == k2, k1 <= k1, k1 >= k2, k1 != k2, k1.obj)
show("key hash", lambda: hash(k1))
show("key cmp other", lambda: k1 < 5)
show("cmp_to_key args", lambda: cmp_to_key())
print(type(K).__name__, type(k1).__name__)
show("K args", lambda: K())
show("K kw", lambda: K(obj=1).obj)

# partial
def f(*args, **kw):
    return args, kw
p = partial(f, 1, 2, a=3)
print(p(4, b=5), p.func is f, p.args, p.keywords)
print(repr(partial(f)).startswith('functools.partial(<function f at '))
print(repr(partial(len, 'x', key=1)))
q = partial(p, 9, c=7); print(q.func is f, q.args, q.keywords)
print(partial(f, a=1)(a=2))
show("partial nofunc", lambda: partial())
show("partial notcallable", lambda: partial(5))
show("partial kw", lambda: partial(func=f))
# Placeholder
print(Placeholder, repr(Placeholder), type(Placeholder).__name__, _PlaceholderType() is Placeholder)
show("ph args", lambda: _PlaceholderType(1))
show("ph sub", lambda: type('X', (_PlaceholderType,), {}))
ph = partial(f, Placeholder, 2, Placeholder, 4, x=1)
print(ph(10, 30), ph(10, 30, 40), repr(ph).split(', ', 1)[1])
show("ph missing", lambda: ph(10))
show("ph trailing", lambda: partial(f, 1, Placeholder))
show("ph kw", lambda: partial(f, a=Placeholder))
ph2 = partial(ph, 'A'); print(ph2.args, ph2('B'))
print(Placeholder.__reduce__(), bool(Placeholder) if False else '')
# attributes and state
p.attr = 5; print(p.attr, p.__dict__)
st = p.__reduce__(); print(st[0].__name__, st[1][0] is f, st[2][1:])
p2 = partial(len); p2.__setstate__((f, (1,), {'z': 1}, None)); print(p2(), p2.args)
show("setstate bad", lambda: p2.__setstate__((1, 2)))
show("setstate notcallable", lambda: p2.__setstate__((1, (), {}, None)))
show("set args", lambda: setattr(p, 'args', ()))
class Sub(partial):
    pass
print(repr(Sub(len, 'abc'))[:20], Sub(len, 'abc')())
print(partial[int])
class C:
    meth = partial(f, 'bound?')
print(C().meth(1)[0][0], type(C().meth(1)[0][1]).__name__, C.meth(1), partial.__get__.__doc__)
import sys
# _lru_cache_wrapper
calls = []
def sq(x):
    calls.append(x)
    return x * x
class CacheInfo(tuple):
    def __new__(cls, *a):
        return tuple.__new__(cls, a)
w = _lru_cache_wrapper(sq, 2, False, CacheInfo)
print(w(2), w(2), w(3), w(4), w(2), calls, w.cache_info())
w.cache_clear(); print(w.cache_info(), w(2), calls)
u = _lru_cache_wrapper(sq, None, False, CacheInfo)
for i in [1, 2, 1, 1, 3]: u(i)
print(u.cache_info())
z = _lru_cache_wrapper(sq, 0, False, CacheInfo)
z(5); z(5); print(z.cache_info())
t = _lru_cache_wrapper(sq, 10, True, CacheInfo)
t(1); t(1.0); t(1); print(t.cache_info())
t2 = _lru_cache_wrapper(sq, 10, False, CacheInfo)
t2(1); t2(1.0); print(t2.cache_info())
kw = _lru_cache_wrapper(f, 10, False, CacheInfo)
print(kw(1, a=2), kw(1, a=2), kw(a=2), kw.cache_info())
show("unhashable", lambda: w([1]))
show("maxsize bad", lambda: _lru_cache_wrapper(sq, 'x', False, CacheInfo))
show("not callable", lambda: _lru_cache_wrapper(5, 1, False, CacheInfo))
class M:
    @lambda fn: _lru_cache_wrapper(fn, 4, False, CacheInfo)
    def m(self, x):
        return (self.__class__.__name__, x)
print(M().m(3), M.m.__name__ if hasattr(M.m, '__name__') else '')
print(type(w).__name__, w.__copy__() is w, w.__deepcopy__(None) is w)
def rec(n):
    return n if n < 2 else rw(n - 1) + rw(n - 2)
rw = _lru_cache_wrapper(rec, None, False, CacheInfo)
print(rw(60), rw.cache_info())
def boom(x):
    raise ValueError(x)
bw = _lru_cache_wrapper(boom, 3, False, CacheInfo)
show("raises", lambda: bw(1)); print(bw.cache_info())
w.__qualname__ = 'qn'; w.extra = 1; print(w.__reduce__(), w.extra, sorted(w.__dict__))
print(partial.__module__, _lru_cache_wrapper.__module__, type(K).__module__)
