# Closures: captured variables, cells shared between functions, late binding.
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    def get():
        return count
    return inc, get
inc, get = make_counter()
inc(); inc()
print(get(), inc(), get())
def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in make_adders()])
def late():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late())
def outer():
    x = "outer x"
    def middle():
        def inner():
            return x
        return inner
    return middle()()
print(outer())
def compose(f, g):
    return lambda x: f(g(x))
double_then_inc = compose(lambda x: x + 1, lambda x: x * 2)
print(double_then_inc(5))
def memo(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapper
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80))
def counter_factory(start):
    def step(by=1):
        nonlocal start
        start += by
        return start
    return step
s = counter_factory(100)
print(s(), s(5), s())
print(inc.__closure__ is not None, len(inc.__closure__), inc.__code__.co_freevars)
def decorator_with_args(prefix):
    def deco(fn):
        def wrapped(*a):
            return prefix + str(fn(*a))
        return wrapped
    return deco
@decorator_with_args(">> ")
def add(a, b):
    return a + b
print(add(2, 3))
