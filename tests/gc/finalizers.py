# PEP 442: __del__ of unreachable objects runs once, resurrection keeps objects alive, and
# gc.is_finalized reports it.
import gc

saved = []


class Phoenix:
    def __init__(self, tag):
        self.tag = tag
        self.me = self

    def __del__(self):
        print("del", self.tag)
        saved.append(self)


def make_phoenix():
    Phoenix("p1")


gc.collect()
make_phoenix()
gc.collect()
print("resurrected", len(saved), saved[0].tag, saved[0].me is saved[0])
print("finalized", gc.is_finalized(saved[0]))
saved.clear()
print("second collect frees without __del__", gc.collect() >= 1)
print("saved", saved)


# The resurrected object keeps what it references alive too.
class Holder:
    def __init__(self):
        self.items = [1, 2, 3]
        self.items.append(self)

    def __del__(self):
        saved.append(self)


def make_holder():
    Holder()


make_holder()
gc.collect()
print("holder items", saved[0].items[:3], saved[0].items[3] is saved[0])
saved.clear()
gc.collect()


# Finalizers of objects in one cycle all run before any is cleared.
order = []


class Peer:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def __del__(self):
        order.append((self.name, self.peer is not None and self.peer.name))


def make_peers():
    a = Peer("a")
    b = Peer("b")
    a.peer = b
    b.peer = a


make_peers()
gc.collect()
print(sorted(order))


# is_finalized of a live object that was never collected
x = Peer("live")
print(gc.is_finalized(x))
