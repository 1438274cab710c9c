# filecmp, fileinput and wave on temporary files (the stdlib zip has no dbm, so no shelve).
import filecmp, fileinput, os, tempfile, wave
with tempfile.TemporaryDirectory() as d:
    a, b, c = (os.path.join(d, n) for n in ("a.txt", "b.txt", "c.txt"))
    for path, text in ((a, "one\ntwo\n"), (b, "one\ntwo\n"), (c, "other\n")):
        with open(path, "w") as fh:
            fh.write(text)
    print(filecmp.cmp(a, b, shallow=False), filecmp.cmp(a, c, shallow=False))
    os.mkdir(os.path.join(d, "x"))
    cmp = filecmp.dircmp(d, os.path.join(d, "x"))
    print(sorted(cmp.left_only))
    with fileinput.input(files=(a, c)) as fi:
        print([(fi.filename() == a, fi.lineno(), fi.filelineno(), line.rstrip()) for line in fi])
    w = os.path.join(d, "s.wav")
    with wave.open(w, "wb") as wf:
        wf.setnchannels(1)
        wf.setsampwidth(2)
        wf.setframerate(8000)
        wf.writeframes(b"\x00\x01" * 100)
    with wave.open(w, "rb") as wf:
        print(wf.getnchannels(), wf.getsampwidth(), wf.getframerate(), wf.getnframes(), wf.readframes(2))
