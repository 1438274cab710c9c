# oracle: python3.13
# __bases__ assignment while other threads look attributes up through the same MROs and create
# instances: every lookup sees either the old or the new hierarchy, never a torn one.
import threading


class A:
    def who(self):
        return "A"


class B:
    def who(self):
        return "B"


class C(A):
    pass


class D(C):
    def __init__(self, n):
        self.n = n


stop = threading.Event()
seen = []
errors = []


def reader():
    names = set()
    count = 0
    try:
        while not stop.is_set() or count < 1000:
            d = D(count)
            names.add(d.who())
            count += 1
            if not (isinstance(d, A) or isinstance(d, B)):
                errors.append("neither A nor B")
    except Exception as e:  # pragma: no cover - reported below
        errors.append(repr(e))
    seen.append(names)


threads = [threading.Thread(target=reader) for _ in range(3)]
for t in threads:
    t.start()
for i in range(300):
    C.__bases__ = (B,) if i % 2 == 0 else (A,)
stop.set()
for t in threads:
    t.join()
print("errors:", errors)
print("readers:", len(seen), all(names <= {"A", "B"} for names in seen))
print(C.__bases__, D.__mro__)
print(D(1).who())
