# global and nonlocal, name resolution order (local, enclosing, global, builtin).
g = "global"
def read_global():
    return g
def write_global():
    global g
    g = "changed"
print(read_global())
write_global()
print(g)
def shadow():
    len = lambda x: "shadowed"
    return len([1, 2])
print(shadow(), len([1, 2]))
def nested():
    v = 1
    def a():
        nonlocal v
        v += 1
        def b():
            nonlocal v
            v *= 10
        b()
    a()
    return v
print(nested())
counter = 0
def bump():
    global counter
    counter += 1
for _ in range(3):
    bump()
print(counter)
def uses_before_assign():
    try:
        print(undefined_name)
    except NameError as e:
        print("NameError:", e)
uses_before_assign()
def local_shadow():
    try:
        print(g)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    g = 1
local_shadow()
class K:
    attr = "class attr"
    def m(self):
        return attr if False else K.attr
print(K().m())
x = 0
def make():
    x = 1
    class Inner:
        y = x + 1
    return Inner.y
print(make())
