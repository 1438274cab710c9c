# Ints and floats are recycled through a per-thread block cache: values must never be corrupted
# by reuse, including values kept alive in containers, across threads' lifetimes and in
# subclasses. Also checks CO_NESTED on methods (module-level and class-level code is not nested).
class MyInt(int):
    pass

class MyFloat(float):
    pass

kept = []
total = 0
for i in range(20000):
    a = i * 1000003 + 7
    f = a / 3.0
    if i % 997 == 0:
        kept.append((a, f, MyInt(a), MyFloat(f)))
    total += a % 13
print(total)
print(kept[:3])
print(all(type(x[2]) is MyInt and x[2] == x[0] for x in kept))
print(sum(x[0] for x in kept), round(sum(x[1] for x in kept), 3))

class C:
    def m(self):
        return 1
    def g(self):
        def inner():
            return 2
        return inner

def f():
    return lambda: 3

print(hex(C.m.__code__.co_flags), hex(C().g().__code__.co_flags))
print(hex(f.__code__.co_flags), hex(f().__code__.co_flags))
