# Weak references to objects in unreachable cycles are cleared by the collector before any
# finalizer runs; callbacks of live weakrefs run, those of weakrefs inside the garbage do not.
import gc
import _weakref


class Node:
    def __init__(self, name):
        self.name = name
        self.ref = None


def cb(wr):
    print("callback", wr() is None)


def make():
    a = Node("a")
    b = Node("b")
    a.ref = b
    b.ref = a
    return _weakref.ref(a, cb), _weakref.ref(b)


gc.collect()
wa, wb = make()
print("alive before", wa() is not None, wb() is not None)
print("collected", gc.collect() >= 2)
print("cleared", wa() is None, wb() is None)


class Watcher:
    def __init__(self, target):
        self.wr = _weakref.ref(target)
        self.me = self

    def __del__(self):
        print("watcher sees", self.wr())


def make_watched():
    n = Node("n")
    n.ref = n
    w = Watcher(n)
    n.watcher = w


make_watched()
gc.collect()


def make_inner():
    n = Node("inner")
    n.ref = n
    n.wr = _weakref.ref(n, cb)  # the weakref is garbage too: no callback


make_inner()
print("inner", gc.collect() >= 1)
