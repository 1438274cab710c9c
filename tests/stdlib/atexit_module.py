# atexit: callbacks run at exit, newest first, with their arguments; a failing one is reported
# and the others still run; unregister removes every registration of a function.
import atexit

base = atexit._ncallbacks()  # a test driver may have registered its own


class Named:
    def __init__(self, name, fail=False):
        self.name, self.fail = name, fail

    def __call__(self, *args, **kwargs):
        print("callback", self.name, args, kwargs)
        if self.fail:
            raise ValueError("boom in " + self.name)

    def __repr__(self):
        return "<Named %s>" % self.name


first = Named("first")
print(atexit.register(first, 1, k=2) is first)
skipped = Named("skipped")
atexit.register(skipped)
atexit.register(Named("failing", fail=True))
atexit.register(first, 3)
atexit.register(skipped, "again")
print(atexit._ncallbacks() - base)
atexit.unregister(skipped)
print(atexit._ncallbacks() - base)
for bad in ((), (5,)):
    try:
        atexit.register(*bad)
    except TypeError as e:
        print("TypeError", e)
atexit.register(print, "last registered, first run")
print("end of main")
