#!/usr/bin/env python3
"""Writes docs/stdlib.md: the state of every standard-library module under Weft.

For every top-level module or package in build/python_stdlib.zip, plus every native module
Weft builds in (sys.builtin_module_names), it records:
  - whether `import <name>` succeeds in a fresh `weft -c` (and, when it fails, the exception line
    of the traceback),
  - which test programs under tests/ import it (`import name`, `import name.sub`, `from name...`
    at the start of a line) and whether they pass (tests/run_tests.py's comparison),
and closes with the totals. Usage (the lead re-runs it at integration):

  python3 tests/tools/stdlib_status.py --weft build/lead-rel/weft [--out docs/stdlib.md]

The result depends only on the tree and the binary, so re-running it on an unchanged tree
reproduces the file.
"""
import argparse
import concurrent.futures
import os
import pathlib
import re
import subprocess
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import run_tests  # noqa: E402  (the test runner's comparison and discovery)

ZIP_SUFFIX = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\.py|/__init__\.py)$")


def zip_modules(zip_path):
    names = set()
    with zipfile.ZipFile(zip_path) as z:
        for entry in z.namelist():
            m = ZIP_SUFFIX.match(entry)
            if m:
                names.add(m.group(1))
    return names


def weft_env():
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return env


def native_modules(weft):
    proc = subprocess.run([weft, "-c", "import sys; print(*sys.builtin_module_names)"],
                          capture_output=True, text=True, env=weft_env(), timeout=60)
    return set(proc.stdout.split())


def exception_line(stderr):
    """The last line of a traceback that names an exception (`ModuleNotFoundError: ...`)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    for line in reversed(lines):
        if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning)\b", line):
            return line.strip()
    return lines[-1].strip() if lines else "no output"


def try_import(weft, name, timeout):
    try:
        proc = subprocess.run([weft, "-c", f"import {name}"], capture_output=True, timeout=timeout,
                              env=weft_env(), stdin=subprocess.DEVNULL, cwd="/")
    except subprocess.TimeoutExpired:
        return False, f"timed out after {timeout}s"
    if proc.returncode == 0:
        return True, ""
    return False, exception_line(proc.stderr.decode("utf-8", "replace"))


def imported_modules(py):
    """Top-level module names a test program imports at the start of a line."""
    text = py.read_text(encoding="utf-8", errors="replace")
    found = set()
    for m in re.finditer(r"^\s*import\s+([^\n#;]+)", text, re.M):
        for part in m.group(1).split(","):
            word = part.strip().split(" ")[0]
            if word:
                found.add(word.split(".")[0])
    for m in re.finditer(r"^\s*from\s+([A-Za-z_][\w.]*)\s+import\b", text, re.M):
        found.add(m.group(1).split(".")[0])
    return found


def md_escape(text):
    return text.replace("|", "\\|").replace("\n", " ")[:160]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weft", required=True)
    ap.add_argument("--zip", default=str(ROOT / "build" / "python_stdlib.zip"))
    ap.add_argument("--out", default=str(ROOT / "docs" / "stdlib.md"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=60)
    args = ap.parse_args()
    weft = str(pathlib.Path(args.weft).resolve())

    native = native_modules(weft)
    modules = sorted(zip_modules(args.zip) | native, key=lambda n: (n.lstrip("_").lower(), n))
    tests = run_tests.discover([ROOT / "tests", ROOT / "stress"])
    tests_of = {}
    for py in tests:
        for name in imported_modules(py):
            tests_of.setdefault(name, []).append(py)
    tested = sorted({py for name in modules for py in tests_of.get(name, [])})

    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        imports = {n: pool.submit(try_import, weft, n, args.timeout) for n in modules}
        results = {py: pool.submit(run_tests.run_one, weft, py, args.timeout) for py in tested}
        imports = {n: f.result() for n, f in imports.items()}
        passed = {py: f.result()[0] for py, f in results.items()}

    rows = []
    counts = {"tested": 0, "imports": 0, "failing test": 0, "fails to import": 0}
    for name in modules:
        ok, why = imports[name]
        progs = tests_of.get(name, [])
        good = [py for py in progs if passed[py]]
        if not ok:
            state = "fails to import"
        elif progs and len(good) == len(progs):
            state = "tested"
        elif progs:
            state = "failing test"
        else:
            state = "imports"
        counts[state] += 1
        where = "native" if name in native else "Lib"
        shown = ", ".join(str(py.relative_to(ROOT)) for py in progs[:3])
        if len(progs) > 3:
            shown += f" (+{len(progs) - 3})"
        detail = md_escape(why) if not ok else shown
        if state == "failing test":
            bad = [str(py.relative_to(ROOT)) for py in progs if not passed[py]]
            listed = ", ".join(bad[:3]) + (f" (+{len(bad) - 3})" if len(bad) > 3 else "")
            detail = f"{len(bad)} of {len(progs)} failing: {listed}"
        rows.append(f"| `{name}` | {where} | {state} | {detail} |")

    total = len(modules)
    lines = [
        "# The standard library under Weft",
        "",
        "Generated by `tests/tools/stdlib_status.py` (do not edit by hand): every top-level module",
        "or package of CPython 3.14's Lib in `build/python_stdlib.zip`, plus Weft's native modules.",
        "",
        "States: **tested** — imports, and every test program under tests/ that imports it passes;",
        "**failing test** — imports, but a test program that imports it fails;",
        "**imports** — `import name` succeeds, no test program imports it yet;",
        "**fails to import** — the last line is the exception `import name` raises.",
        "",
        f"Totals: {total} modules — {counts['tested']} tested, {counts['imports']} import without "
        f"a test, {counts['failing test']} with a failing test, {counts['fails to import']} fail "
        f"to import.",
        "",
        "| module | kind | state | tests / why it fails |",
        "|---|---|---|---|",
        *rows,
        "",
    ]
    pathlib.Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print(f"{args.out}: {total} modules, " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
