# unicodedata.name/lookup over every code point (a checksum of all names), lookup of every name
# back to its character, the algorithmic names (Hangul, CJK, other hex runs) and the errors.
import unicodedata as u

P = (1 << 61) - 1
check = named = longest = 0
roundtrip_bad = 0
lower_bad = 0
for cp in range(0x110000):
    n = u.name(chr(cp), None)
    if n is None:
        continue
    named += 1
    longest = max(longest, len(n))
    check = (check * 131 + int.from_bytes(n.encode(), "big")) % P
    if u.lookup(n) != chr(cp):
        roundtrip_bad += 1
    if cp % 7 == 0 and not n.startswith(("HANGUL SYLLABLE", "CJK UNIFIED")):
        if u.lookup(n.lower()) != chr(cp):
            lower_bad += 1
print("named", named, "longest", longest, "checksum", check)
print("lookup failures", roundtrip_bad, lower_bad)

for name in ["LATIN SMALL LETTER A", "latin small letter a", "HANGUL SYLLABLE GA",
             "HANGUL SYLLABLE HIH", "hangul syllable ga", "HANGUL SYLLABLE GAX", "HANGUL SYLLABLE ",
             "CJK UNIFIED IDEOGRAPH-4E00", "CJK UNIFIED IDEOGRAPH-04E00",
             "CJK UNIFIED IDEOGRAPH-4e00", "cjk unified ideograph-4E00",
             "CJK UNIFIED IDEOGRAPH-4DC0", "CJK UNIFIED IDEOGRAPH-323AF",
             "CJK COMPATIBILITY IDEOGRAPH-F900", "cjk compatibility ideograph-f900",
             "EGYPTIAN HIEROGLYPH-13460", "NUSHU CHARACTER-1B170", "TANGUT IDEOGRAPH-17000",
             "SNOWMAN", "LATIN SMALL LETTER A ", " LATIN SMALL LETTER A", "", "x" * 256,
             "x" * 257, "LATIN SMALL LETTER A\xe9", "NULL", "nul", "BYTE ORDER MARK", "BOM",
             "LATIN CAPITAL LETTER GHA", "KEYCAP NUMBER SIGN", "keycap digit zero",
             "LATIN CAPITAL LETTER A WITH MACRON AND GRAVE", "TAMIL SYLLABLE SSA",
             "VARIATION SELECTOR-17", "PRIVATE USE AREA", "LINE FEED", "LF"]:
    try:
        print(repr(name[:40]), ascii(u.lookup(name)))
    except KeyError as e:
        print(repr(name[:40]), "KeyError", e)
print(ascii(u.lookup(b"SNOWMAN")), ascii(u.lookup(b"snowman")))
for bad in (1, None, bytearray(b"SNOWMAN")):
    try:
        u.lookup(bad)
    except TypeError as e:
        print("TypeError", e)
for cp in (0xAC00, 0xAC01, 0xD7A3, 0x3400, 0x4DBF, 0x20000, 0x17000, 0x18B00, 0x1B170, 0xF900,
           0x2FA1D, 0xE000, 0xD800, 0x10FFFF, 0x0, 0x1F600):
    print(hex(cp), u.name(chr(cp), None))
