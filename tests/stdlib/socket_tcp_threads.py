# oracle: python3.13
# A threaded TCP echo server on loopback: one accept thread hands each connection to a worker
# thread; many client threads send framed messages concurrently and check every echo. Also a
# thread blocked in accept()/recv() while others keep running, and close() from another thread.
import socket, threading

N_CLIENTS = 16
N_MESSAGES = 50

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(64)
addr = srv.getsockname()
workers = []

def echo(conn):
    with conn:
        while data := conn.recv(4096):
            conn.sendall(data)

def acceptor():
    for _ in range(N_CLIENTS):
        conn, _ = srv.accept()
        t = threading.Thread(target=echo, args=(conn,))
        t.start()
        workers.append(t)

def client(i, results):
    with socket.create_connection(addr, timeout=30) as c:
        f = c.makefile("rb")
        ok = 0
        for j in range(N_MESSAGES):
            msg = (b"client %d message %d " % (i, j)) * (j % 7 + 1) + b"\n"
            c.sendall(msg)
            if f.readline() == msg:
                ok += 1
        f.close()
        results[i] = ok

acc = threading.Thread(target=acceptor)
acc.start()
results = [0] * N_CLIENTS
clients = [threading.Thread(target=client, args=(i, results)) for i in range(N_CLIENTS)]
for t in clients: t.start()
for t in clients: t.join()
acc.join()
for t in workers: t.join()
srv.close()
print(results == [N_MESSAGES] * N_CLIENTS, sum(results))

# A thread blocked in recv() does not stop the others; the peer's close wakes it.
a, b = socket.socketpair()
got = []
reader = threading.Thread(target=lambda: got.append(b.recv(100)))
reader.start()
counter = sum(i * i for i in range(100000))  # the main thread keeps running meanwhile
a.sendall(b"wake up")
reader.join()
print(got, counter > 0)
a.close(); b.close()

# Many threads sharing one socket pair: every byte arrives exactly once.
a, b = socket.socketpair()
def writer(k):
    for _ in range(200):
        a.sendall(bytes([k]) * 10)
ws = [threading.Thread(target=writer, args=(k,)) for k in range(8)]
for t in ws: t.start()
def finish():
    for t in ws: t.join()
    a.shutdown(socket.SHUT_WR)
closer = threading.Thread(target=finish)
closer.start()
data = bytearray()
while chunk := b.recv(65536):
    data += chunk
closer.join()
print(len(data), sorted(set(data)), all(data.count(k) == 2000 for k in range(8)))
a.close(); b.close()

# Concurrent close(): the descriptor is closed once, later calls see a closed socket.
for _ in range(20):
    s = socket.socket()
    ts = [threading.Thread(target=s.close) for _ in range(4)]
    for t in ts: t.start()
    for t in ts: t.join()
print(s.fileno())
