# _imp (the native half of importlib) and _warnings.warn/warn_explicit, which forward to Lib's
# warnings with its filters.
import _imp
import sys

print(_imp.pyc_magic_number_token.to_bytes(4, "little")[2:], _imp.check_hash_based_pycs)
print(_imp.is_builtin("sys"), _imp.is_builtin("builtins"), _imp.is_builtin("math"),
      _imp.is_builtin("_imp"), _imp.is_builtin("no_such"))
print(_imp.source_hash(_imp.pyc_magic_number_token, b"abc").hex(), _imp.source_hash(key=1, source=b""))
print(_imp.is_frozen("no_such"), _imp.find_frozen("no_such"), _imp.find_frozen("no_such", withdata=True))
for f in (lambda: _imp.is_frozen_package("no_such"), lambda: _imp.get_frozen_object("no_such"),
          lambda: _imp.init_frozen("no_such"), lambda: _imp.release_lock(),
          lambda: _imp.create_builtin(3), lambda: _imp._override_multi_interp_extensions_check(0)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(_imp.lock_held())
_imp.acquire_lock()
_imp.acquire_lock()
print(_imp.lock_held())
_imp.release_lock()
print(_imp.lock_held())
_imp.release_lock()
print(_imp.lock_held())
class Spec:
    name = "math"
import math
m2 = _imp.create_builtin(Spec())
print(m2 is math, m2.__name__, _imp.exec_builtin(math))
Spec.name = "no_such"
print(_imp.create_builtin(Spec()))
code = compile("def f(): pass", "old.py", "exec")
_imp._fix_co_filename(code, "new.py")
print(code.co_filename, code.co_consts[0].co_filename)

import _warnings
import warnings
sys.stderr = sys.stdout
_warnings.warn("plain")
_warnings.warn("as a deprecation", DeprecationWarning, stacklevel=1)
def caller():
    _warnings.warn("blames the caller", UserWarning, stacklevel=2)
caller()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    _warnings.warn("recorded", RuntimeWarning)
    _warnings.warn("recorded", RuntimeWarning)
    _warnings.warn_explicit("explicit", SyntaxWarning, "somefile.py", 12)
print([(str(w.message), w.category.__name__, w.lineno) for w in caught])
warnings.simplefilter("error")
try:
    _warnings.warn("now an error")
except UserWarning as e:
    print("raised", e)
try:
    _warnings.warn("x", category=int)
except TypeError as e:
    print("TypeError", e)
