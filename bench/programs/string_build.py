# String building: concatenation, join, formatting, methods.
parts = []
for i in range(200000):
    parts.append(f"item{i}:{i * 3 % 17}")
s = ",".join(parts)
fields = s.split(",")
upper = 0
for f in fields:
    name, val = f.split(":")
    if int(val) > 8:
        upper += len(name.upper())
acc = ""
for i in range(20000):
    acc += str(i % 10)
print(len(s), len(fields), upper, len(acc), acc[:20])
