# re: character classes as re._compiler emits them: literals, ranges, 256-bit CHARSET bitmaps,
# BIGCHARSET blocks (many non-Latin-1 members), negation, categories inside classes, IGNORECASE
# variants (IN_IGNORE, IN_UNI_IGNORE, RANGE_UNI_IGNORE) and bytes classes.
import re

text = "The Quick Brown Fox 123 éÉ straße ΣΑΣ σας ǅ K \u212a \u0100\u0101\u0104 日本 _-."
classes = [
    r"[aeiou]+", r"[^aeiou\s]+", r"[a-z0-9_]+", r"[a-ce-gi-k]+", r"[\w.-]+", r"[^\W\d_]+",
    r"(?i)[a-zé]+", r"(?i)[^a-z\s]+", r"(?i)[σ]+", r"(?i)[k]", r"(?ia)[k]", r"(?i)[\u0100-\u0105]+",
    r"[\u0100\u0102\u0104\u0106\u0108\u010a\u010c\u010e\u0110\u0112\u0114\u0116\u0118\u011a]+",
    r"[^\u0100-\u0200\x00-\x7f]+", r"[\u3040-\u30ff\u4e00-\u9fff]+", r"[\d\s]+", r"[^\S ]",
    r"(?i)[ǆ]", r"[\]\\^-]+",
]
for c in classes:
    p = re.compile(c)
    print(repr(c), p.findall(text), p.sub("#", text)[:30])
print(re.findall(rb"[aeiou]+", b"education"), re.findall(rb"(?i)[a-f\xe9]+", b"CAFE\xc9 \xe9"))
print(re.findall(rb"[^\x00-\x7f]+", b"ab\xff\xfe c"), re.findall(rb"(?L)[\w]+", b"a_1 b"))
