# sets and frozensets (ints only, so iteration order is the same everywhere).
s = {3, 1, 2}
s.add(5)
s.add(1)
print(s, len(s), 2 in s, 9 not in s)
s.discard(9)
s.remove(3)
print(s)
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, a ^ b, b - a)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print({1, 2} <= a, {1, 2} < a, a >= {1}, a > a, a.issubset({1, 2, 3, 4, 5}), a.isdisjoint({9}))
c = set(range(5))
c -= {0}
c |= {10}
c &= {1, 2, 10, 11}
c ^= {2, 20}
print(c)
f = frozenset([1, 2, 2, 3])
print(f, len(f), 2 in f, f | {4}, hash(f) == hash(frozenset({3, 2, 1})))
print(set(), frozenset(), set("aaa"), {x % 3 for x in range(10)})
print({1, 2} == {2, 1}, {1} != {1, 2}, set([1, 2]) == frozenset([1, 2]))
d = {frozenset({1}): "fs"}
print(d[frozenset([1])])
t = {1, 2, 3}
print(t.pop() in {1, 2, 3}, len(t))
t.clear()
print(t)
u = {1, 2}
u.update([3], (4,))
print(sorted(u))
try:
    {1}.remove(2)
except KeyError as e:
    print("KeyError:", e)
try:
    {[1]}
except TypeError as e:
    print("TypeError:", e)
