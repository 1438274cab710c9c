# dict and list heavy code: building, indexing, counting.
counts = {}
data = []
for i in range(300000):
    k = (i * 2654435761) % 1000
    counts[k] = counts.get(k, 0) + 1
    data.append(k)
data.sort()
pairs = {}
for i in range(0, len(data) - 1, 2):
    pairs[(data[i], data[i + 1])] = i
total = 0
for k in range(1000):
    total += counts[k]
print(len(counts), len(pairs), total, data[12345])
