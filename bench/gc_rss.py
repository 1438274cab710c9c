#!/usr/bin/env python3
"""Resident memory of a threaded program that makes cyclic garbage for a minute: Weft against
CPython 3.13.

  bench/gc_rss.py --weft build/release/weft [--duration 60] [--threads 4]

The probe starts `--threads` threads that build and drop cyclic structures (instances, dicts,
lists, closures) in a loop for `--duration` seconds while the main thread samples the resident
set size (/proc/self/statm) every second. It prints the RSS at start, peak and end for each
interpreter and whether it stayed flat (end within 20% + 8 MiB of the first sample taken once
the threads run): memory that grows without bound means the collector or the allocator leaks
under threads. Figures are for people, never for tests.
"""
import argparse
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from run import find_cpython  # noqa: E402

PROBE = r'''
import os, sys, threading, time
duration, nthreads = float(sys.argv[1]), int(sys.argv[2])
PAGE = os.sysconf("SC_PAGE_SIZE")
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE
class Node:
    def __init__(self, parent):
        self.parent = parent
        self.kids = [self]
stop = threading.Event()
def churn():
    n = 0
    while not stop.is_set():
        for i in range(1000):
            a = Node(None)
            b = Node(a)
            a.kids.append(b)
            d = {"a": a}
            d["d"] = d
            f = lambda: (a, f)
            a.f = f
        n += 1
threads = [threading.Thread(target=churn) for _ in range(nthreads)]
samples = [rss()]
for t in threads:
    t.start()
end = time.monotonic() + duration
while time.monotonic() < end:
    time.sleep(1)
    samples.append(rss())
stop.set()
for t in threads:
    t.join()
print(" ".join(str(s) for s in samples))
'''


def measure(exe, duration, threads):
    proc = subprocess.run([exe, "-c", PROBE, str(duration), str(threads)], capture_output=True,
                          text=True)
    if proc.returncode != 0:
        sys.exit(f"{exe} failed:\n{proc.stderr}")
    return [int(x) for x in proc.stdout.split()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weft", required=True)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--threads", type=int, default=4)
    args = ap.parse_args()
    print(f"RSS over {args.duration:.0f} s, {args.threads} threads making cyclic garbage")
    print(f"  {'':12} {'start':>9} {'running':>9} {'peak':>9} {'end':>9}  flat")
    for name, exe in (("cpython3.13", find_cpython()), ("weft", args.weft)):
        s = measure(exe, args.duration, args.threads)
        mib = [x / 2**20 for x in s]
        running = mib[1] if len(mib) > 1 else mib[0]
        flat = mib[-1] <= running * 1.2 + 8
        print(f"  {name:12} {mib[0]:7.1f}M {running:7.1f}M {max(mib):7.1f}M {mib[-1]:7.1f}M  "
              f"{'yes' if flat else 'NO'}")


if __name__ == "__main__":
    main()
