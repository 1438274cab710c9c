# yield-from chains 10 deep: every value passes through 10 delegating generators.
def leaf(n):
    for i in range(n):
        yield i
def chain(depth, n):
    inner = leaf(n) if depth == 0 else chain(depth - 1, n)
    return (yield from inner)
total = 0
for _ in range(10):
    for v in chain(10, 10000):
        total += v
print(total)
