# pickle round trips at every protocol (4 and 5 frame their output through BytesIO.getbuffer).
import dataclasses, io, pickle, collections

@dataclasses.dataclass
class Point:
    x: int
    y: float = 0.5

class Node:
    def __init__(self, name):
        self.name = name
        self.children = []
    def __eq__(self, other):
        return type(other) is Node and self.name == other.name and self.children == other.children

def helper(v):
    return v * 2

tree = Node("root")
tree.children.append(Node("leaf"))
values = [
    None, True, 0, -1, 2**70, 3.25, 1j, "text", "ünïcödé", b"bytes", bytearray(b"ba"),
    (1, (2, 3)), [1, [2, [3]]], {"a": {"b": [1, 2]}}, {1, 2}, frozenset({3}),
    Point(1), Point(2, 3.0), tree, helper, len, collections.OrderedDict(a=1),
    b"x" * 200000, "y" * 100000, list(range(1000)),
]
print("default protocol", pickle.DEFAULT_PROTOCOL, "highest", pickle.HIGHEST_PROTOCOL)
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    ok = True
    for v in values:
        data = pickle.dumps(v, protocol=proto)
        back = pickle.loads(data)
        if back != v and not (v is helper and back is helper):
            ok = False
            print("mismatch", proto, type(v).__name__)
    print("protocol", proto, "ok" if ok else "FAILED")

shared = [1, 2]
pair = pickle.loads(pickle.dumps([shared, shared]))
print(pair, pair[0] is pair[1])
rec = []
rec.append(rec)
back = pickle.loads(pickle.dumps(rec))
print(back[0] is back)
print(pickle.loads(pickle.dumps(helper)) is helper, pickle.loads(pickle.dumps(Point)) is Point)

big = pickle.dumps(b"z" * 100000, protocol=4)
print(len(big) > 100000, big[:2] == b'\x80\x04')
f = io.BytesIO()
pickle.dump({"k": [1, 2, 3]}, f, protocol=5)
f.seek(0)
print(pickle.load(f))
p = pickle.Pickler(io.BytesIO(), protocol=4)
p.dump(values[:10])
