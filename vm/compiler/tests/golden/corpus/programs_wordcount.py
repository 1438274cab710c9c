# Word frequency counting and text formatting.
text = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness"""
words = []
for line in text.splitlines():
    for w in line.split():
        w = w.strip(",.").lower()
        if w:
            words.append(w)
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
width = max([len(w) for w, _ in top])
for w, n in top:
    print(f"{w:<{width}} {n:>3} {'#' * n}")
print(len(words), len(freq), sum(freq.values()))
lengths = {}
for w in freq:
    lengths.setdefault(len(w), []).append(w)
for k in sorted(lengths):
    print(k, sorted(lengths[k]))
