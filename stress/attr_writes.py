# oracle: python3.13
# Attribute writes on shared instances: every thread sets its own attributes on shared objects
# and bumps a shared attribute under a lock; the instance dicts must end up exact.
import _thread

NTHREADS = 6
PER_THREAD = 3000

class Shared:
    pass

objs = [Shared() for _ in range(4)]
for o in objs:
    o.hits = 0
lock = _thread.allocate_lock()
running = [_thread.allocate_lock() for _ in range(NTHREADS)]

def work(tid):
    try:
        name = "t%d" % tid
        for i in range(PER_THREAD):
            o = objs[i % 4]
            setattr(o, name, i)
            getattr(o, name)
            o.last = tid
            with lock:
                o.hits += 1
            if i % 100 == 0:
                try:
                    del o.scratch
                except AttributeError:
                    pass
                o.scratch = i
    finally:
        running[tid].release()

for r in running:
    r.acquire()
for tid in range(NTHREADS):
    _thread.start_new_thread(work, (tid,))
for r in running:
    r.acquire()

for k, o in enumerate(objs):
    mine = []
    for tid in range(NTHREADS):
        mine.append(getattr(o, "t%d" % tid))
    print("object", k, "hits", o.hits, "last values", mine, "last writer ok", 0 <= o.last < NTHREADS)
print("total hits", sum([o.hits for o in objs]))
