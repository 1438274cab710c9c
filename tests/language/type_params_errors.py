# SyntaxErrors for misplaced PEP 695 constructs, with CPython 3.14's messages and positions.
cases = [
    "def f[T, T](): pass",
    "def f[T=int, U](): pass",
    "type A[T=int, *U] = int",
    "def f[T: (yield)](): pass",
    "def f[T: (x:=1)](): pass",
    "def f[T = (yield)](): pass",
    "def f[*T = (yield)](): pass",
    "def f[**T = (yield)](): pass",
    "def f[T: (await x)](): pass",
    "type X = (yield)",
    "type X[T] = (x := 1)",
    "class C[T]((yield)): pass",
    "class C[T]((x:=1)): pass",
    "def f[__classdict__: int](): pass",
    "def f[__classdict__](): pass",
    "def f[T: [(x:=1) for y in z]](): pass",
    "type X = [(x:=1) for y in z]",
    "class C[T]([(x:=1) for y in z]): pass",
    "def f(x: (yield)): pass",
    "def f[T](): nonlocal T",
    "def f[T]():\n def g(): nonlocal T",
    "def f[T: (yield from x)](): pass",
    "class C[T: (x:=1)]: pass",
    "def f():\n  nonlocal x",
    "def f[T](): pass\ndef g[T, U](): pass",
]
for c in cases:
    try:
        compile(c, "<s>", "exec")
        print("OK", repr(c))
    except SyntaxError as e:
        print(repr(c), "->", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
