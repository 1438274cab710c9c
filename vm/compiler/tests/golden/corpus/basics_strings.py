# str basics: literals, escapes, indexing, slicing, concatenation, comparison.
s = "hello, world"
print(s, len(s), s[0], s[-1], s[7:], s[:5], s[::2], s[::-1], s[2:8:3])
print("a" + "b", "ab" * 3, 3 * "-", "" * 5)
print("tab\there", "new\\nline", 'single "quotes"', "it's")
print("\x41\u00e9\U0001F600", "\101", len("\u00e9"), "caf\u00e9")
print(r"raw\nstring", """triple
quoted""", 'x' 'y' 'z')
print("abc" < "abd", "abc" == "abc", "a" < "B", "Z" < "a", "abc" < "ab")
print("ell" in s, "xyz" in s, "" in s, "h" not in s)
print(repr("quote'd"), repr('dq"'), repr("both'\""), repr("\n\t\\"), repr("\x00\x7f"))
print(repr("é"), repr("\u200b"), repr("😀"), ascii("é😀"))
print(str(42), str(3.5), str(None), str(True), str([1, "a"]), str((1,)))
print(ord("A"), ord("é"), chr(97), chr(0x1F600), chr(233))
u = "naïve café"
print(len(u), u.upper(), u[2], u[-4:])
print("%s and %r" % ("x", "y"), "%d items" % 5, "%5.2f|" % 3.14159, "%-5s|" % "ab", "%05d" % 42)
print("%x %o %X %e" % (255, 8, 255, 12345.678), "%c%c" % (72, "i"), "100%%" % ())
print(hash("abc") == hash("ab" + "c"))
t = ""
for ch in "abc":
    t = ch + t
print(t)
print("-".join(["a", "b", "c"]), "".join([]), ", ".join(["1", "2", "3"]))
print(s.index("o"), s.find("o"), s.rfind("o"), s.find("z"), s.count("l"))
try:
    s[100]
except IndexError as e:
    print("IndexError:", e)
try:
    s[0] = "H"
except TypeError as e:
    print("TypeError:", e)
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
