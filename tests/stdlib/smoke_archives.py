# zipfile (stored and one-shot zlib members) and tarfile round trips in memory and on disk.
# (gzip and deflate-compressed writing need zlib.compressobj, which Weft does not have yet.)
import io, os, tarfile, tempfile, zipfile
zbuf = io.BytesIO()
with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_STORED) as z:
    z.writestr("a.txt", "alpha")
    z.writestr("dir/b.bin", b"\x00" * 100)
with zipfile.ZipFile(zbuf) as z:
    print(z.namelist(), z.read("a.txt"), [i.file_size for i in z.infolist()], z.testzip())
with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "f.txt")
    with open(src, "w") as fh:
        fh.write("tar me")
    path = os.path.join(d, "t.tar")
    with tarfile.open(path, "w") as t:
        t.add(src, arcname="f.txt")
    with tarfile.open(path, "r:") as t:
        print(t.getnames(), t.extractfile("f.txt").read(), t.getmember("f.txt").size)
