# Exception chaining: __context__, __cause__, __suppress_context__.
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("conversion failed") from e
except ValueError as v:
    print(type(v.__cause__).__name__, v.__cause__, type(v.__context__).__name__, v.__suppress_context__)
try:
    try:
        {}["x"]
    except KeyError:
        raise RuntimeError("implicit")
except RuntimeError as r:
    print(r.__cause__, type(r.__context__).__name__, r.__suppress_context__)
try:
    try:
        raise OSError("os")
    except OSError:
        raise TypeError("suppressed") from None
except TypeError as t:
    print(t.__cause__, type(t.__context__).__name__, t.__suppress_context__)
e = ValueError("x")
print(e.__context__, e.__cause__, e.__traceback__)
try:
    raise e
except ValueError as caught:
    print(caught is e, caught.__traceback__ is not None)
try:
    raise ValueError("bad") from 5
except TypeError as t:
    print("TypeError:", t)
ex = Exception("with note")
ex.add_note("a note")
print(ex.__notes__, ex.args)
def with_tb():
    raise KeyError("k")
try:
    with_tb()
except KeyError as k:
    print(k.with_traceback(None) is k)
