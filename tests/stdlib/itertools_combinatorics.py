# itertools combinatoric iterators: product, permutations, combinations,
# combinations_with_replacement; results, edge cases, errors.
import itertools as it

print(list(it.product("ab", range(2))), list(it.product()), list(it.product(repeat=0)))
print(list(it.product("ab", repeat=2)), list(it.product([1, 2], [], [3])), list(it.product("a", repeat=3)))
print(len(list(it.product(range(3), range(4), repeat=2))), list(it.product(range(2), repeat=0)))
print(list(it.permutations("abc")), list(it.permutations("abc", 2)))
print(list(it.permutations("abc", 0)), list(it.permutations("abc", 5)), list(it.permutations([])))
print(list(it.permutations(range(3), r=None)), len(list(it.permutations(range(6)))))
print(list(it.permutations(iterable="ab", r=True)))
print(list(it.combinations("abcd", 2)), list(it.combinations("abc", 0)), list(it.combinations("abc", 5)))
print(list(it.combinations(range(4), 3)), list(it.combinations([], 0)), len(list(it.combinations(range(10), 4))))
print(list(it.combinations_with_replacement("abc", 2)), list(it.combinations_with_replacement("", 2)))
print(list(it.combinations_with_replacement("ab", 0)), list(it.combinations_with_replacement("", 0)))
print(len(list(it.combinations_with_replacement(range(5), 3))))
p = it.permutations("ab")
print(next(p), list(p), list(p))
print(it.permutations("abc").__sizeof__() > 0, type(it.product("a")).__name__)
class P(it.product):
    pass
print(type(P("ab")).__name__, list(P("ab", repeat=2))[:3])
for expr in ["it.product(1)", "it.product([], repeat=-1)", "it.product([], repeat='a')",
             "it.product([], x=1)", "it.permutations()", "it.permutations(1)",
             "it.permutations([], -1)", "it.permutations([], 'a')", "it.permutations([], 1, 2)",
             "it.permutations([], 1.5)", "it.combinations()", "it.combinations([])",
             "it.combinations([], -1)", "it.combinations([], 'a')", "it.combinations(1, 2)",
             "it.combinations_with_replacement([])", "it.combinations_with_replacement([], -1)",
             "it.combinations([], r=2, x=1)", "it.combinations('ab', 1, 2)"]:
    try:
        eval(expr)
        print(expr, "ok")
    except Exception as e:
        print(expr, type(e).__name__, e)
