# oracle: python3.13
# Several threads append to one list at once: no append may be lost or torn, and each thread's
# items must appear in the order that thread appended them.
import _thread

NTHREADS = 8
PER_THREAD = 5000
shared = []
running = [_thread.allocate_lock() for _ in range(NTHREADS)]

def appender(tid):
    try:
        for i in range(PER_THREAD):
            shared.append((tid, i))
    finally:
        running[tid].release()

for lock in running:
    lock.acquire()
for tid in range(NTHREADS):
    _thread.start_new_thread(appender, (tid,))
for lock in running:
    lock.acquire()

print("length", len(shared), len(shared) == NTHREADS * PER_THREAD)
next_index = [0] * NTHREADS
ok = True
for tid, i in shared:
    if next_index[tid] != i:
        ok = False
    next_index[tid] = i + 1
print("per-thread order kept", ok)
print("every thread finished", next_index == [PER_THREAD] * NTHREADS)

# Readers iterate and index while writers append and pop.
stop = [False]
errors = []
data = list(range(100))
readers_done = [_thread.allocate_lock() for _ in range(2)]
writer_done = _thread.allocate_lock()

def reader(k):
    try:
        while not stop[0]:
            for x in data:
                if not isinstance(x, int):
                    errors.append(x)
            n = len(data)
            if n:
                try:
                    data[n - 1]
                except IndexError:
                    pass
    finally:
        readers_done[k].release()

def writer():
    try:
        for i in range(3000):
            data.append(i)
            data.pop(0)
    finally:
        stop[0] = True
        writer_done.release()

for lock in readers_done + [writer_done]:
    lock.acquire()
for k in range(2):
    _thread.start_new_thread(reader, (k,))
_thread.start_new_thread(writer, ())
for lock in readers_done + [writer_done]:
    lock.acquire()
print("reader errors", errors)
print("final length", len(data))
