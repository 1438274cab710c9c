# memoryview over bytes, bytearray and memoryview: attributes, indexing, slicing, assignment,
# cast, tolist/tobytes/hex, comparison, hashing, release and the export lock on bytearray.


def show(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "!", type(e).__name__, e)


def geometry(m):
    return (m.format, m.itemsize, m.ndim, m.shape, m.strides, m.suboffsets, m.nbytes,
            m.readonly, m.c_contiguous, m.f_contiguous, m.contiguous)


m = memoryview(b"abcdef")
print(type(m).__name__, m.obj, len(m), geometry(m))
print(repr(m).startswith("<memory at 0x"), memoryview[int])
show("memoryview(str)", lambda: memoryview("abc"))
show("memoryview(int)", lambda: memoryview(3))
show("memoryview()", lambda: memoryview())
show("keyword", lambda: memoryview(object=b"xy").tobytes())

# indexing and slicing
print(m[0], m[-1], m[1:4].tobytes(), m[::2].tobytes(), m[::-1].tobytes(), m[4:1].tobytes())
print(geometry(m[::2]), geometry(m[::-1]), m[1:][1:][1:].tobytes())
show("m[...]", lambda: m[...])
show("m[6]", lambda: m[6])
show("m[-7]", lambda: m[-7])
show("m['a']", lambda: m["a"])
show("m[1.0]", lambda: m[1.0])
show("m[0, 0]", lambda: m[0, 0])
print(list(m), list(m[::-2]), [x for x in memoryview(b"")], type(iter(m)).__name__)

# tolist / tobytes / hex
print(m.tolist(), m.tobytes(), bytes(m), bytearray(m), m.tobytes("F"), m.tobytes(order="A"))
print(m.hex(), m.hex(":"), m.hex("-", 2), m.hex(sep=":", bytes_per_sep=-4), m[::2].hex())
show("tobytes bad order", lambda: m.tobytes("X"))

# writable views
b = bytearray(b"xyz")
w = memoryview(b)
print(w.readonly, w.obj is b, geometry(w))
w[0] = 65
w[-1] = 0x5A
print(b)
w[0:2] = b"QR"
print(b)
w[::2] = bytearray(b"12")
print(b)
w[1:3] = memoryview(b"ab")
print(b)
w[:] = w[::-1]
print(b)
show("set 256", lambda: w.__setitem__(0, 256))
show("set -1", lambda: w.__setitem__(0, -1))
show("set str", lambda: w.__setitem__(0, "a"))
show("set float", lambda: w.__setitem__(0, 1.5))
show("set slice size", lambda: w.__setitem__(slice(0, 2), b"abc"))
show("set slice int", lambda: w.__setitem__(slice(0, 2), 5))
show("set slice format", lambda: w.__setitem__(slice(0, 1), memoryview(bytes(4)).cast("i")))
show("del", lambda: w.__delitem__(0))
show("readonly", lambda: m.__setitem__(0, 1))
show("readonly slice", lambda: m.__setitem__(slice(0, 1), b"a"))

# exports keep a bytearray from resizing
show("append while exported", lambda: b.append(1))
show("extend while exported", lambda: b.extend(b"12"))
show("clear while exported", lambda: b.clear())
b[0] = 0x61
print(b, w.tobytes())
w2 = w[1:]
w.release()
show("append with a slice alive", lambda: b.append(1))
w2.release()
b.append(0x21)
print(b)

# release and the context manager
r = memoryview(b"hello")
r.release()
r.release()
print(repr(r).startswith("<released memory at 0x"))
for name in ("obj", "nbytes", "format", "shape", "readonly", "tobytes", "tolist", "hex", "cast"):
    show("released " + name, lambda: getattr(r, name) if name in ("obj", "nbytes", "format", "shape", "readonly") else getattr(r, name)())
show("released len", lambda: len(r))
show("released [0]", lambda: r[0])
show("released iter", lambda: list(r))
show("released ==", lambda: (r == r, r == b"hello", r != r))
show("released with", lambda: r.__enter__())
with memoryview(bytearray(b"ctx")) as c:
    print(c.tobytes(), c[0])
show("after with", lambda: c.tobytes())
e = bytearray(b"abc")
em = memoryview(e)
pinned = bytes(em)
print(pinned, em.__buffer__(0).tobytes())

# memoryview of a memoryview
base = memoryview(b"0123456789")
sub = memoryview(base[2:8])
print(sub.tobytes(), sub.obj, geometry(sub))
base.release()
print(sub.tobytes())

