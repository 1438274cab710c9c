# dropping suspended generators runs their cleanup (GeneratorExit at the yield)
def g():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
    finally:
        print("finally")
x = g(); next(x); del x
print("after")
def g_unstarted():
    try:
        yield 1
    finally:
        print("never printed")
u = g_unstarted(); del u
print("after unstarted")
def many():
    for i in range(3):
        yield i
gens = [many() for _ in range(1000)]
for gg in gens: next(gg)
del gens
print("dropped 1000")
