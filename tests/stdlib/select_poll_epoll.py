# oracle: python3.13
# select.poll and select.epoll: readiness of socket pairs and pipes, registration errors,
# timeouts, the context manager and fromfd, plus select.select on the same descriptors.
import select, socket, os, errno

def show(label, fn, *args):
    try:
        print(label, repr(fn(*args)))
    except Exception as e:
        print(label, type(e).__name__, e)

print(select.POLLIN, select.POLLOUT, select.POLLPRI, select.POLLERR, select.POLLHUP, select.POLLNVAL)
print(select.EPOLLIN, select.EPOLLOUT, select.EPOLLET, select.EPOLLONESHOT, select.EPOLL_CLOEXEC > 0)

a, b = socket.socketpair()
fa, fb = a.fileno(), b.fileno()

# poll
p = select.poll()
print(type(p).__name__)
p.register(a, select.POLLIN)
print(p.poll(0))
b.send(b"x")
print(p.poll(1000) == [(fa, select.POLLIN)])
p.modify(fa, select.POLLIN | select.POLLOUT)
print(p.poll(0) == [(fa, select.POLLIN | select.POLLOUT)])
p.register(b)
print(sorted(p.poll()) == sorted([(fa, select.POLLIN | select.POLLOUT), (fb, select.POLLOUT)]))
p.unregister(a)
try:
    p.unregister(a)
except KeyError as e:
    print("KeyError", e.args[0] == fa)
show("modify unknown", p.modify, 999, select.POLLIN)
show("register bad", p.register, "x")
show("register negative", p.register, -1)
show("timeout type", p.poll, "1")
show("mask negative", p.register, fa, -1)
p.unregister(fb)
print(p.poll(10))
a.recv(10)
r, w = os.pipe()
p.register(r, select.POLLIN)
os.close(w)
print(p.poll(1000) == [(r, select.POLLHUP)])
os.close(r)
print(p.poll(0) == [(r, select.POLLNVAL)])

# epoll
ep = select.epoll()
print(type(ep).__name__, ep.closed, ep.fileno() >= 0)
ep.register(a, select.EPOLLIN)
print(ep.poll(0))
b.send(b"y")
print(ep.poll(1) == [(fa, select.EPOLLIN)])
print(ep.poll(timeout=0.5, maxevents=1) == [(fa, select.EPOLLIN)])
ep.modify(a, select.EPOLLOUT)
print(ep.poll(0) == [(fa, select.EPOLLOUT)])
try:
    ep.register(a)
except FileExistsError as e:
    print("FileExistsError", e.errno == errno.EEXIST)
ep.unregister(a)
try:
    ep.unregister(a)
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno == errno.ENOENT)
show("maxevents", ep.poll, 0, 0)
show("timeout type", ep.poll, "x")
print(ep.poll(0.01))
ep.register(fa, select.EPOLLIN | select.EPOLLET)
print(len(ep.poll(0)), len(ep.poll(0)))  # edge-triggered: reported once
a.recv(10)
ep2 = select.epoll.fromfd(os.dup(ep.fileno()))
print(ep2.closed)
ep2.close()
ep.close()
print(ep.closed)
show("closed fileno", ep.fileno)
show("closed poll", ep.poll)
show("closed register", ep.register, a)
ep.close()
with select.epoll() as ep3:
    ep3.register(b, select.EPOLLOUT)
    print(ep3.poll(1) == [(fb, select.EPOLLOUT)])
print(ep3.closed)
show("closed enter", ep3.__enter__)
show("sizehint", select.epoll, 0)

# select.select on sockets
print(select.select([a], [], [], 0))
b.send(b"z")
rl, wl, xl = select.select([a], [a, b], [], 1)
print(rl == [a], len(wl), xl)
a.close(); b.close()
