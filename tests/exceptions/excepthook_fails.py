# oracle: python3.13
# An uncaught exception goes through sys.excepthook; when the hook itself raises, CPython prints
# "Error in sys.excepthook:", the hook's error, then the original exception.
import sys


def failing_hook(exc_type, value, tb):
    raise RuntimeError("hook failed for " + exc_type.__name__)


sys.excepthook = failing_hook
print("about to fail")


def work():
    raise ValueError("original problem")


work()
