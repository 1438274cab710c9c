# oracle: python3.13
# select.select over pipes: readiness, fileno() objects returned as given, timeouts, messages.
import os, select, time
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
r, w = os.pipe()
print(select.select([r], [w], [], 0) == ([], [w], []))
os.write(w, b'x')
print(select.select([r], [], [], 1.5) == ([r], [], []))
class F:
    def __init__(self, fd): self.fd = fd
    def fileno(self): return self.fd
f = F(r)
res = select.select([f, r], [F(w)], [], None)
print(res[0][0] is f, len(res[0]), len(res[1]))
os.read(r, 1)
start = time.monotonic(); print(select.select([r], [], [], 0.05)); print(time.monotonic() - start >= 0.04)
t(lambda: select.select([], [], [], -1))
t(lambda: select.select([], [], [], 'a'))
t(lambda: select.select(1, [], []))
t(lambda: select.select(['a'], [], [], 0))
t(lambda: select.select([-1], [], [], 0))
t(lambda: select.select([F('x')], [], [], 0))
t(lambda: select.select([], [], [], 0, 1))
t(lambda: select.select([], []))
t(lambda: select.select([99999], [], [], 0))
print(select.error is OSError, select.PIPE_BUF >= 512)
os.close(r); os.close(w)
