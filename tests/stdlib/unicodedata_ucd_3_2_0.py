# unicodedata.ucd_3_2_0 (Unicode 3.2.0, used by IDNA and stringprep): its properties over all
# code points (aggregated), names, normalization with the 3.2.0 corrections, the UCD type, and
# the encodings.idna codec built on it.
import unicodedata
from collections import Counter
from itertools import repeat
from operator import mul

u = unicodedata.ucd_3_2_0
P = (1 << 61) - 1
print(u.unidata_version, unicodedata.unidata_version, type(u).__name__, type(u) is unicodedata.UCD)
CHARS = list(map(chr, range(0x110000)))

for prop in (u.category, u.bidirectional, u.east_asian_width, u.combining, u.mirrored,
             u.decomposition):
    values = list(map(prop, CHARS))
    counts = sorted(Counter(values).items(), key=lambda kv: str(kv[0]))
    rank = {v: i + 1 for i, (v, n) in enumerate(counts)}
    check = sum(map(mul, range(0x110000), map(rank.__getitem__, values))) % P
    print(prop.__name__, len(counts), counts[:12], check)
for prop in (u.decimal, u.digit, u.numeric):
    found = [(cp, v) for cp, v in enumerate(map(prop, CHARS, repeat(None))) if v is not None]
    print(prop.__name__, len(found), sum(cp * v for cp, v in found) % P)
names = [(cp, n) for cp, n in enumerate(map(u.name, CHARS, repeat(None))) if n is not None]
check = 0
for cp, n in names:
    check = (check * 131 + cp + int.from_bytes(n.encode(), "big")) % P
print("names", len(names), check)
for name in ("LATIN SMALL LETTER A", "BYTE ORDER MARK", "KEYCAP NUMBER SIGN", "SNOWMAN",
             "GRINNING FACE", "CJK UNIFIED IDEOGRAPH-4E00", "HANGUL SYLLABLE GA", "BOM"):
    try:
        print(name, ascii(u.lookup(name)))
    except KeyError as e:
        print(name, "KeyError", e)

FORMS = ("NFC", "NFD", "NFKC", "NFKD")
for s in ["\uf951", "\U0002f868", "\U0002f874", "\U0002f91f", "\U0002f95f", "\U0002f9bf",
          "e\u0301", "\u1e9b\u0323", "\uac00\u11a8", "\u0958", "\u2adc", "\U0001d15e",
          "\u0221\u0301", "\u1e9e", "\u00bd\u2460"]:
    print(ascii(s), [ascii(u.normalize(f, s)) for f in FORMS], [u.is_normalized(f, s) for f in FORMS])
checks = {f: 0 for f in FORMS}
for cp in range(0x110000):
    ch = CHARS[cp]
    if not unicodedata.decomposition(ch) and not unicodedata.combining(ch):
        continue
    s = ch + "\u0301" + ch
    for f in FORMS:
        r = u.normalize(f, s)
        checks[f] = (checks[f] * 131 + int.from_bytes(r.encode("utf-8", "surrogatepass"), "big")) % P
print(checks)
try:
    unicodedata.UCD()
except TypeError as e:
    print("TypeError", e)
print("b\u00fccher.example".encode("idna"), b"xn--bcher-kva.example".decode("idna"))
print("\u30c6\u30b9\u30c8.jp".encode("idna"))
import stringprep
print(stringprep.in_table_a1("\u0221"), stringprep.in_table_b1("\u00ad"), stringprep.map_table_b2("\u00df"),
      stringprep.in_table_c12("\u3000"), stringprep.in_table_d1("\u05d0"), stringprep.in_table_d2("a"))
