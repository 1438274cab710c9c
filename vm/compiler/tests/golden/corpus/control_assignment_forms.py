# Assignment forms: chained, tuple/list unpacking, starred, augmented, attribute and subscript.
a = b = c = 7
print(a, b, c)
x, y = 1, 2
x, y = y, x
print(x, y)
[p, q] = "pq"
print(p, q)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abcd"
print(init, last)
h, *mid, t = range(6)
print(h, mid, t)
a, (b, *c), d = 1, (2, 3, 4), 5
print(a, b, c, d)
lst = [0, 0, 0]
lst[0], lst[2] = 5, 6
print(lst)
d = {}
d["k"] = d["j"] = 1
print(d)
class O:
    pass
o = O()
o.attr = 3
o.attr += 4
print(o.attr)
lst[1] += 10
lst[-1] *= 2
print(lst)
s = "ab"
s += "cd"
s *= 2
print(s)
n = 2
n **= 10
n >>= 3
n <<= 1
n |= 1
n &= 0xFF
n ^= 0x0F
print(n)
t = (1,)
t += (2,)
print(t)
(a, b), c = "xy", "z"
print(a, b, c)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    x, y = 5
except TypeError as e:
    print("TypeError:", e)
if (w := 10) > 5:
    print("walrus", w)
