# oracle: python3.13
# Threads share code objects, so they race on specialising the same instructions (in place,
# vm/README.md) while they run them. Results must not depend on who specialised what.
import _thread

class Acc:
    def __init__(self):
        self.total = 0
        self.count = 0
    def add(self, v):
        self.total = self.total + v
        self.count += 1

SCALE = 3
shared = {"k": 7}

def work(acc, n, out, idx, done):
    for i in range(n):
        acc.add(i * SCALE % 11 + shared["k"])
        if i % 2:
            acc.add(1.5)
    pair = (acc.total, acc.count)
    a, b = pair
    out[idx] = (a, b, len([a, b]), "k" in shared)
    done.release()

def run_all(accs, n, out):
    locks = []
    for i in range(len(accs)):
        done = _thread.allocate_lock()
        done.acquire()
        locks.append(done)
        _thread.start_new_thread(work, (accs[i], n + i, out, i, done))
    for done in locks:
        done.acquire()

def main():
    nthreads = 4
    out = [None] * nthreads
    run_all([Acc() for _ in range(nthreads)], 20000, out)
    for r in out:
        print(r)
    # A type change after everything specialised: every thread must see it.
    Acc.add = lambda self, v: setattr(self, "count", self.count - 1)
    out2 = [None] * nthreads
    run_all([Acc() for _ in range(nthreads)], 100, out2)
    print(out2)

main()
