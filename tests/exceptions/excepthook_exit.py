# oracle: python3.13
# sys.excepthook may end the program with SystemExit: its code becomes the exit status.
import sys


def exiting_hook(exc_type, value, tb):
    print("hook saw", exc_type.__name__, value)
    sys.exit(7)


sys.excepthook = exiting_hook
raise LookupError("gone")
