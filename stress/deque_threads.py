# oracle: python3.13
# Several threads append to and pop from one deque at once (the queue.Queue / threading use):
# no item may be lost or duplicated, each producer's items keep their order, and bounded deques
# never exceed maxlen. Readers iterate, index, count and copy while writers mutate.
import _thread
from _collections import deque

NPRODUCERS = 4
NCONSUMERS = 4
PER_PRODUCER = 4000

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

# 1. Producers append at the right, consumers popleft until every item was taken.
q = deque()
taken = [[] for _ in range(NCONSUMERS)]
remaining = [NPRODUCERS * PER_PRODUCER]
count_lock = _thread.allocate_lock()

def producer(tid):
    def run():
        for i in range(PER_PRODUCER):
            q.append((tid, i))
    return run

def consumer(cid):
    def run():
        while True:
            with count_lock:
                if remaining[0] == 0:
                    return
            try:
                item = q.popleft()
            except IndexError:
                continue
            taken[cid].append(item)
            with count_lock:
                remaining[0] -= 1
    return run

run_all([producer(t) for t in range(NPRODUCERS)] + [consumer(c) for c in range(NCONSUMERS)])
every = [item for part in taken for item in part]
print("items taken", len(every), len(set(every)) == NPRODUCERS * PER_PRODUCER, len(q))
in_order = True
for part in taken:
    last = {}
    for tid, i in part:
        if last.get(tid, -1) >= i:
            in_order = False
        last[tid] = i
print("each consumer saw each producer in order", in_order)

# 2. Both ends at once: appendleft/pop against append/popleft; totals must balance.
d = deque(range(1000))
def left_worker():
    for i in range(5000):
        d.appendleft(i)
        d.pop()
def right_worker():
    for i in range(5000):
        d.append(i)
        d.popleft()
run_all([left_worker, right_worker, left_worker, right_worker])
print("balanced length", len(d))

# 3. A bounded deque shared by writers never exceeds maxlen; readers see consistent snapshots.
b = deque(maxlen=50)
stop = [False]
problems = []
def bounded_writer():
    for i in range(20000):
        b.append(i)
        if i % 7 == 0:
            b.extendleft((i, i))
        if i % 11 == 0:
            b.rotate(3)
def reader():
    while not stop[0]:
        snapshot = b.copy()
        if len(snapshot) > 50:
            problems.append(len(snapshot))
        try:
            for x in b:
                pass
        except RuntimeError:
            pass
        n = len(b)
        if n:
            try:
                b[n - 1]
            except IndexError:
                pass
        b.count(0)
def writers_then_stop():
    run_all([bounded_writer, bounded_writer])
    stop[0] = True
run_all([writers_then_stop, reader, reader])
print("bounded ok", problems == [], len(b))
