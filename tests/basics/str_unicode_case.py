# str case mappings over all 0x110000 code points (upper/lower/title/casefold/swapcase/
# capitalize; lengths and checksums of the results), special casing and the final-sigma rule.
P = (1 << 61) - 1
methods = [str.upper, str.lower, str.title, str.casefold, str.swapcase, str.capitalize]
CHARS = list(map(chr, range(0x110000)))
changed, grown, checks = [], [], []
for m in methods:
    results = list(map(m, CHARS))
    diff = [(cp, r) for cp, (r, c) in enumerate(zip(results, CHARS)) if r != c]
    changed.append(len(diff))
    grown.append(sum(len(r) for cp, r in diff if len(r) > 1))
    joined = "".join(r for cp, r in diff)
    checks.append((sum(cp for cp, r in diff) + sum(i * ord(c) for i, c in enumerate(joined))) % P)
for m, n, g, c in zip(methods, changed, grown, checks):
    print(m.__name__, n, g, c)

block = "".join(chr(cp) for cp in range(0x80, 0x3000)) + "".join(
    chr(cp) for cp in range(0x10400, 0x10500)) + "".join(chr(cp) for cp in range(0x1e900, 0x1e950))
for m in methods:
    r = m(block)
    print(m.__name__, len(r), sum(map(ord, r)) % P)
for s in ["\u03a3", "A\u03a3", "A\u03a3b", "A\u03a3.", "A.\u03a3", "A\u03a3\u0301", "\u03a3\u03a3",
          "A\u03a3'b", "\u1f88", "\u1f80", "\u0149x", "\u01f0", "\u0390", "\ufb00 \ufb06",
          "\u0587", "\u1e9e\u00df", "\u0130i\u0131I", "\u01c4\u01c5\u01c6", "aB\u0345c",
          "\U00010428\U00010400", "\u2c65\u023a", "hello \u01c6orld"]:
    print(ascii(s), [ascii(m(s)) for m in methods])
