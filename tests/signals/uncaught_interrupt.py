# oracle: python3.13
# An uncaught KeyboardInterrupt prints its traceback, then the process dies of SIGINT.
import _signal

_signal.signal(_signal.SIGINT, _signal.default_int_handler)
print("before", flush=True)


def work():
    _signal.raise_signal(_signal.SIGINT)


work()
print("not reached")
