# Comparisons, identity, chaining, mixed types.
print(1 == 1.0, len is len, "a" == "a", [1] == [1], [1] is [1], (1, 2) == [1, 2])
print(1 < 2.5, 2.5 < 3, -1 < 0 < 1, 1 < 2 > 1, 1 == 1 == 1.0, 1 != 2 != 1)
print(None == 0, None is None, 0 == False, "" == False, [] == [])
x = [1, 2]
y = x
print(x is y, x is not [1, 2], x == [1, 2])
print(max("apple", "banana"), min([3, 1], [2, 9]), "abc" < "abd" < "b")
try:
    1 < "a"
except TypeError as e:
    print("TypeError:", e)
try:
    [1] < (1,)
except TypeError as e:
    print("TypeError:", e)
try:
    None < None
except TypeError as e:
    print("TypeError:", e)
class Eq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, Eq) and self.v == other.v
    def __lt__(self, other):
        return self.v < other.v
print(Eq(1) == Eq(1), Eq(1) != Eq(2), Eq(1) < Eq(2), Eq(3) > Eq(2), Eq(1) == 1)
print(sorted([Eq(3), Eq(1), Eq(2)], key=lambda e: e.v)[0].v)
