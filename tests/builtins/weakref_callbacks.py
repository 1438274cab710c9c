# Weak reference callbacks: when they run, in which order, what they see, and how an exception
# raised by one is reported (through the unraisable hook, on stderr).
import _weakref

ref = _weakref.ref
log = []


class Obj:
    def __init__(self, name):
        self.name = name


def make_callback(tag):
    def callback(w):
        log.append((tag, w() is None))
    return callback


o = Obj("o")
refs = [ref(o, make_callback(i)) for i in range(4)]
plain = ref(o)
del o
print(log, [w() for w in refs], plain())

# A weakref that dies before its referent never calls back.
log.clear()
o = Obj("o")
w = ref(o, make_callback("dropped"))
del w
del o
print(log)

# Every weakref is cleared before the first callback runs.
seen = []
o = Obj("o")
first = ref(o, lambda w: seen.append(("first", second())))
second = ref(o, lambda w: seen.append(("second", first())))
del o
print(seen)

# The callback receives the very weakref object; __callback__ is None afterwards.
got = []
o = Obj("o")
w = ref(o, got.append)
del o
print(got[0] is w, w.__callback__)

# __del__ runs before the weakrefs are cleared: during it, the ref still resolves.
class WithDel:
    def __del__(self):
        print("in __del__, ref alive:", wd() is self)


x = WithDel()
wd = ref(x, lambda w: print("callback after __del__:", w() is None))
del x

# Callbacks of refs to objects inside a dying container run too (the order is the container's
# release order, so it is not checked here).
log.clear()
holder = [Obj(i) for i in range(3)]
rs = [ref(item, make_callback(item.name)) for item in holder]
del holder
print(sorted(log))

# A raising callback is reported and the program goes on; so do the other callbacks.
class BadCallback:
    def __call__(self, w):
        raise ValueError("boom")

    def __repr__(self):
        return "<BadCallback>"


log.clear()
o = Obj("o")
good = ref(o, make_callback("good"))
bad = ref(o, BadCallback())
del o
print("after bad callback", log)

# A pending exception survives a callback that runs while it is being handled.
try:
    o = Obj("o")
    w = ref(o, lambda w: print("callback during except"))
    raise KeyError("kept")
except KeyError as e:
    del o
    print("still handling", repr(e))

# Subclass refs with callbacks.
class TaggedRef(ref):
    pass


o = Obj("o")
t = TaggedRef(o, lambda w: print("tagged callback", type(w).__name__, w() is None))
del o

# A callback may create new weak references to other objects.
keep = Obj("keep")
made = []
o = Obj("o")
w = ref(o, lambda w: made.append(ref(keep)))
del o
print(made[0]() is keep)
print("done")
