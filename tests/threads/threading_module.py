# oracle: python3.13
# threading on Weft's _thread: Thread (names, daemon, join, is_alive, idents), Lock, RLock,
# Condition, Event, Semaphore, BoundedSemaphore, Barrier, local, Timer, excepthook, enumerate.
import threading
import time

print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), [t.name for t in threading.enumerate()])

results = []
lock = threading.Lock()


def add(n):
    for i in range(1000):
        with lock:
            results.append(n)


threads = [threading.Thread(target=add, args=(i,), name="adder-%d" % i) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(results), sorted(set(results)), [t.is_alive() for t in threads])
print([t.name for t in threads], threads[0].daemon, type(threads[0].ident).__name__)

# Condition: a producer/consumer handshake.
cond = threading.Condition()
box = []


def consumer():
    with cond:
        cond.wait_for(lambda: box)
        box.append("consumed " + box[0])


c = threading.Thread(target=consumer)
c.start()
with cond:
    box.append("item")
    cond.notify()
c.join()
print(box)

# Event, Semaphore, Barrier.
ev = threading.Event()
seen = []
w = threading.Thread(target=lambda: seen.append(ev.wait(5)))
w.start()
ev.set()
w.join()
print("event", seen, ev.is_set(), threading.Event().wait(0.01))

sem = threading.BoundedSemaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(blocking=False))
sem.release()
sem.release()
try:
    sem.release()
except ValueError as e:
    print("ValueError", e)

barrier = threading.Barrier(3)
order = []


def meet(i):
    idx = barrier.wait()
    with lock:
        order.append(idx)


ts = [threading.Thread(target=meet, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("barrier", sorted(order))

# RLock re-entry and ownership errors.
r = threading.RLock()
with r:
    with r:
        print("rlock nested ok")
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError", e)

# local.
data = threading.local()
data.x = "main"


def show():
    data.x = threading.current_thread().name
    seen.append(data.x)


t = threading.Thread(target=show, name="other")
t.start()
t.join()
print("local", data.x, seen[-1])

# Timer and join(timeout).
fired = []
timer = threading.Timer(0.01, lambda: fired.append(True))
timer.start()
timer.join()
print("timer", fired)
slow = threading.Thread(target=time.sleep, args=(0.3,))
slow.start()
slow.join(0.01)
print("still alive after short join:", slow.is_alive())
slow.join()


# excepthook: a custom hook receives the arguments (the default's traceback names stdlib paths).
def boom():
    raise KeyError("from thread")


hooked = []
threading.excepthook = lambda args: hooked.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))
t = threading.Thread(target=boom, name="failing")
t.start()
t.join()
print("hooked", hooked)
threading.excepthook = threading.__excepthook__
print("done", threading.active_count())
