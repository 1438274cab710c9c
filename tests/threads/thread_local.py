# oracle: python3.13
# _thread._local (threading.local): one namespace per thread, __init__ re-run per thread for
# subclasses, the attribute dict of a finished thread released, and CPython's messages.
import _thread

l = _thread._local()
print(type(l).__name__, repr(type(l)), _thread._local.__doc__)
try:
    _thread._local(1)
except TypeError as e:
    print("TypeError", e)
l.x = 1
print(l.__dict__)
try:
    l.__dict__ = {}
except AttributeError as e:
    print("AttributeError", e)
try:
    l.y
except AttributeError as e:
    print("AttributeError", e)
del l.x
try:
    del l.x
except AttributeError as e:
    print("AttributeError", e)


class Counter(_thread._local):
    def __init__(self, start, step=1):
        self.value = start
        self.step = step

    def bump(self):
        self.value += self.step
        return self.value


c = Counter(10, step=5)
print("main:", c.bump(), c.__dict__)
results = {}


def worker(name, n):
    for _ in range(n):
        c.bump()
    l.name = name
    results[name] = (c.value, l.name, sorted(l.__dict__))


handles = []
for i in range(4):
    handles.append(_thread.start_joinable_thread(lambda i=i: worker("t%d" % i, i + 1)))
for h in handles:
    h.join()
print(sorted(results.items()))
print("main again:", c.value, hasattr(l, "name"))


# A finished thread's dict is released: its values die.
class Tracked:
    alive = 0

    def __init__(self):
        Tracked.alive += 1

    def __del__(self):
        Tracked.alive -= 1


def hold():
    l.tracked = Tracked()


_thread.start_joinable_thread(hold).join()
print("alive after thread exit:", Tracked.alive)
import weakref
print(weakref.ref(l)() is l)
