# importlib from Lib on top of the native import: specs, loaders, finders, import_module, reload,
# find_spec, the import lock.
import importlib
import importlib.machinery
import importlib.util
import sys

print([f.__name__ for f in sys.meta_path])
print(len(sys.path_hooks) >= 2)
import math
spec = math.__spec__
print(spec.name, spec.origin, spec.loader is importlib.machinery.BuiltinImporter, spec.parent)
print(sys.modules["sys"].__spec__.origin, sys.modules["builtins"].__loader__.__name__)

import _helpermod
s = _helpermod.__spec__
print(s.name, s.origin.rsplit("/", 1)[-1], type(s.loader).__name__, s.has_location, repr(s.parent))
print(s.submodule_search_locations, _helpermod.__loader__ is s.loader)
print(s.loader.get_filename("_helpermod") == _helpermod.__file__, s.loader.is_package("_helpermod"))

import pkg.sub.deep
p = pkg.__spec__
print(p.name, p.parent, [x.rsplit("/", 1)[-1] for x in p.submodule_search_locations])
print(p.origin.rsplit("/", 2)[-2:], pkg.sub.deep.__spec__.parent, pkg.sub.__spec__.parent)

found = importlib.util.find_spec("pkg.leaf")
print(found.name, found.origin.rsplit("/", 1)[-1], type(found.loader).__name__)
print(importlib.util.find_spec("no_such_module_xyz"))
print(importlib.util.find_spec("math").origin)
print(importlib.util.find_spec(".leaf", "pkg").name)
try:
    importlib.util.find_spec("no_such_pkg_xyz.sub")
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e)

mod = importlib.import_module("pkg.sub")
print(mod is pkg.sub, importlib.import_module(".deep", "pkg.sub") is pkg.sub.deep)
try:
    importlib.import_module("no_such_module_xyz")
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e, e.name)

_helpermod.VALUE = 0
again = importlib.reload(_helpermod)
print(again is _helpermod, _helpermod.VALUE)

import _imp
print(_imp.lock_held())
with importlib._bootstrap._ModuleLockManager("x"):
    pass
_imp.acquire_lock()
print(_imp.lock_held())
_imp.release_lock()
print(_imp.lock_held())
