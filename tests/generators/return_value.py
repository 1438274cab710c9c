# A generator's return value: next() shows it in StopIteration; loops, list(), yield from
# and next(it, default) treat the StopIteration as the end.
def g():
    yield 1
    return "done"
it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.value, e.args)
print(list(g()), [x for x in g()], sum(x for x in [1, 2]))
def outer():
    r = yield from g()
    print("got", r)
print(list(outer()))
it = g(); next(it)
print(next(it, "default"))
for x in g():
    print("loop", x)
