# json: dumps/loads round trips, formatting options, custom encoders/decoders, errors.
import json, io
obj = {"name": "weft", "list": [1, 2.5, True, None, "ü"], "nested": {"a": [], "b": {}}, "big": 10**20}
s = json.dumps(obj)
print(s)
print(json.loads(s) == obj, json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False))
print(json.dumps([1, 2], separators=(",", ":")), json.dumps("\u2028\x00\"\\"), json.dumps(float("inf")))
print(json.loads('{"a": NaN, "b": -Infinity}'), json.loads("[1.5e3, -0, 1E-2]"))
print(json.loads('{"x": 1, "x": 2}'), json.loads('"\\ud83d\\ude00"'), json.loads(' [ ] '))
print(json.loads('{"a": 1.1}', parse_float=lambda s: "F" + s), json.loads("[1]", parse_int=float))
print(json.loads('{"a": 1}', object_pairs_hook=list), json.loads('{"a": {"b": 2}}', object_hook=lambda d: sorted(d)))


class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)


print(json.dumps({"s": {3, 1}}, cls=Enc), json.dumps({1: "a", True: "b", None: "c"}))
buf = io.StringIO()
json.dump({"k": [1]}, buf)
buf.seek(0)
print(json.load(buf))
for bad in ['{"a" 1}', "[1,]", "", '{"a": 1} x', "'a'", "[1, 2"]:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("JSONDecodeError", e.msg, e.pos, e.lineno, e.colno)
try:
    json.dumps(object())
except TypeError as e:
    print("TypeError", e)
try:
    json.dumps(float("nan"), allow_nan=False)
except ValueError as e:
    print("ValueError", e)
