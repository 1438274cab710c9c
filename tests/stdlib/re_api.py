# re: module functions, templates, escapes, cache, bytes patterns, errors, big inputs.
import re

print(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world foo bar"))
print(re.sub(r"(?P<a>\w+)=(?P<b>\w+)", r"\g<b>=\g<a>;\g<0>", "x=1 y=2"))
print(re.sub(r"a", r"\n\t\\", "bab"))
print(re.subn(r"x*", "-", "abxd"))
print(re.split(r"[,;]\s*", "a, b;c,  d", maxsplit=2))
print(re.split(r"(,)", "a,b,c"))
print(re.findall(r"(\d)(\w)?", "1a2 3"))
print(re.fullmatch(r"\d+", "123"), re.fullmatch(r"\d+", "123a"))
print(re.escape("a.b*c?"), re.escape(b"x+y"))
m = re.search(r"(?P<w>\w+) (?P<n>\d+)?", "abc def")
print(m.expand(r"[\g<w>|\g<n>]"), m.groupdict("?"), m.groups(0), m.regs, m.re.pattern)
print(re.compile(r"a", re.I | re.M), re.compile(rb"a", re.L), re.compile("x" * 300).pattern[:5])
print(re.purge(), re.compile(r"\d") is re.compile(r"\d"))
print(re.match(rb"(\w+) (\d+)", b"abc 123 x").groups(), re.findall(rb"\d", bytearray(b"a1b2")))
print(re.sub(rb"(a)", rb"[\1]", b"banana"))
for bad in ["(", "a)", "[a", "a**", "(?P<1>x)", r"\1", "(?<=a+)b", "x{2,1}", r"\p", "(?P=nope)"]:
    try:
        re.compile(bad)
    except re.error as e:
        print("error", repr(bad), e, e.pos)
try:
    re.sub("a", r"\2", "a")
except re.error as e:
    print("error", e)
try:
    re.compile("a").match(b"a")
except TypeError as e:
    print("TypeError", e)
big = "a" * 100000 + "b"
print(re.match(r"(a|b)*b", big).span(), len(re.findall(r"a", big)), re.search(r"(?:a*?)*?b", big).span())
