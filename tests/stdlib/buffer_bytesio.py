# BytesIO.getbuffer(): a writable memoryview over the buffer; while exported, the BytesIO
# cannot be resized or closed.
import io

b = io.BytesIO(b'abcdef')
m = b.getbuffer()
print(type(m).__name__, m.format, m.readonly, len(m), bytes(m), type(m.obj).__name__)
for name, op in [("write", lambda: b.write(b'x')), ("truncate", lambda: b.truncate(2)),
                 ("close", lambda: b.close()), ("writelines", lambda: b.writelines([b'x']))]:
    try:
        op()
        print(name, "ok")
    except BufferError as e:
        print(name, "BufferError:", e)
print(b.getvalue(), b.read(2), b.seek(0), b.tell(), b.closed)
m[0] = ord('Z')
m[1:3] = b'YX'
print(b.getvalue())
m2 = b.getbuffer()
m.release()
try:
    b.write(b'q')
except BufferError as e:
    print("still exported:", e)
del m2
b.write(b'q')
print(b.getvalue())
with b.getbuffer() as view:
    print(view.tobytes(), view[::2].tobytes())
b.seek(0, 2)
b.write(b'tail')
print(b.getvalue())
print(bytes(io.BytesIO().getbuffer()), len(io.BytesIO(b'x' * 1000).getbuffer()))
b.close()
try:
    b.getbuffer()
except ValueError as e:
    print("ValueError:", e)

# readinto accepts any writable buffer
src = io.BytesIO(b'0123456789')
ba = bytearray(4)
print(src.readinto(ba), ba)
mv = memoryview(bytearray(3))
print(src.readinto(mv), mv.tobytes())
try:
    src.readinto(b'xx')
except TypeError as e:
    print("TypeError:", e)
try:
    src.readinto(memoryview(b'xx'))
except TypeError as e:
    print("TypeError:", e)
