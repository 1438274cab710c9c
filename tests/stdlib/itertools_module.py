# The itertools module surface: names, types, subclassing, argument errors of every
# constructor (CPython 3.14 messages).
import itertools as it

print([n for n in dir(it) if not n.startswith("__")])
print(type(it.tee).__name__, it.tee.__module__, it.count.__module__, it.count.__qualname__)
for name in ["accumulate", "batched", "chain", "combinations", "combinations_with_replacement",
             "compress", "count", "cycle", "dropwhile", "filterfalse", "groupby", "islice",
             "pairwise", "permutations", "product", "repeat", "starmap", "takewhile",
             "zip_longest", "_tee", "_grouper", "_tee_dataobject"]:
    t = getattr(it, name)
    print(name, t.__name__, t.__module__, repr(t), hasattr(t, "__next__"), hasattr(t, "__iter__"))
try:
    it.count[int]
except TypeError as e:
    print("TypeError", e)
for expr in [
        "it.count('a')", "it.count(1, 'a')", "it.count(1, 2, 3)", "it.count(start=1, step=2, x=3)",
        "it.count(x=1)", "it.cycle()", "it.cycle(1)", "it.cycle([], x=1)", "it.cycle([], [])",
        "it.repeat()", "it.repeat(1, 'a')", "it.repeat(1, 2, 3)", "it.repeat(1, times=-1)",
        "it.accumulate()", "it.accumulate(1)", "it.accumulate([], None, None)",
        "it.accumulate([], x=1)", "it.batched()", "it.batched([])", "it.batched([], 0)",
        "it.batched([], 'a')", "it.batched([], 2, True)", "it.batched([], -1)",
        "it.chain(x=1)", "it.chain.from_iterable()", "it.chain.from_iterable(1)",
        "it.compress()", "it.compress([])", "it.compress(1, [])", "it.compress([], 1)",
        "it.dropwhile()", "it.dropwhile(None)", "it.dropwhile(None, 1)", "it.dropwhile(f=None, s=1)",
        "it.takewhile()", "it.takewhile(None, 1)", "it.filterfalse()", "it.filterfalse(None, 1)",
        "it.filterfalse(x=1)", "it.islice()", "it.islice([])", "it.islice(1, 2)",
        "it.islice([], 1, 2, 3, 4)", "it.islice([], x=1)", "it.pairwise()", "it.pairwise(1)",
        "it.pairwise([], [])", "it.pairwise(iterable=[])", "it.starmap()", "it.starmap(None, 1)",
        "it.starmap(function=pow, iterable=[])", "it.zip_longest(1)", "it.zip_longest([], x=1)",
        "it.zip_longest([], fillvalue=1, x=2)"]:
    try:
        r = eval(expr)
        print(expr, "->", type(r).__name__)
    except Exception as e:
        print(expr, type(e).__name__, e)
class Sub(it.islice):
    def extra(self):
        return "extra"
s = Sub("abcdef", 1, 4)
print(list(s), s.extra(), isinstance(s, it.islice))
class Pred(it.dropwhile):
    pass
print(list(Pred(lambda x: x < 2, range(4))))
alias = it.chain[int]
print(alias, alias.__origin__ is it.chain, alias.__args__)
