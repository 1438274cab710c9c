# __text_signature__ of built-in functions, methods, slot wrappers and types, and inspect.signature on them.
import inspect, builtins
for f in [len, print, sorted, str.split, dict.get, dict.fromkeys, "x".split, {}.get, list.append, str.__add__, (1).__add__, int.__new__, object.__init__, isinstance, getattr, range, list, dict, int, str, complex, open, max, iter, next, object, type, divmod, pow, list.sort, str.join, bytes.hex, int.to_bytes, int.from_bytes, set.add]:
    try:
        print(getattr(f, '__qualname__', f), inspect.signature(f))
    except Exception as e:
        print(getattr(f, '__qualname__', f), type(e).__name__, e)
for name in ["abs", "len", "print", "sorted", "open", "getattr", "iter", "next", "max", "min", "vars", "dir"]:
    print(name, getattr(builtins, name).__text_signature__)
print(str.split.__text_signature__, len.__text_signature__, list.__text_signature__, str.__add__.__text_signature__)
class C: pass
print(C.__text_signature__)
