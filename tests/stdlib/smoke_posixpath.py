# os.path (posixpath): pure path manipulation and filesystem queries on a temporary tree.
import os, os.path as p, posixpath, tempfile
print(p is posixpath)
print(p.join("a", "b", "/c", "d"), p.split("/x/y/z.txt"), p.splitext("arch.tar.gz"), p.splitext(".bashrc"))
print(p.basename("/x/y/"), p.dirname("/x/y/z"), p.normpath("a//b/./c/../d"), p.normpath("//x/../y"))
print(p.isabs("/a"), p.isabs("a"), p.commonprefix(["/usr/lib", "/usr/local"]), p.commonpath(["/usr/lib", "/usr/local"]))
print(p.relpath("/a/b/c", "/a/d"), p.splitroot("//x/y"), p.expanduser("~nosuchuser_zz/x"), p.expandvars("$NOPE_X/y"))
os.environ["WEFT_SMOKE"] = "val"
print(p.expandvars("${WEFT_SMOKE}/$WEFT_SMOKE"), p.normcase("AbC"), p.sep, p.extsep, p.pathsep, p.curdir)
with tempfile.TemporaryDirectory() as d:
    f = p.join(d, "f.txt")
    with open(f, "w") as fh:
        fh.write("hello")
    os.symlink(f, p.join(d, "link"))
    os.mkdir(p.join(d, "sub"))
    print(p.exists(f), p.isfile(f), p.isdir(d), p.islink(p.join(d, "link")), p.getsize(f))
    print(p.exists(p.join(d, "nope")), p.lexists(p.join(d, "link")), p.samefile(f, p.join(d, "link")))
    print(p.realpath(p.join(d, "link")) == p.realpath(f), p.ismount("/"), p.isjunction(d))
    print(p.abspath(p.join(d, "sub", "..", "f.txt")) == p.join(d, "f.txt"), p.getmtime(f) > 0)
