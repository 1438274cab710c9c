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
        sent = req * 10 if isinstance(req, int) else req

async def coro_inner(x):
    r = await Sleep(x)
    return r * 2

async def coro_outer():
    total = 0
    for x in (1, 2):
        total += await coro_inner(x)
    return total

async def coro_bad():
    await 5

async def coro_wait():
    return (await Sleep(1))

async def coro_twice(inner):
    return (await inner)

async def coro_stop():
    if log is not None:
        raise StopIteration
    await Sleep(0)

log = []
c = coro_outer()
log.append(type(c).__name__)
log.append(c.__qualname__)
log.append(repr(c).startswith('<coroutine object coro_outer at '))
log.append(run(c))
try:
    c.send(None)
except RuntimeError as e:
    log.append(str(e))
try:
    run(coro_bad())
except TypeError as e:
    log.append(str(e))
c = coro_wait()
log.append(c.send(None))
try:
    c.throw(ValueError('boom'))
except ValueError as e:
    log.append('propagated ' + str(e))
log.append(c.cr_frame is None)
c = coro_wait()
c.send(None)
log.append(c.close())
log.append(c.cr_frame is None)
w = coro_inner(3).__await__()
log.append(type(w).__name__)
log.append(next(w))
try:
    w.send(5)
except StopIteration as e:
    log.append(e.value)
c = coro_outer()
c.send(None)
log.append(type(c.cr_await).__name__)
log.append((c.cr_running, c.cr_suspended, c.cr_origin))
c.close()
inner = coro_inner(1)
c1 = coro_twice(inner)
c1.send(None)
try:
    coro_twice(inner).send(None)
except RuntimeError as e:
    log.append(str(e))
c1.close()
try:
    coro_stop().send(None)
except RuntimeError as e:
    log.append((str(e), type(e.__cause__).__name__))
c = coro_inner(1)
try:
    iter(c)
except TypeError as e:
    log.append(str(e))
try:
    c.send(3)
except TypeError as e:
    log.append(str(e))
c.close()
print(log)
