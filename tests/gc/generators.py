# Cycles through generators: a suspended generator in a cycle is closed (its finally runs) and
# freed; an unstarted one is freed without running.
import gc


def holder_gen(box):
    try:
        yield 1
        yield 2
    finally:
        print("finally ran, box has", len(box))


def make_suspended():
    box = []
    g = holder_gen(box)
    box.append(g)  # box -> generator -> frame -> box
    next(g)


def make_unstarted():
    box = []
    g = holder_gen(box)
    box.append(g)


def self_sender():
    me = yield
    try:
        yield me
    finally:
        print("self_sender closed")


def make_self_ref():
    g = self_sender()
    next(g)
    g.send(g)


gc.collect()
make_suspended()
gc.collect()
print("suspended done")
make_unstarted()
print("unstarted", gc.collect() >= 1)
make_self_ref()
gc.collect()
print("self ref done")


# A generator that is still referenced keeps running normally after a collection.
def counter():
    n = 0
    while True:
        n += 1
        yield n


c = counter()
print(next(c), next(c))
gc.collect()
print(next(c))


# A generator running gc.collect() from inside its own frame.
def collecting():
    box = [1]
    box.append(box)
    del box
    yield gc.collect() >= 1
    yield "after"


print(list(collecting()))
