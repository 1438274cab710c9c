# sys.unraisablehook: exceptions that cannot propagate (__del__, weakref callbacks, generator
# finalization, gc callbacks) reach the hook as UnraisableHookArgs; the default hook's format;
# a failing, None or deleted hook.
import gc
import io
import re
import sys
import weakref


def scrub(text):
    return re.sub(r" at 0x[0-9a-fA-F]+", " at ADDR", text)


def captured(fn):
    saved = sys.stderr
    sys.stderr = io.StringIO()
    try:
        fn()
    finally:
        text = sys.stderr.getvalue()
        sys.stderr = saved
    print(scrub(text), end="")


print(sys.unraisablehook is sys.__unraisablehook__, sys.unraisablehook)


class A:
    def __del__(self):
        raise ValueError("boom in del")


def drop_a():
    a = A()
    del a


captured(drop_a)
seen = []


def hook(u):
    seen.append(u)
    msg = scrub(u.err_msg) if u.err_msg else u.err_msg
    print("hook:", type(u).__name__, u.exc_type.__name__, u.exc_value,
          type(u.exc_traceback).__name__, msg, u.object)


sys.unraisablehook = hook
drop_a()


class B:
    pass


b = B()


def cb(r):
    1 / 0


r = weakref.ref(b, cb)
del b


def gen():
    try:
        yield 1
    finally:
        raise KeyError("in finally")


g = gen()
next(g)
del g


def gc_callback(phase, info):
    if phase == "start":
        raise OSError("from gc callback")


gc.callbacks.append(gc_callback)
gc.collect()
gc.callbacks.remove(gc_callback)


def bad(u):
    raise RuntimeError("hook failed")


sys.unraisablehook = bad
captured(drop_a)
print("after bad hook")
sys.unraisablehook = None
captured(drop_a)
print("after None hook")
del sys.unraisablehook
captured(drop_a)
print("after deleted hook")
sys.unraisablehook = sys.__unraisablehook__

u = seen[0]
UHA = type(u)
print(UHA, UHA.n_fields, UHA.n_sequence_fields, UHA.__module__)
print(len(u), u[0].__name__, scrub(repr(u[3])))
try:
    UHA()
except TypeError as e:
    print(e)
captured(lambda: sys.__unraisablehook__(UHA((ValueError, ValueError("v"), None, "custom message", 42))))
captured(lambda: sys.__unraisablehook__(UHA((ValueError, ValueError("v"), None, None, 42))))
captured(lambda: sys.__unraisablehook__(UHA((ValueError, ValueError("v"), None, None, None))))
captured(lambda: sys.__unraisablehook__(UHA((ValueError, None, None, "m", None))))
try:
    sys.__unraisablehook__(5)
except TypeError as e:
    print(e)
saved = sys.stderr
sys.stderr = None
drop_a()
sys.stderr = saved
print("end")
