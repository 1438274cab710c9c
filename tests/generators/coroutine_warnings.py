# "coroutine 'f' was never awaited": the RuntimeWarning a coroutine issues when it is finalized
# before it ever ran (through warnings._warn_unawaited_coroutine), and when it does not.
import gc
import sys
import warnings

# CPython adds "Enable tracemalloc to get the object allocation traceback" when tracemalloc
# imports; making the import fail gives the exact default stderr format on both runtimes.
sys.modules["tracemalloc"] = None


async def f():
    return 1


class Pause:
    def __await__(self):
        yield "pause"


async def suspends():
    await Pause()


class Box:
    async def method(self):
        pass


def drop_unawaited():
    f()  # the warning names this line (stacklevel 2: where the coroutine was finalized)


drop_unawaited()
c = Box().method()
del c
print("default filters: two warnings on stderr")

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    f()
    g = f()
    g.close()  # closed before it ran: finished, so no warning
    h = f()
    try:
        h.send(None)
    except StopIteration as e:
        print("ran to completion:", e.value)
    del h
    started = suspends()
    print("suspended at:", started.send(None))
    del started  # started: closed, not warned about
for w in caught:
    print(w.category.__name__, str(w.message), w.lineno, w.filename.endswith("coroutine_warnings.py"))


# In a reference cycle the collector's finalizer warns, once.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    holder = []
    holder.append(holder)
    holder.append(f())
    del holder
    gc.collect()
print("cycle:", [str(w.message) for w in caught])

# A filter that ignores RuntimeWarning silences it.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("ignore")
    f()
print("ignored:", len(caught))


# The message names the qualname, which may be changed.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    k = f()
    k.__qualname__ = "renamed.qual"
    del k
print([str(w.message) for w in caught])

# The pending exception survives a finalizer that warns.
try:
    try:
        raise KeyError("kept")
    finally:
        f()
except KeyError as e:
    print("still", repr(e))
print("done")
