#!/usr/bin/env python3
"""Runs Weft's whole-interpreter tests: Python programs with expected output from CPython 3.14.

Each test is `<dir>/<name>.py` with, beside it, the output real CPython 3.14 produced for it
(tests/update_expected.py makes these with ../shared/tools/cpython314 -- never write them by hand):
  <name>.out   expected stdout (required: a .py without .out is a helper module, not a test)
  <name>.err   expected stderr (compared when present; absent means stderr must be empty)
  <name>.rc    expected exit status (absent means 0)
The program runs as `weft <name>.py` in its own directory. The absolute directory of the test is
replaced by `<dir>` in both outputs, since CPython prints absolute script paths in tracebacks.

tests/known_failures.txt lists tests that are expected to fail today (one path per line, relative
to the repository root, `#` comments allowed). A listed test that passes is reported as XPASS and
fails the run, so the list only ever shrinks by review.

The closing line is "N passed, N failed" (known failures are counted on the line before), and the exit status is non-zero on
any unexpected result.
"""
import argparse
import concurrent.futures
import difflib
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load_known_failures():
    path = ROOT / "tests" / "known_failures.txt"
    known = set()
    if path.exists():
        for line in path.read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                known.add(line)
    return known


def discover(dirs):
    tests = []
    for d in dirs:
        path = pathlib.Path(d).resolve()
        candidates = [path] if path.is_file() else sorted(path.rglob("*.py"))
        for py in candidates:
            if py.with_suffix(".out").exists():
                tests.append(py)
    return tests


def normalize(text, test_dir):
    return text.replace(str(test_dir) + os.sep, "<dir>/").replace(str(test_dir), "<dir>")


def run_one(weft, py, timeout):
    expected_out = py.with_suffix(".out").read_text(encoding="utf-8", errors="surrogateescape")
    err_file = py.with_suffix(".err")
    expected_err = err_file.read_text(encoding="utf-8", errors="surrogateescape") if err_file.exists() else ""
    rc_file = py.with_suffix(".rc")
    expected_rc = int(rc_file.read_text().strip()) if rc_file.exists() else 0
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    try:
        proc = subprocess.run([weft, py.name], cwd=py.parent, capture_output=True, timeout=timeout,
                              env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return False, f"timed out after {timeout}s"
    out = normalize(proc.stdout.decode("utf-8", "surrogateescape"), py.parent)
    err = normalize(proc.stderr.decode("utf-8", "surrogateescape"), py.parent)
    problems = []
    if proc.returncode != expected_rc:
        problems.append(f"exit status {proc.returncode}, expected {expected_rc}")
    for what, got, want in (("stdout", out, expected_out), ("stderr", err, expected_err)):
        if got != want:
            diff = difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                        f"expected {what}", f"weft {what}", n=2)
            problems.append("".join(list(diff)[:60]))
    return not problems, "\n".join(problems)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weft", required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    weft = str(pathlib.Path(args.weft).resolve())
    known = load_known_failures()
    tests = discover(args.dirs)
    passed = failed = xfail = 0
    failures = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {py: pool.submit(run_one, weft, py, args.timeout) for py in tests}
        for py in tests:
            ok, detail = futures[py].result()
            rel = str(py.relative_to(ROOT)) if py.is_relative_to(ROOT) else str(py)
            if rel in known:
                if ok:
                    failed += 1
                    failures.append((rel, "XPASS: passes but is listed in tests/known_failures.txt"))
                else:
                    xfail += 1
                    if args.verbose:
                        print(f"xfail {rel}")
            elif ok:
                passed += 1
                if args.verbose:
                    print(f"ok    {rel}")
            else:
                failed += 1
                failures.append((rel, detail))
    for rel, detail in failures:
        print(f"FAIL  {rel}\n{detail}\n")
    if xfail:
        print(f"({xfail} tests listed in tests/known_failures.txt failed as expected)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not tests else 0


if __name__ == "__main__":
    sys.exit(main())
