# lists: methods, slicing, mutation.
l = [3, 1, 4, 1, 5]
l.append(9)
l.extend([2, 6])
l.insert(0, 0)
l.insert(100, 7)
print(l, len(l))
print(l.pop(), l.pop(0), l.pop(2), l)
l.remove(1)
print(l, l.index(5), l.count(1), 4 in l)
l.reverse()
print(l)
c = l.copy()
c.clear()
print(c, l)
m = list(range(10))
print(m[2:5], m[:3], m[7:], m[::3], m[::-2], m[-3:], m[5:2], m[5:2:-1])
m[2:5] = ["a", "b"]
print(m)
m[::2] = [0] * len(m[::2])
print(m)
del m[0]
del m[1:3]
del m[::2]
print(m)
n = [1, 2] + [3] * 3
n += [4]
n *= 2
print(n)
print([1, 2] == [1, 2], [1, 2] < [1, 3], [[1]] == [[1]], [] < [0])
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
print(list("abc"), list((1, 2)), list(range(3)), [x * x for x in range(5)])
print(sum([[1], [2]], []), min([4, 2, 8]), max([4, 2, 8]))
stack = []
for i in range(5):
    stack.append(i)
while stack:
    print(stack.pop(), end=" ")
print()
r = [1, 2, 3]
r.append(r)
print(r)
try:
    [1][5]
except IndexError as e:
    print("IndexError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1, 2].remove(3)
except ValueError as e:
    print("ValueError:", e)
