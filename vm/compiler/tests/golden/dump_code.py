"""Writes the golden code-object dumps that vm/compiler/tests/golden_test.cpp compares with.

Run with real CPython 3.14 (never edit the .golden files by hand):
    /work/shared/tools/cpython314 vm/compiler/tests/golden/dump_code.py vm/compiler/tests/golden

The corpus is every test program tests/AREA/NAME.py (golden name AREA_NAME; names starting with
"_" are helper modules and left out) plus the compiler-only programs in golden/corpus/NAME.py
(golden name NAME). golden_test.cpp lists the corpus by the same rule.
For each program it writes <golden name>.golden: every code object of the module, depth first in
co_consts order, as `code <qualname>` followed by one `<attribute> <value>` line per attribute.
Bytes are hex; strings and constants are repr()s; nested code objects in co_consts are written
as `<code QUALNAME>` (addresses differ between runs). The C++ side writes the same format.
"""
import os
import sys


def const_repr(c):
    if hasattr(c, "co_code"):
        return "<code %s>" % c.co_qualname
    return repr(c)


def dump(code, out):
    out.append("code %s" % code.co_qualname)
    out.append("co_code %s" % code.co_code.hex())
    out.append("co_consts %s" % " | ".join(const_repr(c) for c in code.co_consts))
    out.append("co_names %s" % " ".join(code.co_names))
    out.append("co_varnames %s" % " ".join(code.co_varnames))
    out.append("co_cellvars %s" % " ".join(code.co_cellvars))
    out.append("co_freevars %s" % " ".join(code.co_freevars))
    out.append("co_exceptiontable %s" % code.co_exceptiontable.hex())
    out.append("co_linetable %s" % code.co_linetable.hex())
    out.append("co_stacksize %d" % code.co_stacksize)
    out.append("co_flags %d" % code.co_flags)
    out.append("co_argcounts %d %d %d" % (code.co_argcount, code.co_posonlyargcount,
                                          code.co_kwonlyargcount))
    out.append("co_firstlineno %d" % code.co_firstlineno)
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            dump(c, out)


def corpus(root):
    """(golden name, path) pairs, sorted by golden name."""
    pairs = []
    tests = os.path.normpath(os.path.join(root, "..", "..", "..", "..", "tests"))
    for area in sorted(os.listdir(tests)):
        area_dir = os.path.join(tests, area)
        if not os.path.isdir(area_dir):
            continue
        for name in sorted(os.listdir(area_dir)):
            if name.endswith(".py") and not name.startswith("_"):
                pairs.append((area + "_" + name[:-3], os.path.join(area_dir, name)))
    extras = os.path.join(root, "corpus")
    for name in sorted(os.listdir(extras)):
        if name.endswith(".py"):
            pairs.append((name[:-3], os.path.join(extras, name)))
    return sorted(pairs)


def main():
    root = sys.argv[1]
    for golden_name, path in corpus(root):
        with open(path, encoding="utf-8") as f:
            source = f.read()
        try:
            code = compile(source, golden_name + ".py", "exec")
        except SyntaxError as e:
            print("skipped %s: %s" % (golden_name, e))
            continue
        out = []
        dump(code, out)
        with open(os.path.join(root, golden_name + ".golden"), "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")


main()
