# Structural pattern matching (PEP 634): every pattern kind, guards, bindings, errors.


def literal(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case -2.5:
            return "minus two and a half"
        case "hello" | "hi":
            return "greeting"
        case b"raw":
            return "bytes"
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case _:
            return "other"


for v in [0, 1, 3, -1, -2.5, 1.5, "hi", b"raw", None, True, False, 0.0, 99, "x"]:
    print(repr(v), literal(v))


def capture(x):
    match x:
        case [a]:
            return ("one", a)
        case [a, b]:
            return ("two", a, b)
        case [a, *rest]:
            return ("many", a, rest)
        case other:
            return ("other", other)


for v in [[1], (1, 2), [1, 2, 3, 4], "ab", range(3), 5, []]:
    print(capture(v))


def sequences(x):
    match x:
        case []:
            return "empty"
        case [_]:
            return "single"
        case [first, *_, last] if first == last:
            return f"bookends {first}"
        case [first, *_, last]:
            return f"first {first} last {last}"
        case [*_, "end"]:
            return "ends with end"
    return "nothing"


for v in [[], [1], [1, 2, 1], [1, 2, 3], ["end"], "abc", (5, 6, 7, 5)]:
    print(v, sequences(v))


def nested(x):
    match x:
        case [(a, b), [c, *d]]:
            return a, b, c, d
        case [[[deep]]]:
            return "deep", deep
        case ([1, 2] | [3, 4]) as pair:
            return "pair", pair
    return None


print(nested([(1, 2), [3, 4, 5]]))
print(nested([[[7]]]))
print(nested([3, 4]))
print(nested([5, 6]))


def mapping(x):
    match x:
        case {"type": "point", "x": px, "y": py}:
            return ("point", px, py)
        case {"type": "circle", "r": r, **rest}:
            return ("circle", r, rest)
        case {"type": kind}:
            return ("unknown kind", kind)
        case {}:
            return "empty-ish mapping"
    return "not a mapping"


print(mapping({"type": "point", "x": 1, "y": 2}))
print(mapping({"type": "circle", "r": 3, "color": "red", "z": 0}))
print(mapping({"type": "square"}))
print(mapping({"other": 1}))
print(mapping([1, 2]))
class Sub(dict):
    pass


print(mapping(Sub(type="point", x=9, y=8)))


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class Plain:
    def __init__(self):
        self.a = 1


def classes(p):
    match p:
        case Point3(0, 0, 0):
            return "origin3"
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return f"on y axis at {yy}"
        case Point(xx, 0):
            return f"on x axis at {xx}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Plain(a=1):
            return "plain a=1"
        case int(n) if n > 100:
            return f"big int {n}"
        case str() | bytes():
            return "text"
        case bool(b):
            return f"bool {b}"
        case int(n):
            return f"int {n}"
        case float(f):
            return f"float {f}"
        case list([x, y]):
            return f"list2 {x} {y}"
        case dict({"k": v}):
            return f"dict k={v}"
    return "no match"


for v in [Point3(0, 0, 0), Point(0, 0), Point(0, 5), Point(4, 0), Point(2, 2), Point(1, 2),
          Plain(), 1000, "s", b"b", True, 7, 2.5, [1, 2], {"k": 3}, None]:
    print(classes(v))


def as_patterns(x):
    match x:
        case [1, (2 | 3) as second] as whole:
            return whole, second
        case (int() | float()) as num:
            return "num", num
        case _:
            return "default"


print(as_patterns([1, 3]))
print(as_patterns(4.5))
print(as_patterns("z"))


def or_bindings(x):
    match x:
        case [a, 1] | [1, a]:
            return "a", a
        case (b, c, 0) | (0, c, b):
            return "bc", b, c
        case {"x": v} | Point(x=v):
            return "v", v
    return None


print(or_bindings([5, 1]), or_bindings([1, 6]), or_bindings((7, 8, 0)), or_bindings((0, 8, 7)))
print(or_bindings({"x": 9}), or_bindings(Point(10, 11)), or_bindings([2, 2]))


class Color:
    RED = "red"
    GREEN = "green"


def values(c):
    match c:
        case Color.RED:
            return "is red"
        case Color.GREEN:
            return "is green"
    return "unknown colour"


print(values("red"), values("green"), values("blue"))


def guards(x):
    hits = []
    match x:
        case n if (hits.append("g1") or n < 0):
            return "negative", hits
        case n if (hits.append("g2") or n == 0):
            return "zero", hits
        case _ if hits.append("g3"):
            return "never", hits
        case _:
            return "positive", hits


print(guards(-3), guards(0), guards(5))


# Names stay unbound when a case fails, and the subject expression runs once.
calls = []


def subject():
    calls.append(1)
    return [1, 2]


match subject():
    case [x, 3]:
        print("wrong")
    case [y, 2]:
        print("y", y)
print(len(calls), "x" in globals())

# Match at module level binds globals.
match {"a": [1, 2, 3]}:
    case {"a": [_, *mid]}:
        print("mid", mid)

# Star captures are lists, even from tuples.
match (1, 2, 3):
    case (*init, last):
        print(init, last)

# Strings and bytes are not sequences for matching.
for s in ["ab", b"ab"]:
    match s:
        case [a, b]:
            print("seq", a, b)
        case _:
            print("not seq", type(s).__name__)

# Iterators are not sequences either.
match iter([1]):
    case [x]:
        print("iter matched")
    case _:
        print("iter not matched")

# A mapping with a custom get is matched through it.


class Weird(dict):
    def get(self, key, default=None):
        return "always"


match Weird(a=1):
    case {"zzz": v}:
        print("weird", v)


def match_in_loop(items):
    out = []
    for it in items:
        match it:
            case "stop":
                break
            case "skip":
                continue
            case other:
                out.append(other)
    return out


print(match_in_loop(["a", "skip", "b", "stop", "c"]))


# Runtime errors from class patterns.
class NoArgs:
    pass


class BadArgs:
    __match_args__ = ["x"]


class NonStr:
    __match_args__ = (1,)


def run(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


def m_noargs():
    match NoArgs():
        case NoArgs(1):
            return "no"


def m_toomany():
    match Point(1, 2):
        case Point(1, 2, 3):
            return "no"


def m_badargs():
    match BadArgs():
        case BadArgs(1):
            return "no"


def m_nonstr():
    match NonStr():
        case NonStr(1):
            return "no"


def m_dupattr():
    match Point(1, 2):
        case Point(1, x=1):
            return "no"


def m_int2():
    match 5:
        case int(1, 2):
            return "no"


def m_notclass():
    match 5:
        case len():
            return "no"


for f in [m_noargs, m_toomany, m_badargs, m_nonstr, m_dupattr, m_int2, m_notclass]:
    run(f)

# Compile-time errors.
for src in [
    "match x:\n case a:\n  pass\n case 1:\n  pass",
    "match x:\n case _:\n  pass\n case 1:\n  pass",
    "match x:\n case [a, a]:\n  pass",
    "match x:\n case {1: a, 1: b}:\n  pass",
    "match x:\n case [a] | [b]:\n  pass",
    "match x:\n case [a] | (a, b):\n  pass",
    "match x:\n case Point(x=1, x=2):\n  pass",
    "match x:\n case a | 1:\n  pass",
    "match x:\n case [*a, *b]:\n  pass",
]:
    try:
        compile(src, "<m>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset)

# match is a soft keyword.
match = [1, 2]
case = match[0]
print(match, case)
