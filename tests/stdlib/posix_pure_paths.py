# posix._path_normpath and _path_splitroot_ex: the native os.path.normpath / splitroot.
import os.path
import posix

print(os.path.normpath is posix._path_normpath, os.path.splitroot is posix._path_splitroot_ex)
for a in [1, "a\0b", b"a//b/../c", "", b"", "///a/./b/", "//a/..", "../..//x", "a/../..", "\udcff/./x",
          "/..", "/../a/b/../../..", "//", "///", "a/./b/./", "./", "é/../ü", b"/a/\xff/../b"]:
    try:
        print(ascii(a), ascii(posix._path_normpath(a)))
    except Exception as e:
        print(type(e).__name__, e)
for a in [1, "//a/b", "///a", "a/b", b"/x", "", "a\0", "//", "/", b"//x//y"]:
    try:
        print(ascii(a), ascii(posix._path_splitroot_ex(a)))
    except Exception as e:
        print(type(e).__name__, e)

class P:
    def __fspath__(self):
        return "x/./y"
print(posix._path_normpath(P()), posix._path_splitroot_ex(P()), posix._path_normpath(path="a//b"))
print(os.path.abspath("/a/b/../c"), os.path.relpath("/a/b/c", "/a"), os.path.join("/a", "b/../c"))
