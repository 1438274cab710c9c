# The _bisect and _heapq accelerators directly: results, lo/hi/key, the max-heap variants,
# CPython's argument errors, and heaps whose comparisons mutate the list.
import _bisect as b
import _heapq as h

a = [1, 2, 2, 2, 3, 5]
print([b.bisect_left(a, x) for x in range(7)], [b.bisect_right(a, x) for x in range(7)])
print(b.bisect_left(a, 2, 2), b.bisect_right(a, 2, 0, 3), b.bisect_left(a, 2, lo=4, hi=6))
print(b.bisect_right([1, 2, 3], 2, hi=-1), b.bisect_left([1, 2], 1, lo=3), b.bisect_left(range(10), 3))
print(b.bisect_right(a=[1], x=1), b.bisect_left([1, 2, 3], 2, 0, None))
recs = [("a", 1), ("b", 3), ("c", 5)]
print(b.bisect_left(recs, 3, key=lambda r: r[1]), b.bisect_right(recs, 3, key=lambda r: r[1]))
print(b.bisect_right([3, 2, 1], -2, key=lambda v: -v), b.bisect_left([1, 2], 1, key=None))
lst = []
for x in [5, 1, 4, 1, 3]:
    b.insort_right(lst, x)
print(lst)
b.insort_left(lst, 1)
print(lst)
people = []
for name, age in [("x", 30), ("y", 20), ("z", 25), ("w", 20)]:
    b.insort_right(people, (name, age), key=lambda p: p[1])
print(people)
b.insort_left(people, ("v", 20), key=lambda p: p[1])
print(people)
class MyList(list):
    def insert(self, i, x):
        print("insert", i, x)
        super().insert(i, x)
ml = MyList([1, 3])
b.insort_left(ml, 2)
b.insort_right(ml, 3, 0, 2)
print(ml)
for expr in ["b.bisect_left()", "b.bisect_left([])", "b.bisect_left([1], 1, -1)",
             "b.bisect_left([1], 1, 'a')", "b.bisect_left([1], 1, 0, 'a')", "b.bisect_left(1, 1)",
             "b.bisect_left([1, 2], 1, 0, 5)", "b.insort_left((1, 2), 1)",
             "b.bisect_left([1], 1, 0, None, None)", "b.bisect_left([1], 1, key=None, x=2)",
             "b.bisect_left([1], 'a')", "b.insort_right([1], 2, -1)", "b.bisect_right([1], 1, y=2)"]:
    try:
        print(expr, "->", eval(expr))
    except Exception as e:
        print(expr, type(e).__name__, e)

class Lcg:
    # A tiny deterministic generator (random needs os, not importable everywhere yet).
    def __init__(self, seed):
        self.state = seed
    def randrange(self, n):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return self.state % n
rng = Lcg(7)
data = [rng.randrange(1000) for _ in range(200)]
heap = []
for x in data:
    h.heappush(heap, x)
print(heap[:10], all(heap[i] <= heap[c] for i in range(len(heap)) for c in (2 * i + 1, 2 * i + 2) if c < len(heap)))
print([h.heappop(heap) for _ in range(200)] == sorted(data), heap)
heap = data[:]
h.heapify(heap)
print(heap[:12])
big = [rng.randrange(100000) for _ in range(6000)]
heap = big[:]
h.heapify(heap)
print(heap[:8], heap[2990:2996], heap[-5:])
mx = big[:]
h.heapify_max(mx)
print(mx[:8], mx[-5:])
print(h.heappushpop([], 1), h.heappushpop([1], 0), h.heappushpop([1, 2], 5))
heap = [1, 3, 2]
print(h.heapreplace(heap, 7), heap, h.heappushpop(heap, 0), heap)
mx = []
for x in [3, 1, 4, 1, 5, 9, 2, 6]:
    h.heappush_max(mx, x)
print(mx, h.heappop_max(mx), h.heapreplace_max(mx, 0), h.heappushpop_max(mx, 10), mx)
print([h.heappop_max(mx) for _ in range(len(mx))])
for expr in ["h.heappush()", "h.heappush([])", "h.heappush(1, 2)", "h.heappush((), 2)",
             "h.heappop([])", "h.heappop(1)", "h.heapify(1)", "h.heapify([3, 1, 2], 2)",
             "h.heapreplace([], 1)", "h.heappush([], x=1)", "h.heappop_max([])",
             "h.heapreplace_max([], 1)", "h.heapify_max((1,))", "h.heappush([1], 'a')",
             "h.heappush_max([1], 'a')", "h.heapify([1, 'a'])", "h.heapify_max([1, 'a', 2])",
             "h.heappop()", "h.heappushpop_max([1], 'a')"]:
    try:
        print(expr, "->", eval(expr))
    except Exception as e:
        print(expr, type(e).__name__, e)

class Clears:
    def __init__(self, v, heap):
        self.v, self.heap = v, heap
    def __lt__(self, other):
        self.heap.clear()
        return self.v < other.v
for op in ["heappush", "heappop", "heapify", "heappushpop", "heapreplace", "heappush_max",
           "heappop_max", "heapify_max", "heappushpop_max", "heapreplace_max"]:
    heap = []
    heap.extend([Clears(i, heap) for i in range(5)])
    try:
        f = getattr(h, op)
        if "push" in op or "replace" in op:
            f(heap, Clears(-1, heap))
        else:
            f(heap)
        print(op, "ok", len(heap))
    except Exception as e:
        print(op, type(e).__name__, e)
class Grows:
    def __init__(self, v, heap):
        self.v, self.heap = v, heap
    def __lt__(self, other):
        self.heap.append(Grows(0, []))
        return self.v < other.v
for op in ["heappush", "heappop", "heapify"]:
    heap = []
    heap.extend([Grows(i, heap) for i in range(5, 0, -1)])
    try:
        f = getattr(h, op)
        f(heap, Grows(-1, heap)) if op == "heappush" else f(heap)
        print(op, "ok", len(heap))
    except Exception as e:
        print(op, type(e).__name__, e)
print(sorted(n for n in dir(h) if not n.startswith("_")), h.__about__.splitlines()[0])
print(sorted(n for n in dir(b) if not n.startswith("_")), b.__doc__.splitlines()[0])
import bisect, heapq
print(bisect.bisect is b.bisect_right, heapq.heappush is h.heappush, heapq.heapify_max is h.heapify_max)
