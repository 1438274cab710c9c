def g(n):
    for i in range(n):
        x = yield i
        if x: print("got", x)
    return "done"
print(list(g(5)))
it = g(3)
print(next(it), it.send("hi"), next(it))
try:
    it.send(1)
except StopIteration as e:
    print("stop", e.value)
print(sum(x*x for x in range(10)))
def d():
    r = yield from g(2)
    print("r", r)
    yield 99
print(list(d()))
def pep():
    yield 1
    raise StopIteration
try: list(pep())
except RuntimeError as e: print(repr(e), repr(e.__cause__))
def c():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
x = c(); next(x); x.close(); print(x.gi_frame, x.gi_running, x.gi_suspended)
y = c(); next(y); del y
print(repr(c())[:22])
def t():
    while True:
        try:
            yield
        except ValueError as e:
            print("caught", e)
z = t(); next(z); z.throw(ValueError("v")); z.throw(ValueError("w"))
def deleg():
    yield from t()
w = deleg(); next(w); w.throw(ValueError("x")); print(type(w.gi_yieldfrom).__name__); w.close()
