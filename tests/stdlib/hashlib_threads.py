# oracle: python3.13
# One hash object updated by several threads at once: every update lands whole (the object
# locks itself), so the digest equals that of the same chunks fed in some order of whole chunks.
import hashlib
import threading

CHUNK = bytes(range(256)) * 64  # 16 KiB: hashed detached from the runtime
N_THREADS, PER_THREAD = 4, 50

for name in ["sha256", "md5", "blake2b", "sha3_256"]:
    shared = hashlib.new(name)
    barrier = threading.Barrier(N_THREADS)

    def work():
        barrier.wait()
        for _ in range(PER_THREAD):
            shared.update(CHUNK)

    threads = [threading.Thread(target=work) for _ in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = hashlib.new(name, CHUNK * (N_THREADS * PER_THREAD))
    print(name, shared.hexdigest() == expected.hexdigest())

# Copies and digests taken while another thread updates never tear.
h = hashlib.sha512()
stop = threading.Event()

def updater():
    while not stop.is_set():
        h.update(b"x" * 3000)

t = threading.Thread(target=updater)
t.start()
ok = True
for _ in range(200):
    c = h.copy()
    ok = ok and len(c.digest()) == 64 and len(h.hexdigest()) == 128
stop.set()
t.join()
print("copies", ok)
