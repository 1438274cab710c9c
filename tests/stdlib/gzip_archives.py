# gzip, zipfile (ZIP_DEFLATED), tarfile (w:gz / r:*) and shutil archives over zlib's
# streaming objects; everything under a temporary directory, printing contents only.
import gzip
import io
import os
import shutil
import tarfile
import tempfile
import zipfile

payload = b"".join(b"record %05d some repeated text text text\n" % i for i in range(5000))

blob = gzip.compress(payload, mtime=0)
print(len(payload), gzip.decompress(blob) == payload, blob[:3])
print(gzip.decompress(gzip.compress(b"a") + gzip.compress(b"b")))

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "data.gz")
    with gzip.open(path, "wb") as f:
        f.write(payload[:1000])
        f.write(payload[1000:])
    with gzip.open(path, "rb") as f:
        first = f.read(10)
        rest = f.read()
    print(first, first + rest == payload)
    with gzip.open(path, "rt", encoding="ascii") as f:
        print(f.readline().rstrip(), sum(1 for _ in f))
    with gzip.GzipFile(fileobj=io.BytesIO(blob)) as f:
        print(len(f.read()))

    zpath = os.path.join(tmp, "a.zip")
    with zipfile.ZipFile(zpath, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("one.txt", payload)
        z.writestr("two.txt", b"short")
        with z.open("three.bin", "w") as w:
            w.write(payload[:3000])
    with zipfile.ZipFile(zpath) as z:
        for info in z.infolist():
            print(info.filename, info.file_size, info.compress_type == zipfile.ZIP_DEFLATED,
                  info.compress_size < info.file_size or info.file_size < 100)
        print(z.read("one.txt") == payload, z.read("two.txt"), z.testzip())
        with z.open("three.bin") as r:
            print(len(r.read(100)), len(r.read()))

    src = os.path.join(tmp, "src")
    os.makedirs(os.path.join(src, "sub"))
    with open(os.path.join(src, "a.txt"), "wb") as f:
        f.write(payload)
    with open(os.path.join(src, "sub", "b.txt"), "wb") as f:
        f.write(b"bee\n")
    tpath = os.path.join(tmp, "t.tar.gz")
    with tarfile.open(tpath, "w:gz") as t:
        t.add(src, arcname="src")
    with tarfile.open(tpath, "r:*") as t:
        names = sorted(t.getnames())
        print(names)
        print(t.extractfile("src/a.txt").read() == payload)
        t.extractall(os.path.join(tmp, "out"), filter="data")
    with open(os.path.join(tmp, "out", "src", "sub", "b.txt"), "rb") as f:
        print(f.read())

    for fmt in ("zip", "gztar"):
        base = os.path.join(tmp, "arch_" + fmt)
        archive = shutil.make_archive(base, fmt, root_dir=src)
        print(fmt, os.path.basename(archive))
        dest = os.path.join(tmp, "unpacked_" + fmt)
        shutil.unpack_archive(archive, dest)
        print(sorted(os.path.relpath(os.path.join(d, n), dest)
                     for d, _, files in os.walk(dest) for n in files))
        with open(os.path.join(dest, "a.txt"), "rb") as f:
            print(f.read() == payload)
