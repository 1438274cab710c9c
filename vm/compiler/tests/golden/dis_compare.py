"""Compares Lib's dis.dis output for every code object of the golden corpus between two runtimes.

    cpython314 vm/compiler/tests/golden/dis_compare.py dump vm/compiler/tests/golden /tmp/dis-cpython.json
    build/X/weft vm/compiler/tests/golden/dis_compare.py dump vm/compiler/tests/golden /tmp/dis-weft.json
    python3 vm/compiler/tests/golden/dis_compare.py compare /tmp/dis-cpython.json /tmp/dis-weft.json [-v]

`dump` disassembles each code object of each corpus program (dump_code.py's corpus, compiled
under its golden name so paths do not matter) on its own (depth 0), with object addresses
blanked, and writes one JSON record per code object in depth-first co_consts order. `compare`
pairs the records by program, position and qualname and prints the share that is identical
(`-v` also names the differing ones).
"""
import io
import json
import os
import re
import sys

ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def corpus(root):
    """(golden name, path) pairs of the programs CPython compiled (those with a .golden file)."""
    pairs = []
    tests = os.path.normpath(os.path.join(root, "..", "..", "..", "..", "tests"))
    for area in sorted(os.listdir(tests)):
        area_dir = os.path.join(tests, area)
        if os.path.isdir(area_dir):
            for name in sorted(os.listdir(area_dir)):
                if name.endswith(".py") and not name.startswith("_"):
                    pairs.append((area + "_" + name[:-3], os.path.join(area_dir, name)))
    extras = os.path.join(root, "corpus")
    for name in sorted(os.listdir(extras)):
        if name.endswith(".py"):
            pairs.append((name[:-3], os.path.join(extras, name)))
    return [(g, p) for g, p in sorted(pairs) if os.path.exists(os.path.join(root, g + ".golden"))]


def code_objects(code):
    yield code
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            yield from code_objects(c)


def dump(root, out_path):
    import dis
    records = []
    for golden_name, path in corpus(root):
        with open(path, encoding="utf-8") as f:
            source = f.read()
        try:
            module = compile(source, golden_name + ".py", "exec")
        except SyntaxError:
            continue
        for index, code in enumerate(code_objects(module)):
            buf = io.StringIO()
            try:
                dis.dis(code, file=buf, depth=0)
                text = ADDRESS.sub(" at 0x?", buf.getvalue())
            except Exception as e:  # a disassembler failure counts as a difference
                text = "dis failed: %s: %s" % (type(e).__name__, e)
            records.append({"program": golden_name, "index": index,
                            "qualname": code.co_qualname, "dis": text})
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(records, f)
    print("%d code objects" % len(records))


def compare(reference_path, candidate_path, verbose):
    with open(reference_path, encoding="utf-8") as f:
        reference = json.load(f)
    with open(candidate_path, encoding="utf-8") as f:
        candidate = {(r["program"], r["index"], r["qualname"]): r["dis"] for r in json.load(f)}
    same = 0
    for r in reference:
        key = (r["program"], r["index"], r["qualname"])
        if candidate.get(key) == r["dis"]:
            same += 1
        elif verbose:
            print("differs: %s %s" % (r["program"], r["qualname"]))
    print("dis output identical for %d / %d code objects (%.1f%%)"
          % (same, len(reference), 100.0 * same / max(1, len(reference))))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "dump":
        dump(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3], "-v" in sys.argv[4:])
    else:
        sys.exit(__doc__)


main()
