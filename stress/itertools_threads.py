# oracle: python3.13
# Threads pulling from shared itertools iterators: one count(), one cycle(), one islice() over a
# count, one chain, one batched, one zip_longest and one product. Every value must be delivered
# exactly once (count/islice/chain/product/batched) or in whole rounds (cycle), however the
# threads interleave.
import _thread
import itertools

NTHREADS = 6
PER_THREAD = 4000

counter = itertools.count()
cycler = itertools.cycle(range(10))
sliced = itertools.islice(itertools.count(100), 0, NTHREADS * PER_THREAD * 2, 2)
chained = itertools.chain.from_iterable(range(k * 10, k * 10 + 10) for k in range(NTHREADS * 400))
batches = itertools.batched(range(NTHREADS * PER_THREAD), 3)
zipped = itertools.zip_longest(range(NTHREADS * 1000), range(500), fillvalue=-1)
producted = itertools.product(range(40), range(40), range(15))
floats = itertools.count(0.5, 1.0)
# One tee copy per thread over a shared list iterator: each copy must see the whole sequence in
# order, whichever thread happens to pull an item from the underlying iterator first.
tee_source = list(range(20000))
tees = itertools.tee(iter(tee_source), NTHREADS)

results = [dict(count=[], cycle=[], islice=[], chain=[], batched=[], zip=[], product=[], floats=[], tee=[])
           for _ in range(NTHREADS)]
running = [_thread.allocate_lock() for _ in range(NTHREADS)]

def drain(it, out):
    for item in it:
        out.append(item)

def work(tid):
    try:
        mine = results[tid]
        for _ in range(PER_THREAD):
            mine["count"].append(next(counter))
            mine["cycle"].append(next(cycler))
            mine["islice"].append(next(sliced))
        for _ in range(PER_THREAD // 4):
            mine["floats"].append(next(floats))
        drain(tees[tid], mine["tee"])
        drain(chained, mine["chain"])
        drain(batches, mine["batched"])
        drain(zipped, mine["zip"])
        drain(producted, mine["product"])
    finally:
        running[tid].release()

for r in running:
    r.acquire()
for tid in range(NTHREADS):
    _thread.start_new_thread(work, (tid,))
for r in running:
    r.acquire()

def gather(key):
    out = []
    for mine in results:
        out.extend(mine[key])
    return out

total = NTHREADS * PER_THREAD
counts = gather("count")
print("count exactly once", sorted(counts) == list(range(total)))
print("count per-thread increasing", all(m["count"] == sorted(m["count"]) for m in results))
cycles = gather("cycle")
print("cycle values balanced", [cycles.count(v) for v in range(10)] == [total // 10] * 10)
print("islice exactly once", sorted(gather("islice")) == list(range(100, 100 + 2 * total, 2)))
print("islice exhausted", list(sliced), next(sliced, "end"))
print("chain exactly once", sorted(gather("chain")) == list(range(NTHREADS * 4000)))
batched = gather("batched")
print("batched whole batches", all(len(t) == 3 and t[1] == t[0] + 1 and t[2] == t[0] + 2 for t in batched))
print("batched exactly once", sorted(x for t in batched for x in t) == list(range(total)))
zipped_items = sorted(gather("zip"))
print("zip_longest exactly once", len(zipped_items), [t[0] for t in zipped_items] == list(range(NTHREADS * 1000)),
      sorted(t[1] for t in zipped_items if t[1] >= 0) == list(range(500)))
products = gather("product")
print("product exactly once", len(products), len(set(products)) == 40 * 40 * 15)
floats_seen = sorted(gather("floats"))
print("float count exactly once", floats_seen == [i + 0.5 for i in range(NTHREADS * (PER_THREAD // 4))])
print("tee copies complete and ordered", all(m["tee"] == tee_source for m in results))
print("count continues", next(counter), repr(counter))
