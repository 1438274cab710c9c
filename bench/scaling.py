# Thread scaling of the patterns that make or break a free-threaded runtime: N threads run the
# same loop over objects they all share (a module-level function, a class they instantiate, a
# global they read, a shared read-only list and dict) or over private objects. Each line prints
# the throughput speed-up of N threads over 1 (ideal: N). A pattern whose speed-up collapses
# towards 1 (or below) has contention on a shared reference count or lock.
#
#   weft bench/scaling.py [threads]        (default: the number of CPUs)
#
# Written on _thread, time and posix only, so it runs wherever the demo runs; timings are for
# people, never for tests.
import _thread
import posix
import sys
import time

N_ITER = 300_000


def shared_function(x):
    return x + 1


class Shared:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v


GLOBAL_TABLE = {"k%d" % i: i for i in range(64)}
GLOBAL_LIST = list(range(64))
SHARED_OBJECT = Shared(3)


def call_shared_function(n):
    f = shared_function
    total = 0
    for i in range(n):
        total = f(total)
    return total


def instantiate_shared_class(n):
    last = None
    for i in range(n):
        last = Shared(i)
    return last.v


def read_globals(n):
    total = 0
    for i in range(n):
        total += GLOBAL_LIST[i & 63] + GLOBAL_TABLE["k7"]
    return total


def method_on_shared_object(n):
    o = SHARED_OBJECT
    total = 0
    for i in range(n):
        total += o.get()
    return total


def private_objects(n):
    items = []
    for i in range(n):
        items.append((i, i))
        if len(items) > 64:
            items.clear()
    return len(items)


def timed(nthreads, work):
    done = [_thread.allocate_lock() for _ in range(nthreads)]
    for lock in done:
        lock.acquire()

    def worker(i):
        try:
            work(N_ITER)
        finally:
            done[i].release()

    start = time.perf_counter()
    for i in range(nthreads):
        _thread.start_new_thread(worker, (i,))
    for lock in done:
        lock.acquire()
    return time.perf_counter() - start


def main():
    nthreads = int(sys.argv[1]) if len(sys.argv) > 1 else (posix.cpu_count() or 1)
    print(f"{'pattern':<26} {'1 thread':>9} {nthreads:>3} threads  speed-up (ideal {nthreads})")
    for work in (call_shared_function, instantiate_shared_class, read_globals,
                 method_on_shared_object, private_objects):
        t1 = timed(1, work)
        tn = timed(nthreads, work)
        print(f"{work.__name__:<26} {t1:8.3f}s {tn:10.3f}s  {nthreads * t1 / tn:6.2f}x")


main()
