# The pure-Python `types` module on top of the native GenericAlias / UnionType: the names it
# derives from built-in objects, and the helpers that build classes with generic bases.
import types

print(types.GenericAlias is type(list[int]), types.UnionType is type(int | str))
print(types.GenericAlias(dict, (str, int)), types.UnionType[int, None])
print(types.NoneType, types.EllipsisType, types.NotImplementedType)
print(types.FunctionType.__name__, types.BuiltinFunctionType.__name__, types.MethodType.__name__)
print(types.MappingProxyType({"a": 1}), types.SimpleNamespace(x=1))
print(types.GeneratorType.__name__, types.CoroutineType.__name__, types.AsyncGeneratorType.__name__)
print(types.GeneratorType[int, None, None], types.MappingProxyType[str, int])


class Base:
    pass


C = types.new_class("C", (list[int], Base), {}, lambda ns: ns.update({"x": 1}))
print(C.__name__, C.__mro__[1:], C.x, C.__orig_bases__)
print(types.resolve_bases((list[int], Base)), types.get_original_bases(C))
meta, ns, kwds = types.prepare_class("D", (dict[str, int],))
print(meta, dict(ns), kwds)


def gen():
    yield 1


print(isinstance(gen(), types.GeneratorType))
