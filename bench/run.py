#!/usr/bin/env python3
"""Times Weft against CPython 3.13 on the programs in bench/programs/, in one run.

  bench/run.py --weft build/release/weft [--repeat 5] [names...]

For each program the two interpreters run alternately `--repeat` times; the median wall time of
each is reported with the ratio CPython/Weft (> 1 means Weft is faster), then the geometric mean
of the ratios. A program whose output differs between the two is reported as a failure, not
timed. Timings are for people, never for tests.
"""
import argparse
import math
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent


def find_cpython():
    # The pyenv install first: pyenv's shim answers to `python3.13` even where it cannot run it.
    for cand in ("/root/.pyenv/versions/3.13.0/bin/python3.13", shutil.which("python3.13")):
        if cand and os.path.exists(cand) and subprocess.run(
                [cand, "-c", "pass"], capture_output=True).returncode == 0:
            return cand
    sys.exit("CPython 3.13 not found (python3.13 on PATH or /root/.pyenv/versions/3.13.0)")


def run(cmd, prog):
    t0 = time.perf_counter()
    proc = subprocess.run(cmd + [str(prog)], capture_output=True, cwd=prog.parent)
    return time.perf_counter() - t0, proc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weft", required=True)
    ap.add_argument("--cpython", default=None)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    cpython = args.cpython or find_cpython()
    weft = str(pathlib.Path(args.weft).resolve())
    progs = sorted((HERE / "programs").glob("*.py"))
    if args.names:
        progs = [p for p in progs if p.stem in args.names]
    print(f"{'program':<22}{'cpython3.13 s':>15}{'weft s':>10}{'ratio':>8}")
    ratios = []
    for prog in progs:
        times = {"cpython": [], "weft": []}
        outputs = {}
        failed = None
        for _ in range(args.repeat):
            for name, cmd in (("cpython", [cpython]), ("weft", [weft])):
                t, proc = run(cmd, prog)
                if proc.returncode != 0:
                    failed = f"{name} exited {proc.returncode}: {proc.stderr.decode()[-300:]}"
                outputs[name] = proc.stdout
                times[name].append(t)
            if failed:
                break
        if not failed and outputs["cpython"] != outputs["weft"]:
            failed = "outputs differ"
        if failed:
            print(f"{prog.stem:<22}  FAILED: {failed.strip()}")
            continue
        c, w = statistics.median(times["cpython"]), statistics.median(times["weft"])
        ratios.append(c / w)
        print(f"{prog.stem:<22}{c:>15.3f}{w:>10.3f}{c / w:>8.2f}")
    if ratios:
        gm = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"{'geometric mean':<47}{gm:>8.2f}   (>1: Weft faster)")


if __name__ == "__main__":
    main()
