# Sorting: stability, keys, reverse, sorted().
data = [5, 2, 9, 1, 5, 6, -3, 0]
print(sorted(data), sorted(data, reverse=True), data)
data.sort()
print(data)
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
print(sorted(words, key=lambda w: (len(w), w), reverse=True))
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b")]
print(sorted(pairs, key=lambda p: p[0]))
big = [(i * 7919) % 1000 for i in range(1000)]
s = sorted(big)
print(s[:10], s[-5:], s == sorted(s), len(s))
print(sorted("hello"), sorted([3.5, 1, 2.25]), sorted([]), sorted([[2, 1], [1, 2]]))
class Rec:
    def __init__(self, k, v):
        self.k, self.v = k, v
    def __repr__(self):
        return f"Rec({self.k}, {self.v})"
recs = [Rec(2, "x"), Rec(1, "y"), Rec(2, "a"), Rec(1, "b")]
recs.sort(key=lambda r: r.k)
print(recs)
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
