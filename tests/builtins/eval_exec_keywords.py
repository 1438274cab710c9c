# eval() and exec() take globals and locals by keyword (3.13+); source stays positional-only.
print(eval("x + y", globals={"x": 1}, locals={"y": 2}))
ns = {}
exec("z = 1", globals=ns)
print(ns["z"])
exec("w = z + 1", ns, locals=ns)
print(ns["w"])
for f in (eval, exec):
    try:
        f(source="1")
    except TypeError as e:
        print("TypeError", e)
try:
    exec("1", {}, {}, {})
except TypeError as e:
    print("TypeError", e)
