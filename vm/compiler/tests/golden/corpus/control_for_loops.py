# for loops over many iterables, else clauses, nested loops.
for c in "abc":
    print(c, end=",")
print()
for x in [1, 2, 3]:
    print(x * 10, end=" ")
print()
for k in {"a": 1, "b": 2}:
    print(k, end=" ")
print()
for k, v in {"a": 1, "b": 2}.items():
    print(k, v, end="; ")
print()
for i, ch in enumerate("xyz", start=1):
    print(i, ch, end=" | ")
print()
for a, b in zip([1, 2, 3], "ab"):
    print(a, b, end=" ")
print()
for n in range(2, 30):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, end=" ")
print()
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        if j > 1:
            break
        print((i, j), end="")
print()
for x in []:
    print("never")
else:
    print("empty for-else")
total = 0
for row in [[1, 2], [3, 4], [5]]:
    for v in row:
        total += v
print(total)
for i in range(10, 0, -4):
    print(i, end=" ")
print()
items = [1, 2, 3]
for idx in range(len(items)):
    items[idx] *= 2
print(items)
for (a, b), c in [((1, 2), 3), ((4, 5), 6)]:
    print(a + b + c, end=" ")
print()
for x in map(lambda v: v + 1, [1, 2]):
    print(x, end=" ")
for x in filter(None, [0, 1, "", "a"]):
    print(x, end=" ")
for x in reversed([1, 2, 3]):
    print(x, end=" ")
print()
