# del of names, items, slices, attributes.
x = 5
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
l = list(range(6))
del l[0], l[-1]
print(l)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
class C:
    pass
c = C()
c.v = 1
del c.v
print(hasattr(c, "v"))
try:
    del c.v
except AttributeError as e:
    print("AttributeError:", e)
a, b = 1, 2
del a, b
try:
    b
except NameError as e:
    print("NameError:", e)
def f():
    y = 1
    del y
    return y
try:
    f()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError:", e)
