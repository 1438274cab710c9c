# runpy on top of Lib's importlib (what `weft -m` uses): run_module for a module, a package
# (its __main__) and a submodule, and its errors.
import runpy
import sys

g = runpy.run_module("_runme")
print(g["__name__"], g["ANSWER"], g["__spec__"].name, g["__file__"].rsplit("/", 1)[-1])
print("_runme" in sys.modules)

g = runpy.run_module("_runme", run_name="__main__")
print(g["__name__"], g["__spec__"].name)

g = runpy.run_module("runpkg.tool", run_name="__main__", alter_sys=True)
print(g["RESULT"], "runpkg" in sys.modules, sys.argv[0] == sys.argv[0])

g = runpy.run_module("runpkg")
print(g["__name__"], g["__package__"])

try:
    runpy.run_module("no_such_module_xyz")
except ImportError as e:
    print(type(e).__name__, e)
try:
    runpy.run_module("pkg.leaf.nothing")
except ImportError as e:
    print(type(e).__name__, e)
try:
    runpy.run_module(".relative")
except ImportError as e:
    print(type(e).__name__, e)
