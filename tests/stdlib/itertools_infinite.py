# itertools infinite iterators: count (fast and slow modes, any number type), cycle, repeat.
import itertools as it

class Num:
    # A number type of its own: count() adds with +, and repr() shows it.
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        return Num(self.v + other.v)
    def __float__(self):
        return float(self.v)
    def __repr__(self):
        return "Num(%r)" % self.v

def take(n, iterator):
    return [next(iterator) for _ in range(n)]

c = it.count()
print(take(3, c), repr(c))
print(take(3, it.count(5)), repr(it.count(5)), repr(it.count(-3)))
c = it.count(1.5, 0.5)
print(take(4, c), repr(c))
print(repr(it.count(1, 2)), repr(it.count(1, 1)), repr(it.count(0.1, 1)), repr(it.count(1, 2.0)))
print(repr(it.count(step=3)), repr(it.count(complex(0, 1))), repr(it.count(True)), repr(it.count(1, True)))
big = 2 ** 70
c = it.count(big, -1)
print(take(2, c), repr(c))
c = it.count(2 ** 63 - 2)
print(take(4, c), repr(c))
c = it.count(Num(1), Num(10))
print(take(3, c), repr(c))
class MyInt(int):
    pass
c = it.count(MyInt(7))
print(take(2, c), [type(x).__name__ for x in take(2, it.count(MyInt(7), 2))])
class Counter(it.count):
    pass
print(repr(Counter(3)), repr(Counter()), isinstance(Counter(), it.count))
print(take(3, it.count(10, -2.5)))
print(list(it.islice(it.count(1, -1), 3)))

# cycle
c = it.cycle("abc")
print(take(8, c))
print(list(it.cycle([])))
def gen():
    yield 1
    yield 2
c = it.cycle(gen())
print(take(5, c))
class Cyc(it.cycle):
    pass
print(take(3, Cyc([1, 2])))

# repeat
r = it.repeat("a", 3)
print(repr(r), r.__length_hint__(), list(r), r.__length_hint__(), repr(r))
print(repr(it.repeat(None)), repr(it.repeat(1, -5)), list(it.repeat(1, 0)))
print(repr(it.repeat(object=[1], times=2)), take(3, it.repeat(7)))
try:
    it.repeat(1).__length_hint__()
except TypeError as e:
    print("TypeError", e)
class Rep(it.repeat):
    pass
print(repr(Rep(1, 2)), list(Rep("x", 2)))
print(repr(it.repeat(it.repeat(1, 2))))
import operator
print(operator.length_hint(it.repeat(0, 4)), list(map(pow, range(4), it.repeat(2))))
