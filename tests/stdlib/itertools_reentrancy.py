# Re-entrant next() on itertools objects (a key function, an input or a binary function calling
# back into the iterator that is running it, directly or through other iterators): CPython's
# results and errors, never a deadlock.
import itertools as it
def gen():
    while True:
        yield next(g)
c = it.chain.from_iterable([gen()])
calls = 0
def key(x):
    global calls
    calls += 1
    if calls == 2:
        try:
            k, grp = next(c)
            print("inner", k, type(grp).__name__)
        except Exception as e:
            print("inner error", type(e).__name__, e)
    return x
g = it.groupby([1, 2, 3, 4, 5], key)
print([k for k, _ in g])
# tee nested through another object
def gen2():
    yield 1
    yield next(z)
t1, t2 = it.tee(gen2())
z = it.islice(t1, 5)
try: print(list(z))
except Exception as e: print(type(e).__name__, e)
# accumulate whose func re-enters itself
acc = None
def f(a, b):
    if b == 3:
        try: print("inner", next(acc))
        except Exception as e: print("inner", type(e).__name__, e)
    return a + b
acc = it.accumulate([1, 2, 3, 4, 5], f)
print(list(acc))
# zip_longest re-entered from an input
def gen3():
    yield 1
    yield next(zl)
    yield 3
zl = it.zip_longest(gen3(), "ab")
try: print(list(zl))
except Exception as e: print(type(e).__name__, e)
cy = None
def gen4():
    yield 1
    yield next(cy)
cy = it.cycle(gen4())
try: print([next(cy) for _ in range(3)])
except Exception as e: print(type(e).__name__, e)
