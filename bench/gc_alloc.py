#!/usr/bin/env python3
"""An allocation-heavy program that makes cyclic garbage: Weft against CPython 3.13.

  bench/gc_alloc.py --weft build/release/weft [--rounds 300000] [--repeat 3]

The probe builds small cyclic structures (a parent instance and two children pointing back at
it, a self-referencing dict, a list holding itself) and drops them at once, `--rounds` times,
with automatic collection enabled at the default thresholds; only the collector can free them.
It prints the run time (median of `--repeat` runs of each interpreter) and the ratio, plus how
many collections each ran. Timings are for people, never for tests.
"""
import argparse
import pathlib
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from run import find_cpython  # noqa: E402

PROBE = r'''
import gc, sys
rounds = int(sys.argv[1])
class Node:
    def __init__(self, parent):
        self.parent = parent
        self.children = []
def make_cycle(i):
    root = Node(None)
    for _ in range(2):
        root.children.append(Node(root))
    d = {"i": i}
    d["self"] = d
    l = [i]
    l.append(l)
    root.extra = (d, l)
for i in range(rounds):
    make_cycle(i)
print(sum(s["collections"] for s in gc.get_stats()))
'''


def measure(exe, rounds, repeat):
    times = []
    collections = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.run([exe, "-c", PROBE, str(rounds)], capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            sys.exit(f"{exe} failed:\n{proc.stderr}")
        collections = int(proc.stdout.split()[-1])
    times.sort()
    return times[len(times) // 2], collections


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weft", required=True)
    ap.add_argument("--rounds", type=int, default=300_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    c, cn = measure(find_cpython(), args.rounds, args.repeat)
    w, wn = measure(args.weft, args.rounds, args.repeat)
    print(f"{args.rounds} rounds of cyclic garbage (median of {args.repeat} runs)")
    print(f"  cpython3.13 {c:7.2f} s  {cn:6d} collections")
    print(f"  weft        {w:7.2f} s  {wn:6d} collections")
    print(f"  ratio cpython/weft {c / w:.2f} (> 1: Weft is faster)")


if __name__ == "__main__":
    main()
