# oracle: python3.13
# _thread._excepthook, the default threading.excepthook, called directly: the header line names
# the thread, SystemExit is ignored, and the argument type is checked.
import _thread
import sys


class FakeThread:
    name = "worker-7"


try:
    raise ValueError("bad value")
except ValueError as e:
    exc = e
args = _thread._ExceptHookArgs((ValueError, exc, exc.__traceback__, FakeThread()))
print(args.exc_type.__name__, args.thread.name, len(args))
sys.stderr = sys.stdout
_thread._excepthook(args)
_thread._excepthook(_thread._ExceptHookArgs((SystemExit, SystemExit(1), None, None)))
try:
    _thread._excepthook((1, 2, 3, 4))
except TypeError as e:
    print("TypeError", e)
