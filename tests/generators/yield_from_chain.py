# Values sent into a `yield from` / await chain go straight to the innermost generator; every
# level must still look and behave as if the value passed through it.
import sys
import traceback


def leaf(log):
    got = yield 'leaf-1'
    log.append(('leaf got', got))
    frames = []
    f = sys._getframe()
    while f is not None and len(frames) < 6:
        frames.append(f.f_code.co_name)
        f = f.f_back
    log.append(('stack', frames))
    log.append(('running', [g.gi_running for g in CHAIN]))
    got = yield 'leaf-2'
    log.append(('leaf got', got))
    return 'leaf-result'


def middle(log, depth):
    if depth == 0:
        inner = leaf(log)
    else:
        inner = middle(log, depth - 1)
    result = yield from inner
    log.append(('middle', depth, 'result', result))
    sent = yield ('middle', depth)
    log.append(('middle', depth, 'sent', sent))
    return depth


log = []
outer = middle(log, 2)
CHAIN = [outer]
print(next(outer))
CHAIN.append(outer.gi_yieldfrom)
CHAIN.append(CHAIN[-1].gi_yieldfrom)
CHAIN.append(CHAIN[-1].gi_yieldfrom)
print([type(g).__name__ for g in CHAIN], [g.gi_running for g in CHAIN])
print(outer.send('a'))
print(outer.send('b'))
for step in ('c', 'd', 'e'):
    try:
        print(outer.send(step))
    except StopIteration as e:
        print('stop', e.value)
for entry in log:
    print(entry)
print([g.gi_running for g in CHAIN], [g.gi_suspended for g in CHAIN], outer.gi_yieldfrom)


# An exception in the innermost generator unwinds through every level, each adding its frame.
def failing():
    yield 1
    raise KeyError('deep')


def wrap(n):
    if n == 0:
        return (yield from failing())
    return (yield from wrap(n - 1))


g = wrap(3)
next(g)
try:
    next(g)
except KeyError:
    tb = traceback.extract_tb(sys.exc_info()[2])
    print([(fr.name, fr.line) for fr in tb])
print(g.gi_suspended, g.gi_frame)


# The innermost generator sees the handled exception of a level above it.
def show_exc():
    yield sys.exc_info()[0]
    yield sys.exc_info()[0]


def in_handler():
    try:
        raise ValueError
    except ValueError:
        yield from show_exc()


print(list(in_handler()))


# Advancing the inner generator directly between sends, a non-generator delegate mid-chain,
# throw() and close() after direct sends.
def counter():
    n = 0
    while True:
        got = yield n
        n += 1 if got is None else got


def over(inner):
    yield from inner


inner = counter()
top = over(over(inner))
print(next(top), top.send(10), next(inner), next(top), top.send(5))


def via_list():
    yield from iter([1, 2])
    yield from over(iter([3, 4]))


print(list(over(via_list())))


def catcher():
    try:
        yield 'ready'
        yield 'again'
    except ValueError as e:
        yield 'caught ' + str(e)
    finally:
        print('catcher finally')


top = over(over(catcher()))
print(next(top), next(top), top.throw(ValueError('boom')))
top.close()
print(top.gi_suspended, top.gi_frame)


# A delegate that is already running (advanced from inside itself through the chain).
def reenter():
    yield 1
    try:
        next(top2)
    except ValueError as e:
        yield str(e)


top2 = over(over(reenter()))
print(next(top2), next(top2))


# Coroutines: await chains through __await__ generators.
class Tick:
    def __await__(self):
        got = yield 'tick'
        return got


async def inner_coro():
    a = await Tick()
    b = await Tick()
    return a + b


async def outer_coro():
    return await inner_coro() * 2


c = outer_coro()
print(c.send(None), c.send(1))
try:
    c.send(20)
except StopIteration as e:
    print('coro result', e.value)


# A deep chain: every value passes 200 levels.
def deep(n):
    if n == 0:
        yield from range(5)
        return 'bottom'
    r = yield from deep(n - 1)
    return r


g = deep(200)
print(list(g))
def deep_ret(n):
    r = yield from deep(n)
    yield r
print(list(deep_ret(200)))


# throw() into `yield from` whose delegate handles it and returns: CLEANUP_THROW delivers the
# result; an unhandled one shows every level in the traceback.
def returns_on_throw():
    try:
        yield 1
    except ValueError:
        return 'caught'


def takes_result():
    x = yield from returns_on_throw()
    yield x


g = takes_result()
next(g)
print(g.throw(ValueError))
g = over(over(counter()))
next(g)
try:
    g.throw(KeyError('x'))
except KeyError:
    print([(fr.name, fr.line) for fr in traceback.extract_tb(sys.exc_info()[2])])
