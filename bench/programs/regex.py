# Regular expressions (re over _sre): findall/sub/split over a large text, many small matches,
# and a backtracking-heavy pattern.
import re

text = ("The quick brown fox jumps over the lazy dog. Contact: john.doe@example.com, "
        "jane@test.org; call 555-123-4567 on 2024-01-15. ") * 4000
totals = []
for pattern in [r"\b\w+@\w+\.\w+\b", r"\d{3}-\d{3}-\d{4}", r"(\d{4})-(\d\d)-(\d\d)", r"\bfox\b",
                r"[A-Z]\w+", r"(?i)QUICK", r"\s+", r"o\w*", r"[aeiou]{2,}"]:
    p = re.compile(pattern)
    totals.append((len(p.findall(text)), len(p.sub("#", text)), len(p.split(text))))
pair = re.compile(r"(\w+)=(\d+)")
hits = 0
for i in range(50000):
    m = pair.match("key%d=%d" % (i % 10, i))
    hits += int(m.group(2)) % 7
nested = re.compile(r"(?:(a|b)+c)+d")
backtrack = len(nested.findall(("ab" * 50 + "c") * 200 + "d"))
print(totals, hits, backtrack)
