# str predicates over all 0x110000 code points (counts and position checksums per predicate),
# plus multi-character isidentifier/istitle/isupper/islower and repr() of non-printables.
from itertools import compress

P = (1 << 61) - 1
preds = [str.isalpha, str.isdigit, str.isdecimal, str.isnumeric, str.isspace, str.isprintable,
         str.isidentifier, str.isupper, str.islower, str.istitle, str.isalnum]
CHARS = list(map(chr, range(0x110000)))
counts, checks = [], []
for p in preds:
    hits = list(compress(range(0x110000), map(p, CHARS)))
    counts.append(len(hits))
    checks.append(sum(i * cp for i, cp in enumerate(hits)) % P)
hits = list(compress(range(0x110000), map(str.isidentifier, map("a".__add__, CHARS))))
cont, cont_check = len(hits), sum(i * cp for i, cp in enumerate(hits)) % P
lines = sum(compress(range(0x110000), map(lambda c: len(("x" + c + "y").splitlines()) == 2, CHARS)))
for p, n, c in zip(preds, counts, checks):
    print(p.__name__, n, c)
print("xid_continue", cont, cont_check, "linebreaks", lines)

for s in ["\u01c5abc", "\u01c5Abc", "Ab\u01c5", "\u1fbc\u1fb3", "\u2160\u2161", "\u00aa",
          "\u02b0", "\U0001d400\U0001d41a", "\u2167x", "\u0130", "\u03a3\u03c2"]:
    print(ascii(s), s.isupper(), s.islower(), s.istitle(), s.isalpha())
for s in ["\u2118abc", "\u212e", "\u309b", "x\u00b7", "\u00b7x", "\U00010000a", "a\u0300", "\u0e33",
          "\u1885", "\uff3f", "a\u200c", "\u0660"]:
    print(ascii(s), s.isidentifier())
print(repr("\u00ad\u0378\u200b\u2028\U000e0001\ud800\U000f0000\u3000\u00a0\U0001f600\u0600"))
print("\u1680a\u2007b\u202fc\u205fd\x1ce\x85f".split())
