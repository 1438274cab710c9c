# sys.set_asyncgen_hooks / get_asyncgen_hooks (firstiter on the first asend/athrow/aclose/anext,
# finalizer instead of an inline close), coroutine origin tracking (cr_origin), and the
# "coroutine method ... was never awaited" warning, driven by a tiny hand-written event loop.
import sys
import warnings

sys.modules["tracemalloc"] = None  # no "Enable tracemalloc" hint on either runtime

print(sys.get_asyncgen_hooks())
print(type(sys.get_asyncgen_hooks()).__name__, len(sys.get_asyncgen_hooks()))
print(sys.get_coroutine_origin_tracking_depth())


class Loop:
    """Runs coroutines to completion; closes async generators the way asyncio does."""

    def __init__(self):
        self.ready = []
        self.events = []

    def firstiter(self, agen):
        self.events.append(("firstiter", agen.__qualname__, agen.ag_running))

    def finalizer(self, agen):
        self.events.append(("finalizer", agen.__qualname__, agen.ag_running))
        self.ready.append(agen.aclose())

    def run(self, main):
        old = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(firstiter=self.firstiter, finalizer=self.finalizer)
        try:
            self.ready.append(main)
            while self.ready:
                coro = self.ready.pop(0)
                try:
                    coro.send(None)
                except StopIteration as e:
                    self.events.append(("done", e.value))
                else:
                    self.ready.append(coro)
        finally:
            sys.set_asyncgen_hooks(*old)


class Yield:
    def __await__(self):
        yield


async def ticker(n, log):
    try:
        for i in range(n):
            await Yield()
            yield i
    finally:
        log.append("ticker cleanup")


async def consume(log):
    async for v in ticker(5, log):
        log.append(v)
        if v == 1:
            break  # leaves the generator unfinished: the finalizer hook closes it
    return "consumed"


loop = Loop()
log = []
loop.run(consume(log))
print(log)
print(loop.events)
print(sys.get_asyncgen_hooks())

# Hooks are set and checked per call; None clears one; a missing argument keeps it.
def fi(agen):
    calls.append("fi")
calls = []
sys.set_asyncgen_hooks(fi)
sys.set_asyncgen_hooks(finalizer=print)
h = sys.get_asyncgen_hooks()
print(h.firstiter is fi, h.finalizer is print, h == (fi, print))
g = ticker(1, [])
a = g.__anext__()
g.asend(None).close()  # closes the generator: throws GeneratorExit into it
print(g.ag_frame, calls)  # firstiter once per generator
try:
    a.send(None)
except StopAsyncIteration:
    print("closed by asend().close()")
g = ticker(2, [])
g.athrow(ValueError).close()
print(g.ag_frame, calls)
sys.set_asyncgen_hooks(None, finalizer=None)
print(sys.get_asyncgen_hooks())

for bad in [(1,), (print, 2), (None, "x")]:
    try:
        sys.set_asyncgen_hooks(*bad)
    except TypeError as e:
        print("TypeError:", e)
print(sys.get_asyncgen_hooks())


# firstiter raising: the method call fails, and the hook is not retried.
def failing(agen):
    raise KeyError("first")
sys.set_asyncgen_hooks(firstiter=failing)
g = ticker(1, [])
try:
    g.__anext__()
except KeyError as e:
    print("KeyError", e)
g.__anext__().close()
sys.set_asyncgen_hooks(firstiter=None)


# A generator finished or closed before finalization does not call the finalizer.
fin_calls = []
sys.set_asyncgen_hooks(finalizer=fin_calls.append)
g = ticker(0, [])
a = g.__anext__()
try:
    a.send(None)
except StopAsyncIteration:
    print("exhausted")
del a, g
print(len(fin_calls))
sys.set_asyncgen_hooks(finalizer=None)

# Unawaited asend/athrow/aclose awaitables warn.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    g = ticker(1, [])
    g.asend(None)
    g.athrow(ValueError)
    g.aclose()
    g.__anext__()
for w in caught:
    print(w.category.__name__, w.message)

# cr_origin
async def coro():
    pass


def make():
    return coro()


def outer():
    return make()


sys.set_coroutine_origin_tracking_depth(2)
print(sys.get_coroutine_origin_tracking_depth())
c = outer()
print([(f.rsplit("/", 1)[-1], line, name) for f, line, name in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(10)
c = outer()
print([name for _, _, name in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(0)
c = outer()
print(c.cr_origin)
c.close()
try:
    sys.set_coroutine_origin_tracking_depth(-1)
except ValueError as e:
    print("ValueError:", e)
sys.set_coroutine_origin_tracking_depth(depth=1)
print(sys.get_coroutine_origin_tracking_depth())
sys.set_coroutine_origin_tracking_depth(0)
