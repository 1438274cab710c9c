# oracle: python3.13
# _struct in native mode ('@'): LP64 sizes and alignment of every integer code, 'P', and the
# range messages (native CPython 3.13 on 64-bit Linux: the 3.14 oracle is 32-bit).
import struct
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
for c in 'bBhHiIlLqQnNP':
    for v in (-2**70, -2**63-1, -2**31-1, -129, -1, 256, 2**16, 2**32, 2**64):
        t(lambda: (c, v, struct.pack(c, v)))
print(struct.calcsize('bhiq'), struct.calcsize('@ci'), struct.calcsize('=ci'), struct.calcsize('cP'), struct.calcsize('c?d'), struct.calcsize('ce'),struct.calcsize('3s i'), struct.calcsize('5p d'))
t(lambda: struct.pack('P', 1.5))
t(lambda: struct.pack('n', 1.5))
t(lambda: struct.pack('q', 1.5))
for fmt in ['bhiq', '@ci', '=ci', 'cP', 'c?d', 'ce', '3s i', '5p d', 'b0i', 'xxxi', 'c n N', 'hl']:
    print(fmt, struct.calcsize(fmt))
print(struct.pack('bhilqnNP?efd', -1, -2, -3, -4, -5, -6, 7, 8, True, 1.5, 2.5, 3.5))
print(struct.unpack('bhilqnNP?efd', struct.pack('bhilqnNP?efd', -1, -2, -3, -4, -5, -6, 7, 8, True, 1.5, 2.5, 3.5)))
print(struct.unpack('P', struct.pack('P', -1)))
