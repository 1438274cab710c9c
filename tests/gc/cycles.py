# Reference cycles of each kind are freed by gc.collect(); __del__ prints prove the objects died
# (and when: during the collect() call, not before).
import gc


class Loud:
    def __init__(self, tag):
        self.tag = tag
        self.ref = None

    def __del__(self):
        print("del", self.tag)


def instance_cycle():
    a = Loud("instance-a")
    b = Loud("instance-b")
    a.ref = b
    b.ref = a


def list_cycle():
    l = [Loud("list")]
    l.append(l)


def dict_cycle():
    d = {"payload": Loud("dict")}
    d["self"] = d


def closure_cycle():
    marker = Loud("closure")

    def f():
        return f, marker
    return None


def self_cycle():
    a = Loud("self")
    a.ref = a


def set_cycle():
    class Holder:
        pass
    h = Holder()
    h.s = {h}
    h.marker = Loud("set")


def exception_cycle():
    marker = Loud("exception")
    try:
        1 / 0
    except ZeroDivisionError as e:
        err = e  # frame locals -> exception -> traceback -> frame


def bound_method_cycle():
    a = Loud("method")
    a.ref = a.__init__


for make in [instance_cycle, list_cycle, dict_cycle, closure_cycle, self_cycle, set_cycle,
             exception_cycle, bound_method_cycle]:
    gc.collect()
    make()
    print(make.__name__, "made")
    n = gc.collect()
    print(make.__name__, "collected", n >= 1)
    print("again", gc.collect())

# Nothing reachable is collected.
keep = []
keep.append(keep)
k = Loud("kept")
k.ref = k
print("reachable", gc.collect())
print(keep[0] is keep, k.ref is k)
del k
print("dropped the last outside reference")
print(gc.collect() >= 1)

# Many small cycles.
class Quiet:
    pass

def many(n):
    for i in range(n):
        a = Quiet()
        b = Quiet()
        a.b = b
        b.a = a

gc.disable()  # no automatic collection in between: the explicit one finds them all
many(1000)
print("many", gc.collect() >= 2000)
gc.enable()
