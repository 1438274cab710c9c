# itertools iterators that stop with their input: accumulate, batched, chain, compress,
# dropwhile, takewhile, filterfalse, islice, pairwise, starmap, zip_longest.
import itertools as it
import operator

print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3, 4], operator.mul)))
print(list(it.accumulate([1, 2, 3], initial=10)), list(it.accumulate([], initial=10)))
print(list(it.accumulate("abc")), list(it.accumulate([], operator.add)))
print(list(it.accumulate([3, 1, 4, 1, 5], max)), list(it.accumulate([1, 2], func=None, initial=None)))
print(list(it.accumulate(iterable=[1, 2, 3], func=lambda a, b: a - b, initial=0)))

print(list(it.batched("abcdefg", 3)), list(it.batched([], 2)), list(it.batched("ab", 5)))
print(list(it.batched(range(4), 2, strict=True)), list(it.batched(iterable="xyz", n=1)))
try:
    list(it.batched("abcde", 2, strict=True))
except ValueError as e:
    print("ValueError", e)
b = it.batched("abcde", 2, strict=True)
print(next(b), next(b))
try:
    next(b)
except ValueError as e:
    print("ValueError", e)
print(list(b))

print(list(it.chain("ab", [1, 2], (), range(2))), list(it.chain()))
print(list(it.chain.from_iterable(["ab", "cd", []])), list(it.chain.from_iterable([])))
class MyChain(it.chain):
    pass
mc = MyChain.from_iterable(["xy", "z"])
print(type(mc).__name__, list(mc), type(it.chain.from_iterable([])).__name__)
ch = it.chain([1], 5, [2])
print(next(ch))
try:
    next(ch)
except TypeError as e:
    print("TypeError", e)
print(list(ch))

print(list(it.compress("abcdef", [1, 0, 1, 0, 1, 1])), list(it.compress("abc", [1])))
print(list(it.compress(data=range(5), selectors=it.cycle([True, False]))))

print(list(it.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(it.dropwhile(bool, [])))
print(list(it.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(it.takewhile(bool, [0, 1])))
t = it.takewhile(lambda x: x < 3, it.count())
print(list(t), list(t))
print(list(it.filterfalse(lambda x: x % 2, range(10))), list(it.filterfalse(None, [0, 1, "", "a", None])))
print(list(it.filterfalse(bool, [0, 2, [], [0]])))

print(list(it.islice("abcdefg", 2)), list(it.islice("abcdefg", 2, 4)), list(it.islice("abcdefg", 2, None)))
print(list(it.islice("abcdefg", 0, None, 2)), list(it.islice("abcdefg", None)), list(it.islice(range(10), 2, None, 3)))
print(list(it.islice("abc", None, None, None)), list(it.islice("abc", 5, 9)), list(it.islice(it.count(), 3, 10, 4)))
print(list(it.islice("abcdef", True)), list(it.islice("abcdef", 1, 100, 2)))
source = iter(range(10))
print(list(it.islice(source, 3)), next(source))
source = iter(range(10))
print(list(it.islice(source, 2, 4)), next(source))
for args in [("a",), (-1,), (-2,), (1, -1), (None, None, 0), (1, "a"), (-1, 2), (1, -2), (1, 2, 0), (1, 2, -1), (1, 2, "a"), (1.0,), ("a", 2)]:
    try:
        it.islice([], *args)
    except ValueError as e:
        print("ValueError", args, e)

print(list(it.pairwise("abcd")), list(it.pairwise("a")), list(it.pairwise([])))
print(list(it.starmap(pow, [(2, 5), (3, 2), [10, 3]])), list(it.starmap(lambda *a: a, ["ab", ()])))
try:
    list(it.starmap(pow, [1]))
except TypeError as e:
    print("TypeError", e)

print(list(it.zip_longest("ab", "c", [1, 2, 3])), list(it.zip_longest()), list(it.zip_longest("ab")))
print(list(it.zip_longest("ab", "c", fillvalue="-")), list(it.zip_longest([], [], fillvalue=0)))
class Boom:
    def __iter__(self):
        return self
    def __next__(self):
        raise KeyError("boom")
z = it.zip_longest("ab", Boom())
try:
    next(z)
except KeyError as e:
    print("KeyError", e)
print(list(z))
