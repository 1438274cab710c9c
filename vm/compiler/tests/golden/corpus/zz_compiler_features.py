# Assorted shapes the compiler must emit exactly as CPython 3.14 (golden corpus).

def listcomp(xs, y):
    a = [x * y for x in xs if x]
    return {k: v for k, v in a for z in [k]}


def setcomp_nested(rows):
    return {c for row in rows for c in row if c != 0}


def comp_with_closure(xs):
    return [lambda: x for x in xs]


def comp_shadowing(x):
    x = 1
    ys = [x for x in range(3)]
    return x, ys


def genexp(xs):
    return sum(x * x for x in xs)


def swaps(a, b, c):
    a, b = b, a
    a, b, c = c, b, a
    return a, b, c


def walrus(xs):
    return [y for x in xs if (y := x + 1) > 2], y


def membership(x):
    return x in {1, 2, 3}, x not in (4, 5)


class Base:
    def method(self, n):
        return n


class Derived(Base):
    def method(self, n):
        return super().method(n) + 1

    def other(self):
        return super().method

    @classmethod
    def make(cls):
        return super().__new__(cls)


top_level = [i * i for i in range(5)]
top_dict = {i: str(i) for i in range(3)}


class Body:
    items = [1, 2]
    doubled = [v * 2 for v in range(3)]


def nested_loops(n):
    total = 0
    for i in range(n):
        for j in range(i):
            if (i + j) % 3 == 0:
                continue
            total += i * j
    return total


def try_forms(f):
    try:
        f()
    except (ValueError, TypeError) as e:
        return str(e)
    except Exception:
        raise
    else:
        return None
    finally:
        print("done")


def with_forms(cm, path):
    with cm as a, open(path) as b:
        return a, b
