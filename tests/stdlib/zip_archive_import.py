# Importing modules and packages from a zip archive on sys.path (the mechanism behind the stdlib
# zip): stored and deflated members, packages, relative imports, missing and failing modules.
import sys

here = __file__.rsplit("/", 1)[0]
archive = here + "/data/zipped.zip"
sys.path.insert(0, archive)

import zmod
print(zmod.VALUE, zmod.__file__)
import zpkg
print(zpkg.NAME, zpkg.__path__, zpkg.__package__, zpkg.__file__)
from zpkg.inner import deep
print(deep.DEEP, deep.__name__, deep.__package__, deep.__file__)
import zpkg.inner
print(zpkg.inner.__path__)
try:
    import zpkg.missing
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name)
try:
    import zpkg.broken
except ValueError as e:
    print("ValueError:", e, "zpkg.broken" in sys.modules)
print(sorted(name for name in sys.modules if name.split(".")[0] in ("zmod", "zpkg")))
