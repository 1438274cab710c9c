# bool and None.
print(True, False, None)
print(True + True, True * 10, False - 1, True / 2)
print(True and False, True or False, not True, not None, not 0, not [])
print(bool(0), bool(1), bool(""), bool("a"), bool([]), bool([0]), bool({}), bool(None), bool(0.0))
print(True == 1, False == 0, True is True, None is None, None == None)
print(repr(True), str(False), repr(None), type(None).__name__, type(True).__name__)
print(True & False, True | False, True ^ True, ~int(True))
print(isinstance(True, bool), isinstance(True, int), isinstance(1, bool))
print(1 if None else 2, 0 or "default", "" or [] or "last", 1 and 2 and 3, 1 and 0 and 3)
print(hash(True), hash(False), hash(None) == hash(None))
x = None
print(x is None, x is not None)
def f():
    pass
print(f())
print([] or None, None or 0)
