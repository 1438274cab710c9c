# range and slice objects.
print(range(5), range(1, 10, 2), list(range(5)), list(range(10, 0, -3)), list(range(0)))
r = range(0, 20, 3)
print(len(r), r[2], r[-1], r[1:4], 9 in r, 10 in r, r.index(9), r.count(12))
print(list(reversed(range(4))), range(3) == range(0, 3), range(0) == range(2, 2))
print(range(10 ** 20)[10 ** 19], range(10 ** 20)[-1], 10 ** 19 in range(10 ** 20))
try:
    len(range(10 ** 20))
except OverflowError as e:
    print("OverflowError:", e)
total = 0
for i in range(1, 101):
    total += i
print(total)
sl = slice(1, 10, 2)
print(sl, sl.start, sl.stop, sl.step, sl.indices(5), slice(None), slice(3))
data = list(range(10))
print(data[sl], data[slice(None, None, -1)], "abcdef"[slice(2, None)])
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(5)[10]
except IndexError as e:
    print("IndexError:", e)
