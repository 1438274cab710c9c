# Importing the user's own modules: import, from-import, caching in sys.modules, attributes.
import sys
import _helpermod
print(_helpermod.VALUE, _helpermod.double(21), _helpermod.Widget(3), _helpermod.__name__)
import _helpermod as hm
print(hm is _helpermod, "_helpermod" in sys.modules)
from _helpermod import double, VALUE as V
print(double(5), V)
from _helpermod import *
print(Widget(7))
try:
    _private
except NameError as e:
    print("NameError:", e)
try:
    from _helpermod import nothing_here
except ImportError as e:
    print("ImportError:", e)
try:
    import no_such_module_anywhere
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name)
print(type(hm).__name__, hm.__file__.endswith("_helpermod.py"))
