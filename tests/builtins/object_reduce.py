# object.__reduce_ex__/__reduce__/__getstate__: the default pickling protocol (copyreg).
import copyreg


def show(label, value):
    # Functions from copyreg print with their address: show their names instead.
    def clean(v):
        if callable(v) and hasattr(v, "__module__") and getattr(v, "__module__", None) == "copyreg":
            return "copyreg." + v.__name__
        if isinstance(v, tuple):
            return tuple(clean(x) for x in v)
        if type(v).__name__.endswith("iterator"):
            return type(v).__name__ + ":" + repr(list(v))
        return v
    print(label, clean(value))


class A:
    pass


a = A()
print(a.__getstate__())
a.x = 1
print(a.__getstate__() is a.__dict__)
show("A proto 2:", a.__reduce_ex__(2))
show("A proto 4:", a.__reduce_ex__(4))
show("A proto 1:", a.__reduce_ex__(1))
show("A reduce:", a.__reduce__())
show("object:", object().__reduce_ex__(2))


class S:
    __slots__ = ("p", "q")


s = S()
print(s.__getstate__())
s.p = 5
show("S:", s.__reduce_ex__(2))
print(s.__getstate__(), S.__dict__.get("__slotnames__"))


class SD:
    __slots__ = ("p", "__dict__")


sd = SD()
sd.p = 1
sd.z = 2
print(sd.__getstate__())

show("list:", [1, 2].__reduce_ex__(2))


class L(list):
    pass


show("L:", L([1]).__reduce_ex__(2))


class D(dict):
    pass


show("D:", D(a=1).__reduce_ex__(2))
show("int:", (1).__reduce_ex__(2))


class G:
    def __getnewargs_ex__(self):
        return ((1,), {"k": 2})


show("G:", G().__reduce_ex__(2))


class G1:
    def __getnewargs_ex__(self):
        return ((1,), {})


show("G1:", G1().__reduce_ex__(2))


class N:
    def __getnewargs__(self):
        return (3, 4)


show("N:", N().__reduce_ex__(2))

for bad in ([1], (1, 2, 3), ([1], {}), ((), [])):
    class B:
        def __getnewargs_ex__(self, r=bad):
            return r
    try:
        B().__reduce_ex__(2)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


class BN:
    def __getnewargs__(self):
        return [1]


try:
    BN().__reduce_ex__(2)
except TypeError as e:
    print("TypeError", e)


class R:
    def __reduce__(self):
        return "R-reduced"


print(R().__reduce_ex__(2))
show("object.__reduce__(R()):", object.__reduce__(R()))


class GS:
    def __getstate__(self):
        return {"custom": True}


show("GS:", GS().__reduce_ex__(3))

try:
    object().__getstate__(1)
except TypeError as e:
    print("TypeError", e)
try:
    object().__reduce_ex__()
except TypeError as e:
    print("TypeError", e)
print(object.__reduce_ex__.__qualname__, object.__getstate__.__qualname__)
try:
    (1).__reduce_ex__(1)
except TypeError as e:
    print("TypeError", e)
