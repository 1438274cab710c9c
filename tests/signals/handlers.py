# oracle: python3.13
# _signal: handler table, argument checks, Python handlers run on the main thread.
import _signal as s
import time

print(s.SIG_DFL, s.SIG_IGN, s.NSIG, s.SIGINT, s.SIGALRM, s.SIGUSR1)
print(s.getsignal(s.SIGTERM), s.getsignal(s.SIGPIPE), s.getsignal(s.SIGKILL))
print(s.strsignal(s.SIGINT), s.strsignal(s.SIGTERM), s.strsignal(s.SIGRTMIN))
v = s.valid_signals()
print(type(v).__name__, len(v), min(v), max(v), s.SIGKILL in v)


def show(f, *args):
    try:
        print(repr(f(*args)))
    except BaseException as e:
        print(type(e).__name__, e)


for args in [("x", s.SIG_DFL), (0, s.SIG_DFL), (s.NSIG, s.SIG_DFL), (s.SIGUSR1, 5),
             (s.SIGUSR1, None), (s.SIGKILL, s.SIG_DFL), (s.SIGUSR1,)]:
    show(s.signal, *args)
show(s.getsignal, 0)
show(s.getsignal, 2.5)
show(s.strsignal, 0)
show(s.raise_signal, s.NSIG + 10)
show(s.raise_signal, 0)
show(s.default_int_handler)
show(s.default_int_handler, 2, None)

got = []


def handler(signum, frame):
    got.append((signum, frame.f_code.co_name))


def raiser():
    s.raise_signal(s.SIGUSR1)
    return "after"


print(s.signal(s.SIGUSR1, handler))
print(s.getsignal(s.SIGUSR1) is handler)
print(raiser(), got)
print(s.signal(s.SIGUSR1, s.SIG_IGN) is handler)
s.raise_signal(s.SIGUSR1)
print(got)


def failing(signum, frame):
    raise ValueError("handler failed for %d" % signum)


s.signal(s.SIGUSR2, failing)
show(s.raise_signal, s.SIGUSR2)

# The default SIGINT handler raises KeyboardInterrupt where the program is.
s.signal(s.SIGINT, s.default_int_handler)
try:
    s.raise_signal(s.SIGINT)
except KeyboardInterrupt as e:
    print("KeyboardInterrupt", e.args)

# A signal interrupts a tight loop (the eval breaker) ...
s.signal(s.SIGALRM, s.default_int_handler)
print(s.alarm(1))
n = 0
try:
    while True:
        n += 1
except KeyboardInterrupt:
    print("tight loop interrupted", n > 0)

# ... and a sleep, which resumes after a handler that returns (PEP 475).
ticks = []
s.signal(s.SIGALRM, lambda signum, frame: ticks.append(signum))
t0 = time.monotonic()
s.alarm(1)
time.sleep(1.3)
print(ticks, time.monotonic() - t0 >= 1.25)
s.signal(s.SIGALRM, failing)
s.alarm(1)
t0 = time.monotonic()
try:
    time.sleep(30)
except ValueError as e:
    print(e, time.monotonic() - t0 < 10)
print(s.alarm(0))
