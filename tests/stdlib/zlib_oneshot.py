# zlib's one-shot functions: compress/decompress round trips in the three container formats,
# checksums, errors and constants.
import zlib

data = b"weft " * 200 + bytes(range(256))
for wbits in (15, -15, 31, 9):
    packed = zlib.compress(data, 6, wbits) if wbits != 9 else zlib.compress(data, 9)
    print(wbits, zlib.decompress(packed, wbits if wbits != 9 else 15) == data)
print(zlib.decompress(zlib.compress(b"")) == b"", zlib.decompress(zlib.compress(data, 0), bufsize=1) == data)
print(zlib.decompress(zlib.compress(data, wbits=31), wbits=47) == data)
print(zlib.compress(b"hello"), zlib.compress(b"hello", level=1))
print(zlib.decompress(bytearray(zlib.compress(b"abc"))), zlib.decompress(memoryview(zlib.compress(b"xyz"))))
print(zlib.crc32(b"hello"), zlib.crc32(b"world", zlib.crc32(b"hello ")), zlib.crc32(b"hello world"))
print(zlib.adler32(b"hello"), zlib.adler32(b""), zlib.crc32(b""), zlib.crc32(b"a", -1), zlib.adler32(b"a", 2**40))
for bad in (b"abc", zlib.compress(data)[:-3], zlib.compress(data)[:20]):
    try:
        zlib.decompress(bad)
    except zlib.error as e:
        print("error", e)
for call in (lambda: zlib.decompress(b"x", bufsize=-1), lambda: zlib.compress("text"),
             lambda: zlib.crc32(b"a", 1, 2), lambda: zlib.compress(b"a", 10)):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(issubclass(zlib.error, Exception), zlib.error.__module__, zlib.error.__name__)
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE, zlib.Z_BEST_COMPRESSION,
      zlib.Z_DEFAULT_COMPRESSION, zlib.Z_FINISH, zlib.Z_SYNC_FLUSH, zlib.Z_FIXED)
