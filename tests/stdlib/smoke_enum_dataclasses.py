# enum and dataclasses: Enum/IntEnum/Flag/StrEnum/auto, dataclass fields, ordering, frozen, replace.
import dataclasses, enum
class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = enum.auto()
class Perm(enum.IntFlag):
    R = 4
    W = 2
    X = 1
class Shape(enum.StrEnum):
    CIRCLE = enum.auto()
print(Color.RED, repr(Color.GREEN), Color(3), Color["BLUE"].value, list(Color), len(Color), Color.RED in Color)
print(Perm.R | Perm.W, repr(Perm(7)), Perm(6) & Perm.W, int(Perm.R | Perm.X), list(Perm(5)), Perm.R in Perm(5))
print(Shape.CIRCLE, Shape.CIRCLE == "circle", enum.unique(Color) is Color, Color.RED.name)
try:
    Color(9)
except ValueError as e:
    print("ValueError", e)
@dataclasses.dataclass(order=True)
class Point:
    x: int
    y: int = 0
    tags: list = dataclasses.field(default_factory=list, compare=False, repr=False)
    def norm(self):
        return abs(self.x) + abs(self.y)
@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Frozen:
    a: int
    b: str = "b"
p = Point(1, 2)
print(p, p == Point(1, 2, ["t"]), Point(1, 3) > p, dataclasses.asdict(p), dataclasses.astuple(p), p.norm())
print([f.name for f in dataclasses.fields(Point)], dataclasses.replace(p, y=5), dataclasses.is_dataclass(p))
f = Frozen(a=1)
print(f, hash(f) == hash(Frozen(a=1)), Frozen.__slots__)
try:
    f.a = 2
except dataclasses.FrozenInstanceError as e:
    print("FrozenInstanceError", e)
D = dataclasses.make_dataclass("D", [("k", int), ("v", str, dataclasses.field(default="x"))])
print(D(1), D.__name__)
