# operator (pure-Python operator.py; Weft has no _operator accelerator), from the stdlib zip.
import operator

print(operator.add(2, 3), operator.mul("ab", 3), operator.neg(5), operator.truth([]))
print(operator.contains([1, 2], 2), operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"))
getter = operator.itemgetter(1, 0)
print(getter("xyz"), operator.itemgetter(2)([5, 6, 7]))
class P:
    def __init__(self):
        self.x = 1
        self.inner = self
    def scale(self, k, extra=0):
        return self.x * k + extra
p = P()
print(operator.attrgetter("x")(p), operator.attrgetter("inner.inner.x", "x")(p))
print(operator.methodcaller("scale", 10, extra=2)(p))
print(repr(operator.itemgetter(1)), repr(operator.attrgetter("a", "b")))
print(repr(operator.methodcaller("f", 1, k=2)))
lst = [1, 2, 3]
operator.setitem(lst, 0, 9); operator.delitem(lst, 1)
print(lst, operator.getitem(lst, -1))
print(operator.iadd([1], [2]), operator.index(7), operator.is_(None, None), operator.is_none(0))
print(operator.length_hint([1, 2, 3]), operator.length_hint(iter(()), 4))
