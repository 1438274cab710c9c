# GenericAlias subclassed in pure Python (collections.abc._CallableGenericAlias) and the
# __class_getitem__ of native classes from other modules (functools, collections).
import collections.abc as cabc
c = cabc.Callable[[int, str], bool]
print(type(c).__name__, c.__args__, c.__origin__, c.__parameters__)
print(cabc.Callable[..., int].__args__, cabc.Callable[[], None].__args__)
print(c == cabc.Callable[[int, str], bool], hash(c) == hash(cabc.Callable[[int, str], bool]))
print(c.__reduce__()[0].__name__ if hasattr(c.__reduce__()[0], '__name__') else c.__reduce__()[0])
print(cabc.Mapping[str, int], cabc.Iterable[int] | None)
try:
    cabc.Callable[int, str]
except TypeError as e:
    print("TypeError", e)
class MyMap(cabc.Mapping[str, int]):
    def __getitem__(self, k): return 1
    def __iter__(self): return iter([])
    def __len__(self): return 0
print(MyMap.__mro__[1].__name__, isinstance(MyMap(), cabc.Mapping))
import functools
print(functools.partial[int], __import__('collections').deque[int], __import__('collections').OrderedDict[str, int])
