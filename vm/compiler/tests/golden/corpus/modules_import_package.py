# Packages: __init__.py, submodules, relative imports.
import pkg
print(pkg.PKG_CONST, pkg.leaf.hello())
import pkg.sub.deep
print(pkg.sub.deep.deep_hello(), pkg.sub.SUB)
from pkg.sub import deep
print(deep.deep_hello())
from pkg import leaf as lf
print(lf.__name__, lf is pkg.leaf)
import sys
print(sorted([k for k in sys.modules if k.startswith("pkg")]))
print(pkg.__name__, pkg.__package__, pkg.leaf.__package__)
