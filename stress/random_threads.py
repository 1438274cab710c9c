# oracle: python3.13
# One Random shared by many threads: calls from every thread interleave on the same Mersenne
# Twister state. No crash, every value in range, and the total number of outputs exact; then the
# generator still matches a fresh one advanced by the same number of 32-bit outputs.
import random
import threading

NTHREADS = 8
PER_THREAD = 4000

shared = random.Random(2024)
counts = [0] * NTHREADS
bad = []

def work(tid):
    n = 0
    for i in range(PER_THREAD):
        if i % 3 == 0:
            x = shared.random()            # two 32-bit outputs
            ok = 0.0 <= x < 1.0
            n += 2
        elif i % 3 == 1:
            x = shared.getrandbits(32)     # one output
            ok = 0 <= x < 2 ** 32
            n += 1
        else:
            x = shared.getrandbits(64)     # two outputs
            ok = 0 <= x < 2 ** 64
            n += 2
        if not ok:
            bad.append(x)
        if i % 500 == 0:
            shared.getstate()
    counts[tid] = n

threads = [threading.Thread(target=work, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

total = sum(counts)
print("outputs", total, "bad", len(bad))
reference = random.Random(2024)
for _ in range(total):
    reference.getrandbits(32)
print("state matches", reference.getstate() == shared.getstate())
print("next equal", reference.random() == shared.random())
