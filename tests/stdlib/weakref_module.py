# The pure-Python weakref module over _weakref: WeakValueDictionary, WeakKeyDictionary, WeakSet,
# WeakMethod, proxy. (weakref.finalize needs atexit, not available yet: add it here when it is.)
import weakref


class Obj:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Obj(%r)" % self.name


a, b, c = Obj("a"), Obj("b"), Obj("c")
wvd = weakref.WeakValueDictionary({"a": a, "b": b})
wvd["c"] = c
print(sorted(wvd.keys()), wvd["a"], len(wvd), "b" in wvd)
del b
print(sorted(wvd.keys()), len(wvd), wvd.get("b"))
try:
    wvd["b"]
except KeyError as e:
    print("KeyError", e)
print(sorted(v.name for v in wvd.values()), wvd.pop("c"), sorted(wvd))

wkd = weakref.WeakKeyDictionary()
k1, k2 = Obj("k1"), Obj("k2")
wkd[k1] = 1
wkd[k2] = 2
print(len(wkd), wkd[k1], k2 in wkd)
del k1
print(len(wkd), [k.name for k in wkd.keys()])

ws = weakref.WeakSet()
s1, s2 = Obj("s1"), Obj("s2")
ws.add(s1)
ws.add(s2)
ws.add(s1)
print(len(ws), s1 in ws)
del s2
print(len(ws), [o.name for o in ws])

class M:
    def meth(self):
        return "meth"


m = M()
wm = weakref.WeakMethod(m.meth)
print(wm()(), wm() == m.meth)
del m
print(wm())
print(weakref.getweakrefcount(a), type(weakref.proxy(a)).__name__, weakref.ref(a)() is a)
