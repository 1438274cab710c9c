# builtins aiter() and anext(): plain use, the default value, the anext_awaitable's
# send/throw/close, the error messages; driven by a tiny hand-written loop, then by asyncio.
import asyncio
import types


@types.coroutine
def suspend(tag):
    got = yield ("suspended", tag)
    return got


def run(coro, sends=()):
    """Drives `coro` to completion, answering each suspension with the next item of `sends`."""
    sends = list(sends)
    value = None
    while True:
        try:
            step = coro.send(value)
        except StopIteration as e:
            return e.value
        print("  loop saw", step)
        value = sends.pop(0) if sends else None


async def agen(n):
    for i in range(n):
        await suspend(i)
        yield i * 10


class Counter:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


async def main():
    it = aiter(agen(2))
    print("aiter same", it is aiter(it))
    print(await anext(it))
    print(await anext(it))
    print(await anext(it, "done"))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    c = Counter(2)
    print(await anext(c), await anext(c), await anext(c, None), await anext(c, ("a", 1)))
    return "main done"

print(run(main()))

# the anext_awaitable by hand
g = agen(1)
aw = anext(g, "D")
print(type(aw).__name__, aw.__await__() is aw, iter(aw) is aw)
print(aw.send(None))
try:
    aw.send(None)
except StopIteration as e:
    print("StopIteration value", e.value)
aw = anext(g, "again")
try:
    next(aw)
except StopIteration as e:
    print("exhausted ->", e.value)

async def catcher():
    try:
        await suspend("c")
    except KeyError as e:
        print("  caught", repr(e))
        yield "recovered"

g = catcher()
aw = anext(g, None)
print(aw.send(None))
try:
    aw.throw(KeyError("k"))
except StopIteration as e:
    print("throw ->", e.value)
aw = anext(catcher(), "x")
print(aw.send(None))
print("close ->", aw.close())

async def thrower():
    await suspend("t")
    yield 1

aw = anext(thrower(), "dflt")
aw.send(None)
try:
    aw.throw(StopAsyncIteration)
except StopIteration as e:
    print("StopAsyncIteration thrown ->", e.value)
except RuntimeError as e:
    print("RuntimeError", e)

# errors
for bad in (lambda: aiter(1), lambda: aiter([]), lambda: anext(1), lambda: anext([]),
            lambda: anext(), lambda: anext(Counter(1), 1, 2), lambda: aiter()):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

class BadAiter:
    def __aiter__(self):
        return 5
try:
    aiter(BadAiter())
except TypeError as e:
    print("TypeError:", e)


async def with_asyncio():
    async def ticker(n):
        for i in range(n):
            await asyncio.sleep(0)
            yield i
    t = ticker(3)
    got = [await anext(t), await anext(t), await anext(t), await anext(t, "end")]
    total = [x async for x in aiter(ticker(4))]
    return got, total

print(asyncio.run(with_asyncio()))
