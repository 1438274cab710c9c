# oracle: python3.13
# _thread.lock and _thread.RLock: acquire/release semantics, timeouts, messages, context manager.
import _thread

def check(label, f):
    try:
        print(label, repr(f()))
    except BaseException as e:
        print(label, type(e).__name__, e)

l = _thread.allocate_lock()
print(type(l), type(l) is _thread.LockType, repr(l).startswith("<unlocked _thread.lock object at "))
check("acquire", lambda: l.acquire())
print(repr(l).startswith("<locked _thread.lock object at "), l.locked(), l.locked_lock())
check("try again", lambda: l.acquire(False))
check("try 0", lambda: l.acquire(0))
check("timed", lambda: l.acquire(timeout=0.01))
check("timed positional", lambda: l.acquire(True, 0.01))
check("blocking kw", lambda: l.acquire(blocking=False))
check("release", lambda: l.release())
check("release unlocked", lambda: l.release())
check("release_lock unlocked", lambda: l.release_lock())
check("acquire_lock", lambda: l.acquire_lock(0))
check("release_lock", lambda: l.release_lock())
check("nonblocking with timeout", lambda: l.acquire(False, 1))
check("negative timeout", lambda: l.acquire(timeout=-2))
check("minus one timeout", lambda: l.acquire(timeout=-1))
l.release()
check("nan", lambda: l.acquire(timeout=float("nan")))
check("huge float", lambda: l.acquire(timeout=1e30))
check("huge int", lambda: l.acquire(timeout=2 ** 70))
check("max", lambda: l.acquire(timeout=_thread.TIMEOUT_MAX))
l.release()
check("too many args", lambda: l.acquire(1, 2, 3))
check("int timeout", lambda: l.acquire(timeout=1))
l.release()
with l as entered:
    print("in with", entered, l.locked())
print("after with", l.locked())
try:
    with l:
        raise KeyError("boom")
except KeyError as e:
    print("released on error", repr(e), l.locked())
check("enter", lambda: l.__enter__())
check("exit", lambda: l.__exit__(None, None, None))
check("lock()", lambda: type(_thread.lock()))
check("lock(1)", lambda: _thread.lock(1))
print("allocate alias", type(_thread.allocate()) is _thread.LockType)

# Released by another thread than the acquirer.
gate = _thread.allocate_lock()
gate.acquire()
done = _thread.allocate_lock()
done.acquire()
def opener():
    gate.release()
    done.release()
_thread.start_new_thread(opener, ())
done.acquire()
print("released elsewhere", gate.locked())

r = _thread.RLock()
print(repr(r).startswith("<unlocked _thread.RLock object owner=0 count=0 at "))
check("rlock acquire", lambda: r.acquire())
check("rlock again", lambda: r.acquire())
print("owned", r._is_owned(), r._recursion_count())
text = repr(r)
print(text.startswith("<locked _thread.RLock object owner=%d count=2 at " % _thread.get_ident()))
state = r._release_save()
print("saved", state == (2, _thread.get_ident()), r._is_owned(), r._recursion_count())
r._acquire_restore(state)
print("restored", r._recursion_count())
r.release()
r.release()
check("rlock release unowned", lambda: r.release())
check("rlock release_save unowned", lambda: r._release_save())
check("rlock negative timeout", lambda: r.acquire(timeout=-2))
check("rlock nonblocking timeout", lambda: r.acquire(False, 1))
with r:
    with r:
        print("nested with", r._recursion_count())
print("after nested", r._recursion_count(), r._is_owned())

# Another thread cannot take a held RLock, nor release it.
r.acquire()
out = []
done2 = _thread.allocate_lock()
done2.acquire()
def other():
    out.append(r.acquire(False))
    out.append(r.acquire(timeout=0.01))
    try:
        r.release()
    except RuntimeError as e:
        out.append(str(e))
    out.append(r._is_owned())
    done2.release()
_thread.start_new_thread(other, ())
done2.acquire()
print("other thread", out)
r.release()

class MyRLock(_thread.RLock):
    pass
m = MyRLock()
with m:
    print("subclass", type(m).__name__, m._is_owned())
