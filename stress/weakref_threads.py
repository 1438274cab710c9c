# oracle: python3.13
# Threads create, call and drop weak references to shared and private objects while other
# threads drop the last strong references, so a referent dies on one thread while another calls
# its weakref (CPython's free-threaded weakref design: the referent is read under a striped lock
# and only try-incref'd). Every count printed is exact when the runtime is correct.
# With biased reference counting, an object dropped by a thread that does not own it dies when
# its owner merges the queued reference (at its next eval-breaker check, or when it exits), so
# the main thread waits, boundedly, for the handed-over objects to die before counting.
import _thread
import _weakref
import time

ref = _weakref.ref
proxy = _weakref.proxy

NTHREADS = 6
ROUNDS = 1500


class Obj:
    def __init__(self, value):
        self.value = value


shared = [Obj(i) for i in range(8)]
shared_refs = [ref(o) for o in shared]
deaths = []            # one entry per callback run, on whichever thread dropped the referent
mailbox = []           # objects handed to the next thread, which drops them
mailbox_lock = _thread.allocate_lock()
results = [None] * NTHREADS
running = [_thread.allocate_lock() for _ in range(NTHREADS)]
handed_refs = [[] for _ in range(NTHREADS)]  # outlive the workers, so every callback can run


def on_death(w):
    deaths.append(w() is None)


def worker(tid):
    try:
        seen_alive = 0
        canonical_same = 0
        private_ok = 0
        handed = handed_refs[tid]
        for i in range(ROUNDS):
            # Shared, long-lived referents: the canonical ref is reused, the call succeeds.
            s = shared[i % len(shared)]
            r = ref(s)
            if r is shared_refs[i % len(shared)]:
                canonical_same += 1
            if r() is s and proxy(s).value == s.value:
                seen_alive += 1
            # Private referents with callbacks, dropped here.
            o = Obj(i)
            w = ref(o, on_death)
            if w() is o:
                private_ok += 1
            del o
            # Objects handed to the next thread: it drops them while we may still call the ref.
            h = Obj(i)
            handed.append(ref(h, on_death))
            with mailbox_lock:
                mailbox.append(h)
            del h
            with mailbox_lock:
                taken = mailbox[:4]
                del mailbox[:4]
            del taken
            for hw in handed[-8:]:
                x = hw()
                if x is not None and not isinstance(x, Obj):
                    raise AssertionError("a weakref returned a foreign object")
        results[tid] = (seen_alive, canonical_same, private_ok)
        # Drop this frame's references to shared objects before signalling completion.
        s = r = x = None
    finally:
        running[tid].release()


for tid in range(NTHREADS):
    running[tid].acquire()
    _thread.start_new_thread(worker, (tid,))
for lock in running:
    lock.acquire()

with mailbox_lock:
    mailbox.clear()
all_handed = [w for refs in handed_refs for w in refs]
for _ in range(1000):
    if len(deaths) >= 2 * NTHREADS * ROUNDS and all(w() is None for w in all_handed):
        break  # the callbacks run after the refs are cleared: wait for both
    time.sleep(0.01)
print(results == [(ROUNDS, ROUNDS, ROUNDS)] * NTHREADS)
print(all(w() is None for w in all_handed), len(all_handed) == NTHREADS * ROUNDS)
print(len(deaths) == 2 * NTHREADS * ROUNDS, all(deaths))
print(all(r() is s for r, s in zip(shared_refs, shared)))
del shared[:]
print(all(r() is None for r in shared_refs))
