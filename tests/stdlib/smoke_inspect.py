# inspect: signatures, parameters, source-free introspection, members, classification.
import inspect
def f(a, b=2, /, c=3, *args, d, e=5, **kw) -> int:
    "Doc of f."
    return a
sig = inspect.signature(f)
print(sig, list(sig.parameters), sig.parameters["d"].kind, sig.return_annotation)
print(sig.bind(1, d=4).arguments, sig.bind_partial(1).arguments)
try:
    sig.bind()
except TypeError as e:
    print("TypeError", e)
class C:
    x = 1
    def m(self):
        pass
    @property
    def p(self):
        return 1
    @staticmethod
    def s():
        pass
print(inspect.isclass(C), inspect.isfunction(f), inspect.ismethod(C().m), inspect.isgeneratorfunction(f))
print([n for n, _ in inspect.getmembers(C) if not n.startswith("__")], inspect.getdoc(f), inspect.getmro(bool))
print(inspect.signature(C.m), str(inspect.signature(lambda x, *, y=1: 0)), inspect.getfullargspec(f).kwonlyargs)
def gen():
    yield 1
g = gen()
print(inspect.getgeneratorstate(g), inspect.isgenerator(g), inspect.iscoroutinefunction(f), inspect.unwrap(f) is f)
print(inspect.cleandoc("  first\n    second\n  third"), inspect.getattr_static(C, "p").__class__.__name__)
print(inspect.Parameter("z", inspect.Parameter.KEYWORD_ONLY, default=0), inspect.currentframe().f_code.co_name)
