# async for / async with / async comprehensions / await, driven by a hand-written loop, and
# PEP 479's conversions of StopIteration escaping a generator-like body.
class Sleep:
    def __await__(self):
        return (yield 'tick')

class Source:
    def __init__(self, items):
        self.items = list(items)
    def __aiter__(self):
        return self
    async def __anext__(self):
        await Sleep()
        if not self.items:
            raise StopAsyncIteration
        return self.items.pop(0)

class Manager:
    def __init__(self, log, name, swallow=False):
        self.log, self.name, self.swallow = log, name, swallow
    async def __aenter__(self):
        self.log.append(('enter', self.name))
        return self.name
    async def __aexit__(self, typ, value, tb):
        await Sleep()
        self.log.append(('exit', self.name, typ.__name__ if typ else None))
        return self.swallow

def run(coro):
    ticks = 0
    try:
        while True:
            coro.send(None)
            ticks += 1
    except StopIteration as e:
        return e.value, ticks

async def loops():
    out = []
    async for x in Source([1, -2, 3, 200, 4]):
        if x < 0:
            continue
        if x > 100:
            break
        out.append(x)
    else:
        out.append('no else')
    async for x in Source([]):
        out.append(x)
    else:
        out.append('else')
    return out

async def early_return():
    async for x in Source([7, 8]):
        return x

async def contexts(log):
    async with Manager(log, 'a') as a, Manager(log, 'b') as b:
        log.append((a, b))
    async with Manager(log, 'c', swallow=True):
        raise ValueError('swallowed')
    try:
        async with Manager(log, 'd'):
            raise KeyError('kept')
    except KeyError as e:
        log.append(('caught', str(e)))
    async with Manager(log, 'e'):
        return 'returned'

async def comprehensions():
    listed = [x * 2 async for x in Source([1, 2, 3])]
    filtered = {x async for x in Source(range(6)) if x % 2}
    mapped = {x: y async for x in Source('ab') for y in range(2)}
    awaited = [await double(x) for x in range(3)]
    agen = (x async for x in Source([5, 6]))
    collected = [x async for x in agen]
    return listed, sorted(filtered), mapped, awaited, collected

async def double(x):
    await Sleep()
    return x * 2

async def agen():
    async for x in Source([1, 2]):
        yield x
    yield await double(10)

async def consume():
    return [x async for x in agen()]

def gen_stop():
    yield 1
    raise StopIteration('inner')

async def coro_stop():
    raise StopIteration

async def agen_stop():
    yield 1
    raise StopAsyncIteration

print(run(loops()))
print(run(early_return()))
log = []
print(run(contexts(log)))
print(log)
print(run(comprehensions()))
print(run(consume()))
g = gen_stop()
next(g)
try:
    next(g)
except RuntimeError as e:
    print(repr(e), repr(e.__cause__), e.__suppress_context__)
try:
    run(coro_stop())
except RuntimeError as e:
    print(repr(e), type(e.__cause__).__name__)
a = agen_stop()
try:
    run(a.__anext__())
    run(a.__anext__())
except RuntimeError as e:
    print(repr(e), type(e.__cause__).__name__)
for src in ['def f():\n    await x\n', 'await x\n', 'def f():\n    async for x in y: pass\n',
            'def f():\n    async with x: pass\n', 'def f():\n    [x async for x in y]\n',
            'async def f():\n    yield from x\n', 'async def f():\n    yield 1\n    return 2\n',
            'def f():\n    return [await x for x in y]\n', 'f = lambda: await x\n']:
    try:
        compile(src, '<s>', 'exec')
        print('compiled', repr(src))
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset)
