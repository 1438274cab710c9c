# One long generator: 1e6 yields (the switch round trip).
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
total = 0
for v in count(1000000):
    total += v
print(total)
