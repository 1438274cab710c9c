#!/usr/bin/env python3
"""Cycle-collector pause with a large live heap: Weft against CPython 3.13.

  bench/gc_pause.py --weft build/release/weft [--objects 1000000] [--repeat 5]

Each interpreter runs a probe that builds `--objects` live GC-tracked objects (instances of a
class with a __dict__, lists, dicts and tuples in equal parts, all reachable from one list) with
automatic collection disabled, then times gc.collect() `--repeat` times and prints the median
pause. Nothing is garbage, so the figure is the cost of scanning a live heap: what every
automatic collection of a long-running program pays. Timings are for people, never for tests.
"""
import argparse
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from run import find_cpython  # noqa: E402

PROBE = r'''
import gc, sys, time
count, repeat = int(sys.argv[1]), int(sys.argv[2])
gc.disable()
class Node:
    def __init__(self, i):
        self.i = i
keep = []
for i in range(count // 4):
    keep.append(Node(i))
    keep.append([i])
    keep.append({"i": i})
    keep.append((i, []))
gc.collect()
pauses = []
for _ in range(repeat):
    t0 = time.perf_counter()
    gc.collect()
    pauses.append(time.perf_counter() - t0)
pauses.sort()
print(pauses[len(pauses) // 2])
'''


def measure(exe, count, repeat):
    proc = subprocess.run([exe, "-c", PROBE, str(count), str(repeat)], capture_output=True,
                          text=True)
    if proc.returncode != 0:
        sys.exit(f"{exe} failed:\n{proc.stderr}")
    return float(proc.stdout.split()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weft", required=True)
    ap.add_argument("--objects", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    c = measure(find_cpython(), args.objects, args.repeat)
    w = measure(args.weft, args.objects, args.repeat)
    print(f"gc.collect() pause, {args.objects} live objects (median of {args.repeat})")
    print(f"  cpython3.13 {c * 1000:9.1f} ms")
    print(f"  weft        {w * 1000:9.1f} ms")
    print(f"  ratio weft/cpython {w / c:.2f} (< 1: Weft pauses less)")


if __name__ == "__main__":
    main()
