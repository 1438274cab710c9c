# The native _stat module behind Lib/stat.py: predicates, S_IMODE/S_IFMT, filemode, constants.
import _stat, stat
print(stat.S_ISDIR is _stat.S_ISDIR)
for a in ['x', -1, 2**64, 1.5, True]:
  try: print(_stat.S_ISDIR(a))
  except Exception as e: print(type(e).__name__, e)
print(_stat.filemode(0o170777), _stat.filemode(0o40755), _stat.filemode(0o104755), _stat.filemode(0o1777|0o40000), _stat.filemode(0o2755|0o100000), _stat.filemode(0))
print(_stat.filemode(0o170000|0o777), _stat.filemode(0o10000), _stat.filemode(0o20000),_stat.filemode(0o60000),_stat.filemode(0o120000),_stat.filemode(0o140000), _stat.filemode(0o4644|0o100000), _stat.filemode(0o1666|0o100000))
print({k: getattr(_stat,k) for k in dir(_stat) if not k.startswith('_') and k != 'SF_SETTABLE' and isinstance(getattr(_stat,k), int)})  # SF_SETTABLE is a C long
print([k for k in dir(_stat) if callable(getattr(_stat,k)) and not k.startswith('__')])
print(_stat.S_ISDIR.__doc__)
print([f(0o40755) for f in (_stat.S_ISDIR, _stat.S_ISREG, _stat.S_ISLNK, _stat.S_ISDOOR, _stat.S_ISWHT)], _stat.S_IMODE(0o104755), _stat.S_IFMT(0o104755))
