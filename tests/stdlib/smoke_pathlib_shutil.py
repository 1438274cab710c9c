# pathlib, shutil and tempfile on a scratch tree: create, glob, read/write, copy, move, remove.
import pathlib, shutil, tempfile
with tempfile.TemporaryDirectory() as tmp:
    root = pathlib.Path(tmp)
    (root / "src" / "pkg").mkdir(parents=True)
    (root / "src" / "pkg" / "mod.py").write_text("print('hi')\n")
    (root / "src" / "data.bin").write_bytes(b"\x00\x01\x02")
    (root / "src" / "notes.txt").write_text("a\nb\n", encoding="utf-8")
    rel = lambda ps: sorted(str(p.relative_to(root)) for p in ps)
    print(rel((root / "src").rglob("*")), rel(root.glob("src/*.txt")))
    p = root / "src" / "notes.txt"
    print(p.name, p.stem, p.suffix, p.parent.name, p.read_text().splitlines(), p.stat().st_size, p.exists(), p.is_file())
    print(pathlib.PurePosixPath("/a/b/c.tar.gz").suffixes, pathlib.PurePosixPath("a/b").with_name("z"), pathlib.Path("x/y").with_suffix(".md"))
    shutil.copytree(root / "src", root / "copy")
    shutil.copy2(p, root / "copy" / "notes2.txt")
    shutil.move(str(root / "copy" / "data.bin"), str(root / "moved.bin"))
    print(rel((root / "copy").rglob("*")), (root / "moved.bin").read_bytes())
    shutil.rmtree(root / "copy")
    print(rel(root.iterdir()), shutil.which("definitely-not-a-command-xyz"))
    arch = shutil.make_archive(str(root / "arch"), "tar", root / "src")
    import tarfile
    with tarfile.open(arch, "r:") as t:  # "r:" names the format: auto-detection tries gzip
        print(sorted(t.getnames()))
    with tempfile.NamedTemporaryFile("w+", dir=tmp, suffix=".log", delete=False) as fh:
        fh.write("log")
        name = fh.name
    print(pathlib.Path(name).suffix, pathlib.Path(name).read_text())
