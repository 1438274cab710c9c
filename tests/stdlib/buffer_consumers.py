# oracle: python3.13
# array.array passed to consumers that take any buffer: os.write, zlib, binascii, hashlib, sockets, readinto.
import array, os, zlib, binascii, hashlib, io, socket
a = array.array('B', b'hello')
r, w = os.pipe(); print(os.write(w, a)); print(os.read(r, 10)); os.close(r); os.close(w)
print(zlib.decompress(zlib.compress(a)))
print(binascii.hexlify(a), hashlib.sha1(a).hexdigest()[:8])
s1, s2 = socket.socketpair(); print(s1.send(a)); buf = array.array('B', bytes(5)); print(s2.recv_into(buf), buf.tobytes())
print(io.BufferedReader(io.BytesIO(b'abcdef')).readinto(array.array('b', bytes(3))))
print(b'ell' in bytes(a), memoryview(a)[1:3].tobytes())
