# Code objects: replace()/__replace__ (copy.replace), equality and hashing, _varname_from_oparg,
# co_positions()/co_lines(), co_qualname, and dis over a function.
import copy
import dis

def outer(a, b=2, *args, c, **kw):
    x = a + b
    def inner():
        return x + c
    return inner

co = outer.__code__
print(co.co_name, co.co_qualname, co.co_varnames, co.co_cellvars, co.co_freevars)
inner = [c for c in co.co_consts if hasattr(c, "co_code")][0]
print(inner.co_qualname, inner.co_freevars)

# replace
r = co.replace(co_name="renamed", co_qualname="Q.renamed")
print(r.co_name, r.co_qualname, r.co_varnames, r.co_code == co.co_code, r == co)
print(co.replace() == co, hash(co.replace()) == hash(co))
r2 = copy.replace(co, co_firstlineno=100)
print(r2.co_firstlineno, r2 == co)
r3 = co.replace(co_varnames=("p", "q", "c", "args", "kw", "x"))
print(r3.co_varnames, r3.co_cellvars, r3.co_nlocals)
for bad in [dict(co_code=5), dict(co_consts=[]), dict(co_name=1), dict(co_argcount="x")]:
    try:
        co.replace(**bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    co.replace(co_nlocals=1)
except ValueError as e:
    print("ValueError:", e)
try:
    co.replace(1)
except TypeError as e:
    print("TypeError:", e)
try:
    co.replace(co_bogus=1)
except TypeError as e:
    print("TypeError:", e)

# a replaced code object runs
def add(x, y):
    return x + y
add.__code__ = add.__code__.replace(co_name="plus")
print(add(2, 3), add.__code__.co_name)

# equality and hashing follow CPython's constant keys
c1 = compile("x = 0.0", "f", "exec")
c2 = compile("x = 0.0", "f", "exec")
c3 = compile("x = -0.0", "f", "exec")
c4 = compile("x = 0.0", "g", "exec")
print(c1 == c2, hash(c1) == hash(c2), c1 == c3, c1 == c4, c1 != c3)
print(len({c1, c2, c3}))
print((lambda: 1).__code__ == (lambda: 1).__code__)

# _varname_from_oparg
print([co._varname_from_oparg(i) for i in range(7)])
try:
    co._varname_from_oparg(100)
except IndexError as e:
    print("IndexError:", e)

# positions and lines
def two_lines(a):
    b = a + 1
    return b
pos = list(two_lines.__code__.co_positions())
print(len(pos) == len(two_lines.__code__.co_code) // 2, pos[-1])
print([line for _, _, line in two_lines.__code__.co_lines()])

# dis reads all of the above
dis.dis(two_lines)
info = dis.code_info(two_lines).splitlines()
print(info[:1] + info[2:8])
