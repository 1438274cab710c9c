# oracle: python3.13
# _thread's API: starting threads, arguments, idents, handles, join, _count, stack_size, errors.
import _thread
import time

def check(label, f):
    try:
        print(label, repr(f()))
    except BaseException as e:
        print(label, type(e).__name__, e)

print(_thread.error is RuntimeError, _thread.LockType is _thread.lock)
print(type(_thread.TIMEOUT_MAX), _thread.TIMEOUT_MAX > 1e9)
print(type(_thread.get_ident()), _thread.get_ident() > 0, _thread.get_native_id() > 0)
print(_thread.daemon_threads_allowed(), _thread._get_main_thread_ident() == _thread.get_ident())

# Arguments, keyword arguments, idents seen from inside the thread.
seen = {}
done = _thread.allocate_lock()
done.acquire()

def worker(a, b, *, c=0):
    seen["args"] = (a, b, c)
    seen["ident"] = _thread.get_ident()
    seen["native"] = _thread.get_native_id()
    done.release()

ident = _thread.start_new_thread(worker, (1, "two"), {"c": 3.0})
done.acquire()
print("args", seen["args"])
print("ident matches", ident == seen["ident"], ident != _thread.get_ident())
print("native id differs", seen["native"] != _thread.get_native_id())

# start_new is an alias; SystemExit (and _thread.exit) end a thread silently.
def quits(how):
    try:
        if how == 1:
            raise SystemExit(5)
        _thread.exit()
    finally:
        done.release()

_thread.start_new(quits, (1,))
done.acquire()
_thread.start_new_thread(quits, (2,))
done.acquire()
print("silent exits ok")

# Joinable threads and their handles.
results = []
h = _thread.start_joinable_thread(lambda: results.append(_thread.get_ident()))
h.join()
print("joined", h.is_done(), results == [h.ident], type(h).__name__)
h.join()
h.join(0.5)
print("join again ok")
slow_gate = _thread.allocate_lock()
slow_gate.acquire()
h2 = _thread.start_joinable_thread(slow_gate.acquire, daemon=False)
h2.join(0.05)
print("timed join while running", h2.is_done())
slow_gate.release()
h2.join()
print("after release", h2.is_done())
fresh = _thread._ThreadHandle()
check("not started", lambda: fresh.join())
check("start with handle", lambda: _thread.start_joinable_thread(lambda: None, handle=fresh) is fresh)
fresh.join()
check("start twice", lambda: _thread.start_joinable_thread(print, handle=fresh))
main_handle = _thread._make_thread_handle(_thread.get_ident())
check("join self", lambda: main_handle.join())
print("main handle ident", main_handle.ident == _thread.get_ident())

# _count counts running threads started through _thread.
gate = _thread.allocate_lock()
gate.acquire()
before = _thread._count()
started = [_thread.allocate_lock() for _ in range(3)]
for s in started:
    s.acquire()
def waits(k):
    started[k].release()
    gate.acquire()
    gate.release()
hs = [_thread.start_joinable_thread(lambda k=k: waits(k)) for k in range(3)]
for s in started:
    s.acquire()
print("count while running", _thread._count() - before)
gate.release()
for x in hs:
    x.join()
time.sleep(0.05)
print("count after", _thread._count() - before)

# Errors.
check("not callable", lambda: _thread.start_new_thread(1, ()))
check("args not tuple", lambda: _thread.start_new_thread(print, []))
check("kwargs not dict", lambda: _thread.start_new_thread(print, (), []))
check("too few", lambda: _thread.start_new_thread(print))
check("joinable not callable", lambda: _thread.start_joinable_thread(1))
check("stack_size", lambda: _thread.stack_size())
check("stack_size too small", lambda: _thread.stack_size(100))
check("stack_size negative", lambda: _thread.stack_size(-1))
check("stack_size set", lambda: _thread.stack_size(1 << 20))
check("stack_size reset", lambda: _thread.stack_size(0))
ran = []
h = _thread.start_joinable_thread(lambda: ran.append(1))
h.join()
print("thread with custom stack size history ran", ran)
