"""PEP 563: under `from __future__ import annotations` annotations are stored as their source
text, eagerly, in __annotations__ (functions keep a lazy __annotate__ returning the strings)."""
from __future__ import annotations

import sys


def f(a: list[int], b: "quoted" = 1, *c: int, d: f"a{b!r:>{w}}", **e: 1e400) -> None:
    pass


print(f.__annotations__)
print(type(f.__annotate__).__name__, f.__annotate__(1) == f.__annotations__)
print(f.__code__.co_flags & 0x1000000 != 0)


class A:
    x: t"a{b!r:>3} {c=}"
    y: lambda a, /, b=2, *c, d, **e: (a if b else c)
    z: {**a, "b": [1, *c]} | {1, 2} & x
    w: 1 .real + (-1) ** -2 ** 3 + (not a) + ~b
    v: a[1:2, ::3, ...] < b <= c is not d not in e
    u: (i for i in x if i)
    uu: [i for i in y if i for j in i]
    s: q.attr(x, *y, k=1, **z)
    r: 1 + 2.5 * -x // 3 % 4 @ m >> 1 << 2 ^ 3
    q: (1,)
    qq: ()
    qqq: (1, 2)
    __private: Undefined
    if True:
        cond: int
    obj = type("O", (), {})()
    obj.attr: never_evaluated = 5 if False else None
    bools: a and b or not c
    dicts: {k: v for k, v in items}
    sets: {s for s in items}
    ifexp: (a if b else c) if d else e
    call_gen: f(x for x in y)
    strings: "s" + 'q' + b"bytes"
    number: 0x10 + 1_000 + 1e-5 + 1.0


print(A.__annotations__)
print(sorted(k for k in A.__dict__ if k.startswith("__a")))
print(A.__annotate__)

x: int = 3
y: sys.Undefined
print(sys.modules[__name__].__annotations__)
print(__annotations__ is sys.modules[__name__].__annotations__)


def g():
    local: Undefined = 1
    return local


print(g(), g.__annotations__)

for source in ("from __future__ import braces", "from __future__ import nope",
               "import os\nfrom __future__ import annotations",
               '"""doc"""\nfrom __future__ import annotations, division\nfrom __future__ import annotations\n'):
    try:
        compile(source, "<future>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno)
