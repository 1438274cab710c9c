# A short generator created and exhausted many times (creation, first resume, finish).
def three(a):
    yield a
    yield a + 1
    yield a + 2
total = 0
for i in range(200000):
    for v in three(i):
        total += v
print(total)
