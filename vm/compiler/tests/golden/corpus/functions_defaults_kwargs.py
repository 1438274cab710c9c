# Defaults, keyword arguments, keyword-only and positional-only parameters.
def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"
print(greet("Ann"), greet("Bob", "Hi"), greet("Cy", punct="?"), greet(greeting="Yo", name="Di"))
def kwonly(a, *, b, c=3):
    return a, b, c
print(kwonly(1, b=2), kwonly(1, c=5, b=4))
def posonly(a, b, /, c, d=4):
    return a, b, c, d
print(posonly(1, 2, 3), posonly(1, 2, c=9), posonly(1, 2, 3, d=0))
def mutable_default(x, acc=[]):
    acc.append(x)
    return acc
print(mutable_default(1), mutable_default(2))
def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(f(1, c=3), f(1, 2, 3, 4, c=5, e=6), f(*[1, 2, 3], **{"c": 0, "z": 1}))
print(greet.__defaults__, kwonly.__kwdefaults__, greet.__name__, f.__code__.co_argcount)
for call in [lambda: greet(), lambda: greet("a", "b", "c", "d"), lambda: greet("a", nme="x"),
             lambda: kwonly(1, 2), lambda: kwonly(1), lambda: posonly(a=1, b=2, c=3),
             lambda: greet("a", name="b"), lambda: f()]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
