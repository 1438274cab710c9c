# oracle: python3.13
# one generator resumed from several threads in turn (never two at once)
import _thread, time
def counter():
    total = 0
    while True:
        v = yield total
        total += v
gen = counter(); next(gen)
lock = _thread.allocate_lock()
done = []
def worker(n):
    for i in range(200):
        with lock:
            gen.send(1)
    with lock:
        done.append(n)
for n in range(4):
    _thread.start_new_thread(worker, (n,))
while True:
    with lock:
        if len(done) == 4: break
    time.sleep(0.01)
print(gen.send(0))
def busy():
    yield
g2 = busy()
def selfsend():
    try:
        next(me)
    except ValueError as e:
        yield str(e)
me = selfsend()
print(next(me))
