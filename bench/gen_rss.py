#!/usr/bin/env python3
"""Memory held by suspended generators: Weft against CPython 3.13.

  bench/gen_rss.py --weft build/release/weft [--count 100000]

Each interpreter runs a probe that reads its resident set size (/proc/self/statm), creates
`--count` generators, advances each to its first `yield` (so it is suspended with a live frame
and, in Weft, a fiber stack), and reads the RSS again. The difference, per generator and per
100 000 generators, is reported for a plain generator and for one suspended inside a
`yield from`, each holding a few locals. Memory figures are for people, never for tests.
"""
import argparse
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from run import find_cpython  # noqa: E402

PROBE = r'''
import os, sys
def rss():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')
def plain(n):
    a = n; b = n + 1
    yield a
    yield b
def inner():
    yield 1
def delegating(n):
    yield from inner()
kind, count = sys.argv[1], int(sys.argv[2])
make = plain if kind == 'plain' else delegating
keep = []
before = rss()
for i in range(count):
    g = make(i)
    next(g)
    keep.append(g)
after = rss()
print(after - before)
'''


def measure(exe, kind, count):
    proc = subprocess.run([exe, "-c", PROBE, kind, str(count)], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{exe} failed:\n{proc.stderr}")
    return int(proc.stdout.split()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weft", required=True)
    ap.add_argument("--count", type=int, default=100000)
    args = ap.parse_args()
    cpython = find_cpython()
    print(f"{'generators (' + str(args.count) + ' suspended)':34} {'cpython3.13':>14} "
          f"{'weft':>14}  {'per gen (C / W)':>18}")
    for kind in ("plain", "delegating"):
        c = measure(cpython, kind, args.count)
        w = measure(args.weft, kind, args.count)
        scale = 100000 / args.count
        print(f"{kind:34} {c * scale / 2**20:11.1f} MiB {w * scale / 2**20:11.1f} MiB  "
              f"{c / args.count:7.0f} B / {w / args.count:6.0f} B")


if __name__ == "__main__":
    main()
