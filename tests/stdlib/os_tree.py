# oracle: python3.13
# Lib/os.py over posix: makedirs/removedirs, walk, fwalk, the path helpers, fsencode/fsdecode,
# environ as a mapping, scandir-driven tree operations.
import os
import os.path

base = "/tmp/weft_os_tree_test"
def remove_tree(top):
    for root, dirs, files in os.walk(top, topdown=False):
        for name in files:
            os.unlink(os.path.join(root, name))
        for name in dirs:
            path = os.path.join(root, name)
            os.unlink(path) if os.path.islink(path) else os.rmdir(path)
    os.rmdir(top)

if os.path.lexists(base):
    remove_tree(base)

os.makedirs(os.path.join(base, "a", "b", "c"))
os.makedirs(os.path.join(base, "a", "b"), exist_ok=True)
try:
    os.makedirs(os.path.join(base, "a"))
except FileExistsError as e:
    print(type(e).__name__, e.filename == os.path.join(base, "a"))
for path in ("a/f1", "a/b/f2", "a/b/c/f3", "top"):
    with open(os.path.join(base, path), "w") as f:
        f.write(path)
os.symlink("a/b", os.path.join(base, "link"))

def rel(p):
    return os.path.relpath(p, base)

for root, dirs, files in os.walk(base):
    dirs.sort()
    print(rel(root), dirs, sorted(files))
print("--- bottom-up")
for root, dirs, files in os.walk(base, topdown=False):
    print(rel(root), sorted(dirs), sorted(files))
print("--- followlinks")
print(sorted(rel(r) for r, d, f in os.walk(base, followlinks=True)))
print("--- fwalk")
for root, dirs, files, rootfd in os.fwalk(base):
    dirs.sort()
    print(rel(root), dirs, sorted(files), type(rootfd).__name__, os.stat(".", dir_fd=rootfd) is not None)
print("--- bytes")
print(sorted(os.listdir(os.fsencode(base))))
print([(rel(os.fsdecode(r)), sorted(f)) for r, d, f in os.walk(os.fsencode(base + "/a/b"))])

print(os.path.exists(base + "/link/c/f3"), os.path.islink(base + "/link"), os.path.realpath(base + "/link") == base + "/a/b")
print(os.path.getsize(base + "/top"), os.path.isfile(base + "/top"), os.path.samefile(base + "/link/f2", base + "/a/b/f2"))
print(os.path.abspath("x") == os.path.join(os.getcwd(), "x"), os.path.expanduser("~") != "~")
print(os.fsencode("abc"), os.fsdecode(b"abc"), os.fsencode("\udcff"), ascii(os.fsdecode(b"\xff")))
print(os.get_exec_path(env={"PATH": "/a:/b"}), os.sep, os.pathsep, os.curdir, os.devnull, os.linesep == "\n")

env = os.environ
print(type(env).__name__, isinstance(env.get("PATH", ""), str))
env["WEFT_OS_TREE"] = "1"
print(env.get("WEFT_OS_TREE"), "WEFT_OS_TREE" in dict(env), os.getenvb(b"WEFT_OS_TREE"))
del env["WEFT_OS_TREE"]
print("WEFT_OS_TREE" in env)

os.unlink(base + "/link")
os.unlink(base + "/a/b/c/f3")
os.removedirs(base + "/a/b/c")
print(os.path.exists(base + "/a/b/c"), os.path.exists(base + "/a/b"))
remove_tree(base)
print(os.path.exists(base))
