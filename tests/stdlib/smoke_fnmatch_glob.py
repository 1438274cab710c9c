# fnmatch and glob: patterns, translate, case rules, directory globbing with ** and hidden files.
import fnmatch, glob, os, tempfile
names = ["a.py", "b.txt", "c.PY", ".hidden.py", "data[1].csv", "x/y.py"]
print(fnmatch.filter(names, "*.py"), fnmatch.fnmatch("c.PY", "*.py"), fnmatch.fnmatchcase("c.PY", "*.py"))
print(fnmatch.fnmatch("data[1].csv", "data[[]1].csv"), fnmatch.fnmatch("b.txt", "[!a]*"), fnmatch.fnmatch("a.py", "?.py"))
print(fnmatch.translate("*.py"), fnmatch.translate("[!a-c]?x"))
with tempfile.TemporaryDirectory() as d:
    for p in ["a.py", "b.txt", ".h.py", "sub/c.py", "sub/deep/d.py", "sub/e.txt"]:
        os.makedirs(os.path.join(d, os.path.dirname(p)), exist_ok=True)
        open(os.path.join(d, p), "w").close()
    rel = lambda ps: sorted(os.path.relpath(p, d) for p in ps)
    print(rel(glob.glob(os.path.join(d, "*.py"))))
    print(rel(glob.glob(os.path.join(d, "**", "*.py"), recursive=True)))
    print(rel(glob.glob(os.path.join(d, "*"), include_hidden=True)))
    print(sorted(glob.glob("*.txt", root_dir=os.path.join(d, "sub"))), glob.escape("a[b]*?"))
    print(sorted(os.path.relpath(p, d) for p in glob.iglob(os.path.join(d, "sub", "?.*"))))
