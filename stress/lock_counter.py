# oracle: python3.13
# A counter guarded by a _thread lock (and one by an RLock taken recursively) must come out
# exact; try-acquire and timed acquire must agree with the lock's state.
import _thread

NTHREADS = 8
PER_THREAD = 4000
lock = _thread.allocate_lock()
rlock = _thread.RLock()
counter = [0, 0]
running = [_thread.allocate_lock() for _ in range(NTHREADS)]

def work(tid):
    try:
        for i in range(PER_THREAD):
            with lock:
                counter[0] += 1
            with rlock:
                with rlock:
                    counter[1] += 2
    finally:
        running[tid].release()

for r in running:
    r.acquire()
for tid in range(NTHREADS):
    _thread.start_new_thread(work, (tid,))
for r in running:
    r.acquire()
print("lock counter", counter[0], counter[0] == NTHREADS * PER_THREAD)
print("rlock counter", counter[1], counter[1] == 2 * NTHREADS * PER_THREAD)
print("locks free", lock.locked(), rlock._is_owned())

# A lock released by another thread than the one that acquired it (a semaphore-like hand-off).
ping = _thread.allocate_lock()
pong = _thread.allocate_lock()
ping.acquire()
pong.acquire()
rounds = [0]
finished = _thread.allocate_lock()
finished.acquire()

def ponger():
    for i in range(2000):
        ping.acquire()
        rounds[0] += 1
        pong.release()
    finished.release()

_thread.start_new_thread(ponger, ())
for i in range(2000):
    ping.release()
    pong.acquire()
finished.acquire()
print("ping-pong rounds", rounds[0])

# Try-acquire fails while another thread holds the lock; a timed acquire gets it once released.
held = _thread.allocate_lock()
release_it = _thread.allocate_lock()
release_it.acquire()
holder_has_it = _thread.allocate_lock()
holder_has_it.acquire()

def holder():
    held.acquire()
    holder_has_it.release()
    release_it.acquire()
    held.release()

_thread.start_new_thread(holder, ())
holder_has_it.acquire()
print("try while held", held.acquire(False), held.acquire(timeout=0.01))
release_it.release()
print("timed after release", held.acquire(timeout=30))
held.release()
