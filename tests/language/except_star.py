# PEP 654 except*: matching parts of exception groups, re-raising what is left, and the
# exceptions raised inside except* clauses.
def show(excs):
    try:
        raise ExceptionGroup("eg", excs)
    except* ValueError as e:
        print("ValueError part", repr(e))
    except* TypeError as e:
        print("TypeError part", repr(e))


show([ValueError(1), TypeError(2), ValueError(3)])
try:
    show([ValueError(1), KeyError(3)])
except ExceptionGroup as rest:
    print("unhandled rest", repr(rest))

try:
    raise TypeError("naked")
except* TypeError as e:
    print("naked wrapped", repr(e), e.exceptions)

try:
    try:
        raise ValueError("inner")
    except* ValueError:
        raise
except* ValueError as e:
    print("re-raised", repr(e))

try:
    try:
        raise ExceptionGroup("x", [ValueError(1), OSError(2)])
    except* ValueError:
        raise RuntimeError("new")
except ExceptionGroup as g:
    print("raised in handler", repr(g))

for body in ("pass", "raise ExceptionGroup('y', [KeyError('k')])"):
    try:
        try:
            exec(body)
        except* KeyError as e:
            print("handler", repr(e))
        else:
            print("else ran")
        finally:
            print("finally ran")
    except Exception as e:
        print("escaped", repr(e))

try:
    try:
        raise ValueError
    except* ExceptionGroup:
        pass
except TypeError as e:
    print("TypeError", e)

nested = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)])])
try:
    raise nested
except* ValueError as e:
    print("nested match", repr(e))
except* TypeError as e:
    print("nested type", repr(e))


def with_note():
    try:
        raise ExceptionGroup("noted", [ValueError(1), KeyError(2)])
    except* ValueError as e:
        e.add_note("seen")
        raise


try:
    with_note()
except ExceptionGroup as g:
    print(repr(g), getattr(g, "__notes__", None))

for code in (
    "try:\n pass\nexcept* ValueError:\n pass\nexcept TypeError:\n pass",
    "for x in y:\n try:\n  pass\n except* ValueError:\n  break",
    "for x in y:\n try:\n  pass\n except* ValueError:\n  continue",
    "def f():\n try:\n  pass\n except* ValueError:\n  return",
    "for x in y:\n try:\n  pass\n except* ValueError:\n  for z in w:\n   break",
):
    try:
        compile(code, "<s>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset)
