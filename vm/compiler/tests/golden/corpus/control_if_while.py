# if/elif/else and while loops.
for n in [-5, 0, 3, 10, 100]:
    if n < 0:
        print(n, "negative")
    elif n == 0:
        print(n, "zero")
    elif n < 10:
        print(n, "small")
    else:
        print(n, "large")
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    if i == 4:
        break
    print("while", i)
else:
    print("not reached")
j = 0
while j < 3:
    j += 1
else:
    print("while-else ran", j)
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps", steps)
x = 5
print("pos" if x > 0 else "nonpos", "even" if x % 2 == 0 else "odd")
if []:
    print("empty list is true?")
elif {}:
    print("empty dict is true?")
else:
    print("empties are false")
if not None and 1:
    print("and/or/not")
a, b = 0, 1
while b < 100:
    a, b = b, a + b
print(a, b)
