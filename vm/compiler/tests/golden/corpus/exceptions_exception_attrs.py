# Exception objects (errno subclasses are tested natively: the wasm oracle uses other errno numbers): args, str/repr forms, built-in hierarchy facts, messages of common errors.
for e in [Exception(), Exception("one"), Exception("a", 2), KeyError("k"), KeyError(), OSError("disk full"),
          IndexError("i"), StopIteration(), NameError("n"), AttributeError("a")]:
    print(type(e).__name__, repr(e), str(e), e.args)
print(FileNotFoundError.__mro__[1].__name__, issubclass(FileNotFoundError, OSError))
print(isinstance(KeyboardInterrupt(), Exception), isinstance(KeyboardInterrupt(), BaseException))
for code in ["1/0", "[].pop()", "{}['x']", "int('z')", "f = None; f()", "len(5)", "'a' * 'b'", "(1).x",
             "[1, 2][5]", "float('abc')", "chr(-1)", "ord('ab')", "undefined_thing", "1 + None",
             "'%d' % 'x'", "int(None)", "[].index(3)", "abs('x')"]:
    try:
        exec(code)
    except Exception as e:
        print(f"{code!r}: {type(e).__name__}: {e}")
