# oracle: python3.13
# Concurrent dict updates: disjoint keys from every thread, a shared set of keys updated under a
# lock, and deletions; the final contents must be exact.
import _thread

NTHREADS = 6
PER_THREAD = 3000
shared = {}
lock = _thread.allocate_lock()
running = [_thread.allocate_lock() for _ in range(NTHREADS)]

def work(tid):
    try:
        for i in range(PER_THREAD):
            shared[(tid, i)] = i * i
            if i % 3 == 0:
                del shared[(tid, i)]
            with lock:
                key = "k%d" % (i % 10)
                shared[key] = shared.get(key, 0) + 1
        shared.setdefault("first", tid)
    finally:
        running[tid].release()

for r in running:
    r.acquire()
for tid in range(NTHREADS):
    _thread.start_new_thread(work, (tid,))
for r in running:
    r.acquire()

expected = {}
for tid in range(NTHREADS):
    for i in range(PER_THREAD):
        if i % 3 != 0:
            expected[(tid, i)] = i * i
for k in range(10):
    expected["k%d" % k] = NTHREADS * PER_THREAD // 10
first = shared.pop("first")
print("first writer is a worker", 0 <= first < NTHREADS)
print("size", len(shared), len(expected))
print("contents exact", shared == expected)
counts = []
for k in range(10):
    counts.append(shared["k%d" % k])
print("shared counters", counts)

# Readers copy and iterate while writers insert and delete distinct keys.
table = {}
for i in range(50):
    table[i] = i
stop = [False]
bad = []
reader_done = _thread.allocate_lock()
writer_done = _thread.allocate_lock()

def reader():
    try:
        while not stop[0]:
            snapshot = table.copy()
            for k, v in snapshot.items():
                if k != v:
                    bad.append((k, v))
            table.get(7)
    finally:
        reader_done.release()

def writer():
    try:
        for i in range(1000, 4000):
            table[i] = i
            del table[i]
    finally:
        stop[0] = True
        writer_done.release()

reader_done.acquire()
writer_done.acquire()
_thread.start_new_thread(reader, ())
_thread.start_new_thread(writer, ())
reader_done.acquire()
writer_done.acquire()
print("reader saw mismatches", bad)
print("table size", len(table))
