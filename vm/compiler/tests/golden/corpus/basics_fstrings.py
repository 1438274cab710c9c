# f-strings (plain formatting; PEP 701 nesting is tested with the language issue).
name = "World"
n = 42
pi = 3.14159265
print(f"Hello, {name}!")
print(f"{n} {n + 1} {n * 2} {n:5d}|{n:<5}|{n:^5}|{n:x}|{n:08b}")
print(f"{pi:.2f} {pi:10.3f}| {pi:e} {pi:g} {1e20:g}")
print(f"{name!r} {name!s} {'é'!a}")
print(f"{[1, 2, 3]} {(1, 'a')} {{literal braces}}")
items = {"a": 1}
print(f"{items['a']} {len(items)} {'yes' if n > 40 else 'no'}")
width = 8
print(f"{name:>{width}}|{pi:.{3}f}")
print(f"{n=}", f"{pi=:.1f}", f"{name = }")
print(f"{1000000:,} {1000000:_} {0.5:%}")
print(f"multi {n} " f"part {name}")
print(f"{3 + 4}{'x' * 3}")
print(f"{True} {None} {-5:+d} {5:+d}")
