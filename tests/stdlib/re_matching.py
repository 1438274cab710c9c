# re: syntax features, groups and flags through the re module (compiled by re._compiler, run by
# the native _sre engine): search/match/findall/finditer/split/sub for each pattern.
import re


def show(m):
    if m is None:
        return None
    return (m.span(), m.group(), m.groups(), m.groupdict(), m.lastindex, m.lastgroup)


cases = [
    (r"(\w+)@(\w+)\.com", "mail foo@bar.com and x@y.com", 0),
    (r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)", "on 2024-01-15.", 0),
    (r"^(\s*)#\s*(\w+)", "  # define X", re.M),
    (r"colou?r", "Colour COLOR color", re.I),
    (r"a.b", "a\nb", re.S),
    (r"^b", "a\nb", re.M),
    (r"(?x) \d+ \s* (?# digits then spaces) [a-z]+", "12   abc", 0),
    (r"\bcat\b", "concatenate cat", 0),
    (r"(a|b)*?c", "ababc", 0),
    (r"(?<=\$)\d+(\.\d\d)?", "cost: $42.50", 0),
    (r"(?<!\d)\d{3}(?!\d)", "12345 678 9", 0),
    (r"(?P<q>['\"]).*?(?P=q)", "say 'hi' or \"yo\"", 0),
    (r"(\()?\d+(?(1)\))", "(12) 34 (56", 0),
    (r"(?>a+)b|a+c", "aaac", 0),
    (r"\w++\d", "abc1", 0),
    (r"[^\W\d_]+", "__abc123", 0),
    (r"(?i:AB)c", "abc ABC abC", 0),
    (r"(?a)\w+", "héllo", 0),
    (r"\w+", "héllo wörld", 0),
    (r"(?i)ß", "SS ẞ ß", 0),
    (r"[\u0400-\u04ff]+", "hello привет", 0),
]
for pattern, text, flags in cases:
    p = re.compile(pattern, flags)
    print(repr(pattern), p)
    print("  search", show(p.search(text)))
    print("  match", show(p.match(text)))
    print("  findall", p.findall(text))
    print("  finditer", [m.span() for m in p.finditer(text)])
    print("  split", p.split(text))
    print("  sub", p.subn(lambda m: "<" + m.group() + ">", text))

