# Classes: instances, attributes, methods, class attributes, repr.
class Point:
    """A 2-D point."""
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)
p = Point(3, 4)
print(p, p.x, p.y, p.norm2(), p.moved(1), p.moved(1, 1), Point.dims, p.dims)
print(Point.__name__, Point.__qualname__, Point.__doc__, type(p).__name__, type(p) is Point)
print(isinstance(p, Point), isinstance(p, object), issubclass(Point, object))
p.z = 5
print(p.__dict__, sorted(vars(p)))
Point.dims = 3
print(p.dims)
p.dims = "instance"
print(p.dims, Point.dims)
m = p.norm2
print(m(), m.__self__ is p, Point.norm2(p))
print(getattr(p, "x"), getattr(p, "missing", "dflt"), hasattr(p, "y"), hasattr(p, "q"))
setattr(p, "x", 10)
delattr(p, "z")
print(p, hasattr(p, "z"))
class Empty:
    pass
e = Empty()
print(type(e).__name__, repr(e).startswith("<__main__.Empty object at 0x"), str(e) == repr(e))
class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
for _ in range(3):
    Counter()
print(Counter.instances)
try:
    p.nothing
except AttributeError as e:
    print("AttributeError:", e)
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
try:
    Point.norm2()
except TypeError as e:
    print("TypeError:", e)
