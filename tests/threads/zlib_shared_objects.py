# oracle: python3.13
# zlib streaming objects used from several threads: private objects in parallel, and one shared
# Compress / Decompress fed by every thread (each object serialises its own stream).
import threading
import zlib

N = 6
chunk = b"abcdefgh" * 4096
shared_c = zlib.compressobj()
pieces = []
pieces_lock = threading.Lock()
private_ok = []
barrier = threading.Barrier(N)


def worker(i):
    barrier.wait()
    c = zlib.compressobj(i % 10, zlib.DEFLATED, 31)
    data = bytes([65 + i]) * 100000 + chunk
    blob = c.compress(data) + c.flush()
    d = zlib.decompressobj(47)
    out = b"".join(d.decompress(blob[j:j + 999]) for j in range(0, len(blob), 999))
    private_ok.append(out == data and d.eof)
    # Concurrent calls on one shared object: their order is unknown, so the output is only
    # counted; the stream must stay consistent (no error, a valid end).
    for _ in range(20):
        part = shared_c.compress(chunk)
        snapshot = shared_c.copy()
        with pieces_lock:
            pieces.append(len(part) >= 0 and len(snapshot.flush()) > 0)


threads = [threading.Thread(target=worker, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(private_ok))
print(len(pieces), all(pieces), len(shared_c.flush()) > 0)

# One Decompress fed in order (under a lock) by several threads while others read its
# attributes.
shared_d = zlib.decompressobj()
source = zlib.compress(b"z" * 2_000_000) + b"tail"
position = [0]
outs = []
feed_lock = threading.Lock()


def feeder():
    while True:
        with feed_lock:
            pos = position[0]
            if pos >= len(source):
                return
            position[0] = pos + 4096
            outs.append(shared_d.decompress(source[pos:pos + 4096]))


def watcher():
    for _ in range(2000):
        shared_d.eof, shared_d.unused_data, shared_d.unconsumed_tail


ts = [threading.Thread(target=feeder) for _ in range(N)] + [threading.Thread(target=watcher)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(b"".join(outs) == b"z" * 2_000_000, shared_d.eof, shared_d.unused_data)
