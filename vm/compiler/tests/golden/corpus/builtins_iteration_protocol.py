# The iterator protocol: iter/next on built-ins and user classes.
class CountDown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(CountDown(4)))
for x in CountDown(2):
    print("cd", x)
class Iterable:
    def __iter__(self):
        return iter([10, 20])
print(list(Iterable()), sum(Iterable()), max(Iterable()), sorted(Iterable(), reverse=True))
it = iter("ab")
print(next(it), next(it), next(it, None))
d = {"x": 1, "y": 2}
it = iter(d)
print(next(it), list(it))
print(list(iter([1, 2, 3])), list(zip(CountDown(3), "abc")))
a, b, c = CountDown(3)
print(a, b, c)
print(list(enumerate(CountDown(2))), dict(zip("ab", CountDown(2))))
print(3 in CountDown(5), 9 in CountDown(5))
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
try:
    next([1])
except TypeError as e:
    print("TypeError:", e)
