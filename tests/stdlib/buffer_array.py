# array.array as a buffer exporter: memoryview, bytes/bytearray, struct, readinto, hashlib,
# and the BufferError that pins the array's size while an export is alive.
import array, hashlib, io, os, struct, tempfile

a = array.array('i', [1, 2, 3])
m = memoryview(a)
print(m.format, m.itemsize, m.nbytes, m.readonly, m.shape, m.strides, m.tolist())
a[0] = 5
print(m.tolist(), m[1], m[-1])
m[2] = 42
print(a)
for name, op in [("pop", lambda: a.pop()), ("extend", lambda: a.extend([1])),
                 ("append", lambda: a.append(1)), ("imul", lambda: a.__imul__(2)),
                 ("del", lambda: a.__delitem__(0)), ("grow slice", lambda: a.__setitem__(slice(0, 1), array.array('i', [9, 8]))),
                 ("frombytes", lambda: a.frombytes(b'\0' * 4)), ("remove", lambda: a.remove(5)),
                 ("del slice", lambda: a.__delitem__(slice(0, 2))), ("shrink slice", lambda: a.__setitem__(slice(0, 2), array.array('i')))]:
    try:
        op()
        print(name, "ok")
    except BufferError as e:
        print(name, "BufferError:", e)
print("unchanged:", a)
a.reverse()
a[0:1] = array.array('i', [9])
a += array.array('i')
print(a, m.tolist())
with memoryview(a) as m2:
    try:
        a.append(1)
    except BufferError as e:
        print("nested:", e)
m.release()
a.append(7)
print(a)

# unicode arrays export their code units, whose items memoryview cannot unpack
w = array.array('w', 'ab')
mw = memoryview(w)
print(mw.format, mw.itemsize, len(mw))
for op in (mw.tolist, lambda: mw[0]):
    try:
        op()
    except NotImplementedError as e:
        print("NotImplementedError:", e)
mw.release()

# copies of the raw bytes
print(bytes(array.array('h', [1, 256])), bytearray(array.array('B', [1, 2])))
print(bytes(array.array('d', [1.0])) == struct.pack('d', 1.0))
ba = bytearray(b'x')
ba.extend(array.array('h', [1]))
print(ba)
print(memoryview(array.array('d', [1.5])) == array.array('d', [1.5]),
      memoryview(array.array('d', [1.5])) == array.array('d', [2.5]))
print(memoryview(array.array('q', [1, 2, 3]))[::2].tolist(), memoryview(array.array('B', [65, 66])).tobytes())
print(memoryview(array.array('b', [1, 2, 3, 4])).cast('h').tolist() == list(struct.unpack('2h', bytes([1, 2, 3, 4]))))
empty = memoryview(array.array('f'))
print(empty.tolist(), empty.nbytes, empty.format)

# struct
buf = array.array('B', bytes(8))
struct.pack_into('<hI', buf, 1, -2, 0xdeadbeef)
print(buf.tobytes().hex(), struct.unpack_from('<hI', buf, 1))
print(struct.unpack_from('<i', array.array('i', [7])))
s = struct.Struct('<H')
s.pack_into(buf, 0, 513)
print(list(buf), list(s.iter_unpack(array.array('H', [1, 2]))))

# I/O
bio = io.BytesIO(b'\x01\x00\x02\x00\x03\x00')
h = array.array('h', [0, 0])
print(bio.readinto(h), h)
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, 'data')
    with open(path, 'wb') as f:
        print(f.write(array.array('i', [1, 2])))
    with open(path, 'rb') as f:
        got = array.array('i', [0, 0, 0])
        print(f.readinto(got), got)
    with open(path, 'rb', buffering=0) as f:
        got = array.array('b', bytes(3))
        print(f.readinto(got), got)
print(hashlib.sha256(array.array('B', b'abc')).hexdigest() == hashlib.sha256(b'abc').hexdigest())
h = hashlib.md5()
h.update(array.array('I', [1, 2]))
print(h.hexdigest() == hashlib.md5(struct.pack('II', 1, 2)).hexdigest())

# subclasses inherit the export
class MyArray(array.array):
    pass
ma = MyArray('H', [1, 2])
print(memoryview(ma).tolist(), bytes(ma))
try:
    memoryview([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    struct.pack_into('b', b'abc', 0, 1)
except TypeError as e:
    print("TypeError:", e)
