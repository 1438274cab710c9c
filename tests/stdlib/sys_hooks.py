# sys hooks and introspection: displayhook, excepthook (also for the uncaught exception),
# _getframe, getsizeof, switch interval, int max str digits, stdlib_module_names.
import sys
sys.excepthook(ValueError, ValueError("v"), None)
sys.excepthook(None, 'x', None)
try:
    sys.excepthook(1, 2)
except TypeError as e:
    print("TE", e)
print(sys.displayhook(None))
sys.displayhook(5)
import builtins
print(builtins._)
sys.displayhook("s")
try:
    sys.displayhook()
except TypeError as e:
    print("TE", e)
print(sys.__displayhook__ is sys.displayhook, sys.__excepthook__ is sys.excepthook)
def f():
    return sys._getframe(0).f_code.co_name, sys._getframe(1).f_code.co_name, sys._getframemodulename(0), sys._getframemodulename()
print(f())
try:
    sys._getframe(100)
except ValueError as e:
    print("VE", e)
print(sys._getframemodulename(100))
print(sys.getswitchinterval())
sys.setswitchinterval(0.01)
print(sys.getswitchinterval())
for v in (0, -1, "x"):
    try:
        sys.setswitchinterval(v)
    except Exception as e:
        print(type(e).__name__, e)
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(640)
print(sys.get_int_max_str_digits())
try:
    sys.set_int_max_str_digits(5)
except ValueError as e:
    print("VE", e)
sys.set_int_max_str_digits(maxdigits=0)
print(len(str(10**5000)))
print(sys.abiflags == '' or sys.abiflags == 't', sys.float_repr_style, sys.platlibdir, sys.pycache_prefix, sys.warnoptions, sys._xoptions)
print(sys.getfilesystemencodeerrors(), sys.call_tracing(lambda a, b: a + b, (1, 2)))
print(sys._is_interned(sys.intern("".join(["x", "yz"]))), sys._is_interned("".join(["x", "yz!"])), sys._is_immortal(None), sys._is_immortal(object()))
print(sys.getsizeof(1, 5) > 0, sys.getsizeof(object()) > 0)
class Bad:
    def __sizeof__(self): return -1
try:
    sys.getsizeof(Bad())
except ValueError as e:
    print("VE", e)
class Bad2:
    def __sizeof__(self): return "x"
try:
    sys.getsizeof(Bad2())
except TypeError as e:
    print("TE", e)
print(sys.getsizeof(Bad2(), 42))
print("os" in sys.stdlib_module_names, "weft" in sys.stdlib_module_names, type(sys.stdlib_module_names).__name__)
def hook(t, v, tb):
    print("hooked:", t.__name__, v, tb is not None)
sys.excepthook = hook
def failing_hook(t, v, tb):
    raise RuntimeError("hook failed")
try:
    raise KeyError("first")
except KeyError as e:
    sys.excepthook = failing_hook
    sys.__excepthook__(type(e), e, e.__traceback__)
sys.excepthook = hook
raise KeyError("final")
