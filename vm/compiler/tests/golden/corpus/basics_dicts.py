# dicts: insertion order, methods, views.
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("a"), d.pop("zz", "default"), d)
d.setdefault("x", []).append(1)
d.setdefault("x", []).append(2)
print(d)
d.update({"y": 5}, z=6)
d.update([("w", 7)])
print(d)
del d["b"]
print(d, d.popitem(), d)
print(dict(a=1, b=2), dict([("k", "v")]), dict({"m": 1}, n=2), dict.fromkeys("ab", 0))
print({k: v for k, v in zip("abc", range(3))}, {x: x * x for x in range(4)})
e = {1: "one", 2.0: "two", (3, 4): "tuple", None: "none", True: "true"}
print(e, e[1], e[2], e[(3, 4)])
print({"a": 1} == {"a": 1}, {"a": 1, "b": 2} == {"b": 2, "a": 1}, {} != {"a": 1})
m = {"a": 1} | {"b": 2}
m |= {"a": 3}
print(m)
keys = d.keys()
d["new"] = 1
print(keys, len(keys), "new" in keys)
print(sorted({"z": 1, "y": 2}), list(reversed({"p": 1, "q": 2})))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
c = counts.copy()
c.clear()
print(c, counts)
nested = {"outer": {"inner": [1, 2, {"deep": True}]}}
print(nested["outer"]["inner"][2]["deep"])
r = {}
r["self"] = r
print(r)
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e)
try:
    {[1]: 2}
except TypeError as e:
    print("TypeError:", e)
try:
    for k in counts:
        counts["new" + k] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
