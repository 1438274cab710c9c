# list, dict and set comprehensions (inlined per PEP 709), nested and with conditions.
print([x * 2 for x in range(5)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[j for j in range(i)] for i in range(4)])
print({x: len(x) for x in ["a", "bb", "ccc"]})
print({x % 4 for x in range(10)})
print([c.upper() for c in "hello" if c not in "l"])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row])
x = "outer"
print([x for x in "ab"], x)
n = 10
print([i * n for i in range(3)])
def f(k):
    return [k + i for i in range(3)]
print(f(10))
print({k: v for k, v in [("a", 1), ("b", 2)] if v > 1})
print([y for y in [[1, 2], [3]] if len(y) > 1][0])
print([i if i % 2 else -i for i in range(6)])
print(sum([i for i in range(101)]))
