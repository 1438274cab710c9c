# oracle: python3.13
# PEP 475 on sockets: a signal handler that raises interrupts a blocking accept(); one that
# returns lets a timed accept() resume and still time out at its deadline.
import signal, socket, time, threading
class Boom(Exception): pass
def handler(*a): raise Boom("alarm")
signal.signal(signal.SIGALRM, handler)
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
threading.Timer(0.1, signal.pthread_kill, (threading.main_thread().ident, signal.SIGALRM)).start()
t = time.monotonic()
try: s.accept()
except Boom as e: print("interrupted", e, time.monotonic() - t < 2)
calls = []
signal.signal(signal.SIGALRM, lambda *a: calls.append(1))
s.settimeout(0.5)
threading.Timer(0.1, signal.pthread_kill, (threading.main_thread().ident, signal.SIGALRM)).start()
t = time.monotonic()
try: s.accept()
except TimeoutError as e: print("timeout after handler", calls, 0.4 < time.monotonic() - t < 2)
