# The Weft demo: the same CPU-bound Python work on 1 thread and then on one thread per core.
# On a runtime without a GIL the second run finishes in about 1/Nth of the time per unit of
# work; on a GIL runtime the threads take turns and nothing is gained.
import os
import threading
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
    results = [0] * nthreads
    def worker(i):
        lo = i * per_thread
        results[i] = count_primes(lo, lo + per_thread)
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(nthreads)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, sum(results)

cores = os.cpu_count() or 1
per_thread = 60000
t1, primes1 = run(1, per_thread)
tn, primesn = run(cores, per_thread)
print(f"1 thread : {per_thread:>8} numbers in {t1:6.2f} s, {primes1} primes")
print(f"{cores} threads: {cores * per_thread:>8} numbers in {tn:6.2f} s, {primesn} primes")
print(f"throughput speed-up with {cores} threads: {cores * t1 / tn:.2f}x")
