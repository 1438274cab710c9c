# oracle: python3.13
# sendmsg/recvmsg with scatter/gather buffers and SCM_RIGHTS file-descriptor passing over an
# AF_UNIX socket pair; CMSG_LEN/CMSG_SPACE; argument errors.
import os, socket, struct

def show(label, fn, *args):
    try:
        print(label, repr(fn(*args)))
    except Exception as e:
        print(label, type(e).__name__, e)

print(socket.CMSG_LEN(0) > 0, socket.CMSG_LEN(4) - socket.CMSG_LEN(0), socket.CMSG_SPACE(4) >= socket.CMSG_LEN(4))
show("CMSG_LEN -1", socket.CMSG_LEN, -1)
show("CMSG_SPACE -1", socket.CMSG_SPACE, -1)
a, b = socket.socketpair()
print(a.sendmsg([b"scatter ", bytearray(b"gather"), memoryview(b" parts")]))
data, anc, flags, addr = b.recvmsg(100)
print(data, anc, flags, addr)

r, w = os.pipe()
fds = struct.pack("ii", r, w)
print(a.sendmsg([b"fds"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)]))
data, anc, flags, addr = b.recvmsg(10, socket.CMSG_SPACE(len(fds)))
print(data, [(level == socket.SOL_SOCKET, kind == socket.SCM_RIGHTS, len(d)) for level, kind, d in anc], flags)
r2, w2 = struct.unpack("ii", anc[0][2])
os.write(w2, b"through a passed descriptor")
print(os.read(r, 100))
for fd in (r, w, r2, w2):
    os.close(fd)

show("bufs", a.sendmsg, 1)
show("ancdata", a.sendmsg, [b"x"], 1)
show("item len", a.sendmsg, [b"x"], [(1, 2)])
show("item type", a.sendmsg, [b"x"], [1])
show("buffer type", a.sendmsg, [1])
show("recvmsg size", b.recvmsg, -1)
show("recvmsg anc", b.recvmsg, 1, -1)
a.close(); b.close()
