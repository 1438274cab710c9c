# objects/tools/dump_unicode_props.py — runs under CPython 3.14 (the reference) and prints every
# Unicode property Weft needs, for all 0x110000 code points, as text that gen_unicode_db.py reads.
#
# Output sections (tab-separated fields):
#   P <count> <fields...>     properties of the next <count> code points (runs of equal lines)
#   N <cp hex> <name>         the name of a code point that has a stored (non-algorithmic) name
#   R <first> <last> <prefix> a run whose names are <prefix><HEX> (CJK, Tangut, ...)
#   V <version>               unicodedata.unidata_version
#   Q <count> <fields...>     ucd_3_2_0's view of the next <count> code points (runs): category,
#                             bidirectional, combining, mirrored, east asian width, decimal, digit,
#                             numeric, decomposition, has a name, then the NFD/NFKD/NFC/NFKC of the
#                             character where ucd_3_2_0 differs from the current database ('' else)
# Mappings are written as hex code point lists, '' meaning "maps to itself".
import unicodedata as ud
import sys

out = []
w = out.append
w("V\t" + ud.unidata_version)

SIGMA = "\u03a3"


def seq(s, c):
    return "" if s == c else " ".join("%X" % ord(x) for x in s)


def props(cp):
    c = chr(cp)
    cased = (c + "a").title()[-1] == "a"
    if cased:
        ignorable = (c + SIGMA).lower()[-1] != "\u03c2"
    else:
        ignorable = ("A" + c + SIGMA).lower()[-1] == "\u03c2"
    flags = "".join("1" if f else "0" for f in (
        c.isalpha(), c.isdecimal(), c.isdigit(), c.isnumeric(), c.isspace(),
        len(("a" + c + "b").splitlines()) == 2, c.isprintable(), c.isidentifier(),
        ("a" + c).isidentifier(), c.isupper(), c.islower(), c.istitle() and not c.isupper(),
        cased, ignorable))
    decomp = ud.decomposition(c)
    composite = bool(decomp) and not decomp.startswith("<") and ud.normalize("NFC", c) == c
    numeric = ud.numeric(c, None)
    return "\t".join((
        ud.category(c), ud.bidirectional(c), str(ud.combining(c)), str(ud.mirrored(c)),
        ud.east_asian_width(c), decomp, "1" if composite else "0",
        str(ud.decimal(c, -1)), str(ud.digit(c, -1)), "" if numeric is None else repr(numeric),
        flags, seq(c.lower(), c), seq(c.upper(), c), seq(c.title(), c), seq(c.casefold(), c)))


def write_runs(tag, describe):
    """One "<tag> <count> <fields>" line per run of code points that describe() alike."""
    prev, count = None, 0
    for cp in range(0x110000):
        p = describe(cp)
        if p == prev:
            count += 1
            continue
        if prev is not None:
            w("%s\t%d\t%s" % (tag, count, prev))
        prev, count = p, 1
    w("%s\t%d\t%s" % (tag, count, prev))


write_runs("P", props)

old = ud.ucd_3_2_0


def old_props(cp):
    c = chr(cp)
    numeric = old.numeric(c, None)
    fields = [old.category(c), old.bidirectional(c), str(old.combining(c)), str(old.mirrored(c)),
              old.east_asian_width(c), str(old.decimal(c, -1)), str(old.digit(c, -1)),
              "" if numeric is None else repr(numeric), old.decomposition(c),
              "1" if old.name(c, None) else "0"]
    for form in ("NFD", "NFKD", "NFC", "NFKC"):
        n = old.normalize(form, c)
        fields.append("" if n == ud.normalize(form, c) else seq(n, None))
    return "\t".join(fields)


write_runs("Q", old_props)

run = None  # [first, last, prefix]
for cp in range(0x110000):
    n = ud.name(chr(cp), None)
    if n is None:
        continue
    hexs = "%04X" % cp
    if n.endswith("-" + hexs):
        prefix = n[: -len(hexs)]
        if run and run[2] == prefix and run[1] == cp - 1:
            run[1] = cp
            continue
        if run:
            w("R\t%X\t%X\t%s" % tuple(run))
        run = [cp, cp, prefix]
        continue
    if run:
        w("R\t%X\t%X\t%s" % tuple(run))
        run = None
    if n.startswith("HANGUL SYLLABLE ") and 0xAC00 <= cp <= 0xD7A3:
        continue
    w("N\t%X\t%s" % (cp, n))
if run:
    w("R\t%X\t%X\t%s" % tuple(run))
sys.stdout.write("\n".join(out) + "\n")
