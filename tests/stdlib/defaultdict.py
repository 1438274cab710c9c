# _collections.defaultdict, _count_elements and _tuplegetter.
from _collections import defaultdict, _count_elements, _tuplegetter

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

d = defaultdict(list)
d['a'].append(1); d['b'].append(2); d['a'].append(3)
print(d, len(d), d.default_factory is list, isinstance(d, dict))
print(d['zz'], sorted(d))
n = defaultdict(int, {'x': 1}, y=2)
n['x'] += 5; n['q'] += 1
print(n)
e = defaultdict()
print(e, e.default_factory)
show("missing none", lambda: e['nope'])
show("get", lambda: e.get('nope'))
print('nope' in e)
show("bad factory", lambda: defaultdict(5))
print(defaultdict(None, a=1))
c = n.copy(); print(type(c).__name__, c, c == n, c is n)
import_copy = n.__copy__(); print(import_copy)
r = n.__reduce__(); print(r[0].__name__, r[1], r[2], r[3], list(r[4]))
print(defaultdict().__reduce__()[1])
n.default_factory = str; n['s'] += 'x'; print(n)
m = n | {'x': 100, 'new': 0}; print(type(m).__name__, m)
m = {'first': 1} | defaultdict(int, {'x': 2}); print(type(m).__name__, m)
show("or list", lambda: defaultdict(int) | [1])
n |= {'z': 9}; print(n)
print(n.__missing__('w'), n['w'])
class Sub(defaultdict):
    pass
s = Sub(int); s[1] += 1; print(s, type(s.copy()).__name__)
rr = defaultdict(); rr.default_factory = rr
print(repr(rr))
print(defaultdict.__doc__.splitlines()[0])
print(defaultdict.default_factory.__doc__)
print(defaultdict.__missing__.__doc__)
print(defaultdict[int])

cnt = {}
_count_elements(cnt, 'abracadabra')
print(sorted(cnt.items()))
class MyMap(dict):
    def __setitem__(self, k, v):
        print('set', k, v)
        dict.__setitem__(self, k, v)
mm = MyMap(); _count_elements(mm, 'aab'); print(mm)
show("count bad", lambda: _count_elements(None, 'ab'))
show("count noiter", lambda: _count_elements({}, 5))

class P(tuple):
    x = _tuplegetter(0, 'doc of x')
    y = _tuplegetter(1, None)
p = P((3, 4))
print(p.x, p.y, P.x.__doc__, P.y.__doc__, type(P.__dict__['x']).__name__)
show("set", lambda: setattr(p, 'x', 1))
show("del", lambda: delattr(p, 'x'))
class Q:
    z = _tuplegetter(5, 'z')
show("not tuple", lambda: Q().z)
show("range", lambda: P.__dict__['x'].__get__((), P))
print(P.__dict__['x'].__reduce__())
g = _tuplegetter(1, 'old'); g.__doc__ = 'new'; print(g.__doc__)
show("tg args", lambda: _tuplegetter(1))
show("tg kw", lambda: _tuplegetter(index=1, doc=None))
print(P.__dict__['y'].__get__(None, P) is P.__dict__['y'])