# cast
raw = bytes(range(16))
mi = memoryview(raw).cast("i")
print(geometry(mi), len(mi), mi.tolist() == [0x03020100, 0x07060504, 0x0B0A0908, 0x0F0E0D0C])
print(memoryview(raw).cast("h").tolist()[:3], memoryview(raw).cast("H")[7], memoryview(raw).cast("q")[1])
print(memoryview(raw).cast("c")[:3].tolist(), memoryview(raw).cast("b", shape=[4, 4]).tolist())
print(memoryview(raw).cast("@B").format, memoryview(raw).cast("@B")[1], memoryview(bytes([0, 1, 1])).cast("?").tolist())
print(mi.cast("B").tolist() == list(raw), mi.cast("c").format)
m2d = memoryview(raw).cast("B", shape=[2, 8])
print(geometry(m2d), len(m2d), m2d[1, 7], m2d[-1, -8], m2d.tolist()[1][:3], m2d.cast("B").shape)
print(m2d[1:].tolist(), m2d[::-1].tolist()[0][:2], m2d.tobytes("F")[:4])
show("2d row", lambda: m2d[1])
show("2d iter", lambda: list(m2d))
show("2d short tuple", lambda: m2d[(1,)])
show("2d long tuple", lambda: m2d[1, 2, 3])
show("2d slices", lambda: m2d[0:1, 0:1])
show("2d oob", lambda: m2d[0, 8])
show("2d count", lambda: m2d.count(1))
show("2d index", lambda: m2d.index(1))
zero = memoryview(raw[:4]).cast("i", shape=[])
print(zero.ndim, zero.shape, zero.strides, zero.tolist(), zero[()] == 0x03020100, zero[...] is zero)
show("0-dim len", lambda: len(zero))
show("0-dim [0]", lambda: zero[0])
show("0-dim iter", lambda: iter(zero))
show("0-dim count", lambda: zero.count(0))
show("0-dim index", lambda: zero.index(0))
fl = memoryview(bytearray(16)).cast("d")
fl[0] = 1.5
fl[1] = 7
print(fl.tolist(), memoryview(bytearray(8)).cast("f").tolist())
h = memoryview(bytearray(6)).cast("e")
h[0] = 1.5
h[1] = -0.0001
h[2] = 65504
print(h.tolist())
show("e overflow", lambda: h.__setitem__(0, 1e6))
q = memoryview(bytearray(16)).cast("Q")
q[0] = 2**64 - 1
q[1] = 2**63
print(q.tolist())
show("Q overflow", lambda: q.__setitem__(0, 2**64))
show("Q negative", lambda: q.__setitem__(0, -1))
qs = memoryview(bytearray(8)).cast("q")
qs[0] = -(2**63)
print(qs.tolist())
show("q overflow", lambda: qs.__setitem__(0, 2**63))
ci = memoryview(bytearray(8)).cast("i")
ci[0] = -5
ci[1] = True
print(ci.tolist())
show("i overflow", lambda: ci.__setitem__(0, 2**31))
show("i str", lambda: ci.__setitem__(0, "x"))
show("i float", lambda: ci.__setitem__(0, 1.0))
cb = memoryview(bytearray(2)).cast("?")
cb[0] = [1]
cb[1] = 0
print(cb.tolist())
cc = memoryview(bytearray(2)).cast("c")
cc[0] = b"z"
print(cc.tolist())
show("c int", lambda: cc.__setitem__(0, 1))
show("c long", lambda: cc.__setitem__(0, b"ab"))
show("cast noncontig", lambda: m[::2].cast("B"))
show("cast non-byte", lambda: mi.cast("h"))
show("cast length", lambda: memoryview(bytes(6)).cast("i"))
show("cast bad fmt", lambda: m.cast("<i"))
show("cast 2 chars", lambda: m.cast("ii"))
show("cast int fmt", lambda: m.cast(1))
show("cast shape product", lambda: memoryview(bytes(6)).cast("B", shape=[4]))
show("cast shape zero", lambda: memoryview(bytes(6)).cast("B", shape=[0, 6]))
show("cast shape type", lambda: memoryview(bytes(6)).cast("B", shape=3))
show("cast ND to ND", lambda: memoryview(bytes(6)).cast("B", shape=[2, 3]).cast("B", shape=[3, 2]))
show("cast empty", lambda: memoryview(b"").cast("i").shape)

# toreadonly, count, index
ro = memoryview(bytearray(b"abca")).toreadonly()
print(ro.readonly, ro.tobytes(), ro.count(97), ro.index(99), ro.index(97, 1), ro.index(97, -2))
show("index missing", lambda: ro.index(120))
show("index range", lambda: ro.index(99, 0, 2))

# comparison
print(m == b"abcdef", m == bytearray(b"abcdef"), m == "abcdef", m == memoryview(b"abcdef"))
print(m != b"abcdeX", m == b"abc", m.cast("c") == m, m[::2] == b"ace", m == m)
print(mi == memoryview(raw).cast("i"), mi == memoryview(raw).cast("I"), mi == raw)
nan = memoryview(bytearray(8)).cast("d")
nan[0] = float("nan")
print(nan == nan, nan.tolist())
print(memoryview(bytes(8)).cast("f") == memoryview(bytes(8)).cast("i"))
show("m < m", lambda: m < m)

# hashing
print(hash(m) == hash(b"abcdef"), hash(m[::2]) == hash(b"ace"), hash(m.cast("c")) == hash(b"abcdef"))
show("hash writable", lambda: hash(memoryview(bytearray(3))))
show("hash int format", lambda: hash(mi))
show("hash readonly of bytearray", lambda: hash(memoryview(bytearray(b"xy")).toreadonly()))

# byte consumers accept C-contiguous memoryviews
print(b"-".join([m[:2], memoryview(b"zz")]), bytearray(b"").join([memoryview(b"a")]))
show("join non-contiguous", lambda: b"".join([m[::2]]))
