# pprint and reprlib: pretty-printed nesting, width, depth, sorting, recursion; abbreviated reprs.
import pprint, reprlib
data = {"name": "weft", "numbers": list(range(30)), "nested": {"a": [1, {"b": (2, 3)}], "z": None},
        "text": "x" * 60, "set": {3, 1, 2}}
pprint.pprint(data)
pprint.pprint(data, width=40, depth=2, compact=True)
print(pprint.pformat([[1, 2], [3, 4]], width=10))
rec = [1, 2]
rec.append(rec)
print(pprint.pformat(rec).split(" with")[0], pprint.isrecursive(rec), pprint.isreadable(data), pprint.saferepr(rec).split(" with")[0])
pprint.pp({"b": 1, "a": 2}, sort_dicts=True)
print(pprint.pformat({"b": 1, "a": 2}, sort_dicts=False), pprint.pformat(b"x" * 50, width=20))
r = reprlib.Repr(maxlist=3, maxstring=10)
print(r.repr(list(range(10))), r.repr("abcdefghijklmnop"), reprlib.repr(set(range(20))))
print(reprlib.repr({i: i for i in range(10)}), reprlib.repr(tuple(range(8))))


class Tree:
    @reprlib.recursive_repr()
    def __repr__(self):
        return f"Tree({self.child!r})"


t = Tree()
t.child = t
print(repr(t))
