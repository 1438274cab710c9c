# oracle: python3.13
# Threads share one bounded and one unbounded _lru_cache_wrapper and keep their own
# contextvars: results stay correct, the statistics add up, the bounded cache never outgrows
# maxsize, and a context variable set in one thread is never seen by another.
import _thread
from _functools import _lru_cache_wrapper, partial
from _contextvars import ContextVar, copy_context

NTHREADS = 6
CALLS = 6000

class CacheInfo(tuple):
    def __new__(cls, *fields):
        return tuple.__new__(cls, fields)

def run_all(workers):
    done = [_thread.allocate_lock() for _ in workers]
    for lock in done:
        lock.acquire()
    def wrap(k):
        try:
            workers[k]()
        finally:
            done[k].release()
    for k in range(len(workers)):
        _thread.start_new_thread(wrap, (k,))
    for lock in done:
        lock.acquire()

def cube(x):
    return x * x * x

bounded = _lru_cache_wrapper(cube, 32, False, CacheInfo)
unbounded = _lru_cache_wrapper(cube, None, True, CacheInfo)
wrong = []

def caller(tid):
    def run():
        for i in range(CALLS):
            key = (i * 7 + tid) % 100
            if bounded(key) != key ** 3 or unbounded(key) != key ** 3:
                wrong.append((tid, key))
            if i % 1000 == 0 and tid == 0:
                bounded.cache_clear() if i == 3000 else None
    return run

run_all([caller(t) for t in range(NTHREADS)])
hits, misses, maxsize, currsize = bounded.cache_info()
print("bounded results correct", wrong == [], "size within maxsize", currsize <= maxsize)
uh, um, _, usize = unbounded.cache_info()
print("unbounded calls counted", uh + um == NTHREADS * CALLS, "size", usize)

var = ContextVar('var', default='unset')
leaks = []
def context_worker(tid):
    def body():
        for i in range(2000):
            var.set((tid, i))
            if var.get() != (tid, i):
                leaks.append(tid)
        return var.get()
    def run():
        if var.get() != 'unset':
            leaks.append(('initial', tid))
        last = copy_context().run(body)
        if last != (tid, 1999) or var.get() != 'unset':
            leaks.append(('after', tid))
    return run
run_all([context_worker(t) for t in range(NTHREADS)])
print("context values private to their thread", leaks == [])

shared_partial = partial(pow, 2)
sums = [0] * NTHREADS
def partial_worker(tid):
    def run():
        for i in range(3000):
            sums[tid] += shared_partial(i % 10)
    return run
run_all([partial_worker(t) for t in range(NTHREADS)])
print("partial sums", sums == [sum(2 ** (i % 10) for i in range(3000))] * NTHREADS)
