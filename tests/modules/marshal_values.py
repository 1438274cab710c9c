import marshal
print(marshal.version)
for f in (lambda: marshal.dumps(object()), lambda: marshal.loads(b""), lambda: marshal.loads(b"i\x01"), lambda: marshal.loads(b"\x07"), lambda: marshal.loads(b"r\x05\x00\x00\x00"), lambda: marshal.dumps(compile("1","f","eval"), allow_code=False), lambda: marshal.loads(marshal.dumps(compile("1","f","eval")), allow_code=False), lambda: marshal.loads(b"s\x05\x00\x00\x00ab"), lambda: marshal.loads(b"z\x05ab"), lambda: marshal.dumps([1], 5, 3)):
  try: print(f())
  except Exception as e: print(type(e).__name__, e)
cpython = bytes.fromhex("290ee901000000da026162ec030000000000000000046cfbffffff00000000000000000004e7000000000000f83ff900000000000000000000000000000040f301000000784e542e3e000000005b000000007b7200000000e90200000030f402000000c3a9")
print(marshal.loads(cpython))
vals = [0, -1, 2**31, -2**31-1, 2**100, -3**80, 1.5, -0.0, float("inf"), complex(1, 2), "", "abc", "é\U0001f600", "x"*300, b"", b"\x00\xff",
        (), (1,), tuple(range(300)), [1, [2, "a"]], {"a": 1, 2: (3,)}, {1, 2}, frozenset({"q"}), None, True, False, ..., StopIteration, slice(1, None, 2), bytearray(b"ab")]
for v in vals:
    for ver in range(6):
        if ver < 5 and isinstance(v, slice): continue
        w = marshal.loads(marshal.dumps(v, ver))
        assert w == v or (v != v), (v, ver)
        assert type(w) is type(v) or isinstance(v, bytearray), (v, w)
print("roundtrip ok")
s = "shared"
l = [s, s]
l2 = marshal.loads(marshal.dumps(l))
print(l2[0] is l2[1])
def f(a, b=2, *c, d, **e):
    "doc"
    x = [i * a for i in c]
    def g(): return x
    return g, b, d, e
co = marshal.loads(marshal.dumps(f.__code__))
c0 = f.__code__
fields = ["co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_stacksize", "co_flags",
          "co_code", "co_names", "co_varnames", "co_cellvars", "co_freevars", "co_filename",
          "co_name", "co_qualname", "co_firstlineno", "co_linetable", "co_exceptiontable"]
print([x for x in fields if getattr(co, x) != getattr(c0, x)])
print(co.co_name, co.co_qualname, co.co_varnames, co.co_consts[0], co.co_consts[1].co_name)
module_code = compile("def f(a, *c):\n    x = [i * a for i in c]\n    return lambda: x\n", "<mod>", "exec")
ns = {}
exec(marshal.loads(marshal.dumps(module_code)), ns)
print(ns["f"](3, 5, 6)())
print(marshal.loads(marshal.dumps(compile("x = 1; print(x + 41)", "<m>", "exec"))) is not None)
exec(marshal.loads(marshal.dumps(compile("x = 1; print(x + 41)", "<m>", "exec"))))
import io
b = io.BytesIO()
marshal.dump([1, 2], b); marshal.dump("z", b)
b.seek(0)
print(marshal.load(b), marshal.load(b))
try: marshal.load(b)
except EOFError as e: print("EOFError", e)
print(marshal.loads(b"i\x01\x00\x00\x00trailing"))
