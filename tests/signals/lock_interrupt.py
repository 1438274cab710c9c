# oracle: python3.13
# A signal interrupts a blocked lock acquire on the main thread: the Python handler runs, and
# the wait either resumes (handler returned) or ends with the handler's exception (PEP 475).
import _signal as s
import _thread
import time

calls = []


def counting(signum, frame):
    calls.append(signum)


def raising(signum, frame):
    raise KeyboardInterrupt("from handler")


lock = _thread.allocate_lock()
lock.acquire()

# The handler returns: the timed wait resumes and times out after its full length.
s.signal(s.SIGALRM, counting)
s.alarm(1)
t0 = time.monotonic()
got = lock.acquire(timeout=2)
print("timed acquire:", got, "handler calls:", calls, "waited full timeout:", time.monotonic() - t0 > 1.9)

# The handler raises: the untimed wait ends with that exception.
s.signal(s.SIGALRM, raising)
s.alarm(1)
try:
    lock.acquire()
except KeyboardInterrupt as e:
    print("interrupted:", e)

# RLock held by another thread: the same for RLock.acquire().
r = _thread.RLock()
ready = _thread.allocate_lock()
ready.acquire()
done = _thread.allocate_lock()
done.acquire()


def holder():
    r.acquire()
    ready.release()
    done.acquire()
    r.release()


_thread.start_new_thread(holder, ())
ready.acquire()
s.alarm(1)
try:
    r.acquire()
except KeyboardInterrupt as e:
    print("rlock interrupted:", e)
done.release()
print("rlock later:", r.acquire(timeout=5))
r.release()

# Joining a thread: the handler's exception ends the join; a later join succeeds.
release_worker = _thread.allocate_lock()
release_worker.acquire()


def worker():
    release_worker.acquire()


handle = _thread.start_joinable_thread(worker)
s.alarm(1)
try:
    handle.join()
except KeyboardInterrupt as e:
    print("join interrupted:", e)
release_worker.release()
handle.join()
print("joined:", handle.is_done())
