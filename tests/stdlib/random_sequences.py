# _random.Random under Lib/random.py: CPython's exact sequences for int seeds, the distribution
# methods, getstate/setstate, getrandbits and the messages of _random.Random.
import random
r = random.Random(42)
print(r.random(), r.random())
print(r.getrandbits(0), r.getrandbits(5), r.getrandbits(32), r.getrandbits(33), r.getrandbits(100))
print(random.Random(0).random(), random.Random(-5).random(), random.Random(2**100+7).random())

r = random.Random(1)
print([r.randrange(100) for _ in range(5)], r.randint(1, 6), r.choice('abcdef'))
l = list(range(10)); r.shuffle(l); print(l)
print(r.sample(range(100), 5), r.uniform(1, 2), r.gauss(0, 1), r.normalvariate(), r.expovariate(2))
print(r.choices('abc', k=5), r.choices('abc', weights=[1, 2, 3], k=4), r.triangular())
s = r.getstate(); a = r.random(); r.setstate(s); print(a == r.random(), len(s), len(s[1]), s[0])
print(r.randbytes(5).hex(), r.betavariate(2, 3), r.gammavariate(2, 1), r.lognormvariate(0, 1), r.vonmisesvariate(1, 2), r.paretovariate(2), r.weibullvariate(1, 2), r.binomialvariate(10, 0.3))
random.seed(12345); print(random.random(), random.randint(0, 10**30))
import _random
x = _random.Random(5); print(x.random(), type(x).__name__)
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
t(lambda: _random.Random(1, 2))
t(lambda: _random.Random(x=1))
t(lambda: x.getrandbits(-1))
t(lambda: x.setstate(1))
t(lambda: x.setstate((1,)))
t(lambda: x.setstate(tuple(range(624)) + (625,)))
t(lambda: x.setstate(tuple(range(624)) + (-1,)))
t(lambda: x.setstate(tuple(range(623)) + (-1, 5)))
t(lambda: x.setstate(tuple(range(623)) + (2**32, 5)))
t(lambda: x.setstate(tuple(range(623)) + ('a', 5)))
t(lambda: x.seed(1, 2))
t(lambda: x.getrandbits('a'))
t(lambda: random.Random([1]))
x.setstate(tuple(range(624)) + (624,)); print(x.random())
class Sub(_random.Random):
    def __init__(self, a, b=2): super().__init__(a)
print(Sub(3, b=1).random())
print(random.Random(10**40).getrandbits(64))
