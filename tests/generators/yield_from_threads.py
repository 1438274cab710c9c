# oracle: python3.13
# `yield from` chains resumed from several threads: each thread drives its own chain, and one
# shared chain moves between threads (a lock serialises its resumes); concurrent resumes of a
# chain that is running report "generator already executing".
import threading


def leaf(n):
    total = 0
    for i in range(n):
        total += yield i
    return total


def level(depth, n):
    if depth == 0:
        return (yield from leaf(n))
    return (yield from level(depth - 1, n))


def drive(chain, count, out):
    got = [next(chain)]
    try:
        while True:
            got.append(chain.send(1))
    except StopIteration as e:
        out.append((len(got), sum(got), e.value))


results = []
threads = [threading.Thread(target=drive, args=(level(5, 2000), 2000, results)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))

shared = level(8, 4000)
lock = threading.Lock()
seen = []
started = [False]


def step_shared(k):
    for _ in range(k):
        with lock:
            if seen and seen[-1] == ('done', 4000):
                return
            try:
                seen.append(next(shared) if not started[0] else shared.send(1))
                started[0] = True
            except StopIteration as e:
                seen.append(('done', e.value))
                return


threads = [threading.Thread(target=step_shared, args=(1000,)) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(seen), sorted(x for x in seen if isinstance(x, int)) == list(range(4000)), seen[-1])


errors = []
def busy_leaf():
    while True:
        yield threading.current_thread().name


barrier = threading.Barrier(3)


def hammer(gen):
    barrier.wait()
    for _ in range(2000):
        try:
            next(gen)
        except ValueError as e:
            errors.append(str(e))
        except StopIteration:
            pass


def wrap(inner):
    return (yield from inner)


chain = wrap(wrap(busy_leaf()))
threads = [threading.Thread(target=hammer, args=(chain,)) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(set(errors) <= {'generator already executing'}, chain.gi_running, chain.gi_suspended)
