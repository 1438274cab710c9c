# try/except/else/finally basics, matching, re-raising, exception attributes.
def risky(kind):
    if kind == "zero":
        return 1 / 0
    if kind == "key":
        return {}["k"]
    if kind == "index":
        return [][1]
    if kind == "type":
        return "a" + 1
    if kind == "value":
        return int("x")
    if kind == "attr":
        return None.foo
    if kind == "name":
        return undefined
    return "fine"
for kind in ["zero", "key", "index", "type", "value", "attr", "name", "ok"]:
    try:
        result = risky(kind)
    except ZeroDivisionError as e:
        print("zero:", e, type(e).__name__, e.args)
    except (KeyError, IndexError) as e:
        print("lookup:", type(e).__name__, repr(e), isinstance(e, LookupError))
    except TypeError as e:
        print("type:", e)
    except Exception as e:
        print("other:", type(e).__name__, e)
    else:
        print("no error:", result)
    finally:
        print("finally", kind)
def reraise():
    try:
        1 / 0
    except ZeroDivisionError:
        print("caught, re-raising")
        raise
try:
    reraise()
except ArithmeticError as e:
    print("outer caught", type(e).__name__)
try:
    raise ValueError("custom message", 42)
except ValueError as e:
    print(e.args, str(e), repr(e))
try:
    raise KeyError("k")
except KeyError as e:
    print(str(e), repr(e))
try:
    try:
        raise TypeError("inner")
    finally:
        print("inner finally")
except TypeError as e:
    print("propagated", e)
e = None
try:
    raise RuntimeError
except RuntimeError as err:
    e = err
print(type(e).__name__, e.args, str(e) == "")
try:
    err
except NameError as ne:
    print("NameError:", ne)
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, Exception), issubclass(Exception, BaseException))
print(ZeroDivisionError.__mro__)
try:
    raise StopIteration(5)
except StopIteration as s:
    print("StopIteration value", s.value)
try:
    raise SystemExit(3)
except SystemExit as s:
    print("SystemExit code", s.code)
try:
    raise 5
except TypeError as e:
    print("TypeError:", e)
