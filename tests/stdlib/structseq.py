# Struct sequences (time.struct_time, os.stat_result, sys.* records): the tuple protocol over the
# visible fields, hidden fields by name, construction rules, repr, pickling support, copy.replace.
import copy
import os
import sys
import time

T = time.struct_time
print(T.__mro__, T.n_sequence_fields, T.n_fields, T.n_unnamed_fields)
print(T.__match_args__)
t = T((2020, 3, 4, 5, 6, 7, 2, 64, 0))
print(t)
print(len(t), t[0], t[-1], t[1:3], t.tm_year, t.tm_mday, t.tm_zone, t.tm_gmtoff)
print(t == (2020, 3, 4, 5, 6, 7, 2, 64, 0), hash(t) == hash(tuple(t)), tuple(t), list(t)[:2])
print(isinstance(t, tuple), type(t).__name__, type(t).__module__, type(t).__qualname__)
t2 = T(list(range(11)))
print(t2, t2.tm_zone, t2.tm_gmtoff, len(t2))
t3 = T(range(9), {"tm_zone": "ZZZ", "tm_gmtoff": 60})
print(t3.tm_zone, t3.tm_gmtoff)
print(T(sequence="abcdefghi", dict={}))
print(t3.__reduce__())
print(copy.copy(t3) == t3, copy.deepcopy(t3).tm_zone)
r = copy.replace(t3, tm_year=1999, tm_zone="UTC")
print(r, r.tm_zone, r.tm_gmtoff, type(r) is T)

def err(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except Exception as e:
        print(type(e).__name__, e)

err(T, (1, 2))
err(T, range(12))
err(T, 5)
err(T, range(9), 5)
err(T, range(9), None)
err(T, range(9), x=1)
err(T, range(9), {"tm_zone": "Z", "other": 1})
err(T, range(10), {"tm_zone": "Z"})
print(T(range(10), {"tm_gmtoff": 3}).tm_gmtoff, T(range(9), {}).tm_zone)
err(T)
err(t.__replace__, 1)
err(copy.replace, t, foo=1, bar=2)
err(copy.replace, os.stat("."), st_mode=1)
err(setattr, t, "tm_year", 5)
err(type(sys.flags))
err(type(sys.version_info), (1, 2, 3, "final", 0))
try:
    class Sub(T):
        pass
except TypeError as e:
    print(e)

match t:
    case T(tm_year=y, tm_mon=m):
        print("matched", y, m)
match t:
    case (y, m, *rest):
        print("sequence", y, m, len(rest))

s = os.stat(".")
S = type(s)
print(S.__name__, S.n_sequence_fields, S.n_fields, S.n_unnamed_fields, S.__match_args__)
print(len(s), s[0] == s.st_mode, s[7] == int(s.st_atime), type(s[7]), type(s.st_atime))
print(repr(s).startswith("os.stat_result(st_mode="), "st_atime=" in repr(s))
print(S(range(10)).st_atime, S(range(13)).st_atime, S(range(10), {"st_atime_ns": 5}).st_atime_ns)
print(type(os.terminal_size((80, 24))), os.terminal_size((80, 24)))
print(os.terminal_size((80, 24)).columns, os.terminal_size((80, 24)).lines)
print(type(os.times()).__name__, os.times()._fields if hasattr(os.times(), "_fields") else type(os.times()).__match_args__)
print(type(os.uname()).__name__, type(os.uname()).__match_args__, os.uname().sysname == os.uname()[0])
