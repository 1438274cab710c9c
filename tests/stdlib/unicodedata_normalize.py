# unicodedata.normalize / is_normalized: samples (Hangul, composition exclusions, singletons,
# non-starter decompositions, canonical reordering) and all four forms of every character that
# has a decomposition or a non-zero combining class, aggregated.
import unicodedata as u

P = (1 << 61) - 1
FORMS = ("NFC", "NFD", "NFKC", "NFKD")

samples = ["e\u0301", "\u00e9", "\uac00\u11a8", "\u1100\u1161\u11a8", "\uac01", "\u0958",
           "\u212b", "\u2126", "\u0344", "\u0f73", "\u1e9b\u0323", "a\u0328\u0301\u0323\u031b",
           "\ufb01", "\u2460", "\u00bd", "\u1e0b\u0323", "q\u0307\u0323", "\u0041\u030a\u0301",
           "\u3307", "\ufdfa", "\U0001d15e\U0001d165", "\u2adc", "\U0001d160", "abc", "",
           "\u00c5\u0327", "\u0cca", "\u0b47\u0b3e", "\u1100\u1100\u1161\u11a8\u11a8"]
for s in samples:
    print(ascii(s), [ascii(u.normalize(f, s)) for f in FORMS],
          [u.is_normalized(f, s) for f in FORMS])

check = {f: 0 for f in FORMS}
unchanged = {f: 0 for f in FORMS}
agree = 0
for cp in range(0x110000):
    ch = chr(cp)
    if not u.decomposition(ch) and not u.combining(ch) and not 0xAC00 <= cp <= 0xD7A3:
        continue
    s = "a" + ch + "\u0323\u0301" + ch
    for f in FORMS:
        r = u.normalize(f, s)
        if r == s:
            unchanged[f] += 1
        if u.is_normalized(f, s) == (r == s):
            agree += 1
        check[f] = (check[f] * 131 + int.from_bytes(r.encode("utf-8", "surrogatepass"), "big")) % P
print(check)
print(unchanged, agree)

for args in (("NFX", "a"), ("nfc", "a"), ("NFC", b"a"), (b"NFC", "a"), ("NFC",)):
    for f in (u.normalize, u.is_normalized):
        try:
            f(*args)
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
try:
    u.normalize(form="NFC", unistr="a")
except TypeError as e:
    print("TypeError", e)
s = "plain ascii"
print(u.normalize("NFKC", s) is s, u.normalize("NFC", "\u00e9") == "\u00e9")
