# PEP 750 template strings: t"..." builds string.templatelib.Template objects.
from string.templatelib import Template, Interpolation

x = 42
name = "w"
t = t"a{x!r:>5}b{name}"
print(type(t), type(t).__module__, type(t).__qualname__)
print(t.strings, t.interpolations, t.values)
print(repr(t))
i = t.interpolations[0]
print(i.value, i.expression, i.conversion, i.format_spec, repr(i), type(i).__match_args__)
print(list(t))
print(list(t"{x}{x}"), t"{x}{x}".strings)
print(t"".strings, list(t""))
print(repr(t + t"c{x}"))
for a, b in ((t, "s"), ("s", t)):
    try:
        a + b
    except TypeError as e:
        print("TypeError", e)
print(Template("a", Interpolation(1, "x"), "b", "c"), Interpolation(1, "x", "r", "s"))
print(t"{x=}".strings, t"{x = }".interpolations)
print(t"{x:{name}}".interpolations[0].format_spec, t"{x:>{3}}".interpolations[0].format_spec)
for bad in ((1,), ()):
    try:
        print(Template(*bad).strings)
    except TypeError as e:
        print("TypeError", e)
try:
    Interpolation(1, "x", "q")
except ValueError as e:
    print("ValueError", e)
match i:
    case Interpolation(value, expr, conv, spec):
        print("matched", value, expr, conv, spec)
print(Template("a", "b").strings, t is t)
