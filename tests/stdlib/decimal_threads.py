# oracle: python3.13
# Each thread has its own decimal context (a ContextVar); a Context shared by threads keeps
# consistent flags; Decimals are shared freely.
import threading
from decimal import Decimal, getcontext, localcontext, Context, Inexact, Rounded, ROUND_DOWN

results = {}
barrier = threading.Barrier(4)


def worker(n):
    ctx = getcontext()
    ctx.prec = 5 + n
    barrier.wait()
    with localcontext() as lc:
        lc.rounding = ROUND_DOWN
        values = [str(Decimal(1) / Decimal(7)) for _ in range(200)]
    values.append(str(Decimal(2).sqrt()))
    results[n] = (getcontext().prec, set(values), getcontext() is ctx)


threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for n in sorted(results):
    prec, values, same = results[n]
    print(n, prec, sorted(values), same)
print(getcontext().prec)

shared = Context(prec=6, traps=[])
third = Decimal(1) / Decimal(3)


def hammer():
    for i in range(300):
        shared.add(third, Decimal(i))
        shared.multiply(third, Decimal(i))


threads = [threading.Thread(target=hammer) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(shared.flags[Inexact], shared.flags[Rounded], shared.prec)
