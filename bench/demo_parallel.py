# The Weft demo: the same CPU-bound Python work on 1 thread and then on one thread per core.
# On a runtime without a GIL the second run does N times the work in about the same time; on a
# GIL runtime the threads take turns and nothing is gained.
#
# Written on the low-level modules (_thread, time, posix) so that it runs on Weft before the
# pure-Python stdlib (threading, os) is importable; it runs unmodified on CPython too.
import _thread
import posix
import time


def count_primes(lo, hi):
    count = 0
    for n in range(lo, hi):
        if n < 2:
            continue
        d = 2
        prime = True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 1
        if prime:
            count += 1
    return count


def run(nthreads, per_thread):
    """Every thread counts the primes below per_thread; returns (seconds, list of counts)."""
    results = [0] * nthreads
    # One lock per worker, held while it runs: the main thread waits by acquiring them all.
    running = [_thread.allocate_lock() for _ in range(nthreads)]
    for lock in running:
        lock.acquire()

    def worker(i):
        try:
            results[i] = count_primes(0, per_thread)
        finally:
            running[i].release()

    start = time.perf_counter()
    for i in range(nthreads):
        _thread.start_new_thread(worker, (i,))
    for lock in running:
        lock.acquire()
    return time.perf_counter() - start, results


cores = posix.cpu_count() or 1
per_thread = 200000
t1, counts1 = run(1, per_thread)
tn, countsn = run(cores, per_thread)
for count in countsn:
    assert count == counts1[0], (counts1, countsn)
print(f"1 thread : {per_thread:>8} numbers in {t1:6.2f} s, {counts1[0]} primes")
print(f"{cores} threads: {cores * per_thread:>8} numbers in {tn:6.2f} s, {sum(countsn)} primes")
print(f"throughput speed-up with {cores} threads: {cores * t1 / tn:.2f}x")
