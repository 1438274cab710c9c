# oracle: python3.13
# Many threads create and drop objects, and hand objects to each other so that the last
# reference dies on another thread than the one that created the object (the biased-refcount
# merge path). Totals must be exact and nothing may crash.
import _thread

NTHREADS = 6
ROUNDS = 2000

class Node:
    def __init__(self, value, children):
        self.value = value
        self.children = children

    def total(self):
        t = self.value
        for c in self.children:
            t += c.total()
        return t

mailbox = []
mailbox_lock = _thread.allocate_lock()
sums = [0] * NTHREADS
running = [_thread.allocate_lock() for _ in range(NTHREADS)]

def churn(tid):
    try:
        local = 0
        for i in range(ROUNDS):
            leaf = Node(i, [])
            tree = Node(1, [leaf, Node(2, [])])
            junk = {"a": [tree, (i, str(i))], "b": {i: leaf}}
            local += tree.total() - i
            with mailbox_lock:
                mailbox.append(junk)
                if len(mailbox) > 20:
                    taken = mailbox.pop(0)
                else:
                    taken = None
            del junk, tree, leaf
            if taken is not None:
                local += len(taken["a"])
            taken = None
        sums[tid] = local
    finally:
        running[tid].release()

for r in running:
    r.acquire()
for tid in range(NTHREADS):
    _thread.start_new_thread(churn, (tid,))
for r in running:
    r.acquire()
print("sum over threads", sum(sums))
print("mailbox left", len(mailbox))
total = 0
for junk in mailbox:
    total += junk["a"][0].total()
mailbox.clear()
print("objects still readable", total > 0)

# Threads started and finished in waves: their thread states come and go.
wave_results = []
wave_lock = _thread.allocate_lock()
for wave in range(10):
    done = [_thread.allocate_lock() for _ in range(4)]
    for d in done:
        d.acquire()
    def short(k, wave=wave, done=done):
        s = str(wave * 100 + k)
        with wave_lock:
            wave_results.append(s)
        done[k].release()
    for k in range(4):
        _thread.start_new_thread(short, (k,))
    for d in done:
        d.acquire()
print("wave results", len(wave_results), sorted(wave_results)[:3])
