# zlib's streaming objects: compressobj/decompressobj and _ZlibDecompressor, every container
# (raw deflate, zlib, gzip, auto-detect), max_length, unused_data/unconsumed_tail, copy, zdict.
import zlib

data = b"".join(b"line %d: the quick brown fox jumps over the lazy dog\n" % i
                for i in range(2000))

for wbits in (-15, -9, 9, 15, 31):
    c = zlib.compressobj(6, zlib.DEFLATED, wbits, 9, zlib.Z_DEFAULT_STRATEGY)
    parts = [c.compress(data[i:i + 1000]) for i in range(0, len(data), 1000)]
    parts.append(c.flush())
    blob = b"".join(parts)
    d = zlib.decompressobj(wbits)
    out = d.decompress(blob)
    print(wbits, out == data, d.eof, d.unused_data, d.unconsumed_tail)
    if wbits > 0:
        auto = zlib.decompressobj(32 + 15)
        print("  auto", auto.decompress(blob) == data, auto.eof)
    print("  one-shot", zlib.decompress(blob, wbits) == data)

# max_length and unconsumed_tail
blob = zlib.compress(data)
d = zlib.decompressobj()
chunks = []
piece = d.decompress(blob, 1000)
chunks.append(piece)
print("limited", len(piece), len(d.unconsumed_tail) > 0, d.eof)
while d.unconsumed_tail:
    chunks.append(d.decompress(d.unconsumed_tail, 4096))
chunks.append(d.flush())
print("joined", b"".join(chunks) == data, d.eof)

# unused data after the end, fed in small pieces
d = zlib.decompressobj()
stream = blob + b"TRAILER"
out = b""
for i in range(0, len(stream), 7):
    out += d.decompress(stream[i:i + 7])
print("unused", out == data, d.unused_data, d.eof)

# flush modes and copy
c = zlib.compressobj()
a = c.compress(b"hello ")
a += c.flush(zlib.Z_SYNC_FLUSH)
c2 = c.copy()
rest1 = c.compress(b"world") + c.flush()
rest2 = c2.compress(b"there") + c2.flush()
print(zlib.decompress(a + rest1), zlib.decompress(a + rest2))
print(c.flush(zlib.Z_NO_FLUSH))
try:
    c.compress(b"more")
except zlib.error as e:
    print("after finish:", e)
try:
    c.copy()
except ValueError as e:
    print("copy:", e)

d = zlib.decompressobj()
half = d.decompress(blob[:len(blob) // 2])
d2 = d.copy()
print("dcopy", half + d.decompress(blob[len(blob) // 2:]) == data,
      half + d2.decompress(blob[len(blob) // 2:]) == data)

# zdict
zd = b"the quick brown fox jumps over the lazy dog"
c = zlib.compressobj(zdict=zd)
blob2 = c.compress(data[:500]) + c.flush()
d = zlib.decompressobj(zdict=zd)
print("zdict", d.decompress(blob2) == data[:500])
try:
    zlib.decompressobj().decompress(blob2)
except zlib.error as e:
    print("no zdict:", e)
craw = zlib.compressobj(wbits=-15, zdict=zd)
raw = craw.compress(data[:500]) + craw.flush()
print("raw zdict", zlib.decompressobj(-15, zdict=zd).decompress(raw) == data[:500])

# errors
for call in (lambda: zlib.compressobj(10), lambda: zlib.compressobj(wbits=99),
             lambda: zlib.decompressobj(99), lambda: zlib.decompressobj(zdict=5),
             lambda: zlib.decompressobj().decompress(b"x", -1),
             lambda: zlib.decompressobj().flush(0),
             lambda: zlib.decompressobj().decompress(b"not zlib data at all")):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)

# _ZlibDecompressor
zd_ = zlib._ZlibDecompressor()
out = b""
print("needs_input", zd_.needs_input, zd_.eof)
out += zd_.decompress(blob[:100], 50)
print(len(out), zd_.needs_input)
while not zd_.eof:
    out += zd_.decompress(b"" if not zd_.needs_input else blob[100:] + b"XYZ", 5000)
print("zd", out == data, zd_.eof, zd_.unused_data, zd_.needs_input)
try:
    zd_.decompress(b"x")
except EOFError as e:
    print("EOFError", e)
print(zlib._ZlibDecompressor(wbits=31).decompress(
    zlib.compress(b"abc", wbits=31)))

print(zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH, zlib.Z_FINISH, zlib.Z_BEST_COMPRESSION,
      zlib.DEF_MEM_LEVEL, zlib.MAX_WBITS, zlib.DEF_BUF_SIZE)
print(type(zlib.ZLIB_VERSION).__name__, type(zlib.compressobj()).__name__,
      type(zlib.decompressobj()).__name__)
