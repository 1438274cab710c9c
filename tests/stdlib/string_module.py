# string / _string: Formatter, capwords, constants, and the parser hooks behind them.
import string
import _string

print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), len(string.printable), string.punctuation)
print(string.capwords(" hello   wide  world "), string.capwords("a-b-c", "-"))
fmt = string.Formatter()
print(fmt.format("{0}-{1!r}-{x:>5}-{0.real}", 7, "s", x="right"))
print(fmt.format("{:{}}|{a[1]}|{b[k]}", 3.5, 8, a=[0, 1], b={"k": "v"}))
print(fmt.vformat("{} and {}", ("x", "y"), {}))
print(list(fmt.parse("a{{b}}c{0!s:^{w}}d")))
class Upper(string.Formatter):
    def format_field(self, value, spec):
        return format(value, spec).upper()
print(Upper().format("{} {:x}", "mixed Case", 255))
for s in ["a{{b", "a}}b{0!r:>{w}}c", "{}", "{0.x[1]!s}", "{a[}]}", "", "{0:{1}}", "x{!a}"]:
    print(repr(s), list(_string.formatter_parser(s)))
for s in ["{", "}", "a{", "{0", "{0!}", "{0!rx}", "{a{b}", "x{a[b}"]:
    try:
        print(list(_string.formatter_parser(s)))
    except ValueError as e:
        print(repr(s), "ValueError:", e)
for s in ["a.0", "0[1]", "a.b[c].d", "", "12", "x]y", "a[1][x]"]:
    first, rest = _string.formatter_field_name_split(s)
    print(repr(s), repr(first), list(rest))
for s in ["x[", "x.", "x[0]y", "9" * 30]:
    try:
        first, rest = _string.formatter_field_name_split(s)
        print(list(rest))
    except ValueError as e:
        print(repr(s), "ValueError:", e)
for bad in ["{0!}", "{0.}", "{a{b}", "{0[}"]:
    try:
        print(bad.format(1))
    except ValueError as e:
        print(repr(bad), "ValueError:", e)
try:
    _string.formatter_parser(1)
except TypeError as e:
    print("TypeError:", e)
