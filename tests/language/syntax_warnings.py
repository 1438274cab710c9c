# SyntaxWarnings the compiler issues (invalid escapes, numbers running into keywords, `is` with
# a literal, missing commas, asserts on tuples, PEP 765 control flow in `finally`), their
# filename/line, and the SyntaxError they become when warnings are errors.
import warnings

SOURCES = [
    r'x = "\d"',
    r'x = b"\d"',
    r'x = "\777"',
    r'x = b"\400"',
    r'x = f"\d{1}"',
    r'x = "\d\q"',
    'x = """a\nb\n\\d"""\ny = 1',
    'x = (1,\n "\\d",\n 2)',
    r'x = r"\d"',
    'x = 1 is 1',
    'x = a is "s"',
    'x = a is not ()',
    'x = a is (1, 2)',
    'x = a is None or a is ... or a is True',
    'if x is 5: pass',
    'x = 1 < a is 2',
    'x = "abc" ()',
    'x = [1,2] (3)',
    'x = (1, 2) ()',
    'x = 5 (3)',
    'x = {1: 2} (3)',
    'x = f"{a}" ()',
    'x = "a"[1.0]',
    'x = [1][a, b]',
    'x = (1, 2)["a"]',
    'x = 5[0]',
    'x = {1, 2}[0]',
    'x = None[0]',
    'x = "abc"[1]',
    'x = "abc"[a:b]',
    'assert (a, "msg")',
    'assert ()',
    'assert a, "msg"',
    'x = 1if 1else 0',
    'x = 0x1for x in y',
    'x = 1_000in y',
    'x = [0x1for x in y]',
    'def f():\n    try:\n        pass\n    finally:\n        return 1',
    'for i in x:\n    try:\n        pass\n    finally:\n        break',
    'for i in x:\n    try:\n        pass\n    finally:\n        continue',
    'try:\n    pass\nfinally:\n    for i in x:\n        break',
    'try:\n    pass\nfinally:\n    def g():\n        return 1',
    'def f():\n    try:\n        pass\n    finally:\n        if a:\n            return 1\n        else:\n            return 2',
]

for src in SOURCES:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            compile(src, "<test>", "exec")
        except SyntaxError as e:
            print(repr(src), "SyntaxError:", e)
        for w in caught:
            print(repr(src), w.category.__name__, w.filename, w.lineno, w.message)
    if not caught:
        print(repr(src), "no warning")
        continue
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            compile(src, "<test>", "exec")
            print("  no error")
        except SyntaxError as e:
            print("  error:", type(e).__name__, e.msg, e.lineno)

# The filters see the module given to compile() through the filename.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", category=SyntaxWarning, message=".*literal")
    compile("x = 1 is 1\ny = 'a' ()", "ignored.py", "exec")
    print([str(w.message) for w in caught])

# `ast.parse` reports the parser's warnings but not the code generator's.
import ast
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    ast.parse('x = "\\d"\ny = 1 is 1')
    print([str(w.message)[:40] for w in caught])
