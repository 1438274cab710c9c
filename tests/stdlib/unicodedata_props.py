# unicodedata: every per-character property over all 0x110000 code points, aggregated (counts per
# value, sums, checksums) so any single wrong entry changes the output.
import unicodedata as u
from collections import Counter
from itertools import repeat
from operator import mul

P = (1 << 61) - 1
print(u.unidata_version)


CHARS = list(map(chr, range(0x110000)))


def tally(fn):
    values = list(map(fn, CHARS))
    counts = sorted(Counter(values).items(), key=lambda kv: str(kv[0]))
    # a checksum of which code point has which value
    rank = {v: i + 1 for i, (v, n) in enumerate(counts)}
    check = sum(map(mul, range(0x110000), map(rank.__getitem__, values))) % P
    return counts, check


for prop in (u.category, u.bidirectional, u.east_asian_width, u.combining, u.mirrored):
    counts, check = tally(prop)
    print(prop.__name__, counts, check)

decimals = [(cp, d) for cp, d in enumerate(map(u.decimal, CHARS, repeat(None))) if d is not None]
digits = [(cp, d) for cp, d in enumerate(map(u.digit, CHARS, repeat(None))) if d is not None]
numerics = [(cp, n) for cp, n in enumerate(map(u.numeric, CHARS, repeat(None))) if n is not None]
print("decimal", len(decimals), sum(cp * d for cp, d in decimals) % P)
print("digit", len(digits), sum(cp * d for cp, d in digits) % P)
print("numeric", len(numerics), sum(n for cp, n in numerics), sum(cp * n for cp, n in numerics),
      sorted(set(n for cp, n in numerics))[:24])
decomps = [(cp, d) for cp, d in enumerate(map(u.decomposition, CHARS)) if d]
check = 0
for cp, d in decomps:
    check = (check * 257 + cp + int.from_bytes(d.encode(), "big")) % P
print("decomposition", len(decomps), check)

# errors and defaults
for f in (u.decimal, u.digit, u.numeric, u.name):
    try:
        f("\u0378")
    except ValueError as e:
        print(f.__name__, "ValueError", e)
    print(f.__name__, f("\u0378", "dflt"))
for bad in ("ab", "", 1, b"a"):
    for f in (u.category, u.name, u.decimal):
        try:
            f(bad)
        except TypeError as e:
            print("TypeError", e)
try:
    u.name(chr=1)
except TypeError as e:
    print("TypeError", e)
print(u.digit("\u00b2"), u.numeric("\u2155"), u.decimal("\u0663"), u.numeric("\U0001ec71"))
print(u.category("\ud800"), u.bidirectional("\u05d0"), repr(u.bidirectional("\u0378")),
      u.east_asian_width("\u3000"), u.mirrored("("), u.combining("\u0301"))
for call in (lambda: u.name("a", 1, 2), lambda: u.name(), lambda: u.category(),
             lambda: u.category("a", "b"), lambda: u.category(chr="a"), lambda: u.lookup(),
             lambda: u.normalize("NFC"), lambda: u.is_normalized(1, "a")):
    try:
        call()
    except TypeError as e:
        print("TypeError", e)
