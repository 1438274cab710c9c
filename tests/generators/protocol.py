# send/throw/close edge cases, gi_* attributes, error messages
def k(): yield 1
z = k()
try: z.send(3)
except TypeError as e: print(e)
print(z.gi_suspended, z.gi_running, z.gi_code.co_name, z.__name__, z.__qualname__)
print(next(z), z.gi_suspended)
try: next(z)
except StopIteration as e: print("stop", e.args)
try: next(z)
except StopIteration as e: print("stop again", e.args)
def running():
    yield g2.gi_running
    try:
        next(g2)
    except ValueError as e:
        yield str(e)
g2 = running()
print(next(g2), next(g2))
def h():
    try:
        yield 1
    except GeneratorExit:
        yield 2
y = h(); next(y)
try: y.close()
except RuntimeError as e: print(repr(e))
def ret():
    try:
        yield 1
    except GeneratorExit:
        return 7
r = ret(); next(r); print("close ->", r.close())
u = k()
try: u.throw(KeyError("fresh"))
except KeyError as e: print("fresh throw", repr(e))
print(u.gi_frame)
try: k().throw(1)
except TypeError as e: print(e)
def nested():
    def inner():
        x = yield "a"
        return x * 2
    v = yield from inner()
    yield v
n = nested()
print(next(n), n.send(21))
class It:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 3: raise StopIteration
        return self.i
def over(): yield from It()
print(list(over()))
def over_list(): r = yield from [1, 2]; yield r
print(list(over_list()))
g = (i * 2 for i in range(4) if i != 2)
print(g.__name__, list(g), list(g))
def rec(n):
    if n: yield from rec(n - 1)
    yield n
print(list(rec(10)))
def exc_info():
    try:
        raise KeyError(1)
    except KeyError:
        yield 1
        import sys
        yield repr(sys.exception())
e = exc_info(); print(next(e)); print(next(e))
def ctx():
    try:
        yield
    except ValueError:
        raise TypeError("inner")
c = ctx(); next(c)
try: c.throw(ValueError("outer"))
except TypeError as err: print(repr(err), repr(err.__context__))
def fin():
    try:
        yield 1
    finally:
        print("finalised")
f = fin(); next(f); f = None
print("end")
