# Coroutines/async generators driven by a hand-written event loop (run/step below).
# vm/tests/coroutine_test.cpp also runs this program, from code objects it patches by hand
# (written before the compiler emitted async code).
class Sleep:
    def __init__(self, v):
        self.v = v
    def __await__(self):
        got = yield self.v
        return got

def run(c):
    sent = None
    while True:
        try:
            req = c.send(sent)
        except StopIteration as e:
            return e.value
        log.append(('req', req))
        sent = req

async def coro_await(aw):
    return (await aw)

def step(aw):
    try:
        return run(coro_await(aw))
    except StopAsyncIteration:
        return 'StopAsyncIteration'
    except RuntimeError as e:
        return 'RuntimeError: ' + str(e)

async def agen_count(n):
    for i in range(n):
        v = await Sleep(i)
        yield v

async def agen_echo():
    received = yield 'first'
    while True:
        received = yield ('got %s' % received)

async def agen_catch():
    try:
        yield 1
    except ValueError as e:
        yield ('caught ' + str(e))
    yield 3

async def agen_fin():
    try:
        yield 1
    finally:
        log.append('finally ran')

async def agen_ignore():
    try:
        yield 1
    except GeneratorExit:
        log.append('ignoring GeneratorExit')
    yield 2

async def agen_stop():
    yield 1
    raise StopAsyncIteration

log = []
ag = agen_count(3)
log.append([step(ag.__anext__()) for _ in range(4)])
ag = agen_echo()
log.append([step(ag.asend(None)), step(ag.asend(1)), step(ag.asend(2)), step(ag.aclose()),
            step(ag.__anext__())])
ag = agen_catch()
log.append([step(ag.__anext__()), step(ag.athrow(ValueError('x'))), step(ag.__anext__()),
            step(ag.__anext__())])
ag = agen_fin()
log.append([step(ag.__anext__()), step(ag.aclose()), ag.ag_running, ag.ag_frame is None])
ag = agen_ignore()
log.append([step(ag.__anext__()), step(ag.aclose()), step(ag.__anext__()), step(ag.__anext__())])
ag = agen_stop()
log.append([step(ag.__anext__()), step(ag.__anext__())])
ag = agen_count(2)
aw = ag.__anext__()
log.append([step(aw), step(aw)])
ag = agen_count(1)
log.append(type(ag).__name__)
log.append(ag.__aiter__() is ag)
aw = ag.__anext__()
log.append(type(aw).__name__)
aw.close()
aw = ag.aclose()
log.append(type(aw).__name__)
aw.close()
log.append(repr(ag).startswith('<async_generator object agen_count at '))
log.append((ag.ag_running, ag.ag_suspended, ag.ag_await))
print(log)
