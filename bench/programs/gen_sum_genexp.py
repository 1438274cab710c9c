# sum() over generator expressions.
total = 0
for _ in range(20):
    total += sum(x * 2 for x in range(50000))
print(total)
