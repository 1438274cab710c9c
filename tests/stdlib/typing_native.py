# The objects of the native _typing module (what Lib/typing.py re-exports): TypeVar, ParamSpec,
# TypeVarTuple, TypeAliasType, NoDefault, Generic, Union and _idfunc, created at run time.
from _typing import TypeVar, ParamSpec, TypeVarTuple, TypeAliasType, NoDefault, Generic, _idfunc, Union
T = TypeVar("T")
print(T.__module__, T, TypeVar("Y", covariant=True), TypeVar("Z", contravariant=True), TypeVar("W", infer_variance=True))
for args, kw in [(("A",), dict(covariant=True, contravariant=True)), (("A",), dict(covariant=True, infer_variance=True)), ((1,), {}), ((), {}), (("A", int), {})]:
    try: print(TypeVar(*args, **kw))
    except Exception as e: print(type(e).__name__, e)
X = TypeVar("X", int, str)
print(X.__constraints__, X.__bound__, X.evaluate_constraints, X.evaluate_bound)
D = TypeVar("D", default=int)
print(D.__default__, D.has_default(), D.evaluate_default, D.evaluate_default(4) if False else "")
P = ParamSpec("P", default=[int])
print(P, P.__default__, P.args, P.kwargs, type(P.args)(P), repr(type(P.kwargs)(P)))
Ts = TypeVarTuple("Ts")
print(Ts, Ts.__default__, Ts.__module__)
print(NoDefault, type(NoDefault)() is NoDefault, NoDefault.__reduce__())
try: type(NoDefault)(1)
except TypeError as e: print(e)
A = TypeAliasType("A", int)
print(A, A.__value__, A.__type_params__, A.__module__, A.evaluate_value)
try: TypeAliasType("A", int, type_params=[T])
except TypeError as e: print(e)
try: TypeAliasType("A", int, type_params=(TypeVar("Q", default=int), T))
except TypeError as e: print(e)
print(_idfunc(5), Union[int, str], Union)
try:
    class Sub(T): pass
except TypeError as e: print(e)
print(T.__reduce__(), P.__reduce__())
try: TypeVar("T").__typing_prepare_subst__(1)
except TypeError as e: print(e)
print(Generic.__module__, Generic.__name__, TypeVar.__module__, TypeVar.__name__)
