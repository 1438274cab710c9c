# queue, sched, timeit, traceback, linecache, tomllib, html.parser, pickle (protocols 0-3),
# contextvars, uuid (deterministic forms), secrets shapes, platform basics.
import contextvars, html.parser, linecache, pickle, queue, sched, secrets, timeit, tomllib, traceback, uuid
q = queue.PriorityQueue()
for item in [(3, "c"), (1, "a"), (2, "b")]:
    q.put(item)
print([q.get() for _ in range(3)], q.empty())
lq = queue.LifoQueue()
lq.put(1); lq.put(2)
print(lq.get(), lq.qsize())
try:
    queue.Queue(maxsize=1).get_nowait()
except queue.Empty:
    print("Empty")
events = []
clock = [0.0]
s = sched.scheduler(timefunc=lambda: clock[0], delayfunc=lambda d: clock.__setitem__(0, clock[0] + d))
s.enter(2, 1, events.append, ("second",))
s.enter(1, 1, events.append, ("first",))
s.run()
print(events)
print(timeit.timeit("x = 1", number=10) >= 0, len(timeit.repeat("pass", number=1, repeat=2)))
try:
    int("x")
except ValueError as e:
    tb = traceback.format_exception(e)
    print(tb[-1], traceback.format_exception_only(e), len(traceback.extract_tb(e.__traceback__)))
print(traceback.format_list([("f.py", 3, "fn", "x = 1")]))
print(linecache.getline(__file__, 1).strip()[:20], linecache.getline("/no/such/file", 1) == "")
print(tomllib.loads('title = "T"\n[owner]\nn = 1\ndt = 1979-05-27\narr = [1, 2.5, true]\n[[p]]\nx = 1\n[[p]]\nx = 2\n'))
try:
    tomllib.loads("a = ")
except tomllib.TOMLDecodeError as e:
    print("TOMLDecodeError", e)
class P(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        print("start", tag, attrs)
    def handle_data(self, data):
        if data.strip():
            print("data", data)
    def handle_endtag(self, tag):
        print("end", tag)
P().feed("<p class='x'>Hi &amp; <b>bye</b></p><br/>")
obj = {"a": [1, 2.5, None, True], "b": ("t", b"x"), "c": {1, 2}, "d": frozenset({3})}
for proto in range(4):
    assert pickle.loads(pickle.dumps(obj, proto)) == obj
print(pickle.loads(pickle.dumps(obj, 2)), len(pickle.dumps([1, 2], 0)))
var = contextvars.ContextVar("var", default=0)
ctx = contextvars.copy_context()
ctx.run(var.set, 5)
print(var.get(), ctx[var], list(ctx.keys()) == [var])
print(uuid.uuid3(uuid.NAMESPACE_DNS, "python.org"), uuid.UUID("12345678123456781234567812345678").hex, uuid.uuid4().version)
print(len(secrets.token_hex(8)), len(secrets.token_bytes(5)), secrets.choice([7]), 0 <= secrets.randbelow(10) < 10)
