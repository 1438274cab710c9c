# oracle: python3.13
# One scandir iterator shared by threads hands every entry out exactly once; DirEntry.stat()
# called from many threads at once caches one result that every caller sees.
import os
import _thread

base = "/tmp/weft_scandir_threads"
if os.path.isdir(base):
    for name in os.listdir(base):
        os.unlink(os.path.join(base, name))
else:
    os.mkdir(base)
for i in range(300):
    with open(os.path.join(base, "f%03d" % i), "w") as f:
        f.write("x" * i)

it = os.scandir(base)
seen = [[] for _ in range(4)]
def drain(k):
    for entry in it:
        seen[k].append(entry.name)
def run_all(fn):
    handles = [_thread.start_joinable_thread(lambda k=k: fn(k)) for k in range(4)]
    for h in handles:
        h.join()

run_all(drain)
names = [n for part in seen for n in part]
print(len(names), len(set(names)), sorted(names) == sorted(os.listdir(base)))

entries = sorted(os.scandir(base), key=lambda e: e.name)
results = [[None] * len(entries) for _ in range(4)]
def stat_all(k):
    for i, e in enumerate(entries):
        results[k][i] = e.stat()
run_all(stat_all)
print(all(results[k][i] is results[0][i] for k in range(4) for i in range(len(entries))))
print([results[0][i].st_size for i in (0, 1, 299)])

for name in os.listdir(base):
    os.unlink(os.path.join(base, name))
os.rmdir(base)
