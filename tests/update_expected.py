#!/usr/bin/env python3
"""Regenerates the expected outputs of tests with real CPython 3.14 (../shared/tools/cpython314).

  tests/update_expected.py tests/basics/ints.py ...   # the named tests
  tests/update_expected.py tests                      # every .py under tests/ (not starting with _)

Writes <name>.out always, <name>.err only when stderr is non-empty, <name>.rc only when the exit
status is non-zero, with the test's absolute directory replaced by `<dir>` (see run_tests.py).
Files whose first line is `# oracle: python3.13` run under native CPython 3.13 instead (for
threads, which the WebAssembly CPython 3.14 cannot start); use that only where 3.13 and 3.14 agree.
"""
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
ORACLE = ROOT.parent / "shared" / "tools" / "cpython314"
PY313 = "/root/.pyenv/versions/3.13.0/bin/python3.13"


def collect(args):
    files = []
    for a in args:
        p = pathlib.Path(a).resolve()
        if p.is_dir():
            # Helper modules are not tests: names starting with "_", files inside packages, and
            # the tools in tests/ itself (tests live in tests/<area>/).
            files += [f for f in sorted(p.rglob("*.py"))
                      if not f.name.startswith("_") and not (f.parent / "__init__.py").exists()
                      and f.parent != ROOT / "tests"]
        else:
            files.append(p)
    return files


def store(py, out, err, rc):
    d = str(py.parent)
    norm = lambda t: t.replace(d + os.sep, "<dir>/").replace(d, "<dir>")
    py.with_suffix(".out").write_text(norm(out), encoding="utf-8", errors="surrogateescape")
    for suffix, content in ((".err", norm(err)), (".rc", "" if rc == 0 else f"{rc}\n")):
        f = py.with_suffix(suffix)
        if content:
            f.write_text(content, encoding="utf-8", errors="surrogateescape")
        elif f.exists():
            f.unlink()


def main():
    files = collect(sys.argv[1:] or [ROOT / "tests"])
    native = [f for f in files if f.read_text().startswith("# oracle: python3.13")]
    wasm = [f for f in files if f not in native]
    names = [f.stem for f in wasm]
    if len(set(names)) != len(names):
        sys.exit("test names must be unique across directories (cpython314 --batch needs it)")
    if wasm:
        with tempfile.TemporaryDirectory() as outdir:
            subprocess.run([str(ORACLE), "--batch", outdir, "--jobs", "2", "--timeout", "120"]
                           + [str(f) for f in wasm], check=True)
            for f in wasm:
                read = lambda ext: pathlib.Path(outdir, f.stem + ext).read_text(
                    encoding="utf-8", errors="surrogateescape")
                store(f, read(".out"), read(".err"), int(read(".rc").strip() or 0))
    for f in native:
        proc = subprocess.run([PY313, f.name], cwd=f.parent, capture_output=True, text=True,
                              errors="surrogateescape", stdin=subprocess.DEVNULL)
        store(f, proc.stdout, proc.stderr, proc.returncode)
    print(f"updated {len(files)} tests")


if __name__ == "__main__":
    main()
