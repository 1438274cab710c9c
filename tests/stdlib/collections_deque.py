# _collections.deque: construction, mutation, indexing, rotation, comparisons, errors, reprs.
from _collections import deque

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

d = deque([1, 2, 3])
print(d, len(d), d.maxlen)
d.append(4); d.appendleft(0)
print(d)
print(d.pop(), d.popleft(), d)
d.extend(range(5, 8)); d.extendleft("ab")
print(d)
d.rotate(2); print(d)
d.rotate(-3); print(d)
d.rotate(0); print(d)
d.rotate(100); print(d)
print(d[0], d[-1], d[3], 5 in d, 'zz' in d)
d[1] = 'X'; print(d)
del d[0]; print(d)
d.insert(2, 'ins'); print(d)
d.insert(-1, 'neg'); print(d)
d.insert(100, 'end'); print(d)
d.remove('ins'); print(d)
print(d.count(2), d.count('nope'), d.index(2), d.index(2, 1), d.index(2, -6, -1))
d.reverse(); print(d)
print(list(reversed(d)))
c = d.copy(); print(c == d, c is d, type(c).__name__)
d.clear(); print(d, bool(d), bool(c))

show("pop empty", lambda: deque().pop())
show("popleft empty", lambda: deque().popleft())
show("index range", lambda: deque([1])[5])
show("index neg", lambda: deque([1])[-2])
show("setitem range", lambda: deque([1]).__setitem__(3, 0))
show("delitem range", lambda: deque([1]).__delitem__(3))
show("bad index", lambda: deque([1])['a'])
show("slice", lambda: deque([1, 2])[0:1])
show("remove missing", lambda: deque([1]).remove(7))
show("index missing", lambda: deque([1]).index(7))
show("maxlen neg", lambda: deque([], -1))
show("maxlen type", lambda: deque([], 'a'))
show("too many", lambda: deque([], 1, 2))
show("insert full", lambda: deque([1, 2], 2).insert(0, 5))
show("hash", lambda: hash(deque()))
show("add type", lambda: deque() + [1])
show("rotate type", lambda: deque().rotate('x'))
show("kw", lambda: deque(iterable=[1, 2], maxlen=1))
show("maxlen attr", lambda: setattr(deque(), 'maxlen', 3))

# maxlen behaviour
m = deque(range(10), maxlen=3)
print(m, m.maxlen)
m.append(10); print(m)
m.appendleft(-1); print(m)
m.extend([20, 21]); print(m)
m.extendleft([30, 31]); print(m)
print(deque([1, 2], maxlen=0), deque(maxlen=None))
z = deque(maxlen=0); z.append(1); z.extend([1, 2]); print(z)

# operators
a = deque([1, 2]); b = deque([3])
print(a + b, a * 3, 2 * a, a * 0, a * -1)
a += [9, 8]; print(a)
a *= 2; print(a)
print(deque([1, 2], 3) + deque([3, 4]))
print(deque([1, 2, 3], 4) * 2)
print(deque([1, 2]) < deque([1, 3]), deque([1, 2]) == deque([1, 2]), deque([1]) != deque([2]),
      deque([1, 2]) >= deque([1]), deque([1]) == [1])
show("lt list", lambda: deque([1]) < [1])

# self reference, repr of subclass
r = deque([1]); r.append(r); print(r)
class MyDeque(deque):
    pass
md = MyDeque([1, 2], 5)
print(md, type(md.copy()).__name__, type(md + md).__name__)
print(deque.__name__, deque.__module__ if hasattr(deque, '__module__') else None)

# iteration and mutation
it = iter(deque([1, 2, 3]))
print(next(it), list(it))
dd = deque([1, 2, 3])
it = iter(dd)
next(it)
dd.append(4)
show("mutated", lambda: next(it))
it = reversed(dd)
dd.pop()
show("mutated rev", lambda: next(it))
print(type(iter(deque())).__name__, type(reversed(deque())).__name__)
it = iter(deque([1, 2, 3])); next(it)
print(it.__length_hint__())

# reduce, copy protocol, rotate/extend self
r = deque([1, 2], 3).__reduce__(); print(r[0].__name__, r[1], r[2], list(r[3]))
r = deque([1, 2]).__reduce__(); print(r[1], r[2], list(r[3]))
print(deque([1, 2]).__copy__())
s = deque([1, 2]); s.extend(s); print(s)
s = deque([1, 2]); s.extendleft(s); print(s)
s += s; print(s)
print(deque('abc').__class_getitem__(int))
print(deque[int])
# count/contains with eq mutating the deque
class Evil:
    def __eq__(self, other):
        ev.clear()
        return False
ev = deque([Evil(), Evil()])
show("eq mutates", lambda: ev.count(1))
ev = deque([Evil(), Evil()])
show("eq mutates in", lambda: 1 in ev)
print(deque(range(20))[10], deque(range(200))[150])
big = deque(range(1000)); big.rotate(333); print(big[0], big[-1], sum(big))
del big[500]; print(len(big), big[500])
