# oracle: python3.13
# Several threads start children at once (fork while other threads run and hash): every child
# gets its own arguments and pipes, and nothing deadlocks.
import hashlib
import subprocess
import threading

errors = []

def work(i):
    for j in range(15):
        r = subprocess.run(["echo", str(i), str(j)], capture_output=True, text=True)
        if r.stdout != f"{i} {j}\n" or r.returncode != 0:
            errors.append((i, j, r.stdout, r.returncode))
        hashlib.sha256(b"x" * 10000).hexdigest()

threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("errors", errors)
