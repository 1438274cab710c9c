# PEP 649/749: errors around annotations, with CPython 3.14's messages.

def check(source):
    try:
        compile(source, "<test>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno)


check("def f():\n    global x\n    x: int\n")
check("def f():\n    x = 1\n    def g():\n        nonlocal x\n        x: int\n")
check("global y\ny: int = 1\n")
check("class A:\n    x: (yield)\n")
check("x: (await y)\n")
check("class A:\n    x: (z := 1)\n")
check("x: int\nx: str\n")


class Bad:
    x: 1 / 0


try:
    Bad.__annotations__
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(Bad.__dict__.get("__annotations_cache__", "not cached"))


class NonDict:
    pass


NonDict.__annotate__ = lambda fmt: ["not", "a", "dict"]
try:
    NonDict.__annotations__
except TypeError as e:
    print("TypeError", e)

for attr in ("__annotations__", "__annotate__"):
    try:
        getattr(int, attr)
    except AttributeError as e:
        print("AttributeError", e)
for attr, value in (("__annotations__", {}), ("__annotate__", None)):
    try:
        setattr(int, attr, value)
    except TypeError as e:
        print("TypeError", e)


class Target:
    pass


try:
    Target.__annotate__ = "nope"
except TypeError as e:
    print("TypeError", e)
try:
    del Target.__annotate__
except TypeError as e:
    print("TypeError", e)
try:
    del Target.__annotations__
except AttributeError as e:
    print("AttributeError", e)
Target.__annotations__ = {"set": 1}
print(Target.__annotations__, Target.__annotate__)
Target.__annotate__ = lambda fmt: {"fmt": fmt}
print(Target.__annotations__)
