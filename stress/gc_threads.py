# oracle: python3.13
# Threads make and drop cyclic garbage (instances, lists, dicts, closures, generators), hand
# cycles to each other so the last reference dies on another thread, while another thread calls
# gc.collect() in a loop. Every finalizer must run exactly once, live data must stay intact,
# and after a final collection nothing may be left.
import _thread
import gc

NTHREADS = 4
ROUNDS = 1500

lock = _thread.allocate_lock()
finalized = [0]
created = [0]


class Cyclic:
    def __init__(self, value):
        self.value = value
        self.me = self
        self.items = [self, {"owner": self}]

    def __del__(self):
        with lock:
            finalized[0] += 1


def closure_cycle(v):
    c = Cyclic(v)

    def f():
        return f, c
    return None


def gen_cycle(v):
    def g(box):
        yield box
        yield v
    box = [Cyclic(v)]
    it = g(box)
    box.append(it)
    next(it)


mailbox = []
sums = [0] * NTHREADS
done = [_thread.allocate_lock() for _ in range(NTHREADS)]
collector_done = _thread.allocate_lock()
stop = [False]


def worker(tid):
    try:
        kept = Cyclic(tid)  # a live cycle that must survive every collection
        made = 0
        local = 0
        for i in range(ROUNDS):
            a = Cyclic(i)
            b = Cyclic(-i)
            a.other = b
            b.other = a
            closure_cycle(i)
            gen_cycle(i)
            made += 4
            local += a.value + b.value + kept.me.value
            with lock:
                mailbox.append(a)
                taken = mailbox.pop(0) if len(mailbox) > 8 else None
            del a, b, taken
        assert kept.items[0] is kept and kept.items[1]["owner"] is kept
        sums[tid] = local
        with lock:
            created[0] += made + 1
    finally:
        done[tid].release()


def collector():
    try:
        while not stop[0]:
            gc.collect()
    finally:
        collector_done.release()


for l in done:
    l.acquire()
collector_done.acquire()
_thread.start_new_thread(collector, ())
for t in range(NTHREADS):
    _thread.start_new_thread(worker, (t,))
for l in done:
    l.acquire()
stop[0] = True
collector_done.acquire()

mailbox.clear()
gc.collect()
gc.collect()
print("sums", sums == [ROUNDS * t for t in range(NTHREADS)])
print("created", created[0])
print("all finalized", finalized[0] == created[0], finalized[0])
