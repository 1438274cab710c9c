# re: IGNORECASE, ASCII/UNICODE/LOCALE, MULTILINE, DOTALL, VERBOSE; str subjects of every width.
import re

texts = ["Hello World", "ÉCOLE école", "Straße STRASSE", "ǅemal ǆ Ǆ", "σΣς", "K k \u212a",
         "١٢٣ 42", "tab\there\u2003em", "日本語 テキスト", "emoji \U0001F600\U0001F601 ok"]
patterns = [
    (r"hello", re.I), (r"école", re.I), (r"\w+", 0), (r"\w+", re.A), (r"\d+", 0), (r"\d+", re.A),
    (r"\s+", 0), (r"\s+", re.A), (r"σ+", re.I), (r"k", re.I), (r"k", re.I | re.A), (r"ǆ", re.I),
    (r"[a-z]+", 0), (r"\b\w", 0), (r"\W+", 0), (r"[\U0001F600-\U0001F64F]+", 0),
    (r"^\w+$", re.M), (r"o.l", re.S), (r"(?x) [a-z] + # letters", 0), (r"(?i)[^\W\d]+", 0),
]
for pattern, flags in patterns:
    p = re.compile(pattern, flags)
    print(p, p.flags, [p.findall(t) for t in texts])

print(re.findall(r"^\w", "ab\ncd\nef", re.M), re.findall(r"\w$", "ab\ncd\nef", re.M))
print(re.findall(r".", "a\nb", re.S), re.findall(r".", "a\nb"))
print(re.match(r"(?i)(?-i:a)b", "aB"), re.match(r"(?i)(?-i:a)b", "AB"))
print(re.findall(rb"\w+", b"caf\xe9 na\xefve"), re.findall(rb"(?i)CAF\xc9", b"caf\xe9"))
print(re.findall(rb"(?L)\w+", b"abc_1 d"), re.compile(rb"(?L)a", re.I))
for bad in [(r"a", re.A | re.U), (rb"a", re.U), (r"(?L)a", 0)]:
    try:
        re.compile(*bad)
    except (ValueError, re.error) as e:
        print(type(e).__name__, e)
