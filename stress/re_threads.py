# oracle: python3.13
# Threads share compiled patterns through re's cache (re.compile/re.sub/re.findall from many
# threads at once, with re.purge racing them): every result must equal the single-threaded one.
import _thread
import re

NTHREADS = 8
ROUNDS = 200
text = " ".join("user%d@host%d.com" % (i, i % 7) for i in range(100))
PATTERNS = [r"(\w+)@(\w+)\.com", r"\d+", r"(?P<host>host\d)", r"user(\d)\1?", r"\b\w{5}\b"]
expected = [(re.findall(p, text), re.sub(p, r"<\g<0>>", text), len(list(re.finditer(p, text))))
            for p in PATTERNS]
errors = []
running = [_thread.allocate_lock() for _ in range(NTHREADS)]


def worker(tid):
    try:
        for r in range(ROUNDS):
            i = (tid + r) % len(PATTERNS)
            p = PATTERNS[i]
            got = (re.findall(p, text), re.sub(p, r"<\g<0>>", text), len(list(re.finditer(p, text))))
            if got != expected[i]:
                errors.append((tid, r, p))
            if r % 50 == 0:
                re.purge()
            m = re.compile(PATTERNS[0]).search(text, r)
            if m is None or not m.group().endswith(".com"):
                errors.append((tid, r, "search"))
    except Exception as e:
        errors.append(repr(e))
    finally:
        running[tid].release()


for lock in running:
    lock.acquire()
for tid in range(NTHREADS):
    _thread.start_new_thread(worker, (tid,))
for lock in running:
    lock.acquire()
print("errors", errors)
print("patterns", [len(e[0]) for e in expected], [e[2] for e in expected])
