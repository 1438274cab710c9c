"""Module and class variable annotations (PEP 649/749): __annotate__, conditional tracking."""
import sys

x: int = 1
if sys:
    y: str
z = type("Z", (), {})()
z.a: int
z.b: int = 2
items = [1, 2, 3]
items[0]: int
items[1:2]: str
items[0, 1:2] if False else None
(paren): float = 3.0


class A:
    """doc"""
    x: int
    __p: int
    if True:
        q: float = 2
    (w): int = 3
    while False:
        c: int

    def f(self):
        local: int = 1
        other: str
        z.c: bytes
        return local


class B:
    with open(__file__) as fh:
        a: int
    for i in range(1):
        b: list[int]
    match 1:
        case 1:
            m: dict
    try:
        t: tuple
    except Exception:
        e: set
    d: int


def outer():
    T = int

    class Inner:
        v: T
        w: "later"

    return Inner


@staticmethod
class Decorated:
    a: int


class Generic[T]:
    g: T
    h: list[T]
